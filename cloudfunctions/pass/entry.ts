import { chinaStartOfDay, PASS_REFUSALS, type AccessLog, type Courier, type PassRefusal, type VerifyOutput } from '../../types'
import type { Context } from '../shared/handler'
import { newId } from '../shared/ids'
import { checkToken } from './domain/token'
import { maskName } from './domain/mask'
import { requireKeys } from './keys'
import { countAgainstRateLimit } from './rate-limit'

export interface Checkpoint {
  communityId: string
  gateId: string
  gateName: string
  /** The guard's OPENID, or null for a courier scanning the gate's 场所码. */
  scannedBy: string | null
  /** Checks allowed per minute for `scannedBy` (guards are limited; a courier at a 场所码 is not). */
  rateLimit?: number
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

/** A courier's status → the refusal a gate gives (or OK); no record → COURIER_UNKNOWN. */
export function courierEntryCode(courier: Courier | null | undefined): PassRefusal | 'OK' {
  if (!courier) return 'COURIER_UNKNOWN'
  return courier.status === 'approved' ? 'OK' : REFUSED_BY_STATUS[courier.status]
}

const REFUSED_BY_STATUS: Record<Exclude<Courier['status'], 'approved'>, PassRefusal> = {
  pending: 'COURIER_PENDING',
  rejected: 'COURIER_REJECTED',
  suspended: 'COURIER_SUSPENDED',
}

/**
 * One gate check of a 小哥码: token (signature, kid, time) → courier's current status → shared-token check →
 * an access-log entry → only what the gate needs to know. Every outcome is logged; refusals carry a code.
 */
export async function checkEntry(ctx: Context, token: string, at: Checkpoint): Promise<VerifyOutput> {
  const now = ctx.clock.now()
  const check = checkToken(requireKeys(ctx), token, now)
  let courier: Courier | undefined
  let code: PassRefusal | 'OK' = check.ok ? 'OK' : check.code
  if (check.ok) {
    ;[courier] = await ctx.store.collection('couriers').find({ passId: check.claims.passId }, { limit: 1 })
    if (!courier) code = 'COURIER_UNKNOWN'
    else if (courier.status !== 'approved') code = REFUSED_BY_STATUS[courier.status]
  }
  const allowed = check.ok && code === 'OK'
  const destination = check.ok ? check.claims.destination : undefined

  // All writes of one check commit together: the rate count, the token's first use and the log entry.
  const suspectedShared = await ctx.store.transaction(async (tx) => {
    if (at.scannedBy && at.rateLimit) await countAgainstRateLimit(tx, at.scannedBy, at.rateLimit, now)
    let shared = false
    if (allowed) {
      // A token's first gate is remembered for its lifetime; the same token at another gate is flagged.
      const firstUse = await tx.collection('passUses').get(check.tokenId)
      if (firstUse) shared = firstUse.gateId !== at.gateId
      else await tx.collection('passUses').insert({ _id: check.tokenId, gateId: at.gateId, at: now })
    }
    await tx.collection('accessLogs').insert(
      accessLogEntry(at, { courierId: courier?._id ?? null, allowed, code: shared ? 'SUSPECTED_SHARED' : code, suspectedShared: shared, destination }, now),
    )
    return shared
  })

  if (!allowed || !courier) {
    const refusal = code === 'OK' ? 'COURIER_UNKNOWN' : code
    return { allowed: false, code: refusal, message: PASS_REFUSALS[refusal], gateName: at.gateName, checkedAt: now }
  }
  const entriesToday = await ctx.store.collection('accessLogs').count({
    communityId: at.communityId,
    courierId: courier._id,
    allowed: true,
    at: { gte: chinaStartOfDay(now) },
  })
  return {
    allowed: true,
    courier: {
      maskedName: maskName(courier.name),
      platform: courier.platform,
      photoUrl: courier.photoUrl,
      approvedSince: courier.approvedAt ?? courier.updatedAt,
      entriesToday,
    },
    ...(destination ? { destination } : {}),
    suspectedShared,
    gateName: at.gateName,
    checkedAt: now,
  }
}
