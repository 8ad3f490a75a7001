import type { Signup } from '../../types'
import { AppError } from '../shared/errors'
import type { Handler } from '../shared/handler'
import { phoneTail } from '../shared/mask'
import { admittedCourier, scopedDoc } from '../shared/scope'
import { activityOf, viewOf } from './activities'
import { activityPhase } from './domain/activity-rules'
import { signupId } from './domain/keys'
import { discardRefused, openTake, owedIn, settleSoon, settleTakeIn, takeInFlight, takeUnit } from './holds'

/**
 * An approved courier of the community signs up before the start. The place is taken first by a guarded
 * increment of the activity's count (atomic on its own, never past the capacity, with no transaction for
 * everyone to conflict on), then the courier's own sign-up is written. The place moves through a hold
 * (holds.ts) settled in the sign-up's transaction: whatever dies when, a place is taken exactly when a
 * sign-up holds it, and a repeat (a double tap) gives its place back.
 */
export const signUp: Handler<'points', 'signUp'> = async ({ ctx, input }) => {
  const courier = admittedCourier(ctx.scope)
  const activity = scopedDoc(ctx.scope, 'activities')
  const now = ctx.clock.now()
  const id = signupId(activity._id, courier._id)
  const existing = await ctx.store.collection('signups').get(id)
  if (existing?.status !== 'signed' && existing?.status !== 'attended') {
    if (activityPhase(activity, now) !== 'upcoming')
      throw new AppError('ACTIVITY_CLOSED', '活动已开始、结束或取消，不能报名')
    const hold = await openTake(
      ctx.store,
      { collection: 'activities', id: activity._id, field: 'signedUp', delta: 1 },
      { collection: 'signups', id },
      now,
    )
    let taken: boolean
    try {
      taken = await takeUnit(ctx.store, hold, {
        status: 'published',
        startAt: { gt: now },
        signedUp: { lt: activity.capacity },
      })
    } catch (error) {
      await settleSoon(ctx.store, hold) // the update may have been applied: the mark tells
      throw error
    }
    if (!taken) {
      await discardRefused(ctx.store, hold)
      // The same courier's other tap, a moment earlier, may have taken the last place: then they are signed up,
      // or are being signed up. In this order: a tap whose hold is no longer open has recorded its sign-up by then.
      const inFlight = await takeInFlight(ctx.store, { collection: 'signups', id })
      const [latest, signup] = await Promise.all([
        activityOf(ctx, activity._id),
        ctx.store.collection('signups').get(id),
      ])
      if (signup?.status === 'signed' || signup?.status === 'attended')
        return { activity: viewOf(latest, now, 'signed') }
      if (inFlight) throw new AppError('CONFLICT', '正在为你报名，请稍后刷新查看')
      if (activityPhase(latest, now) !== 'upcoming')
        throw new AppError('ACTIVITY_CLOSED', '活动已开始、结束或取消，不能报名')
      throw new AppError('ACTIVITY_FULL', '活动名额已满')
    }
    let outcome: 'recorded' | 'released'
    try {
      outcome = await ctx.store.transaction(async (tx) => {
        const signups = tx.collection('signups')
        const current = await signups.get(id)
        if (current?.status === 'signed' || current?.status === 'attended') {
          await settleTakeIn(tx, hold, 'released') // the same courier's other tap got there first
          return 'released' as const
        }
        if (current) await signups.update(id, { set: { status: 'signed', at: now } })
        else {
          const signup: Signup = {
            _id: id,
            activityId: activity._id,
            courierId: courier._id,
            communityId: activity.communityId,
            status: 'signed',
            at: now,
          }
          await signups.insert(signup)
        }
        await settleTakeIn(tx, hold, 'recorded')
        return 'recorded' as const
      })
    } catch (error) {
      await settleSoon(ctx.store, hold)
      throw error
    }
    await settleSoon(ctx.store, hold, outcome)
  }
  return { activity: viewOf(await activityOf(ctx, input.activityId), now, 'signed') }
}

/**
 * The courier withdraws before the start, freeing the place: the sign-up is closed and the place owed back in
 * one transaction, then given (holds.ts), so a crash in between cannot keep it. A double tap withdraws once.
 */
export const withdraw: Handler<'points', 'withdraw'> = async ({ ctx, input }) => {
  const courierId = admittedCourier(ctx.scope)._id
  const activity = scopedDoc(ctx.scope, 'activities')
  const now = ctx.clock.now()
  const id = signupId(activity._id, courierId)
  const signup = await ctx.store.collection('signups').get(id)
  if (signup && signup.status !== 'withdrawn') {
    if (activityPhase(activity, now) !== 'upcoming' || signup.status !== 'signed') {
      throw new AppError('ACTIVITY_CLOSED', '活动已开始、结束或取消，不能取消报名')
    }
    const owed = await ctx.store.transaction(async (tx) => {
      const signups = tx.collection('signups')
      if ((await signups.get(id))?.status !== 'signed') return null
      await signups.update(id, { set: { status: 'withdrawn', at: now } })
      return owedIn(
        tx,
        { collection: 'activities', id: activity._id, field: 'signedUp', delta: 1 },
        { collection: 'signups', id },
        now,
      )
    })
    if (owed) await settleSoon(ctx.store, owed)
  }
  return { activity: viewOf(await activityOf(ctx, input.activityId), now, 'withdrawn') }
}

/** The sign-up list of an activity (secretary of its community): names, phone tails and states. */
export const listSignups: Handler<'points', 'listSignups'> = async ({ ctx }) => {
  const activity = scopedDoc(ctx.scope, 'activities')
  const signups = await ctx.store
    .collection('signups')
    .find({ activityId: activity._id }, { orderBy: [['at', 'asc']], limit: 1000 })
  const ids = signups.map((s) => s.courierId)
  const couriers = ids.length ? await ctx.store.collection('couriers').find({ _id: { in: ids } }, { limit: 1000 }) : []
  const byId = new Map(couriers.map((c) => [c._id, c]))
  return {
    activity: viewOf(activity, ctx.clock.now()),
    signups: signups.map((s) => ({
      courierId: s.courierId,
      name: byId.get(s.courierId)?.name ?? '（已注销）',
      phoneTail: phoneTail(byId.get(s.courierId)?.phone ?? ''),
      status: s.status,
      at: s.at,
    })),
  }
}
