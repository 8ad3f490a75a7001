import { z } from './zod'
import { IsoWeek } from './dates'
import { AMENITIES, Amenity, CourierStatus, Id, Platform, ReviewDecision, Role, RoleBinding } from './entities'
import { GeoPoint } from './geo'
import { OpeningHours } from './hours'
import { Fen } from './money'
import { SCENE_KEY_PATTERN } from './place-scene'
import { ActivityKind, LedgerKind, PhotoRef, REDEMPTION_STATUSES, ReportCategory } from './points'
import { THEME_STATUSES, ThemeSlotView } from './services'
import { StaffEvent, StaffRole } from './staff'

/*
 * The documents the functions store: the collections of cloudfunctions/shared/store/collections.ts. Only the
 * functions read them; what a client sees of a document is a view in the contract (contract/), with its own
 * explicit list of fields. So the app's builds leave this module out (config/index.ts), and nothing here may be
 * needed by the app.
 */

// users, couriers, communities, their places and gates, review decisions, entry records

export const User = z.object({
  _id: Id, // the OPENID
  nickname: z.string().check(z.maxLength(32)),
  roles: z.array(RoleBinding),
  createdAt: z.int(),
})
export type User = z.infer<typeof User>
/** A courier's registration. Personal details live only here; logs refer to the courier by id. */
export const Courier = z.object({
  _id: Id, // the courier's OPENID
  name: z.string().check(z.minLength(2), z.maxLength(20)),
  phone: z.string().check(z.regex(/^1\d{10}$/)),
  platform: Platform,
  riderId: z.string().check(z.minLength(1), z.maxLength(32)),
  communityId: Id,
  status: CourierStatus,
  statusReason: z.optional(z.string().check(z.maxLength(200))),
  approvedAt: z.optional(z.int()),
  /** Random 6-byte id (base64url) carried in 小哥码 tokens instead of the OPENID; assigned at first approval. */
  passId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{8}$/))),
  photoUrl: z.optional(z.string().check(z.maxLength(256))),
  /** A replacement photo waiting for a secretary: the green card keeps `photoUrl` until it is approved. */
  photoPending: z.optional(z.string().check(z.maxLength(256))),
  /** When `photoPending` was sent (the review queue's order); the last replacement's rejection, if any. */
  photoPendingAt: z.optional(z.int()),
  photoRejectedAt: z.optional(z.int()),
  photoRejectedReason: z.optional(z.string().check(z.maxLength(200))),
  /** When the privacy rules were accepted (PIPL Art. 14): registration requires it. */
  privacyConsentAt: z.optional(z.int()),
  /**
   * When the courier consented to entry records (行踪轨迹, PIPL Art. 29): registration requires it. Absent after
   * the courier withdrew it (`movementConsentWithdrawnAt`): no code is issued nor checked until given again.
   */
  movementConsentAt: z.optional(z.int()),
  movementConsentWithdrawnAt: z.optional(z.int()),
  /**
   * Set when the courier asked to delete their account: codes are dead from then on, and the erasure (which
   * takes several steps, account/erase.ts) re-keys their ledger and history under this anonymous id. A crash
   * half-way is finished by asking again.
   */
  erasingAs: z.optional(z.string().check(z.regex(/^anon_[A-Za-z0-9_-]{16}$/))),
  createdAt: z.int(),
  updatedAt: z.int(),
})
export type Courier = z.infer<typeof Courier>
export const Community = z.object({
  _id: Id,
  name: z.string().check(z.minLength(1), z.maxLength(40)),
  street: z.string().check(z.maxLength(40)), // 街道
  district: z.string().check(z.maxLength(40)), // 区
  city: z.string().check(z.maxLength(20)),
  location: GeoPoint,
})
export type Community = z.infer<typeof Community>
/** Fields every place on the map shares. `coordsApproximate` marks seed data placed by hand. */
const PlaceFields = {
  _id: Id,
  name: z.string().check(z.minLength(1), z.maxLength(40)),
  communityId: Id,
  address: z.string().check(z.maxLength(80)),
  location: GeoPoint,
  coordsApproximate: z.boolean(),
  hours: OpeningHours,
  phone: z.optional(z.string().check(z.maxLength(20))),
  note: z.optional(z.string().check(z.maxLength(200))),
  hidden: z.boolean(),
  updatedAt: z.int(),
}
/** 驿站: a courier station. */
export const Station = z.object({
  ...PlaceFields,
  amenities: z.array(Amenity).check(z.maxLength(AMENITIES.length)),
})
export type Station = z.infer<typeof Station>
/** 骑士餐: an affordable meal served at a canteen. */
export const Meal = z.object({
  ...PlaceFields,
  dish: z.string().check(z.maxLength(60)),
  priceFen: Fen,
  dailyQuota: z.optional(z.int().check(z.gte(1), z.lte(10_000))),
})
export type Meal = z.infer<typeof Meal>
/** 暖心房 / 蓝领公寓: rooms below market rent. */
export const Room = z.object({
  ...PlaceFields,
  unitType: z.string().check(z.maxLength(20)),
  monthlyRentFen: Fen,
  marketRentFen: Fen,
  unitsAvailable: z.int().check(z.gte(0), z.lte(10_000)),
  conditions: z.string().check(z.maxLength(200)),
})
export type Room = z.infer<typeof Room>
/** A community gate. Guards are bound to one (their role binding; the staff roster lists them); a printable 场所码 names it. */
export const Gate = z.object({
  _id: Id,
  communityId: Id,
  name: z.string().check(z.minLength(1), z.maxLength(20)),
  /** The random key in the `scene` of the gate's 小程序码, made when the first one is requested. */
  sceneKey: z.optional(z.string().check(z.regex(SCENE_KEY_PATTERN))),
  createdAt: z.int(),
})
export type Gate = z.infer<typeof Gate>
/** Every review decision on a courier, kept: who decided what, when and why. */
export const ReviewLog = z.object({
  _id: Id,
  courierId: Id,
  communityId: Id,
  decision: ReviewDecision,
  reason: z.optional(z.string().check(z.maxLength(200))),
  from: CourierStatus,
  to: CourierStatus,
  by: Id,
  at: z.int(),
})
export type ReviewLog = z.infer<typeof ReviewLog>
/**
 * One gate check. Holds the courier's id only, never name or phone: movement data (行踪轨迹) is sensitive
 * personal information under PIPL Art. 28, kept for a bounded time and then purged.
 */
