import { ALL_WEEK, TimeOfDay, minutesOf, type OpeningHours } from '../../../../types'

/** One opening window as typed: ISO weekdays chosen by chips, times as "HH:mm" text. */
export interface WindowForm {
  days: number[]
  start: string
  end: string
}

/** Opening or serving hours as typed: 24 小时, or a list of windows. */
export interface HoursForm {
  always: boolean
  windows: WindowForm[]
}

export const MAX_WINDOWS = 21

export const BLANK_WINDOW: WindowForm = { days: [...ALL_WEEK], start: '08:00', end: '20:00' }

export function hoursFormOf(hours: OpeningHours): HoursForm {
  if (hours.kind === 'always') return { always: true, windows: [{ ...BLANK_WINDOW }] }
  return { always: false, windows: hours.windows.map((w) => ({ days: [...w.days], start: w.start, end: w.end })) }
}

/** "8:00" and "08：00" read as "08:00"; anything else is left for the format check to refuse. */
export function normaliseTime(text: string): string {
  const t = text.trim().replace('：', ':')
  return /^\d:\d{2}$/.test(t) ? `0${t}` : t
}

/**
 * The hours to send, or the first problem in Chinese. Overlapping windows are left to the cloud, which names
 * the two that overlap; a window whose end is not after its start runs past midnight (22:00–02:00).
 */
export function checkHours(form: HoursForm): { ok: true; hours: OpeningHours } | { ok: false; message: string } {
  if (form.always) return { ok: true, hours: { kind: 'always' } }
  if (form.windows.length === 0) return { ok: false, message: '请添加营业时段，或选择 24 小时' }
  const windows = []
  for (const [i, w] of form.windows.entries()) {
    const n = i + 1
    const start = normaliseTime(w.start)
    const end = normaliseTime(w.end)
    if (w.days.length === 0) return { ok: false, message: `第 ${n} 个时段请选择星期` }
    if (!TimeOfDay.safeParse(start).success || start === '24:00')
      return { ok: false, message: `第 ${n} 个时段的开始时间格式应为 HH:mm，如 08:00` }
    if (!TimeOfDay.safeParse(end).success)
      return { ok: false, message: `第 ${n} 个时段的结束时间格式应为 HH:mm，如 20:00` }
    if (minutesOf(start) === minutesOf(end))
      return { ok: false, message: `第 ${n} 个时段没有时长；全天营业请选 24 小时` }
    windows.push({ days: [...w.days].sort((a, b) => a - b), start, end })
  }
  return { ok: true, hours: { kind: 'windows', windows } }
}
