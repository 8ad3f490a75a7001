import type {
  AccessLog,
  Activity,
  Community,
  Courier,
  DataRead,
  ExchangeItem,
  HazardReport,
  Invitation,
  Gate,
  LedgerEntry,
  Meal,
  MonthlyEarned,
  Notice,
  PickupCodeClaim,
  PointsAccount,
  Redemption,
  ReviewLog,
  Room,
  Signup,
  Station,
  StaffLogEntry,
  StaffMember,
  User,
  WeeklyTheme,
  Wish,
  WishTally,
} from '../../../types'
import type { Store } from './port'

/** One key's calls let through in the last minute (pass/rate-limit.ts); `version` guards every write. */
export interface RateLimitCounter {
  _id: string
  times: number[]
  version?: number
}

/** Every collection the functions use, with the document type it holds. */
export interface Collections {
  users: User
  couriers: Courier
  communities: Community
  stations: Station
  meals: Meal
  rooms: Room
  gates: Gate
  reviewLogs: ReviewLog
  /** One entry per gate check; the first allowed use of a token is stored under the token's id. */
  accessLogs: AccessLog
  /** Per-day pseudonyms inside 小哥码 (pass/domain/alias.ts) → the courier they name. */
  passAliases: { _id: string; courierId: string; day: string; at: number }
  /**
   * The calls let through in the last minute, per rate-limited key (a guard's OPENID for gate checks,
   * `place:` + a courier's for 场所码 scans), with a version for guarded writes.
   */
  rateLimits: RateLimitCounter
  activities: Activity
  signups: Signup
  pointsAccounts: PointsAccount
  ledger: LedgerEntry
  monthlyEarned: MonthlyEarned
  exchangeItems: ExchangeItem
  redemptions: Redemption
  pickupCodes: PickupCodeClaim
  reports: HazardReport
  wishes: Wish
  wishTallies: WishTally
  notices: Notice
  themes: WeeklyTheme
  invitations: Invitation
  staff: StaffMember
  staffLogs: StaffLogEntry
  /** Reservations of a counter move: what keeps stock and places right through a crash (points/holds.ts). */
  counterHolds: CounterHold
  /** Staff reads of a courier's personal data, shown to the courier on 我的数据. */
  dataReads: DataRead
  [name: string]: { _id: string }
}

/** A counter on a busy document: an exchange item's stock, an activity's places. */
export interface CounterRef {
  collection: 'exchangeItems' | 'activities'
  id: string
  field: 'stock' | 'signedUp'
  /** How a take moves it (-1 stock, +1 places); a give moves it back the other way. */
  delta: number
}

/**
 * One move of a counter and the record it is for (points/holds.ts): a take (`open` → `recorded` | `released`)
 * or a give (`owed` → `given`), with the lease of whoever may work on it.
 */
export interface CounterHold {
  _id: string
  kind: 'take' | 'give'
  counter: CounterRef
  record: { collection: 'redemptions' | 'signups'; id: string }
  state: 'open' | 'recorded' | 'released' | 'owed' | 'given'
  at: number
  leaseUntil: number
}

export type AppStore = Store<Collections>

/**
 * Fields that are queried, per collection: the SQLite adapter creates an index for each, and `npm run deploy`
 * creates the same ones in the CloudBase environment (scripts/deploy/database.ts).
 * A composite index lists several fields. Every collection must be listed here (tests snapshot them all).
 */
export const INDEXES: Record<string, string[][]> = {
  users: [],
  // phone and platform + riderId: the review card's duplicate flags (account/review-queue.ts)
  couriers: [['communityId', 'status'], ['passId'], ['phone'], ['platform', 'riderId']],
  gates: [['communityId'], ['sceneKey']],
  reviewLogs: [['courierId']],
  accessLogs: [
    ['communityId', 'at'],
    ['communityId', 'courierId', 'allowed', 'at'],
    ['at'], // the daily purge of expired entries
  ],
  rateLimits: [],
  passAliases: [['day']], // the purge of past days' aliases
  activities: [
    ['communityId', 'startAt'],
    ['status', 'startAt'],
  ], // the reminders of activities about to start
  signups: [
    ['activityId', 'at'],
    ['courierId', 'at'],
    ['activityId', 'status', 'remindedAt'],
  ],
  pointsAccounts: [],
  ledger: [['courierId', 'at']],
  monthlyEarned: [['communityId', 'month', 'points']],
  exchangeItems: [['communityId', 'createdAt']],
  redemptions: [
    ['courierId', 'at'],
    ['communityId', 'status'],
  ],
  pickupCodes: [],
  reports: [
    ['communityId', 'status', 'createdAt'],
    ['courierId', 'createdAt'],
    ['photoCheck.traceId'], // WeChat's asynchronous photo verdict finds its report
  ],
  wishes: [],
  wishTallies: [['communityId', 'count']],
  notices: [
    ['courierId', 'at'],
    ['courierId', 'readAt'],
  ],
  themes: [
    ['stationId', 'weekStart'],
    ['communityId', 'weekStart'],
  ],
  communities: [],
  invitations: [['communityId', 'status', 'createdAt']],
  staff: [['communityId', 'role']],
  staffLogs: [['communityId', 'at']],
  // the reconciliation timer's stale holds; a take still open for a record (a copy of the request in flight)
  counterHolds: [['leaseUntil'], ['record.id', 'state']],
  dataReads: [['courierId', 'at'], ['at']], // 我的数据's who-looked list; the daily purge
  // Nearby searches: a latitude range on the index, the longitude range checked from the same index entries
  // (so rows outside the box are never read).
  stations: [['location.lat', 'location.lng'], ['communityId']],
  meals: [['location.lat', 'location.lng'], ['communityId']],
  rooms: [['location.lat', 'location.lng'], ['communityId']],
}
