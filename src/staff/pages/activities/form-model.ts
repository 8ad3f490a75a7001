import { formatChina, type ActivityKind } from '../../../../types'
import { SaveActivityInput } from '../../../../types/contract/points'
import type { ActivityView, SaveActivityRequest } from '../../../services/points'

/** The activity form as typed: dates "YYYY-MM-DD" and times "HH:mm" in China time, numbers as text. */
export interface ActivityForm {
  title: string
  kind: ActivityKind | null
  description: string
  place: string
  startDate: string
  startTime: string
  endDate: string
  endTime: string
  capacity: string
  points: string
}

export type FormField = keyof ActivityForm
export type FormErrors = Partial<Record<FormField, string>>
export const FIELD_ORDER: FormField[] = [
  'title',
  'kind',
  'description',
  'place',
  'startDate',
  'startTime',
  'endDate',
  'endTime',
  'capacity',
  'points',
]

const DAY_MS = 86_400_000

/** A new activity starts from tomorrow evening, the usual time for a 平安夜巡. */
export function blankForm(now: number): ActivityForm {
  const tomorrow = formatChina(now + DAY_MS, 'YYYY-MM-DD')
  return {
    title: '',
    kind: null,
    description: '',
    place: '',
    startDate: tomorrow,
    startTime: '19:00',
    endDate: tomorrow,
    endTime: '21:00',
    capacity: '20',
    points: '5',
  }
}

export function formOf(activity: ActivityView): ActivityForm {
  return {
    title: activity.title,
    kind: activity.kind,
    description: activity.description,
    place: activity.place,
    startDate: formatChina(activity.startAt, 'YYYY-MM-DD'),
    startTime: formatChina(activity.startAt, 'HH:mm'),
    endDate: formatChina(activity.endAt, 'YYYY-MM-DD'),
    endTime: formatChina(activity.endAt, 'HH:mm'),
    capacity: String(activity.capacity),
    points: String(activity.points),
  }
}

/** Epoch ms of a China-time date and time, or null when either is not a real one (2026-02-30, 24:10). */
export function chinaInstant(date: string, time: string): number | null {
  const d = date.trim()
  const t = time.trim().replace('：', ':')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || !/^\d{1,2}:\d{2}$/.test(t)) return null
  const hhmm = t.padStart(5, '0')
  const at = Date.parse(`${d}T${hhmm}:00+08:00`)
  // Date.parse rolls some impossible dates over: a real one reads back the same.
  if (Number.isNaN(at) || formatChina(at, 'YYYY-MM-DD HH:mm') !== `${d} ${hhmm}`) return null
  return at
}

const wholeNumber = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN)

/** The zod path of a SaveActivityInput issue, as the field that shows it. */
const FIELD_OF: Record<string, FormField> = { startAt: 'startTime', endAt: 'endTime' }

/**
 * Checks the form as the cloud will (SaveActivityInput), plus what only the form knows: the date and time
 * formats, and that a new start is still ahead. Either the request to send or a Chinese message per field.
 */
export function checkActivityForm(
  form: ActivityForm,
  target: { communityId: string; activityId?: string },
  now: number,
): { ok: true; input: SaveActivityRequest } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {}
  const startAt = chinaInstant(form.startDate, form.startTime)
  const endAt = chinaInstant(form.endDate, form.endTime)
  if (startAt === null) {
    if (chinaInstant(form.startDate, '00:00') === null) errors.startDate = '开始日期格式应为 YYYY-MM-DD，如 2026-11-23'
    else errors.startTime = '开始时间格式应为 HH:mm，如 19:00'
  }
  if (endAt === null) {
    if (chinaInstant(form.endDate, '00:00') === null) errors.endDate = '结束日期格式应为 YYYY-MM-DD，如 2026-11-23'
    else errors.endTime = '结束时间格式应为 HH:mm，如 21:00'
  }
  // The contract's own window checks run only once every other field is valid: say it now, with the rest.
  if (startAt !== null && endAt !== null) {
    if (endAt <= startAt) errors.endTime = '结束时间须晚于开始时间'
    else if (endAt - startAt > DAY_MS) errors.endTime = '一次活动最长 24 小时'
  }
  const parsed = SaveActivityInput.safeParse({
    communityId: target.communityId,
    ...(target.activityId ? { activityId: target.activityId } : {}),
    title: form.title,
    kind: form.kind ?? undefined,
    description: form.description,
    place: form.place,
    startAt: startAt ?? 0,
    endAt: endAt ?? 0,
    capacity: wholeNumber(form.capacity),
    points: wholeNumber(form.points),
  })
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '')
      const field = FIELD_OF[key] ?? (FIELD_ORDER.includes(key as FormField) ? (key as FormField) : null)
      if (!field || errors[field]) continue
      // A time already refused for its format says nothing more; a missing choice or number says what to do.
      if ((key === 'startAt' || key === 'endAt') && (startAt === null || endAt === null)) continue
      if (field === 'kind') errors.kind = '请选择活动类型'
      else if ((field === 'capacity' || field === 'points') && Number.isNaN(wholeNumber(form[field])))
        errors[field] = field === 'capacity' ? '请填写人数（整数）' : '请填写积分（整数）'
      else errors[field] = issue.message
    }
  }
  if (startAt !== null && startAt <= now && !errors.startTime) errors.startTime = '开始时间已过，请选择以后的时间'
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors }
  return { ok: true, input: parsed.data }
}

export function firstError(errors: FormErrors): string | undefined {
  for (const field of FIELD_ORDER) if (errors[field]) return errors[field]
  return undefined
}
