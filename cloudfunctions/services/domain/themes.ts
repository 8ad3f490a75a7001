import { createHash } from 'node:crypto'
import {
  chinaIsoWeekKey,
  chinaWeekStart,
  isoWeekStart,
  minutesOf,
  shiftDateText,
  weekDates,
  type ThemeSlot,
  type WeeklyTheme,
} from '../../../types'
import type { Checked } from './place-rules'

export const WEEK_MS = 7 * 86_400_000
/** How far ahead a theme may be planned. */
export const MAX_WEEKS_AHEAD = 26

/**
 * The id of a station's theme for a week: one document per station and week, so a station can never have
 * two themes (let alone two published ones) for the same week. Ids too long for `Id` use a hash instead.
 */
export function themeId(stationId: string, week: string): string {
  const plain = `th-${week}-${stationId}`
  if (plain.length <= 64) return plain
  return `th-${week}-${createHash('sha256').update(stationId).digest('hex').slice(0, 40)}`
}

export interface WeekSpan {
  week: string
  /** China-time midnight starting the week's Monday, and the next Monday's. */
  start: number
  end: number
}

/** The week asked for ("2026-W48"), or the current China-time ISO week; null when no such week exists. */
export function resolveWeek(week: string | undefined, now: number): WeekSpan | null {
  const start = week === undefined ? chinaWeekStart(now) : isoWeekStart(week)
  if (start === null) return null
  return { week: week ?? chinaIsoWeekKey(now), start, end: start + WEEK_MS }
}

export function previousWeek(span: WeekSpan): WeekSpan {
  const start = span.start - WEEK_MS
  return { week: chinaIsoWeekKey(start), start, end: span.start }
}

/** Why a week's theme cannot be edited now (past, or too far ahead), or null. */
export function weekNotEditable(span: WeekSpan, now: number): string | null {
  if (span.end <= now) return `${span.week} 已经过去，不能再修改这一周的主题`
  if (span.start > now + MAX_WEEKS_AHEAD * WEEK_MS) return `最多提前 ${MAX_WEEKS_AHEAD} 周安排主题`
  return null
}

function compareSlots(a: ThemeSlot, b: ThemeSlot): number {
  const key = (s: ThemeSlot) => `${s.date} ${s.start} ${s.end}`
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.title < b.title ? -1 : a.title > b.title ? 1 : 0
}

/**
 * A theme's service slots as they are stored: each on a date of the theme's week, ending after it starts
 * on the same day ("24:00" ends at midnight), sorted by date and time. Returns the sorted slots or the
 * first problem, in Chinese.
 */
export function checkSlots(slots: ThemeSlot[], span: WeekSpan): Checked<ThemeSlot[]> {
  const dates = weekDates(span.start)
  for (const slot of slots) {
    if (!dates.includes(slot.date)) {
      return { ok: false, message: `服务时段的日期 ${slot.date} 不在 ${span.week}（${dates[0]} 至 ${dates[6]}）内` }
    }
    if (minutesOf(slot.end) <= minutesOf(slot.start)) {
      return { ok: false, message: `服务时段 ${slot.date} ${slot.start}–${slot.end} 的结束时间须晚于开始时间` }
    }
  }
  return { ok: true, value: [...slots].sort(compareSlots) }
}

/** Slots moved on by whole weeks (copying last week's theme: +1). */
export function shiftSlots(slots: ThemeSlot[], weeks: number): ThemeSlot[] {
  return slots.map((s) => ({ ...s, date: shiftDateText(s.date, 7 * weeks) }))
}

/** Whether a theme's week overlaps [start, end) (a China-time month). */
export function overlaps(theme: Pick<WeeklyTheme, 'weekStart' | 'weekEnd'>, start: number, end: number): boolean {
  return theme.weekStart < end && theme.weekEnd > start
}
