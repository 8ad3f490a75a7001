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
