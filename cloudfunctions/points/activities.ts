import {
  ACTIVITY_HORIZON_DAYS,
  ACTIVITY_HORIZON_MS,
  formatChina,
  type Activity,
  type ActivityView,
  type Signup,
} from '../../types'
import { AppError } from '../shared/errors'
import type { Context, Handler } from '../shared/handler'
import { newId } from '../shared/ids'
import { activityNotice } from '../shared/notice-messages'
import { notifyAll } from '../shared/notify'
import { scopedCommunity, scopedDoc } from '../shared/scope'
import { activityPhase, canConfirmAttendance } from './domain/activity-rules'
import { signupId } from './domain/keys'
import { tellSignedUp } from './notices'

const DEFAULT_PAGE = 20

export function viewOf(activity: Activity, now: number, mine: Signup['status'] | 'none' = 'none'): ActivityView {
  return {
    id: activity._id,
    communityId: activity.communityId,
    title: activity.title,
    kind: activity.kind,
    description: activity.description,
    place: activity.place,
    startAt: activity.startAt,
    endAt: activity.endAt,
    capacity: activity.capacity,
    points: activity.points,
    signedUp: activity.signedUp,
    phase: activityPhase(activity, now),
    attendanceOpen: canConfirmAttendance(activity, now),
    ...(activity.cancelReason ? { cancelReason: activity.cancelReason } : {}),
    mine,
  }
}

export async function activityOf(ctx: Context, activityId: string): Promise<Activity> {
  const activity = await ctx.store.collection('activities').get(activityId)
  if (!activity) throw new AppError('NOT_FOUND', '没有这个活动')
  return activity
}

/**
 * A community's activities: upcoming (not yet ended, soonest first) or past (newest first), each with the
 * caller's own sign-up state.
 */
export const listActivities: Handler<'points', 'listActivities'> = async ({ ctx, input }) => {
  const communityId = scopedCommunity(ctx.scope)
  const now = ctx.clock.now()
  const limit = input.limit ?? DEFAULT_PAGE
  const past = input.when === 'past'
  // Activities last at most 24 h, so "not yet ended" is "started less than a day ago or later".
  const activities = past
    ? await ctx.store
        .collection('activities')
        .find(
          { communityId, startAt: { lt: Math.min(now, input.before ?? now) } },
          { orderBy: [['startAt', 'desc']], limit: limit * 2 },
        )
    : await ctx.store
        .collection('activities')
        .find(
          { communityId, startAt: { gt: input.before ?? now - 24 * 3600_000 } },
          { orderBy: [['startAt', 'asc']], limit: limit * 2 },
        )
  const shown = activities.filter((a) => (past ? a.endAt <= now : a.endAt > now)).slice(0, limit)
  const signups = ctx.store.collection('signups')
  const views = await Promise.all(
    shown.map(async (a) => viewOf(a, now, (await signups.get(signupId(a._id, ctx.caller.openid)))?.status ?? 'none')),
  )
  return { communityId, activities: views }
}

