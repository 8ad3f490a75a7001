import { z } from '../zod'
import { Cursor, Instant, MonthText } from '../dates'
import { Id } from '../entities'
import { GeoPointInput } from '../geo'
import {
  ActivityKind,
  LedgerKind,
  MAX_ACTIVITY_CAPACITY,
  MAX_ACTIVITY_POINTS,
  MAX_ITEM_COST,
  MAX_ITEM_STOCK,
  MAX_REPORT_POINTS,
  PhotoRef,
  REDEMPTION_STATUSES,
  ReportCategory,
} from '../points'
import { MultilineText, Text } from '../text'
import { PASS_MAX_CHARS, scannedText } from './pass'
import { defineFunction } from './define'

const Page = { limit: z.optional(z.int().check(z.gte(1), z.lte(50))), before: z.optional(Cursor) }

/** Where a signed-in courier stands with an activity. */
export const MySignup = z.enum(['none', 'signed', 'withdrawn', 'attended'])
export const ActivityView = z.object({
  id: Id,
  communityId: Id,
  title: z.string(),
  kind: ActivityKind,
  description: z.string(),
  place: z.string(),
  startAt: z.int(),
  endAt: z.int(),
  capacity: z.int(),
  points: z.int(),
  signedUp: z.int(),
  /** upcoming: sign-up open; ongoing: attendance window; ended; cancelled. */
  phase: z.enum(['upcoming', 'ongoing', 'ended', 'cancelled']),
  /** Whether secretaries can confirm attendance now: from 30 minutes before the start to 2 hours after the end. */
  attendanceOpen: z.boolean(),
  cancelReason: z.optional(z.string()),
  mine: MySignup,
})
export type ActivityView = z.infer<typeof ActivityView>

export const ListActivitiesInput = z.strictObject({
  /** Defaults to the caller's own community (courier record, else staff binding). */
  communityId: z.optional(Id),
  when: z.optional(z.enum(['upcoming', 'past'])),
  ...Page,
})
export const ListActivitiesOutput = z.object({ communityId: Id, activities: z.array(ActivityView) })
export type ListActivitiesOutput = z.infer<typeof ListActivitiesOutput>

export const SaveActivityInput = z
  .strictObject({
    communityId: Id,
    /** Absent: publish a new activity. Present: edit it (only before it starts). */
    activityId: z.optional(Id),
    title: Text(2, 40, '活动名称'),
    kind: ActivityKind,
    description: MultilineText(0, 500, '活动说明'),
    place: Text(2, 60, '活动地点'),
    /** Bounded absolutely here; how far ahead of now is the handler's rule (ACTIVITY_HORIZON_MS). */
    startAt: Instant,
    endAt: Instant,
    capacity: z
      .number()
      .check(
        z.int('人数须为整数'),
        z.gte(1, '人数至少 1 人'),
        z.lte(MAX_ACTIVITY_CAPACITY, `人数最多 ${MAX_ACTIVITY_CAPACITY} 人`),
      ),
    points: z
      .number()
      .check(
        z.int('积分须为整数'),
        z.gte(1, '积分至少 1 分'),
        z.lte(MAX_ACTIVITY_POINTS, `积分最多 ${MAX_ACTIVITY_POINTS} 分`),
      ),
  })
  .check(
    z.refine((a) => a.endAt > a.startAt, { message: '结束时间须晚于开始时间', path: ['endAt'] }),
    z.refine((a) => a.endAt - a.startAt <= 24 * 3600_000, { message: '一次活动最长 24 小时', path: ['endAt'] }),
  )
export type SaveActivityInput = z.infer<typeof SaveActivityInput>
export const SaveActivityOutput = z.object({ activity: ActivityView })

export const CancelActivityInput = z.strictObject({ activityId: Id, reason: Text(2, 100, '取消原因') })
export const CancelActivityOutput = z.object({ activity: ActivityView, signupsToTell: z.int() })

export const ActivityRefInput = z.strictObject({ activityId: Id })
export const SignUpOutput = z.object({ activity: ActivityView })

export const SignupView = z.object({
  courierId: Id,
  name: z.string(),
  phoneTail: z.string(),
  status: z.enum(['signed', 'withdrawn', 'attended']),
  at: z.int(),
})
export const ListSignupsOutput = z.object({ activity: ActivityView, signups: z.array(SignupView) })

/** Attendance: the secretary scans the courier's 小哥码 (token) or picks them from the sign-up list (courierId). */
export const AttendInput = z
  .strictObject({ activityId: Id, token: z.optional(scannedText(PASS_MAX_CHARS * 4)), courierId: z.optional(Id) })
  .check(
    z.refine((a) => (a.token === undefined) !== (a.courierId === undefined), {
      message: '请扫描小哥码或选择报名的小哥（二选一）',
    }),
  )
export const AttendOutput = z.object({
  /** False when this courier had already been awarded for this activity (nothing was added). */
  awarded: z.boolean(),
  points: z.int(),
  maskedName: z.string(),
  courierId: Id,
})

