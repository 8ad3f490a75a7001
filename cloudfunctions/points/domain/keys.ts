import { createHash, randomInt } from 'node:crypto'

/**
 * Document ids that are also uniqueness keys. Each is a short hash of what makes the thing unique, so ids stay
 * within the 64-character id limit whatever the OPENIDs, and the same request always lands on the same id.
 */
function digest(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest().subarray(0, 16).toString('base64url')
}

/** One sign-up per courier and activity. */
export const signupId = (activityId: string, courierId: string) => `su_${digest([activityId, courierId])}`
/** One award per courier and activity: the ledger entry's id. */
export const activityAwardId = (activityId: string, courierId: string) =>
  `aw_${digest(['activity', activityId, courierId])}`
/** One redemption per courier and client request key. */
export const redemptionId = (courierId: string, requestKey: string) => `rd_${digest([courierId, requestKey])}`
export const redeemEntryId = (redemption: string) => `${redemption}_out`
export const refundEntryId = (redemption: string) => `${redemption}_back`
/** A pickup code held by an open redemption of a station. */
export const pickupClaimId = (stationId: string, code: string) => `pk_${digest([stationId])}_${code}`
export const monthlyEarnedId = (month: string, communityId: string, courierId: string) =>
  `me_${month}_${digest([communityId, courierId])}`

export function newPickupCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0')
}

/** Wishes are counted per station and item name, whatever its spacing or letter case. */
export function wishName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase()
}
export const wishId = (courierId: string, stationId: string, name: string) =>
  `wi_${digest([courierId, stationId, wishName(name)])}`
export const wishTallyId = (stationId: string, name: string) => `wt_${digest([stationId, wishName(name)])}`
/** One award per accepted report. */
export const reportAwardId = (reportId: string) => `${reportId}_award`
/** One notice per courier, activity and kind of news (a retried cancellation tells once). */
export const noticeId = (kind: string, ref: string, courierId: string) => `nt_${digest([kind, ref, courierId])}`
