import type { Activity } from '../../../types'

/** Attendance may be confirmed from a little before the start until a while after the end. */
export const ATTENDANCE_OPENS_BEFORE_MS = 30 * 60_000
export const ATTENDANCE_CLOSES_AFTER_MS = 2 * 3600_000

export type ActivityPhase = 'upcoming' | 'ongoing' | 'ended' | 'cancelled'

/** Where an activity stands at `now`: sign-up and edits only while upcoming. */
export function activityPhase(activity: Pick<Activity, 'status' | 'startAt' | 'endAt'>, now: number): ActivityPhase {
  if (activity.status === 'cancelled') return 'cancelled'
  if (now < activity.startAt) return 'upcoming'
  if (now < activity.endAt) return 'ongoing'
  return 'ended'
}

export function canConfirmAttendance(activity: Pick<Activity, 'status' | 'startAt' | 'endAt'>, now: number): boolean {
  return (
    activity.status === 'published' &&
    now >= activity.startAt - ATTENDANCE_OPENS_BEFORE_MS &&
    now <= activity.endAt + ATTENDANCE_CLOSES_AFTER_MS
  )
}

/** "2026-11" — the China-time month a moment falls in (UTC+8, no daylight saving). */
export function chinaMonth(epochMs: number): string {
  return new Date(epochMs + 8 * 3600_000).toISOString().slice(0, 7)
}
