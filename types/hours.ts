import { z } from './zod'
import { EndTime, StartTime } from './dates'
import { chinaClockFace, type ChinaClockFace } from './time'

/** "HH:mm" in China time; "24:00" is allowed as an end (a start is StartTime, 00:00–23:59). */
export const TimeOfDay = EndTime
export const IsoWeekday = z.int().check(z.gte(1), z.lte(7))

/**
 * One opening window on the given ISO weekdays. A window whose end is not after its start crosses midnight
 * (22:00–02:00 belongs to the day it starts on).
 */
export const OpeningWindow = z.object({
  days: z.array(IsoWeekday).check(z.minLength(1), z.maxLength(7)),
  start: StartTime,
  end: EndTime,
})
export type OpeningWindow = z.infer<typeof OpeningWindow>

export const OpeningHours = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('always') }),
  z.object({ kind: z.literal('windows'), windows: z.array(OpeningWindow).check(z.minLength(1), z.maxLength(21)) }),
])
export type OpeningHours = z.infer<typeof OpeningHours>

/** Opening hours as the functions accept them: every level refuses an unknown key. */
export const OpeningHoursInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('always') }),
  z.strictObject({
    kind: z.literal('windows'),
    windows: z.array(z.strictObject(OpeningWindow.shape)).check(z.minLength(1), z.maxLength(21)),
  }),
])

export const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7]

/** Minutes since midnight of "HH:mm" ("24:00" is 1440). */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number)
  return h * 60 + m
}

/** Whether a place with these hours is open at the instant `epochMs`, judged in China time. */
export function isOpenAt(hours: OpeningHours, epochMs: number): boolean {
  return isOpenOn(hours, chinaClockFace(epochMs))
}

/**
 * The same judgement for a China-time wall clock computed once (`chinaClockFace(now)`), so a list of many
 * places does not redo the time arithmetic for each.
 */
export function isOpenOn(hours: OpeningHours, face: ChinaClockFace): boolean {
  if (hours.kind === 'always') return true
  const day = face.weekday
  const yesterday = day === 1 ? 7 : day - 1
  const now = face.minute
  return hours.windows.some((w) => {
    const start = minutesOf(w.start)
    const end = minutesOf(w.end)
    if (end > start) return w.days.includes(day) && now >= start && now < end
    return (w.days.includes(day) && now >= start) || (w.days.includes(yesterday) && now < end)
  })
}

const DAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日']

function daysText(days: number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b)
  if (sorted.length === 7) return '每天'
  const contiguous = sorted.every((d, i) => i === 0 || d === sorted[i - 1] + 1)
  if (contiguous && sorted.length > 2) return `${DAY_NAMES[sorted[0]]}至${DAY_NAMES[sorted[sorted.length - 1]]}`
  return sorted.map((d) => DAY_NAMES[d]).join('、')
}

/** "24小时营业" or "每天 11:00–13:30；周一至周五 17:00–19:00" */
export function hoursText(hours: OpeningHours): string {
  if (hours.kind === 'always') return '24小时营业'
  return hours.windows
    .map((w) => {
      const crosses = minutesOf(w.end) <= minutesOf(w.start)
      return `${daysText(w.days)} ${w.start}–${crosses ? '次日' : ''}${w.end}`
    })
    .join('；')
}