/** Publishes a new activity, or edits one that has not started (secretary of the community). */
export const saveActivity: Handler<'points', 'saveActivity'> = async ({ ctx, input }) => {
  const now = ctx.clock.now()
  if (input.startAt <= now) throw new AppError('BAD_REQUEST', '开始时间须晚于现在')
  if (input.startAt > now + ACTIVITY_HORIZON_MS)
    throw new AppError('BAD_REQUEST', `活动最多提前 ${ACTIVITY_HORIZON_DAYS} 天发布`)
  const fields = {
    title: input.title,
    kind: input.kind,
    description: input.description,
    place: input.place,
    startAt: input.startAt,
    endAt: input.endAt,
    capacity: input.capacity,
    points: input.points,
  }
  const activities = ctx.store.collection('activities')
  if (!input.activityId) {
    if (!(await ctx.store.collection('communities').get(input.communityId)))
      throw new AppError('NOT_FOUND', '没有这个社区')
    const activity: Activity = {
      _id: `act_${newId()}`,
      communityId: input.communityId,
      ...fields,
      status: 'published',
      signedUp: 0,
      createdBy: ctx.caller.openid,
      createdAt: now,
      updatedAt: now,
    }
    await activities.insert(activity)
    return { activity: viewOf(activity, now) }
  }
  const current = scopedDoc(ctx.scope, 'activities')
  if (activityPhase(current, now) !== 'upcoming')
    throw new AppError('ACTIVITY_CLOSED', '活动已开始、结束或取消，不能再修改')
  // Guarded: still published, not started, and not below the couriers already signed up. A change of time or
  // place is marked as owed to the signed-up couriers in the same write, so a crash before they are told does
  // not lose the news: the next save (the client's retry) tells them.
  const moved = fields.startAt !== current.startAt || fields.endAt !== current.endAt || fields.place !== current.place
  const changed = await activities.update(
    current._id,
    { set: { ...fields, updatedAt: now, ...(moved ? { changeNoticePending: true } : {}) } },
    { status: 'published', startAt: { gt: now }, signedUp: { lte: input.capacity } },
  )
  // Not modified: refused by the guard, or the same save again in the same millisecond (nothing to change).
  const latest = changed ? null : await activityOf(ctx, current._id)
  const repeated =
    latest !== null &&
    activityPhase(latest, now) === 'upcoming' &&
    Object.entries(fields).every(([key, value]) => latest[key as keyof typeof fields] === value)
  if (latest && !repeated) {
    if (latest.signedUp > input.capacity)
      throw new AppError('INVALID_STATE', `已有 ${latest.signedUp} 人报名，人数上限不能低于报名人数`)
    throw new AppError('ACTIVITY_CLOSED', '活动已开始、结束或取消，不能再修改')
  }
  const saved = await activityOf(ctx, current._id)
  if (saved.changeNoticePending) {
    // keyed by the new time and place: told again after a crash, each courier still hears it once
    const { newlyTold } = await tellSignedUp(
      ctx,
      saved._id,
      `${saved._id}@${saved.startAt}@${saved.endAt}@${saved.place}`,
      {
        kind: 'activity_changed',
        title: `活动「${saved.title}」的时间或地点有变`,
        body: `${formatChina(saved.startAt, 'M月D日 HH:mm')}–${formatChina(saved.endAt, 'HH:mm')}，${saved.place}`,
      },
    )
    // cleared only if no later save moved it again meanwhile (that save tells its own news)
    await activities.update(
      saved._id,
      { unset: ['changeNoticePending'] },
      { startAt: saved.startAt, endAt: saved.endAt, place: saved.place },
    )
    const note = `新时间 ${formatChina(saved.startAt, 'M月D日 HH:mm')}，${saved.place}`
    await notifyAll(
      ctx,
      newlyTold.map((courierId) => activityNotice(courierId, 'changed', saved, note)),
    )
  }
  return { activity: viewOf(saved, now) }
}

/** Cancels an activity that has not ended; the answer says how many signed-up couriers are told (a repeat
 *  answers the same and tells whoever a crash left untold). */
export const cancelActivity: Handler<'points', 'cancelActivity'> = async ({ ctx, input }) => {
  const activity = scopedDoc(ctx.scope, 'activities')
  const now = ctx.clock.now()
  if (activity.status !== 'cancelled') {
    if (activity.endAt <= now) throw new AppError('ACTIVITY_CLOSED', '活动已结束，不能取消')
    await ctx.store
      .collection('activities')
      .update(
        activity._id,
        { set: { status: 'cancelled', cancelReason: input.reason, updatedAt: now } },
        { status: 'published' },
      )
  }
  const cancelled = await activityOf(ctx, activity._id)
  if (cancelled.status !== 'cancelled') throw new AppError('CONFLICT')
  // Each signed-up courier gets a notice (on 我的) and sees the reason on the activity in their list. Notices
  // are keyed by activity and courier, so a repeat of the call (after a crash half-way through the list) tells
  // whoever was not told yet, with the reason first given, and nobody twice.
  const reason = cancelled.cancelReason ?? input.reason
  const { signedUp, newlyTold } = await tellSignedUp(ctx, activity._id, activity._id, {
    kind: 'activity_cancelled',
    title: `活动「${activity.title}」已取消`,
    body: `原因：${reason}`,
  })
  // only those told just now: a repeat of the call messages nobody twice
  await notifyAll(
    ctx,
    newlyTold.map((courierId) => activityNotice(courierId, 'cancelled', cancelled, `原因：${reason}`)),
  )
  return { activity: viewOf(cancelled, now), signupsToTell: signedUp }
}
