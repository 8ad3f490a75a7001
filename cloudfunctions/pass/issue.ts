import { PASS_REFRESH_SECONDS, PASS_TTL_SECONDS } from '../../types'
import { AppError } from '../shared/errors'
import type { Handler } from '../shared/handler'
import { issueToken } from './domain/token'
import { requireKeys } from './keys'

const STATUS_TEXT = { pending: '待审核', rejected: '未通过', suspended: '已暂停' } as const

/** A fresh 小哥码 for the calling courier, only while approved. Writes nothing: tokens are stateless. */
export const issue: Handler<'pass', 'issue'> = async ({ ctx, input }) => {
  const keys = requireKeys(ctx)
  const courier = await ctx.store.collection('couriers').get(ctx.caller.openid)
  if (!courier) throw new AppError('NOT_APPROVED', '你还没有注册小哥认证，请先注册')
  if (courier.status !== 'approved' || !courier.passId) {
    const state = courier.status === 'approved' ? '待审核' : STATUS_TEXT[courier.status]
    const reason = courier.statusReason ? `（${courier.statusReason}）` : ''
    throw new AppError('NOT_APPROVED', `你的小哥认证${state}${reason}，暂时无法出示小哥码`)
  }
  const issuedAtSeconds = Math.floor(ctx.clock.now() / 1000)
  const token = issueToken(keys, {
    passId: courier.passId,
    issuedAt: issuedAtSeconds,
    lifetime: PASS_TTL_SECONDS,
    destination: input.destination,
  })
  const issuedAt = issuedAtSeconds * 1000
  return {
    token,
    issuedAt,
    expiresAt: issuedAt + PASS_TTL_SECONDS * 1000,
    refreshAt: issuedAt + PASS_REFRESH_SECONDS * 1000,
  }
}
