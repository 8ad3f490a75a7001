import { z } from './zod'
import { isoWeekStart } from './time'

/**
 * Dates, months, weeks, times of day and instants as the contract accepts them: real ones. A text that only
 * looks like a date ("2026-02-30", which Date.parse reads as 2 March) is refused, not rolled over.
 *
 * Years are bounded to 2000–2099: every date this service handles (entries, rankings, themes, activities)
 * falls in its own lifetime, and the bound keeps "0000-01" and 9e15 ms out without the contract knowing
 * "now". How far ahead something may be planned relative to now is the handlers' rule (themes: 26 weeks,
 * activities: ACTIVITY_HORIZON_MS).
 */
export const YEAR_MIN = 2000
export const YEAR_MAX = 2099
/** 2000-01-01T00:00Z and 2100-01-01T00:00Z: the instants the contract accepts lie between. */
export const INSTANT_MIN = Date.UTC(YEAR_MIN, 0, 1)
export const INSTANT_MAX = Date.UTC(YEAR_MAX + 1, 0, 1)

function yearOk(text: string): boolean {
  const year = Number(text.slice(0, 4))
  return year >= YEAR_MIN && year <= YEAR_MAX
}

/** Whether "YYYY-MM-DD" names a day of the Gregorian calendar. */
export function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return false
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

const YEARS = `须在 ${YEAR_MIN}–${YEAR_MAX} 年之间`

/** A China-time calendar day "2026-11-23". */
export const DateText = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
  z.superRefine((text, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return // the format's own message says it
    if (!yearOk(text)) ctx.addIssue({ code: 'custom', message: `日期${YEARS}` })
    else if (!isRealDate(text)) ctx.addIssue({ code: 'custom', message: `没有这一天：${text}` })
  }),
)

/** A China-time month "2026-11". */
export const MonthText = z.string().check(
  z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'),
  z.refine((text) => !/^\d{4}-/.test(text) || yearOk(text), `月份${YEARS}`),
)

/** An ISO week in China time "2026-W48" that exists (2025 has no week 53). */
export const IsoWeek = z.string().check(
  z.regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, '周次格式应为 YYYY-Www'),
  z.superRefine((text, ctx) => {
    if (!/^\d{4}-W\d{2}$/.test(text)) return
    if (!yearOk(text)) ctx.addIssue({ code: 'custom', message: `周次${YEARS}` })
    else if (isoWeekStart(text) === null) ctx.addIssue({ code: 'custom', message: `没有这个周次：${text}` })
  }),
)

/** "HH:mm" that starts something: 00:00–23:59 ("24:00" ends a day, it never starts anything). */
export const StartTime = z.string().check(
  z.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, {
    error: (issue) => (issue.input === '24:00' ? '开始时间不能是 24:00（24:00 只能作结束时间）' : '时间格式应为 HH:mm'),
  }),
)
/** "HH:mm" that ends something: 00:00–23:59, or "24:00" for midnight at the end of the day. */
export const EndTime = z.string().check(z.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, '时间格式应为 HH:mm'))

/** An epoch-millisecond instant between INSTANT_MIN and INSTANT_MAX. */
export const Instant = z
  .number()
  .check(z.int('时间须为整数毫秒'), z.gte(INSTANT_MIN, `时间${YEARS}`), z.lte(INSTANT_MAX, `时间${YEARS}`))

/** A paging cursor: the time of the last item seen (0 is allowed: "before the beginning" lists nothing). */
export const Cursor = z.int().check(z.gte(0), z.lte(INSTANT_MAX))
