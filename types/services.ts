import { z } from './zod'
import { DateText, EndTime, StartTime } from './dates'
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
