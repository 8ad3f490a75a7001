import { PASS_REFRESH_SECONDS, PASS_SUPPLY_CODES, PASS_TTL_SECONDS, chinaDateText, type Courier } from '../../types'
import { AppError } from '../shared/errors'
import type { Context, Handler } from '../shared/handler'
import { ensureAlias } from './aliases'
import { aliasKeyOf } from './domain/alias'
import { issueToken } from './domain/token'
import { requireKeys } from './keys'
import { countAgainstRateLimit } from './rate-limit'

/** Supplies a courier may fetch in any minute. */
export const SUPPLIES_PER_MINUTE = 4

const STATUS_TEXT = { pending: '待审核', rejected: '未通过', suspended: '已暂停' } as const

/** The calling courier, only while approved; anyone else is told why in their own terms. */
async function approvedCaller(ctx: Context): Promise<Courier> {
  const courier = await ctx.store.collection('couriers').get(ctx.caller.openid)
  if (!courier || courier.erasingAs) throw new AppError('NOT_APPROVED', '你还没有注册小哥认证，请先注册')
  if (courier.status !== 'approved' || !courier.passId) {
    const state = courier.status === 'approved' ? '待审核' : STATUS_TEXT[courier.status]
    const reason = courier.statusReason ? `（${courier.statusReason}）` : ''
    throw new AppError('NOT_APPROVED', `你的小哥认证${state}${reason}，暂时无法出示小哥码`)
  }
  if (courier.movementConsentAt === undefined) throw new AppError('CONSENT_REQUIRED')
  return courier
}

/**
 * Signs codes valid from each of `starts` (epoch seconds) for PASS_TTL_SECONDS, each naming the courier by the
 * alias of its own China-time day (recorded once per day).
 */
async function signCodes(ctx: Context, courier: Courier, starts: number[], destination: string | undefined) {
  const keys = requireKeys(ctx)
  const aliasKey = aliasKeyOf(keys.active.privateKey)
  const aliases = new Map<string, Promise<string>>()
  const aliasFor = (seconds: number) => {
    const day = chinaDateText(seconds * 1000)
    let alias = aliases.get(day)
    if (!alias) aliases.set(day, (alias = ensureAlias(ctx.store, aliasKey, courier, seconds * 1000)))
    return alias
  }
  return Promise.all(
    starts.map(async (issuedAt) =>
      issueToken(keys, { alias: await aliasFor(issuedAt), issuedAt, lifetime: PASS_TTL_SECONDS, destination }),
    ),
  )
}

/** A fresh 小哥码 for the calling courier, only while approved. Tokens are stateless; only the day's alias is kept. */
export const issue: Handler<'pass', 'issue'> = async ({ ctx, input }) => {
  const courier = await approvedCaller(ctx)
  const issuedAtSeconds = Math.floor(ctx.clock.now() / 1000)
  const [token] = await signCodes(ctx, courier, [issuedAtSeconds], input.destination)
  const issuedAt = issuedAtSeconds * 1000
  return {
    token,
    issuedAt,
    expiresAt: issuedAt + PASS_TTL_SECONDS * 1000,
    refreshAt: issuedAt + PASS_REFRESH_SECONDS * 1000,
  }
}

/**
 * The offline supply (PASS_SUPPLY_MINUTES of codes): one starting every PASS_REFRESH_SECONDS from now, each valid
 * for PASS_TTL_SECONDS from its start only, so a screenshot dies within a minute as online. A gate refuses a
 * stored code of a courier suspended since, at the next check it makes online.
 */
export const issueSupply: Handler<'pass', 'issueSupply'> = async ({ ctx, input }) => {
  const courier = await approvedCaller(ctx)
  // The page renews about every 10 minutes; 70 signatures a call is worth a limit.
  await countAgainstRateLimit(
    ctx.store,
    {
      key: `supply:${courier._id}`,
      limit: SUPPLIES_PER_MINUTE,
      message: (wait) => `离线小哥码获取过于频繁，请 ${wait} 秒后再试`,
    },
    ctx.clock.now(),
  )
  const nowSeconds = Math.floor(ctx.clock.now() / 1000)
  const starts = Array.from({ length: PASS_SUPPLY_CODES }, (_, i) => nowSeconds + i * PASS_REFRESH_SECONDS)
  const tokens = await signCodes(ctx, courier, starts, input.destination)
  return {
    issuedAt: nowSeconds * 1000,
    codes: tokens.map((token, i) => ({
      token,
      validFrom: starts[i] * 1000,
      expiresAt: (starts[i] + PASS_TTL_SECONDS) * 1000,
    })),
  }
}