export const LedgerView = z.object({
  id: Id,
  delta: z.int(),
  kind: LedgerKind,
  title: z.string(),
  byStaff: z.boolean(),
  at: z.int(),
})
export const MyPointsInput = z.strictObject({ ...Page })
export const MyPointsOutput = z.object({
  balance: z.int(),
  earned: z.int(),
  entries: z.array(LedgerView),
})
export type MyPointsOutput = z.infer<typeof MyPointsOutput>

export const ItemView = z.object({
  id: Id,
  stationId: Id,
  stationName: z.string(),
  name: z.string(),
  cost: z.int(),
  stock: z.int(),
  hidden: z.boolean(),
})
export type ItemView = z.infer<typeof ItemView>
export const ListItemsInput = z.strictObject({ communityId: z.optional(Id), includeHidden: z.optional(z.boolean()) })
export const ListItemsOutput = z.object({ communityId: Id, items: z.array(ItemView) })
export type ListItemsOutput = z.infer<typeof ListItemsOutput>

export const SaveItemInput = z
  .strictObject({
    stationId: Id,
    itemId: z.optional(Id),
    name: Text(1, 30, '物品名称'),
    cost: z
      .number()
      .check(
        z.int('积分须为整数'),
        z.gte(1, '兑换积分至少 1 分'),
        z.lte(MAX_ITEM_COST, `兑换积分最多 ${MAX_ITEM_COST} 分`),
      ),
    stock: z
      .number()
      .check(z.int('库存须为整数'), z.gte(0, '库存不能为负数'), z.lte(MAX_ITEM_STOCK, `库存最多 ${MAX_ITEM_STOCK}`)),
    /**
     * Editing: the stock the form showed when it was opened. The stock moves by `stock − stockWas`, so units
     * redeemed meanwhile stay taken (a rename never puts them back).
     */
    stockWas: z.optional(z.int().check(z.gte(0), z.lte(MAX_ITEM_STOCK))),
    hidden: z.optional(z.boolean()),
  })
  .check(
    z.refine((a) => a.itemId === undefined || a.stockWas !== undefined, {
      message: '修改物品时须带上打开表单时的库存（stockWas）',
      path: ['stockWas'],
    }),
  )
export const SaveItemOutput = z.object({ item: ItemView })

export const RedemptionView = z.object({
  id: Id,
  itemName: z.string(),
  stationName: z.string(),
  cost: z.int(),
  pickupCode: z.string(),
  status: z.enum(REDEMPTION_STATUSES),
  at: z.int(),
  closedAt: z.optional(z.int()),
})
export type RedemptionView = z.infer<typeof RedemptionView>
export const RedeemInput = z.strictObject({
  itemId: Id,
  /** The client's idempotency key for this one request: the same key twice gives the same redemption. */
  requestKey: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,40}$/, '请求编号无效')),
})
export const RedeemOutput = z.object({ redemption: RedemptionView, balance: z.int() })
export const MyRedemptionsInput = z.strictObject({ ...Page })
export const MyRedemptionsOutput = z.object({ redemptions: z.array(RedemptionView) })
export const ConfirmPickupInput = z.strictObject({
  stationId: Id,
  pickupCode: z.string().check(z.regex(/^\d{6}$/, '取货码为 6 位数字')),
})
export const ConfirmPickupOutput = z.object({ redemption: RedemptionView, maskedName: z.string() })
export const CancelRedemptionInput = z.strictObject({ redemptionId: Id })
export const CancelRedemptionOutput = z.object({ redemption: RedemptionView })

export const RankingInput = z.strictObject({
  communityId: z.optional(Id),
  month: z.optional(MonthText),
})
export const RankingOutput = z.object({
  communityId: Id,
  month: z.string(),
  leaders: z.array(
    z.object({
      rank: z.int(),
      maskedName: z.string(),
      points: z.int(),
      isMe: z.boolean(),
    }),
  ),
  me: z.nullable(z.object({ rank: z.int(), points: z.int() })),
})
export type RankingOutput = z.infer<typeof RankingOutput>

