import { z } from './zod'

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

export const LEDGER_KINDS = ['activity', 'report', 'redeem', 'refund'] as const
export const LedgerKind = z.enum(LEDGER_KINDS)
export type LedgerKind = z.infer<typeof LedgerKind>

export const REDEMPTION_STATUSES = ['reserved', 'picked_up', 'cancelled'] as const

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
export const PHOTO_REF_PATTERN = /^(cloud:\/\/[A-Za-z0-9._\-/]{1,250}|local:[A-Za-z0-9_-]{16,40})$/
export const PhotoRef = z.string().check(z.regex(PHOTO_REF_PATTERN, '照片无效，请重新上传'))
