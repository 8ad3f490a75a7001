import { z } from './zod'
import { DateText, EndTime, IsoWeek, StartTime } from './dates'
import { Id } from './entities'
import { Text } from './text'

/**
 * One dated service slot of a weekly theme (a free clinic on Wednesday 14:00–17:00). Times in China time.
 * Checked as input is (the staff form validates slots with it); the contract's input is its strict twin.
 */
export const ThemeSlot = z.object({
  date: DateText,
  start: StartTime,
  end: EndTime,
  title: Text(1, 40, '服务内容'),
})
export type ThemeSlot = z.infer<typeof ThemeSlot>
/** A slot as the functions accept it: an unknown key is refused, not dropped. */
export const ThemeSlotInput = z.strictObject(ThemeSlot.shape)
/** A slot as stored and answered: already checked when saved, so read back without judging it again. */
export const ThemeSlotView = z.object({ date: z.string(), start: z.string(), end: z.string(), title: z.string() })

export const THEME_STATUSES = ['draft', 'published', 'withdrawn'] as const

/**
 * A station's service theme for one ISO week (本周主题, "月月换主题"). One document per station and week
 * (id from both), so there is never more than one published theme for a station's week.
 */
export const WeeklyTheme = z.object({
  _id: Id,
  stationId: Id,
  communityId: Id,
  week: IsoWeek,
  /** China-time midnight starting the week's Monday, and the next Monday's: for range queries by month. */
  weekStart: z.int(),
  weekEnd: z.int(),
  title: z.string(),
  description: z.string(),
  slots: z.array(ThemeSlotView),
  status: z.enum(THEME_STATUSES),
  updatedBy: Id,
  createdAt: z.int(),
  updatedAt: z.int(),
})
export type WeeklyTheme = z.infer<typeof WeeklyTheme>
