import { chinaIsoWeekKey, type ThemeView } from '../../../../types'

/** "2026-11" moved by whole months. */
export function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number)
  const index = year * 12 + (m - 1) + by
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** "2026年11月" */
export function monthTitle(month: string): string {
  const [year, m] = month.split('-').map(Number)
  return `${year}年${m}月`
}

export interface WeekGroup {
  week: string
  weekStart: number
  themes: ThemeView[]
}

/** The month's themes by ISO week, in the order the cloud sends them (by week, then station). */
export function byWeek(themes: ThemeView[]): WeekGroup[] {
  const groups: WeekGroup[] = []
  for (const theme of themes) {
    const last = groups[groups.length - 1]
    if (last && last.week === theme.week) last.themes.push(theme)
    else groups.push({ week: theme.week, weekStart: theme.weekStart, themes: [theme] })
  }
  return groups
}

/** "第48周", with （本周） for the current China-time week. */
export function weekTitle(week: string, now: number): string {
  const number = Number(week.slice(week.indexOf('W') + 1))
  return `第${number}周${week === chinaIsoWeekKey(now) ? '（本周）' : ''}`
}
