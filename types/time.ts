import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'
import isoWeek from 'dayjs/plugin/isoWeek'

dayjs.extend(utc)
dayjs.extend(isoWeek)

/**
 * China Standard Time is UTC+8 all year (no daylight saving since 1991), so China time is computed with a
 * fixed offset instead of the IANA database: mini-program JS engines do not all ship Intl time zones.
 * A unit test checks this against dayjs's timezone plugin for 'Asia/Shanghai'.
 */
export const CHINA_OFFSET_MINUTES = 8 * 60

/** A dayjs in China time for an epoch-millisecond instant. */
export function chinaTime(epochMs: number): Dayjs {
  return dayjs(epochMs).utcOffset(CHINA_OFFSET_MINUTES)
}

/** "2026-11-23 17:30" in China time. */
export function formatChina(epochMs: number, pattern = 'YYYY-MM-DD HH:mm'): string {
  return chinaTime(epochMs).format(pattern)
}

/** Minutes since China-time midnight, 0..1439. */
export function chinaMinuteOfDay(epochMs: number): number {
  const t = chinaTime(epochMs)
  return t.hour() * 60 + t.minute()
}

/** ISO weekday in China time: 1 = Monday … 7 = Sunday. */
export function chinaIsoWeekday(epochMs: number): number {
  return chinaTime(epochMs).isoWeekday()
}

/** The ISO week of an instant in China time, as "2026-W48". */
export function chinaIsoWeekKey(epochMs: number): string {
  const t = chinaTime(epochMs)
  return `${t.isoWeekYear()}-W${String(t.isoWeek()).padStart(2, '0')}`
}

const DAY_MS = 86_400_000
const CHINA_OFFSET_MS = CHINA_OFFSET_MINUTES * 60_000

/** Epoch ms of China-time midnight at the start of the day containing `epochMs` (plain arithmetic: on the gate-check path). */
export function chinaStartOfDay(epochMs: number): number {
  return Math.floor((epochMs + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS
}

/** China-time wall clock of an instant, by plain arithmetic (hot paths: "open now" over many places). */
export interface ChinaClockFace {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number
  /** Minutes since China-time midnight, 0..1439. */
  minute: number
}

export function chinaClockFace(epochMs: number): ChinaClockFace {
  const local = epochMs + CHINA_OFFSET_MS
  const day = Math.floor(local / DAY_MS)
  // 1970-01-01 was a Thursday (ISO weekday 4)
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1
  const minute = Math.floor((local - day * DAY_MS) / 60_000)
  return { weekday, minute }
}

/** "2026-11-23": the China-time calendar date of an instant. */
export function chinaDateText(epochMs: number): string {
  return new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** "2026-11": the China-time month of an instant. */
export function chinaMonthKey(epochMs: number): string {
  return chinaDateText(epochMs).slice(0, 7)
}

/** Epoch ms of China-time midnight starting the Monday of the ISO week containing `epochMs`. */
export function chinaWeekStart(epochMs: number): number {
  const day = chinaStartOfDay(epochMs)
  return day - (chinaClockFace(epochMs).weekday - 1) * DAY_MS
}

const WEEK_KEY = /^(\d{4})-W(\d{2})$/

/**
 * Epoch ms of China-time midnight starting the Monday of an ISO week given as "2026-W48"; null when the text
 * is not a week that exists (week 53 of a 52-week year, week 00).
 */
export function isoWeekStart(week: string): number | null {
  const m = WEEK_KEY.exec(week)
  if (!m) return null
  const year = Number(m[1])
  const number = Number(m[2])
  if (number < 1 || number > 53) return null
  // ISO week 1 is the week containing 4 January.
  const jan4Day = Date.UTC(year, 0, 4) / DAY_MS
  const jan4Weekday = ((((jan4Day + 3) % 7) + 7) % 7) + 1
  const mondayDay = jan4Day - (jan4Weekday - 1) + (number - 1) * 7
  const start = mondayDay * DAY_MS - CHINA_OFFSET_MS
  return chinaIsoWeekKey(start) === week ? start : null
}

/** The seven China-time dates ("2026-11-23" … "2026-11-29") of the week starting at `weekStart`. */
export function weekDates(weekStart: number): string[] {
  return Array.from({ length: 7 }, (_, i) => chinaDateText(weekStart + i * DAY_MS))
}

/** A "YYYY-MM-DD" date moved by `days` (calendar arithmetic, no time zone involved). */
export function shiftDateText(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** China-time midnights starting a month given as "2026-11" and the next month; null when malformed. */
export function chinaMonthRange(month: string): { start: number; end: number } | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month)
  if (!m) return null
  const year = Number(m[1])
  const index = Number(m[2]) - 1
  return {
    start: Date.UTC(year, index, 1) - CHINA_OFFSET_MS,
    end: Date.UTC(year, index + 1, 1) - CHINA_OFFSET_MS,
  }
}
