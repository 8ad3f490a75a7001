import { weekDates, type ThemeSlot } from '../../../types'

const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/** "周三" for a "YYYY-MM-DD" date (calendar arithmetic: no time zone involved). */
export function weekdayOf(date: string): string {
  return WEEKDAY_NAMES[new Date(`${date}T00:00:00Z`).getUTCDay()]
}

/** "11月25日" */
export function monthDayOf(date: string): string {
  const [, month, day] = date.split('-').map(Number)
  return `${month}月${day}日`
}

/** "周三 11月25日 14:00–17:00" */
export function slotWhen(slot: ThemeSlot): string {
  return `${weekdayOf(slot.date)} ${monthDayOf(slot.date)} ${slot.start}–${slot.end}`
}

/** "11月23日–11月29日": the Monday to Sunday of a week starting at `weekStart` (China time). */
export function weekRangeText(weekStart: number): string {
  const dates = weekDates(weekStart)
  return `${monthDayOf(dates[0])}–${monthDayOf(dates[6])}`
}
