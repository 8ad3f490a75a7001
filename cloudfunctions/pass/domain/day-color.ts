import { CHINA_OFFSET_MINUTES } from '../../../types'

/**
 * The live pass's border colour of the day: seven clearly different colours, one per China-time day in turn,
 * so a screenshot from another day shows the wrong colour. Guards learn "today is blue" at a glance.
 */
export const DAY_COLORS = ['#e11d48', '#ea580c', '#ca8a04', '#16a34a', '#0891b2', '#2563eb', '#9333ea'] as const

const DAY_MS = 86_400_000

/** Days since 1970-01-01 in China time (UTC+8, no daylight saving). */
export function chinaDayNumber(epochMs: number): number {
  return Math.floor((epochMs + CHINA_OFFSET_MINUTES * 60_000) / DAY_MS)
}

export function dayColor(epochMs: number): string {
  const n = chinaDayNumber(epochMs)
  return DAY_COLORS[((n % DAY_COLORS.length) + DAY_COLORS.length) % DAY_COLORS.length]
}
