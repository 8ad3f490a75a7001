import {
  chinaStartOfDay,
  PASS_REFUSALS,
  type AccessLog,
  type Courier,
  type PassRefusal,
  type VerifyOutput,
} from '../../types'
import { AppError } from '../shared/errors'
import type { Context } from '../shared/handler'
import { newId } from '../shared/ids'
import { photoUrl } from '../shared/photos'
import type { AppStore } from '../shared/store/collections'
import { StoreError } from '../shared/store/port'
import { aliasRecord } from './aliases'
import { checkToken, type TokenCheck } from './domain/token'
import { maskName } from '../shared/mask'
import { requireKeys } from './keys'
import type { Keyring } from '../shared/pass-keys'
import type { RateLimitCounter } from '../shared/store/collections'
import { countAgainstRateLimit } from './rate-limit'

export interface Checkpoint {
  communityId: string
  gateId: string
  /** Shown in the answer; may still be loading while the check runs. */
  gateName: string | Promise<string>
  /** The guard's OPENID, or null for a courier scanning the gate's 场所码. */
  scannedBy: string | null
  /** Checks allowed in any minute for `scannedBy` (guards; a courier at a 场所码 is limited by enterByPlace). */
  rateLimit?: number
}

/** Where a guard checks: their gate and community, from their role binding (never from the request). */
export type GateBinding = Pick<Checkpoint, 'communityId' | 'gateId' | 'scannedBy'>

export function guardBinding(ctx: Context): GateBinding {
  const binding = ctx.caller.roles.find((r) => r.role === 'guard' && r.communityId && r.gateId)
  if (!binding?.communityId || !binding.gateId) throw new AppError('FORBIDDEN', '你还没有绑定社区门岗，无法核验小哥码')
  return { communityId: binding.communityId, gateId: binding.gateId, scannedBy: ctx.caller.openid }
}

/** What one gate check writes to the community's access log: the courier's id, never personal details. */
export function accessLogEntry(
  at: Pick<Checkpoint, 'communityId' | 'gateId' | 'scannedBy'>,
  outcome: { courierId: string | null; allowed: boolean; code: string; suspectedShared: boolean; destination?: string },
  now: number,
): AccessLog {
  return {
    _id: newId(),
    communityId: at.communityId,
    gateId: at.gateId,
    scannedBy: at.scannedBy,
    courierId: outcome.courierId,
    allowed: outcome.allowed,
    code: outcome.code,
    suspectedShared: outcome.suspectedShared,
    ...(outcome.destination ? { destination: outcome.destination } : {}),
    at: now,
  }
}

type Outcome = Parameters<typeof accessLogEntry>[1]

/**
 * Logs an allowed check. The first use of a token is logged under the token's id; if that id exists the token
 * was used before: at the same gate it is the same entry scanned again (answered with that check, nothing new
 * logged, so 今日进入 counts it once); at a different gate it is logged and answered as 疑似共享.
 */
async function logAllowedUse(
  store: AppStore,
  tokenId: string,
  at: Checkpoint,
  outcome: Outcome,
  now: number,
): Promise<{ shared: boolean; alreadyCheckedAt?: number }> {
  const logs = store.collection('accessLogs')
  try {
    await logs.insert({ ...accessLogEntry(at, outcome, now), _id: tokenId })
    return { shared: false }
  } catch (error) {
    if (!(error instanceof StoreError && error.kind === 'DUPLICATE')) throw error
  }
  const first = await logs.get(tokenId)
  if (first?.gateId === at.gateId) return { shared: false, alreadyCheckedAt: first.at }
  if (!first) {
    // purged between the two reads (older than the retention): nothing to compare with, an ordinary entry
    await logs.insert(accessLogEntry(at, outcome, now))
    return { shared: false }
  }
  await logs.insert(accessLogEntry(at, { ...outcome, suspectedShared: true, code: 'SUSPECTED_SHARED' }, now))
  return { shared: true }
}

/**
 * The reads of a gate check that need nothing but the code and the scanner's OPENID, so they can start before
 * the scanner is authorised (see `withEarlyReads`): the code's own check (no I/O), the scanner's rate count, the
 * courier the code's alias names. Nothing here is written, and nothing is used until the check runs.
 */
export interface EarlyCheck {
  now: number
  /** Null when no key is configured (the check then refuses to run). */
  token: TokenCheck | null
  /** The alias's record: which courier, on which day. */
  known: Promise<{ courierId: string } | null>
  /** That courier's record, read after the alias (or null). */
  courier: Promise<Courier | null>
  /** The rate-count document of `rateKey`. */
  rateCounter: Promise<RateLimitCounter | null> | null
  rateKey: string | null
}

export function startCheck(
  store: AppStore,
  keys: Keyring | null | undefined,
  code: string,
  now: number,
  rateKey: string | null,
): EarlyCheck {
  const token = keys ? checkToken(keys, code, now) : null
  const known = token?.ok ? aliasRecord(store, token.claims.alias, token.claims.issuedAt * 1000) : Promise.resolve(null)
  const courier = known.then((found) => (found ? store.collection('couriers').get(found.courierId) : null))
  const rateCounter = rateKey ? store.collection('rateLimits').get(rateKey) : null
  return { now, token, known, courier, rateCounter, rateKey }
}

