import { z } from './zod'

/**
 * Free text as both sides accept it. Every free-text field of the contract is built here, so the app refuses
 * exactly what the functions refuse. The rules, and why:
 *
 * - Normalised to NFC: the same visible text is the same string (a typed "é" and "e" + U+0301 compare equal,
 *   CJK compatibility ideographs become the unified ones), without NFKC's rewriting of what people wrote
 *   ("㎡" would become "m2", full-width "３楼" "3楼"). Names and codes use NFKC instead (see person-name.ts).
 * - Line breaks (CR LF, CR, U+2028, U+2029) become "\n": allowed in multi-line fields, refused elsewhere.
 *   A tab becomes one space: it is ordinary whitespace pasted from a spreadsheet, not a hidden control.
 * - Refused anywhere: other C0 controls (NUL …), DEL and C1 controls, lone surrogates (half an emoji: not
 *   text, and invalid once stored as UTF-8), and bidi controls (U+202A–U+202E, U+2066–U+2069, and the
 *   invisible marks U+200E, U+200F, U+061C), which reorder what is shown and have no use in Chinese text.
 * - Invisible characters (whitespace, zero-width spaces and joiners, U+FEFF, Hangul fillers …) are trimmed
 *   from both ends; a text made only of them is refused rather than stored as "something" nobody can see.
 * - Length in characters as people count them: code points, so a Chinese character is one and an emoji
 *   outside the BMP (two UTF-16 units) is one. Grapheme clusters (a family emoji is several code points)
 *   would need Intl.Segmenter, which the mini-program's engines lack; code points are the honest bound.
 *
 * Every check walks the string once by index (no regex backtracking on 64 KiB of input, no lookbehind).
 */

/** Characters as people count them: code points (a surrogate pair is one). */
export function charCount(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) i++
    }
    count++
  }
  return count
}

/** The code point at `i` and how many UTF-16 units it takes; a lone surrogate is returned as itself. */
export function codePointAt(text: string, i: number): { cp: number; size: number } {
  const unit = text.charCodeAt(i)
  if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
    const next = text.charCodeAt(i + 1)
    if (next >= 0xdc00 && next <= 0xdfff) return { cp: (unit - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000, size: 2 }
  }
  return { cp: unit, size: 1 }
}

/** What JavaScript's `trim` and `\s` call whitespace. */
function isWhitespace(cp: number): boolean {
  return (
    (cp >= 0x09 && cp <= 0x0d) ||
    cp === 0x20 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000 ||
    cp === 0xfeff
  )
}

/** Characters that show nothing and mean nothing at either end of a text: trimmed. */
function isTrimmable(cp: number): boolean {
  return (
    isWhitespace(cp) ||
    (cp >= 0x200b && cp <= 0x200d) || // zero-width space, non-joiner, joiner
    (cp >= 0x2060 && cp <= 0x2064) || // word joiner, invisible operators
    cp === 0x00ad || // soft hyphen
    cp === 0x034f || // combining grapheme joiner
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x3164 ||
    cp === 0xffa0 || // Hangul fillers, the classic "blank" nickname
    cp === 0x17b4 ||
    cp === 0x17b5 ||
    (cp >= 0x180b && cp <= 0x180f) || // Mongolian selectors and vowel separator
    cp === 0x2800 // Braille blank
  )
}

/**
 * Characters that are invisible but may legitimately end a visible text (the variation selector of "❤️", the
 * tags of a flag): never trimmed, but a text made only of them and trimmable ones is still invisible.
 */
function isInvisible(cp: number): boolean {
  return (
    isTrimmable(cp) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef) ||
    (cp >= 0xe0000 && cp <= 0xe007f) ||
    (cp >= 0xfff9 && cp <= 0xfffb) ||
    (cp >= 0x1d173 && cp <= 0x1d17a)
  )
}

function isBidiControl(cp: number): boolean {
  return (
    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f || cp === 0x061c
  )
}

