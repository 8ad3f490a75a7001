import { PASS_REFUSALS, type Courier } from '../../types'
import { courierByAlias } from '../pass/aliases'
import { checkToken } from '../pass/domain/token'
import { verifyKeysOf } from '../shared/config'
import { AppError } from '../shared/errors'
import type { Context, Handler } from '../shared/handler'
import { maskName } from '../shared/mask'
import { scopedDoc } from '../shared/scope'
import { canConfirmAttendance } from './domain/activity-rules'
import { MAY_NOT_EARN_MESSAGE, mayEarnPoints } from './domain/award-rules'
import { activityAwardId, signupId } from './domain/keys'
import { appendEntry } from './ledger'

/** The courier a 小哥码 names, checked exactly as at a gate (signature, key, time, current status). */
async function courierByToken(ctx: Context, token: string): Promise<Courier> {
  const keys = verifyKeysOf(ctx.config)
  if (!keys) {
    console.error('[points] no 小哥码 public keys configured: set PASS_PUBLIC_KEYS')
    throw new AppError('INTERNAL', '小哥码服务尚未配置，请联系管理员')
  }
  const check = checkToken(keys, token, ctx.clock.now())
  if (!check.ok) throw new AppError('BAD_REQUEST', PASS_REFUSALS[check.code])
  const courier = await courierByAlias(ctx.store, check.claims.alias, check.claims.issuedAt * 1000)
  if (!courier) throw new AppError('NOT_FOUND', PASS_REFUSALS.COURIER_UNKNOWN)
  return courier
}

/**
 * Attendance (secretary of the activity's community, during the activity window): by the courier's 小哥码 or
 * picked from the sign-up list. The courier must be signed up and approved. The award is one transaction keyed
 * by activity + courier, so a second scan or a retried request awards nothing (`awarded: false`).
 */
export const attend: Handler<'points', 'attend'> = async ({ ctx, input }) => {
  const activity = scopedDoc(ctx.scope, 'activities')
  const now = ctx.clock.now()
  if (!canConfirmAttendance(activity, now))
    throw new AppError('ACTIVITY_CLOSED', '现在不在活动签到时间内（开始前 30 分钟至结束后 2 小时）')
  const courier = input.token
    ? await courierByToken(ctx, input.token)
    : await ctx.store.collection('couriers').get(input.courierId ?? '')
  if (!courier) throw new AppError('NOT_FOUND', PASS_REFUSALS.COURIER_UNKNOWN)
  if (courier._id === ctx.caller.openid) throw new AppError('FORBIDDEN', '不能给自己记分，请由社区其他工作人员确认')
  if (!mayEarnPoints(courier)) throw new AppError('NOT_APPROVED', MAY_NOT_EARN_MESSAGE)

  const id = signupId(activity._id, courier._id)
  const awarded = await ctx.store.transaction(async (tx) => {
    // Cancelled meanwhile: no award (re-read inside the transaction, so a concurrent cancel wins or waits).
    if ((await tx.collection('activities').get(activity._id))?.status !== 'published') {
      throw new AppError('ACTIVITY_CLOSED', '活动已取消，不能记分')
    }
    const signups = tx.collection('signups')
    const signup = await signups.get(id)
    if (!signup || signup.status === 'withdrawn') throw new AppError('NOT_SIGNED_UP', '该小哥没有报名这个活动')
    const added = await appendEntry(tx, {
      _id: activityAwardId(activity._id, courier._id),
      courierId: courier._id,
      communityId: activity.communityId,
      delta: activity.points,
      kind: 'activity',
      ref: activity._id,
      title: activity.title,
      by: ctx.caller.openid,
      at: now,
    })
    if (added) await signups.update(id, { set: { status: 'attended', attendedAt: now } })
    return added
  })
  return { awarded, points: activity.points, maskedName: maskName(courier.name), courierId: courier._id }
}
