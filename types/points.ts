import { z } from './zod'
import { Id } from './entities'

/** Volunteer activity kinds, as the cities' programmes name them. */
export const ACTIVITY_KINDS = ['平安夜巡', '随手拍', '食安监督', '社会救助', '文明宣传', '其他'] as const
export const ActivityKind = z.enum(ACTIVITY_KINDS)
export type ActivityKind = z.infer<typeof ActivityKind>

export const MAX_ACTIVITY_CAPACITY = 500
export const MAX_ACTIVITY_POINTS = 100
export const MAX_ITEM_COST = 100_000
export const MAX_ITEM_STOCK = 100_000
/**
 * How far ahead an activity may start: a year covers every programme's calendar, and anything later is a
 * typo (a year 2062 for 2026) that would sit at the top of every courier's list. Checked by the handler,
 * which knows now; the contract bounds instants absolutely (dates.ts).
 */
export const ACTIVITY_HORIZON_DAYS = 365
export const ACTIVITY_HORIZON_MS = ACTIVITY_HORIZON_DAYS * 86_400_000

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

export const LEDGER_KINDS = ['activity', 'report', 'redeem', 'refund'] as const
export const LedgerKind = z.enum(LEDGER_KINDS)
export type LedgerKind = z.infer<typeof LedgerKind>

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

export const REDEMPTION_STATUSES = ['reserved', 'picked_up', 'cancelled'] as const
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

/** 随手拍: what a courier reports. */
export const REPORT_CATEGORIES = [
  '消防通道堵塞',
  '电动车违规充电',
  '道路设施损坏',
  '环境卫生',
  '食品安全',
  '不文明行为',
  '其他',
] as const
export const ReportCategory = z.enum(REPORT_CATEGORIES)
export type ReportCategory = z.infer<typeof ReportCategory>
export const MAX_REPORT_POINTS = 50
export const REPORT_POINTS_DEFAULT = 5

/**
 * A photo already stored: a CloudBase file id (weapp uploads with `wx.cloud.uploadFile`) or a local upload id
 * (the local cloud keeps photos under `.data/uploads/`).
 */
export const PhotoRef = z
  .string()
  .check(z.regex(/^(cloud:\/\/[A-Za-z0-9._\-/]{1,250}|local:[A-Za-z0-9_-]{16,40})$/, '照片无效，请重新上传'))

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
