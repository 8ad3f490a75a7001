import { chinaStartOfDay, PASS_REFUSALS, type Courier, type PassRefusal, type VerifyOutput } from '../../types'
import type { Context } from '../shared/handler'
import { newId } from '../shared/ids'
import { StoreError } from '../shared/store/port'
import { checkToken } from './domain/token'
import { maskName } from './domain/mask'
import { requireKeys } from './keys'

export interface Checkpoint {
  communityId: string
  gateId: string
  gateName: string
  /** The guard's OPENID, or null for a courier scanning the gate's 场所码. */
  scannedBy: string | null
}

const REFUSED_BY_STATUS: Record<Exclude<Courier['status'], 'approved'>, PassRefusal> = {
  pending: 'COURIER_PENDING',
  rejected: 'COURIER_REJECTED',
  suspended: 'COURIER_SUSPENDED',
}

/** Records the first gate a token was used at; true when it was already used at a different gate. */
async function seenAtAnotherGate(ctx: Context, tokenId: string, gateId: string, now: number): Promise<boolean> {
  const uses = ctx.store.collection('passUses')
  try {
    await uses.insert({ _id: tokenId, gateId, at: now })
    return false
  } catch (error) {
    if (!(error instanceof StoreError && error.kind === 'DUPLICATE')) throw error
    return (await uses.get(tokenId))?.gateId !== gateId
  }
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
  const suspectedShared = allowed ? await seenAtAnotherGate(ctx, check.tokenId, at.gateId, now) : false
  const destination = check.ok ? check.claims.destination : undefined

  await ctx.store.collection('accessLogs').insert({
    _id: newId(),
    communityId: at.communityId,
    gateId: at.gateId,
    scannedBy: at.scannedBy,
    courierId: courier?._id ?? null,
    allowed,
    code: suspectedShared ? 'SUSPECTED_SHARED' : code,
    suspectedShared,
    ...(destination ? { destination } : {}),
    at: now,
  })

  if (!allowed || !courier) {
    const refusal = code === 'OK' ? 'COURIER_UNKNOWN' : code
    return { allowed: false, code: refusal, message: PASS_REFUSALS[refusal], gateName: at.gateName, checkedAt: now }
  }
  const entriesToday = await ctx.store.collection('accessLogs').count({
    communityId: at.communityId,
    courierId: courier._id,
    at: { gte: chinaStartOfDay(now) },
    allowed: true,
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
    destination,
    suspectedShared,
    gateName: at.gateName,
    checkedAt: now,
  }
}
