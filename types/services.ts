import { z } from 'zod'
import { Id } from './entities'

/** An ISO week in China time: "2026-W48". */
export const IsoWeek = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, '周次格式应为 YYYY-Www')
export const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
export const MonthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')

/** One dated service slot of a weekly theme (a free clinic on Wednesday 14:00–17:00). Times in China time. */
export const ThemeSlot = z.object({
  date: DateText,
  start: z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm'),
  end: z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, '时间格式应为 HH:mm'),
  title: z.string().trim().min(1, '请填写服务内容').max(40, '服务内容最多 40 个字'),
})
export type ThemeSlot = z.infer<typeof ThemeSlot>

export const THEME_STATUSES = ['draft', 'published', 'withdrawn'] as const

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
  weekStart: z.number().int(),
  weekEnd: z.number().int(),
  title: z.string(),
  description: z.string(),
  slots: z.array(ThemeSlot),
  status: z.enum(THEME_STATUSES),
  updatedBy: Id,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
})
export type WeeklyTheme = z.infer<typeof WeeklyTheme>
