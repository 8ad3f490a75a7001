import { CHINA_BOUNDS, minutesOf, type GeoPoint, type OpeningHours, type OpeningWindow } from '../../../types'

const DAY_MIN = 24 * 60
const WEEK_MIN = 7 * DAY_MIN
const DAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日']

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string }

/** "周一 22:00–次日02:00" */
function windowText(day: number, w: OpeningWindow): string {
  const crosses = minutesOf(w.end) <= minutesOf(w.start)
  return `${DAY_NAMES[day]} ${w.start}–${crosses ? '次日' : ''}${w.end}`
}

/**
 * Opening or serving hours as a secretary may save them: every window has a length (a window whose end is
 * not after its start crosses midnight, e.g. 22:00–02:00, and "24:00" ends a day; 08:00–08:00 is refused —
 * a whole day is 00:00–24:00), and no two windows overlap on a weekday, counting the part of a window that
 * runs past midnight into the next day (Sunday night runs into Monday). Returns the hours with each window's
 * days sorted and de-duplicated.
 */
export function checkOpeningHours(hours: OpeningHours): Checked<OpeningHours> {
  if (hours.kind === 'always') return { ok: true, value: { kind: 'always' } }
  const windows = hours.windows.map((w) => ({ ...w, days: [...new Set(w.days)].sort((a, b) => a - b) }))
  const spans: Array<{ from: number; to: number; label: string }> = []
  for (const w of windows) {
    const start = minutesOf(w.start)
    const end = minutesOf(w.end)
    if (start >= DAY_MIN) return { ok: false, message: `营业时间的开始时间不能是 ${w.start}` }
    if (start === end) {
      return { ok: false, message: `营业时间 ${w.start}–${w.end} 没有时长；全天营业请填 00:00–24:00` }
    }
    const length = end > start ? end - start : DAY_MIN - start + end
    for (const day of w.days) {
      const from = (day - 1) * DAY_MIN + start
      const label = windowText(day, w)
      // a window running past Sunday midnight continues at the start of the week
      if (from + length <= WEEK_MIN) spans.push({ from, to: from + length, label })
      else {
        spans.push({ from, to: WEEK_MIN, label })
        spans.push({ from: 0, to: from + length - WEEK_MIN, label })
      }
    }
  }
  spans.sort((a, b) => a.from - b.from || a.to - b.to)
  // Sorted by start, two spans overlap iff one starts before the furthest end seen so far; touching (one ends
  // at 12:00, the next starts at 12:00) is fine.
  let reach = spans[0]
  for (const span of spans.slice(1)) {
    if (span.from < reach.to) return { ok: false, message: `营业时间有重叠：${reach.label} 与 ${span.label}` }
    if (span.to > reach.to) reach = span
  }
  return { ok: true, value: { kind: 'windows', windows } }
}

export function withinChina(point: GeoPoint): boolean {
  return (
    point.lat >= CHINA_BOUNDS.minLat &&
    point.lat <= CHINA_BOUNDS.maxLat &&
    point.lng >= CHINA_BOUNDS.minLng &&
    point.lng <= CHINA_BOUNDS.maxLng
  )
}

const isFen = (n: number) => Number.isSafeInteger(n) && n >= 0

/** What every place's form must satisfy beyond its schema; prices are optional (stations have none). */
export interface PlaceFacts {
  location: GeoPoint
  hours: OpeningHours
  priceFen?: number
  monthlyRentFen?: number
  marketRentFen?: number
}

/**
 * The checks on a place a secretary saves: coordinates inside China, prices whole non-negative fen, a room's
 * rent not above the market rent, and opening hours as `checkOpeningHours` wants them. Returns the hours to
 * store (normalised) or the first problem, in Chinese.
 */
export function checkPlace(facts: PlaceFacts): Checked<OpeningHours> {
  if (!withinChina(facts.location)) return { ok: false, message: '坐标不在中国境内，请在地图上重新选点' }
  for (const [value, label] of [
    [facts.priceFen, '价格'],
    [facts.monthlyRentFen, '月租金'],
    [facts.marketRentFen, '市场租金'],
  ] as const) {
    if (value !== undefined && !isFen(value)) return { ok: false, message: `${label}须为不小于 0 的金额（精确到分）` }
  }
  if (
    facts.monthlyRentFen !== undefined &&
    facts.marketRentFen !== undefined &&
    facts.monthlyRentFen > facts.marketRentFen
  ) {
    return { ok: false, message: '优惠租金不能高于市场租金' }
  }
  return checkOpeningHours(facts.hours)
}

/** market − monthly rent, never negative. */
export function savingFen(room: { monthlyRentFen: number; marketRentFen: number }): number {
  return Math.max(0, room.marketRentFen - room.monthlyRentFen)
}