/**
 * A courier's record → the refusal a gate gives (or OK): no record, or one being erased, is COURIER_UNKNOWN;
 * then the status; an approved courier who withdrew the entry-record consent is COURIER_NO_CONSENT.
 */
export function courierEntryCode(courier: Courier | null | undefined): PassRefusal | 'OK' {
  if (!courier || courier.erasingAs) return 'COURIER_UNKNOWN'
  if (courier.status !== 'approved') return REFUSED_BY_STATUS[courier.status]
  return courier.movementConsentAt === undefined ? 'COURIER_NO_CONSENT' : 'OK'
}

const REFUSED_BY_STATUS: Record<Exclude<Courier['status'], 'approved'>, PassRefusal> = {
  pending: 'COURIER_PENDING',
  rejected: 'COURIER_REJECTED',
  suspended: 'COURIER_SUSPENDED',
}

/**
 * One gate check of a 小哥码: token (signature, kid, time) → courier's current status → shared-token check →
 * an access-log entry → only what the gate needs to know. Every outcome is logged; refusals carry a code.
 *
 * A check writes one document, its log entry (and a guard's rate count), so needs no transaction. The first
 * allowed use of a token is logged under the token's id: the store's unique `_id` decides, even between two
 * gates checking at the same instant, which use was first; a later use at another gate is flagged 疑似共享.
 */
export async function checkEntry(ctx: Context, early: EarlyCheck, at: Checkpoint): Promise<VerifyOutput> {
  const { now } = early
  if (!early.token) {
    requireKeys(ctx) // no key is configured: this throws, saying so
    throw new AppError('INTERNAL')
  }
  const check = early.token
  // Independent round trips run together: the rate count (its document read already, beside the caller's
  // user record) and the courier (read after the alias) with their entries in this community so far today.
  const rate =
    at.scannedBy && at.rateLimit
      ? countAgainstRateLimit(
          ctx.store,
          {
            key: at.scannedBy,
            limit: at.rateLimit,
            message: (wait) => `核验过于频繁（每分钟最多 ${at.rateLimit} 次），请 ${wait} 秒后再试`,
          },
          now,
          early.rateKey === at.scannedBy ? (early.rateCounter ?? undefined) : undefined,
        )
      : Promise.resolve()
  const entries = early.known.then((found) =>
    found
      ? ctx.store.collection('accessLogs').count({
          communityId: at.communityId,
          courierId: found.courierId,
          allowed: true,
          at: { gte: chinaStartOfDay(now) },
        })
      : 0,
  )
  const [counted, read, entriesRead] = await Promise.allSettled([rate, early.courier, entries])
  // A refused (rate-limited) check writes nothing and says nothing about the code.
  if (counted.status === 'rejected') throw counted.reason
  if (read.status === 'rejected') throw read.reason
  if (entriesRead.status === 'rejected') throw entriesRead.reason
  const courier = read.value
  let code: PassRefusal | 'OK' = check.ok ? 'OK' : check.code
  if (check.ok) code = courierEntryCode(courier)
  const allowed = check.ok && code === 'OK'
  const destination = check.ok ? check.claims.destination : undefined
  // The photo's short-lived URL, minted beside the log write; a storage hiccup shows the card without it.
  const photo =
    allowed && courier?.photoUrl ? photoUrl(ctx, courier.photoUrl).catch(() => undefined) : Promise.resolve(undefined)
  // Without the consent (or while erased) the check is logged without naming the courier: no entry record.
  const named = courier && code !== 'COURIER_NO_CONSENT' && !courier.erasingAs ? courier._id : null
  const outcome = { courierId: named, allowed, code, suspectedShared: false, destination }
  let use: { shared: boolean; alreadyCheckedAt?: number } = { shared: false }
  if (check.ok && allowed) use = await logAllowedUse(ctx.store, check.tokenId, at, outcome, now)
  else await ctx.store.collection('accessLogs').insert(accessLogEntry(at, outcome, now))

  const gateName = await at.gateName
  if (!allowed || !courier) {
    const refusal = code === 'OK' ? 'COURIER_UNKNOWN' : code
    return { allowed: false, code: refusal, message: PASS_REFUSALS[refusal], gateName, checkedAt: now }
  }
  // Counted before this check was logged: this one adds an entry unless it repeats one made here a moment ago.
  const entriesToday = entriesRead.value + (use.alreadyCheckedAt === undefined ? 1 : 0)
  return {
    allowed: true,
    courier: {
      maskedName: maskName(courier.name),
      platform: courier.platform,
      photoUrl: await photo,
      approvedSince: courier.approvedAt ?? courier.updatedAt,
      entriesToday,
    },
    ...(destination ? { destination } : {}),
    suspectedShared: use.shared,
    ...(use.alreadyCheckedAt !== undefined ? { alreadyCheckedAt: use.alreadyCheckedAt } : {}),
    gateName,
    checkedAt: now,
  }
}