export const AccessLog = z.object({
  _id: Id,
  communityId: Id,
  gateId: Id,
  /** The guard's OPENID, or null when the courier scanned the gate's 场所码 themselves. */
  scannedBy: z.nullable(Id),
  courierId: z.nullable(Id),
  allowed: z.boolean(),
  code: z.string().check(z.maxLength(40)),
  suspectedShared: z.boolean(),
  destination: z.optional(z.string().check(z.maxLength(24))),
  at: z.int(),
  /** Checked on the guard's phone without network, and uploaded at `uploadedAt`. */
  offline: z.optional(z.boolean()),
  uploadedAt: z.optional(z.int()),
  /** Let in offline, but the server finds the courier may not enter (suspended meanwhile, unknown, bad code). */
  lateRefusal: z.optional(z.boolean()),
})
export type AccessLog = z.infer<typeof AccessLog>

// the stations' weekly themes

/**
 * A station's service theme for one ISO week (本周主题, "月月换主题"). One document per station and week
 * (id from both), so there is never more than one published theme for a station's week.
 */
export const WeeklyTheme = z.object({
  _id: Id,
  stationId: Id,
  communityId: Id,
  week: IsoWeek,
  /** China-time midnight starting the week's Monday, and the next Monday's: for range queries by month. */
  weekStart: z.int(),
  weekEnd: z.int(),
  title: z.string(),
  description: z.string(),
  slots: z.array(ThemeSlotView),
  status: z.enum(THEME_STATUSES),
  updatedBy: Id,
  createdAt: z.int(),
  updatedAt: z.int(),
})
export type WeeklyTheme = z.infer<typeof WeeklyTheme>

// volunteer activities, points, exchange, 随手拍, wishes, notices

