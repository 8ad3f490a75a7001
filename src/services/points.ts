import type { ActionInput, ActionOutput } from '../../types'
import { call } from './cloud'

/*
 * Volunteer points: activities and attendance, the ledger, the exchange and the 先锋榜. Thin typed wrappers:
 * the contract (types/contract/points.ts) checks every request and reply in `call`.
 */

export type ActivityView = ActionOutput<'points', 'listActivities'>['activities'][number]
export type ActivityPhase = ActivityView['phase']
export type SaveActivityRequest = ActionInput<'points', 'saveActivity'>
export type SignupView = ActionOutput<'points', 'listSignups'>['signups'][number]
export type SignupList = ActionOutput<'points', 'listSignups'>
export type AttendResult = ActionOutput<'points', 'attend'>
export type LedgerView = ActionOutput<'points', 'myPoints'>['entries'][number]
export type MyPoints = ActionOutput<'points', 'myPoints'>
export type ItemView = ActionOutput<'points', 'listItems'>['items'][number]
export type SaveItemRequest = ActionInput<'points', 'saveItem'>
export type RedemptionView = ActionOutput<'points', 'myRedemptions'>['redemptions'][number]
export type RedeemResult = ActionOutput<'points', 'redeem'>
export type PickupResult = ActionOutput<'points', 'confirmPickup'>
export type Ranking = ActionOutput<'points', 'ranking'>
export type ReportView = ActionOutput<'points', 'listReports'>['reports'][number]
export type ReportStatus = ReportView['status']
export type SubmitReportRequest = ActionInput<'points', 'submitReport'>
export type WishView = ActionOutput<'points', 'listWishes'>['wishes'][number]
export type StationView = ActionOutput<'points', 'listStations'>['stations'][number]

/** A page of a list: at most `limit` entries older than `before` (the cursor of the last one shown). */
export interface PageQuery {
  limit?: number
  before?: number
}

const page = ({ limit, before }: PageQuery = {}) => ({
  ...(limit === undefined ? {} : { limit }),
  ...(before === undefined ? {} : { before }),
})

export interface ActivitiesQuery extends PageQuery {
  /** The caller's own community when absent (a courier's home, a secretary's binding). */
  communityId?: string
  when: 'upcoming' | 'past'
}

export function listActivities(query: ActivitiesQuery): Promise<ActionOutput<'points', 'listActivities'>> {
  return call('points', {
    action: 'listActivities',
    when: query.when,
    ...(query.communityId ? { communityId: query.communityId } : {}),
    ...page(query),
  })
}

/** Publishes an activity (no `activityId`) or edits one that has not started. */
export function saveActivity(input: SaveActivityRequest): Promise<{ activity: ActivityView }> {
  return call('points', { action: 'saveActivity', ...input })
}

/** Cancels an activity; the cloud tells the couriers signed up (`signupsToTell` of them). */
export function cancelActivity(activityId: string, reason: string): Promise<ActionOutput<'points', 'cancelActivity'>> {
  return call('points', { action: 'cancelActivity', activityId, reason })
}

export function signUp(activityId: string): Promise<{ activity: ActivityView }> {
  return call('points', { action: 'signUp', activityId })
}

export function withdraw(activityId: string): Promise<{ activity: ActivityView }> {
  return call('points', { action: 'withdraw', activityId })
}

/** An activity's sign-up list (secretary, admin). */
export function listSignups(activityId: string): Promise<SignupList> {
  return call('points', { action: 'listSignups', activityId })
}

/**
 * Confirms a courier's attendance, by their scanned 小哥码 (`token`) or picked from the sign-up list
 * (`courierId`). Awards the activity's points once: `awarded: false` means they already had them.
 */
export function attend(activityId: string, by: { token: string } | { courierId: string }): Promise<AttendResult> {
  return call('points', { action: 'attend', activityId, ...by })
}

/** The caller's balance, points ever earned, and one page of their ledger, newest first. */
export function myPoints(query: PageQuery = {}): Promise<MyPoints> {
  return call('points', { action: 'myPoints', ...page(query) })
}

/** A community's exchange catalogue (the caller's own when absent); staff may include hidden items. */
export function listItems(
  query: { communityId?: string; includeHidden?: boolean } = {},
): Promise<ActionOutput<'points', 'listItems'>> {
  return call('points', {
    action: 'listItems',
    ...(query.communityId ? { communityId: query.communityId } : {}),
    ...(query.includeHidden ? { includeHidden: true } : {}),
  })
}