function isControl(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)
}

/** The text without trimmable characters at either end. */
export function trimInvisible(text: string): string {
  let start = 0
  while (start < text.length) {
    const { cp, size } = codePointAt(text, start)
    if (!isTrimmable(cp)) break
    start += size
  }
  let end = text.length
  while (end > start) {
    // Step back over one code point: a low surrogate preceded by a high one is one character.
    const low = text.charCodeAt(end - 1)
    const high = end - 2 >= start ? text.charCodeAt(end - 2) : 0
    const size = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? 2 : 1
    if (!isTrimmable(codePointAt(text, end - size).cp)) break
    end -= size
  }
  return text.slice(start, end)
}

/** Line breaks of every platform as "\n", tabs as one space. */
function unifyBreaks(text: string): string {
  return text.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(/\t/g, ' ')
}

/**
 * The text as it is checked and stored: breaks unified, NFC, trimmed of invisible characters. Spaces alone
 * trim to an empty text (nothing was written); zero-width characters alone are kept, so they are refused as
 * invisible instead of passing as an empty optional field.
 */
export function normalizeText(text: string): string {
  const unified = unifyBreaks(text).normalize('NFC')
  const trimmed = trimInvisible(unified)
  return trimmed === '' && unified.trim() !== '' ? unified : trimmed
}

export const TEXT_PROBLEMS = {
  control: '不能包含控制字符',
  newline: '不能换行',
  surrogate: '包含无效字符（残缺的表情符号）',
  bidi: '不能包含改变文字方向的控制字符',
  invisible: '不能只有空白或看不见的字符',
} as const
export type TextProblem = keyof typeof TEXT_PROBLEMS

/** The first reason a (normalised) text is refused, or null. */
export function textProblem(text: string, multiline: boolean): TextProblem | null {
  let visible = false
  for (let i = 0; i < text.length;) {
    const { cp, size } = codePointAt(text, i)
    i += size
    if (cp >= 0xd800 && cp <= 0xdfff) return 'surrogate'
    if (cp === 0x0a) {
      if (!multiline) return 'newline'
      continue
    }
    if (isControl(cp)) return 'control'
    if (isBidiControl(cp)) return 'bidi'
    if (!isInvisible(cp)) visible = true
  }
  return text.length > 0 && !visible ? 'invisible' : null
}

export interface TextMessages {
  /** When empty (or, for min > 1, too short). Default: 请填写{label}, then {label}至少 {min} 个字. */
  short?: string
  /** When too long. Default: {label}最多 {max} 个字. */
  long?: string
}

function textSchema(min: number, max: number, label: string, multiline: boolean, messages: TextMessages) {
  return z.string({ error: (issue) => (issue.input === undefined ? `请填写${label}` : `${label}应为文字`) }).check(
    z.overwrite(normalizeText),
    z.superRefine((text, ctx) => {
      const problem = textProblem(text, multiline)
      if (problem) {
        ctx.addIssue({ code: 'custom', message: `${label}${TEXT_PROBLEMS[problem]}` })
        return
      }
      const count = charCount(text)
      if (count < min) {
        const message = messages.short ?? (count === 0 ? `请填写${label}` : `${label}至少 ${min} 个字`)
        ctx.addIssue({ code: 'custom', message })
      } else if (count > max) {
        ctx.addIssue({ code: 'custom', message: messages.long ?? `${label}最多 ${max} 个字` })
      }
    }),
  )
}

/** One line of free text, `min`–`max` characters (0 allows empty), named `label` in its messages. */
export function Text(min: number, max: number, label: string, messages: TextMessages = {}) {
  return textSchema(min, max, label, false, messages)
}

/** Free text that may hold line breaks ("\n" only, once normalised): descriptions, reports, notes. */
export function MultilineText(min: number, max: number, label: string, messages: TextMessages = {}) {
  return textSchema(min, max, label, true, messages)
}