/** A volunteer activity a secretary publishes for their community. Times are epoch ms (shown in China time). */
export const Activity = z.object({
  _id: Id,
  communityId: Id,
  title: z.string(),
  kind: ActivityKind,
  description: z.string(),
  place: z.string(),
  startAt: z.int(),
  endAt: z.int(),
  capacity: z.int(),
  points: z.int(),
  status: z.enum(['published', 'cancelled']),
  cancelReason: z.optional(z.string()),
  /** Set with a change of time or place until the signed-up couriers are told (a retried save tells them). */
  changeNoticePending: z.optional(z.boolean()),
  /** Couriers currently signed up: moved only together with a sign-up document, guarded by `capacity`. */
  signedUp: z.int(),
  createdBy: Id,
  createdAt: z.int(),
  updatedAt: z.int(),
})
export type Activity = z.infer<typeof Activity>
/** One courier's place in an activity; id `${activityId}_${courierId}`. */
export const Signup = z.object({
  _id: Id,
  activityId: Id,
  courierId: Id,
  communityId: Id,
  status: z.enum(['signed', 'withdrawn', 'attended']),
  at: z.int(),
  attendedAt: z.optional(z.int()),
  /** When the courier was reminded that the activity starts soon (points/reminders.ts): once per sign-up. */
  remindedAt: z.optional(z.int()),
})
export type Signup = z.infer<typeof Signup>
/** The cached balance of a courier: moved only in the same transaction as a ledger entry. id = courier id. */
export const PointsAccount = z.object({
  _id: Id,
  balance: z.int(),
  /** Points ever earned (awards only), for the 先锋榜. */
  earned: z.int(),
  updatedAt: z.int(),
})
export type PointsAccount = z.infer<typeof PointsAccount>
/**
 * One change of a balance. Append-only; the id is the change's unique key (`activity_<activity>_<courier>`,
 * `redeem_<redemption>`, `refund_<redemption>`), so a retried award or redemption can never count twice.
 */
export const LedgerEntry = z.object({
  _id: Id,
  courierId: Id,
  communityId: Id,
  delta: z.int(),
  kind: LedgerKind,
  /** The activity, report or redemption it came from. */
  ref: Id,
  /** What people read in the history (activity title, item name). */
  title: z.string(),
  /** Who caused it: the secretary who confirmed, or the courier who redeemed. */
  by: Id,
  at: z.int(),
})
export type LedgerEntry = z.infer<typeof LedgerEntry>
/** Points earned per courier, community and China-time month; id `${month}_${community}_${courier}`. */
export const MonthlyEarned = z.object({
  _id: Id,
  month: z.string().check(z.regex(/^\d{4}-\d{2}$/)),
  communityId: Id,
  courierId: Id,
  points: z.int(),
  updatedAt: z.int(),
})
export type MonthlyEarned = z.infer<typeof MonthlyEarned>
/** A catalogue item at an exchange station (a 驿站 of the community). */
export const ExchangeItem = z.object({
  _id: Id,
  stationId: Id,
  communityId: Id,
  name: z.string(),
  cost: z.int(),
  stock: z.int(),
  hidden: z.boolean(),
  createdAt: z.int(),
  updatedAt: z.int(),
})
export type ExchangeItem = z.infer<typeof ExchangeItem>
/** A redemption; id derived from the courier and their request key, so one request gives one redemption. */
export const Redemption = z.object({
  _id: Id,
  courierId: Id,
  communityId: Id,
  stationId: Id,
  itemId: Id,
  itemName: z.string(),
  cost: z.int(),
  pickupCode: z.string().check(z.regex(/^\d{6}$/)),
  status: z.enum(REDEMPTION_STATUSES),
  at: z.int(),
  closedAt: z.optional(z.int()),
  closedBy: z.optional(Id),
})
export type Redemption = z.infer<typeof Redemption>
/** Holds a pickup code while its redemption is open, so two open redemptions of a station never share one. */
export const PickupCodeClaim = z.object({ _id: Id, redemptionId: Id })
export type PickupCodeClaim = z.infer<typeof PickupCodeClaim>
/**
 * WeChat content security (cloud.openapi.security, CloudBase only). `pass` / `review` / `risky` are WeChat's
 * `result.suggest`; `checking`: a photo handed to WeChat, whose verdict arrives later as a wxa_media_check push;
 * `unchecked`: WeChat could not be asked or never answered (logged), so a person must look.
 */