/** Adds an item to a station's catalogue (no `itemId`) or changes one. */
export function saveItem(input: SaveItemRequest): Promise<{ item: ItemView }> {
  return call('points', { action: 'saveItem', ...input })
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const KEY_LENGTH = 22

/**
 * A fresh idempotency key for one redemption request (22 base64url characters, ~130 bits). A page makes one
 * per confirmed tap and sends the same one again when the user retries that request, so a retry after a lost
 * reply gives back the same redemption instead of a second one. Uniqueness, not secrecy, is what matters (the
 * cloud scopes keys to the courier), so Math.random stands in where the runtime has no crypto (WeChat).
 */
export function newRequestKey(): string {
  const cryptoApi = (globalThis as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } }).crypto
  const bytes = new Uint8Array(KEY_LENGTH)
  if (cryptoApi?.getRandomValues) cryptoApi.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  let key = ''
  for (const byte of bytes) key += KEY_ALPHABET[byte & 63]
  return key
}

/** Redeems an item: points and stock are taken together, and a pickup code comes back with the new balance. */
export function redeem(itemId: string, requestKey: string): Promise<RedeemResult> {
  return call('points', { action: 'redeem', itemId, requestKey })
}

export function myRedemptions(query: PageQuery = {}): Promise<{ redemptions: RedemptionView[] }> {
  return call('points', { action: 'myRedemptions', ...page(query) })
}

/** Station staff hand over a redeemed item: the 6-digit pickup code shown on the courier's phone. */
export function confirmPickup(stationId: string, pickupCode: string): Promise<PickupResult> {
  return call('points', { action: 'confirmPickup', stationId, pickupCode })
}

/** Cancels an unclaimed redemption: the points and the stock go back. */
export function cancelRedemption(redemptionId: string): Promise<{ redemption: RedemptionView }> {
  return call('points', { action: 'cancelRedemption', redemptionId })
}

/** The 先锋榜: points earned (not spent) in a China-time month ("YYYY-MM", this month when absent). */
export function ranking(query: { communityId?: string; month?: string } = {}): Promise<Ranking> {
  return call('points', {
    action: 'ranking',
    ...(query.communityId ? { communityId: query.communityId } : {}),
    ...(query.month ? { month: query.month } : {}),
  })
}

/** 随手拍: a courier reports a hazard (the photo, if any, uploaded first with services/photo). */
export function submitReport(input: SubmitReportRequest): Promise<{ report: ReportView }> {
  return call('points', { action: 'submitReport', ...input })
}

export interface ReportsQuery extends PageQuery {
  /** Staff: the community's queue (oldest first; `before` then means "after"). Absent: the caller's own reports. */
  communityId?: string
  status?: ReportStatus
}

export function listReports(query: ReportsQuery = {}): Promise<{ reports: ReportView[] }> {
  return call('points', {
    action: 'listReports',
    ...(query.communityId ? { communityId: query.communityId } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...page(query),
  })
}

export type ReportDecision = { decision: 'accept'; points: number } | { decision: 'reject'; reason: string }

/** A secretary accepts a report (awarding `points` once) or rejects it with a reason the courier sees. */
export function reviewReport(reportId: string, decision: ReportDecision): Promise<{ report: ReportView }> {
  return call('points', { action: 'reviewReport', reportId, ...decision })
}

/** 心愿清单: wishes for an item at a station of my community; each courier counts once per item. */
export function addWish(stationId: string, name: string): Promise<{ wish: WishView }> {
  return call('points', { action: 'addWish', stationId, name })
}

/** A ranking's places as people read them: tied counts share a place (1, 2, 2, 4). */
export function wishRanks(wishes: ReadonlyArray<Pick<WishView, 'count'>>): number[] {
  return wishes.map((wish) => 1 + wishes.filter((other) => other.count > wish.count).length)
}

/** A community's wishes (the caller's own when absent), most wished first. */
export function listWishes(query: { communityId?: string } = {}): Promise<ActionOutput<'points', 'listWishes'>> {
  return call('points', { action: 'listWishes', ...(query.communityId ? { communityId: query.communityId } : {}) })
}

/** A community's stations (the caller's own when absent): where items are kept and wishes are made. */
export function listStations(query: { communityId?: string } = {}): Promise<ActionOutput<'points', 'listStations'>> {
  return call('points', { action: 'listStations', ...(query.communityId ? { communityId: query.communityId } : {}) })
}

export type Notices = ActionOutput<'points', 'myNotices'>

/** The courier's latest notices (an activity cancelled or moved) and how many are unread. */
export function myNotices(): Promise<Notices> {
  return call('points', { action: 'myNotices', limit: 10 })
}

export function markNoticesRead(): Promise<ActionOutput<'points', 'markNoticesRead'>> {
  return call('points', { action: 'markNoticesRead' })
}
