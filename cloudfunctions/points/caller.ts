import type { Courier } from '../../types'
import { AppError } from '../shared/errors'
import type { Context } from '../shared/handler'
import { hasCommunityRole } from '../shared/policy'

/** The caller's own courier record, which must be approved to take part. */
export async function approvedCourier(ctx: Context): Promise<Courier> {
  const courier = await ctx.store.collection('couriers').get(ctx.caller.openid)
  if (!courier) throw new AppError('NOT_APPROVED', '请先注册成为认证小哥')
  if (courier.status !== 'approved') throw new AppError('NOT_APPROVED', '你的小哥认证尚未通过或已暂停，暂时不能参加')
  return courier
}

/**
 * The community a listing is for: the one asked for, if the caller belongs to it (their courier record, or a
 * secretary binding; admins everywhere); else the caller's own.
 */
export async function communityFor(ctx: Context, requested: string | undefined): Promise<string> {
  const courier = await ctx.store.collection('couriers').get(ctx.caller.openid)
  const own = courier?.communityId ?? ctx.caller.roles.find((r) => r.role === 'secretary' && r.communityId)?.communityId
  const communityId = requested ?? own
  if (!communityId) throw new AppError('NOT_FOUND', '请先选择社区')
  if (communityId !== courier?.communityId && !hasCommunityRole(ctx.caller, ['secretary'], communityId)) {
    throw new AppError('FORBIDDEN', '只能查看自己所在社区的活动和兑换')
  }
  return communityId
}