export const CONTENT_CHECK_STATUSES = ['checking', 'pass', 'review', 'risky', 'unchecked'] as const
export const ContentCheckStatus = z.enum(CONTENT_CHECK_STATUSES)
export type ContentCheckStatus = z.infer<typeof ContentCheckStatus>
/** How long a photo may stay `checking` before it counts as `unchecked` (WeChat pushes within 30 minutes). */
export const MEDIA_CHECK_WAIT_MS = 60 * 60 * 1000
/** One content check as stored on the checked document. Absent: no check ran (the local cloud, older data). */
export const ContentCheckRecord = z.object({
  status: ContentCheckStatus,
  /** WeChat's trace id: for a photo, the key that matches the asynchronous push to this report. */
  traceId: z.optional(z.string()),
  /** WeChat's label (100 normal, 20002 色情, …) when it gave one. */
  label: z.optional(z.int()),
  /** When WeChat was asked. */
  askedAt: z.int(),
  /** When the verdict arrived (photos). */
  decidedAt: z.optional(z.int()),
})
export type ContentCheckRecord = z.infer<typeof ContentCheckRecord>
export const HazardReport = z.object({
  _id: Id,
  courierId: Id,
  communityId: Id,
  category: ReportCategory,
  text: z.string(),
  location: z.optional(z.object({ lat: z.number(), lng: z.number() })),
  photo: z.optional(PhotoRef),
  status: z.enum(['pending', 'accepted', 'rejected']),
  reason: z.optional(z.string()),
  points: z.optional(z.int()),
  reviewedBy: z.optional(Id),
  reviewedAt: z.optional(z.int()),
  createdAt: z.int(),
  /** The text's check: never `risky` (a risky text is refused and not stored). */
  textCheck: z.optional(ContentCheckRecord),
  photoCheck: z.optional(ContentCheckRecord),
})
export type HazardReport = z.infer<typeof HazardReport>
/** A courier's wish for an item at a station (心愿清单); id from courier, station and the item's name. */
export const Wish = z.object({
  _id: Id,
  courierId: Id,
  stationId: Id,
  communityId: Id,
  name: z.string(),
  at: z.int(),
})
export type Wish = z.infer<typeof Wish>
/** How many couriers wish for an item at a station; moved in the same transaction as each wish. */
export const WishTally = z.object({
  _id: Id,
  stationId: Id,
  communityId: Id,
  name: z.string(),
  count: z.int(),
  updatedAt: z.int(),
})
export type WishTally = z.infer<typeof WishTally>
/** Something a courier should hear about, e.g. an activity they signed up for was cancelled. */
export const Notice = z.object({
  _id: Id,
  courierId: Id,
  kind: z.enum(['activity_cancelled', 'activity_changed']),
  title: z.string(),
  body: z.string(),
  ref: Id,
  at: z.int(),
  readAt: z.optional(z.int()),
})
export type Notice = z.infer<typeof Notice>

// invitations, rosters, the staff log

export const INVITATION_STATUSES = ['open', 'used', 'revoked'] as const
export const InvitationStatus = z.enum(INVITATION_STATUSES)
export const Invitation = z.object({
  /** SHA-256 of the code (base64url, 32 characters): whoever reads the database cannot accept it. */
  _id: Id,
  communityId: Id,
  role: StaffRole,
  /** A guard's gate (required for guards). */
  gateId: z.optional(Id),
  /** Who it is meant for, as the inviter wrote it (e.g. 王师傅): shown to staff, never checked. */
  note: z.optional(z.string().check(z.maxLength(20))),
  createdBy: Id,
  createdAt: z.int(),
  expiresAt: z.int(),
  status: InvitationStatus,
  usedBy: z.optional(Id),
  closedAt: z.optional(z.int()),
  closedBy: z.optional(Id),
})
export type Invitation = z.infer<typeof Invitation>
/**
 * A community's roster, one document per person and role: the users' role bindings are the truth for access;
 * this is their index by community (filters cannot look inside the role arrays) and carries the names shown.
 */
export const StaffMember = z.object({
  /** SHA-256 of community, role and OPENID: one per person and role, and no OPENID in what staff pages see. */
  _id: Id,
  communityId: Id,
  openid: Id,
  role: StaffRole,
  gateId: z.optional(Id),
  name: z.string().check(z.minLength(1), z.maxLength(20)),
  grantedBy: Id,
  grantedAt: z.int(),
})
export type StaffMember = z.infer<typeof StaffMember>
/** Every grant, acceptance and revocation: who did it to whom, when. Kept with the community. */
export const StaffLogEntry = z.object({
  _id: Id,
  communityId: Id,
  event: StaffEvent,
  role: StaffRole,
  gateId: z.optional(Id),
  /** The person the event is about, by name (the invitee's note for an invitation). */
  subjectName: z.optional(z.string().check(z.maxLength(20))),
  by: Id,
  byName: z.string().check(z.maxLength(32)),
  at: z.int(),
})
export type StaffLogEntry = z.infer<typeof StaffLogEntry>

// who read a courier's personal data

/**
 * A staff member read a courier's personal details (the review card: full name, rider id, photo). One document
 * per reader, courier, kind of read and China-time day, so a busy queue writes little; the courier sees them on
 * 我的数据 (PIPL Art. 45: who processed what).
 */
export const DataRead = z.object({
  _id: Id,
  courierId: Id,
  communityId: Id,
  by: Id,
  role: Role,
  what: z.enum(['review']),
  day: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  at: z.int(),
})
export type DataRead = z.infer<typeof DataRead>
