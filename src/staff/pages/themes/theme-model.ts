import {
  chinaDateText,
  chinaIsoWeekKey,
  chinaWeekStart,
  minutesOf,
  SaveThemeInput,
  ThemeSlot,
  weekDates,
  type ThemeView,
} from '../../../../types'
import type { SaveThemeRequest } from '../../../services/themes'
import { normaliseTime } from '../places/hours-model'

const WEEK_MS = 7 * 86_400_000

export interface WeekChoice {
  /** "2026-W48" */
  week: string
  start: number
  /** 本周 or 下周 */
  label: string
  dates: string[]
}

/** This week and next (China time): the weeks a secretary plans. */
export function plannableWeeks(now: number): WeekChoice[] {
  const start = chinaWeekStart(now)
  return [
    { week: chinaIsoWeekKey(start), start, label: '本周', dates: weekDates(start) },
    {
      week: chinaIsoWeekKey(start + WEEK_MS),
      start: start + WEEK_MS,
      label: '下周',
      dates: weekDates(start + WEEK_MS),
    },
  ]
}

export interface SlotForm {
  date: string
  start: string
  end: string
  title: string
}

export interface ThemeForm {
  title: string
  description: string
  slots: SlotForm[]
}

export type ThemeField = 'title' | 'description' | 'slots'
export type ThemeErrors = Partial<Record<ThemeField, string>>

export const BLANK_THEME: ThemeForm = { title: '', description: '', slots: [] }
export const MAX_SLOTS = 21

export function formOfTheme(theme: ThemeView | null): ThemeForm {
  if (!theme) return BLANK_THEME
  return { title: theme.title, description: theme.description, slots: theme.slots.map((s) => ({ ...s })) }
}

/** A new slot: today when today is in the week, else the week's Monday; an afternoon by default. */
export function blankSlot(dates: string[], now: number): SlotForm {
  const today = chinaDateText(now)
  return { date: dates.includes(today) ? today : dates[0], start: '14:00', end: '17:00', title: '' }
}

/**
 * The theme to save (SaveThemeInput, as the cloud checks it) or a Chinese message per field. Slot times are
 * read leniently ("9:00"), must fall on a date of the week and end after they start on the same day.
 */
export function checkThemeForm(
  form: ThemeForm,
  target: { stationId: string; week: string; dates: string[] },
  publish: boolean,
): { ok: true; input: SaveThemeRequest } | { ok: false; errors: ThemeErrors } {
  const errors: ThemeErrors = {}
  const slots = form.slots.map((s) => ({
    date: s.date,
    start: normaliseTime(s.start),
    end: normaliseTime(s.end),
    title: s.title,
  }))
  for (const [i, slot] of slots.entries()) {
    const n = i + 1
    const parsed = ThemeSlot.safeParse(slot)
    if (!target.dates.includes(slot.date)) errors.slots = `第 ${n} 个时段请选择本周内的日期`
    else if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const part = issue.path[0] === 'start' ? '开始时间' : issue.path[0] === 'end' ? '结束时间' : '服务内容'
      errors.slots =
        part === '服务内容' ? `第 ${n} 个时段：${issue.message}` : `第 ${n} 个时段的${part}格式应为 HH:mm，如 14:00`
    } else if (minutesOf(slot.end) <= minutesOf(slot.start)) errors.slots = `第 ${n} 个时段的结束时间须晚于开始时间`
    if (errors.slots) break
  }
  const parsed = SaveThemeInput.safeParse({
    stationId: target.stationId,
    week: target.week,
    title: form.title,
    description: form.description,
    slots,
    publish,
  })
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '')
      const field: ThemeField | null = key === 'title' || key === 'description' || key === 'slots' ? key : null
      if (field && !errors[field]) errors[field] = issue.message
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors }
  return { ok: true, input: parsed.data }
}

export function firstThemeError(errors: ThemeErrors): string | undefined {
  return errors.title ?? errors.description ?? errors.slots
}

export const STATUS_NAMES = { none: '未创建', draft: '草稿', published: '已发布', withdrawn: '已撤回' } as const