export const SubmitReportInput = z.strictObject({
  category: ReportCategory,
  text: MultilineText(5, 300, '情况说明'),
  location: z.optional(GeoPointInput),
  photo: z.optional(PhotoRef),
})
export const ReportView = z.object({
  id: Id,
  category: ReportCategory,
  text: z.string(),
  location: z.optional(z.object({ lat: z.number(), lng: z.number() })),
  /** A short-lived URL of the photo (never the stored reference). */
  photo: z.optional(z.string()),
  status: z.enum(['pending', 'accepted', 'rejected']),
  reason: z.optional(z.string()),
  points: z.optional(z.int()),
  createdAt: z.int(),
  /** Staff lists only: who reported (masked). */
  maskedName: z.optional(z.string()),
  /**
   * Content security markers, absent when all is well. Staff see every marker; the courier sees only
   * `photoCheck: 'risky'`, which explains why the photo is missing (a risky photo is shown to staff only).
   */
  textCheck: z.optional(z.enum(['review', 'unchecked'])),
  photoCheck: z.optional(z.enum(['checking', 'review', 'risky', 'unchecked'])),
})
export type ReportView = z.infer<typeof ReportView>
export const SubmitReportOutput = z.object({ report: ReportView })
export const ListReportsInput = z.strictObject({
  /** Staff: the community's queue (default status pending). Couriers: omit, and see their own reports. */
  communityId: z.optional(Id),
  status: z.optional(z.enum(['pending', 'accepted', 'rejected'])),
  ...Page,
})
export const ListReportsOutput = z.object({ reports: z.array(ReportView) })
export type ListReportsOutput = z.infer<typeof ListReportsOutput>
export const ReviewReportInput = z
  .strictObject({
    reportId: Id,
    decision: z.enum(['accept', 'reject']),
    points: z.optional(
      z.int().check(z.gte(1, '积分至少 1 分'), z.lte(MAX_REPORT_POINTS, `积分最多 ${MAX_REPORT_POINTS} 分`)),
    ),
    reason: z.optional(Text(2, 100, '原因')),
  })
  .check(
    z.refine((r) => r.decision === 'accept' || r.reason !== undefined, {
      message: '驳回时请填写原因',
      path: ['reason'],
    }),
  )
export const ReviewReportOutput = z.object({ report: ReportView })

export const AddWishInput = z.strictObject({ stationId: Id, name: Text(1, 30, '心愿物品') })
export const WishView = z.object({
  stationId: Id,
  stationName: z.string(),
  name: z.string(),
  count: z.int(),
  mine: z.boolean(),
})
export type WishView = z.infer<typeof WishView>
export const AddWishOutput = z.object({ wish: WishView })
export const ListWishesInput = z.strictObject({ communityId: z.optional(Id) })
export const ListWishesOutput = z.object({ communityId: Id, wishes: z.array(WishView) })
export type ListWishesOutput = z.infer<typeof ListWishesOutput>

/** The community's stations that can keep an exchange catalogue or receive wishes. */
export const ListStationsInput = z.strictObject({ communityId: z.optional(Id) })
export const ListStationsOutput = z.object({
  communityId: Id,
  stations: z.array(z.object({ id: Id, name: z.string(), address: z.string() })),
})
export type ListStationsOutput = z.infer<typeof ListStationsOutput>

export const NoticeView = z.object({
  id: Id,
  kind: z.enum(['activity_cancelled', 'activity_changed']),
  title: z.string(),
  body: z.string(),
  at: z.int(),
  read: z.boolean(),
})
export type NoticeView = z.infer<typeof NoticeView>
export const MyNoticesInput = z.strictObject({ limit: z.optional(z.int().check(z.gte(1), z.lte(50))) })
export const MyNoticesOutput = z.object({ unread: z.int(), notices: z.array(NoticeView) })
export type MyNoticesOutput = z.infer<typeof MyNoticesOutput>
export const MarkNoticesReadInput = z.strictObject({})
export const MarkNoticesReadOutput = z.object({ marked: z.int() })

export const pointsContract = defineFunction({
  listActivities: { input: ListActivitiesInput, output: ListActivitiesOutput },
  saveActivity: { input: SaveActivityInput, output: SaveActivityOutput },
  cancelActivity: { input: CancelActivityInput, output: CancelActivityOutput },
  signUp: { input: ActivityRefInput, output: SignUpOutput },
  withdraw: { input: ActivityRefInput, output: SignUpOutput },
  listSignups: { input: ActivityRefInput, output: ListSignupsOutput },
  attend: { input: AttendInput, output: AttendOutput },
  myPoints: { input: MyPointsInput, output: MyPointsOutput },
  listItems: { input: ListItemsInput, output: ListItemsOutput },
  saveItem: { input: SaveItemInput, output: SaveItemOutput },
  redeem: { input: RedeemInput, output: RedeemOutput },
  myRedemptions: { input: MyRedemptionsInput, output: MyRedemptionsOutput },
  confirmPickup: { input: ConfirmPickupInput, output: ConfirmPickupOutput },
  cancelRedemption: { input: CancelRedemptionInput, output: CancelRedemptionOutput },
  ranking: { input: RankingInput, output: RankingOutput },
  submitReport: { input: SubmitReportInput, output: SubmitReportOutput },
  listReports: { input: ListReportsInput, output: ListReportsOutput },
  reviewReport: { input: ReviewReportInput, output: ReviewReportOutput },
  addWish: { input: AddWishInput, output: AddWishOutput },
  listWishes: { input: ListWishesInput, output: ListWishesOutput },
  listStations: { input: ListStationsInput, output: ListStationsOutput },
  myNotices: { input: MyNoticesInput, output: MyNoticesOutput },
  markNoticesRead: { input: MarkNoticesReadInput, output: MarkNoticesReadOutput },
})
