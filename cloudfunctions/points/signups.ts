import type { Signup } from '../../types'
import { AppError } from '../shared/errors'
import type { Handler } from '../shared/handler'
import { phoneTail } from '../shared/mask'
import { admittedCourier, scopedDoc } from '../shared/scope'
import { StoreError } from '../shared/store/port'
import { activityOf, viewOf } from './activities'
import { activityPhase } from './domain/activity-rules'
import { signupId } from './domain/keys'

/**
 * An approved courier of the community signs up before the start. The place is taken first by a guarded
 * increment of the activity's count (atomic on its own, never past the capacity, with no transaction for
 * everyone to conflict on), then the courier's own sign-up is written; if that turns out to be a repeat, the
 * place is given back.
 */
export const signUp: Handler<'points', 'signUp'> = async ({ ctx, input }) => {
  const courier = admittedCourier(ctx.scope)
  const activity = scopedDoc(ctx.scope, 'activities')
  const now = ctx.clock.now()
  const id = signupId(activity._id, courier._id)
  const signups = ctx.store.collection('signups')
  const existing = await signups.get(id)
  if (existing?.status !== 'signed' && existing?.status !== 'attended') {
    if (activityPhase(activity, now) !== 'upcoming')
      throw new AppError('ACTIVITY_CLOSED', '活动已开始、结束或取消，不能报名')
    const activities = ctx.store.collection('activities')
    const placeTaken = await activities.update(
      activity._id,
      { inc: { signedUp: 1 } },
      { status: 'published', startAt: { gt: now }, signedUp: { lt: activity.capacity } },
    )
    if (!placeTaken) {
      const latest = await activityOf(ctx, activity._id)
      if (activityPhase(latest, now) !== 'upcoming')
        throw new AppError('ACTIVITY_CLOSED', '活动已开始、结束或取消，不能报名')
      throw new AppError('ACTIVITY_FULL', '活动名额已满')
    }
    const signup: Signup = {
      _id: id,
      activityId: activity._id,
      courierId: courier._id,
      communityId: activity.communityId,
      status: 'signed',
      at: now,
    }
    const giveBack = () => activities.update(activity._id, { inc: { signedUp: -1 } }, { signedUp: { gt: 0 } })
    let recorded: boolean
    try {
      recorded = existing
        ? await signups.update(id, { set: { status: 'signed', at: now } }, { status: 'withdrawn' })
        : await signups.insert(signup).then(
            () => true,
            (error: unknown) => {
              if (error instanceof StoreError && error.kind === 'DUPLICATE') return false
              throw error
            },
          )
    } catch (error) {
      await giveBack()
      throw error
    }
    // Not recorded: the same courier's other tap got there first; one place is enough.
    if (!recorded) await giveBack()
  }
  return { activity: viewOf(await activityOf(ctx, input.activityId), now, 'signed') }
}

/** The courier withdraws before the start, freeing the place. */
export const withdraw: Handler<'points', 'withdraw'> = async ({ ctx, input }) => {
  const courierId = admittedCourier(ctx.scope)._id
  const activity = scopedDoc(ctx.scope, 'activities')
  const now = ctx.clock.now()
  const id = signupId(activity._id, courierId)
  const signups = ctx.store.collection('signups')
  const signup = await signups.get(id)
  if (signup && signup.status !== 'withdrawn') {
    if (activityPhase(activity, now) !== 'upcoming' || signup.status !== 'signed') {
      throw new AppError('ACTIVITY_CLOSED', '活动已开始、结束或取消，不能取消报名')
    }
    // Only the call that actually withdraws gives the place back (a double tap withdraws once).
    if (await signups.update(id, { set: { status: 'withdrawn', at: now } }, { status: 'signed' })) {
      await ctx.store.collection('activities').update(activity._id, { inc: { signedUp: -1 } }, { signedUp: { gt: 0 } })
    }
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
