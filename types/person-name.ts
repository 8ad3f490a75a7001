import { z } from './zod'
import type { Platform as PlatformSchema } from './entities'
import { charCount, codePointAt, TEXT_PROBLEMS, textProblem, trimInvisible } from './text'

/**
 * A 真实姓名 as an identity card writes it: Chinese characters (with the middle dot "·" of minority names,
 * 买买提·艾力), or Latin letters with the separators of Latin names (O'Brien, Jean-Luc, Mary Ann).
 *
 * Normalised to NFKC, not NFC: a name is compared with a card, and compatibility forms are never what a card
 * holds (Kangxi radicals pasted from a PDF, "⾦" U+2FA6, become "金"; full-width "Ｌｉ" becomes "Li").
 * The dot, apostrophe and hyphen each come in look-alikes from different keyboards (iOS turns ' into ’, some
 * Chinese input methods give "・" or "•" for "·"): each is folded to one character, so the same name is the
 * same string on the review card and in the duplicate check.
 *
 * Han characters are listed by range rather than \p{Script=Han}: the phones' engines carry older Unicode
 * tables than Node, and a rare character of a newer extension must not pass on one side and fail on the other.
 */

const DOTS = /[\u00b7\u2022\u2027\u2219\u22c5\u30fb\u16eb\u0387\u2e31]/g
const APOSTROPHES = /[\u2019\u2018\u02bc\u02b9\u2032]/g
const HYPHENS = /[\u2010\u2011\u2012\u2013\u2212]/g

export const NAME_DOT = '·'

function isHan(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK Unified Ideographs
    (cp >= 0x3400 && cp <= 0x4dbf) || // Extension A
    (cp >= 0x20000 && cp <= 0x323af) || // Extensions B–H (rare characters do occur in names)
    cp === 0x3007 // 〇
  )
}

function isLatin(cp: number): boolean {
  return (
    (cp >= 0x41 && cp <= 0x5a) ||
    (cp >= 0x61 && cp <= 0x7a) ||
    (cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7) || // Latin-1 letters, Extended-A and -B
    (cp >= 0x1e00 && cp <= 0x1eff) // Extended Additional (Vietnamese)
  )
}

/** Combining diacritics left over where no precomposed letter exists (n̈): only after a Latin letter. */
function isDiacritic(cp: number): boolean {
  return cp >= 0x300 && cp <= 0x36f
}

function isDigit(cp: number): boolean {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x660 && cp <= 0x669) || (cp >= 0x6f0 && cp <= 0x6f9)
}

/** The name as it is checked and stored. */
export function normalizeName(raw: string): string {
  const folded = raw
    .replace(/[\r\n\t\u2028\u2029]/g, ' ')
    .normalize('NFKC')
    .replace(DOTS, NAME_DOT)
    .replace(APOSTROPHES, "'")
    .replace(HYPHENS, '-')
  const trimmed = trimInvisible(folded)
  // Zero-width characters alone stay, to be refused as invisible (as free text does), not as "too short".
  if (trimmed === '' && folded.trim() !== '') return folded
  // NFKC already made U+3000 and no-break spaces plain spaces; runs of them mean one.
  return trimmed.replace(/ {2,}/g, ' ').replace(/ ?· ?/g, NAME_DOT)
}

export type NameProblem = 'digit' | 'other' | 'hanSpace' | 'latinOnly' | 'separator'
/** What a person reads for each problem; `label` names the field (真实姓名, 你的姓名). */
export const NAME_PROBLEMS: Record<NameProblem, (label: string) => string> = {
  digit: (label) => `${label}不能包含数字`,
  other: (label) => `${label}只能包含汉字或英文字母，少数民族姓名用“·”隔开`,
  hanSpace: () => '中文姓名中间不要加空格，少数民族姓名用“·”隔开',
  latinOnly: () => '连字符和撇号只用于英文姓名（如 Jean-Luc、O’Brien）',
  separator: () => '“·”、空格、连字符和撇号只能用在两个字之间',
}

type Kind = 'han' | 'latin' | 'dot' | 'space' | 'joiner' | 'digit' | 'other'

function kindOf(cp: number): Kind {
  if (isHan(cp)) return 'han'
  if (isLatin(cp)) return 'latin'
  if (cp === 0xb7) return 'dot'
  if (cp === 0x20) return 'space'
  if (cp === 0x2d || cp === 0x27) return 'joiner'
  if (isDigit(cp)) return 'digit'
  return 'other'
}

/** The first reason a normalised name is not a name, or null. */
export function nameProblem(name: string): NameProblem | null {
  const kinds: Kind[] = []
  for (let i = 0; i < name.length;) {
    const { cp, size } = codePointAt(name, i)
    i += size
    // A diacritic belongs to the Latin letter before it.
    if (isDiacritic(cp) && kinds[kinds.length - 1] === 'latin') continue
    const kind = kindOf(cp)
    if (kind === 'digit') return 'digit'
    if (kind === 'other') return 'other'
    kinds.push(kind)
  }
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i]
    if (kind === 'han' || kind === 'latin') continue
    const before = kinds[i - 1]
    const after = kinds[i + 1]
    const letters = (k: Kind | undefined) => k === 'han' || k === 'latin'
    if (!letters(before) || !letters(after)) return 'separator'
    if (kind !== 'dot' && (before === 'han' || after === 'han')) return kind === 'space' ? 'hanSpace' : 'latinOnly'
  }
  return null
}

export const NAME_MIN = 2
export const NAME_MAX = 20

/** A person's real name, `label` in the messages (真实姓名, 你的姓名). 2–20 characters. */
export function PersonName(label = '姓名', short = `请填写${label}（${NAME_MIN}–${NAME_MAX} 个字）`) {
  return z.string({ error: () => short }).check(
    z.overwrite(normalizeName),
    z.superRefine((name, ctx) => {
      const text = textProblem(name, false)
      if (text) {
        ctx.addIssue({ code: 'custom', message: `${label}${TEXT_PROBLEMS[text]}` })
        return
      }
      const count = charCount(name)
      if (count < NAME_MIN || count > NAME_MAX) {
        ctx.addIssue({ code: 'custom', message: short })
        return
      }
      const problem = nameProblem(name)
      if (problem) ctx.addIssue({ code: 'custom', message: NAME_PROBLEMS[problem](label) })
    }),
  )
}

/**
 * 骑手编号. Only 达达 publishes a shape: its order callbacks carry the rider as `dm_id`, an integer
 * (达达开放平台 newopen.imdada.cn, 订单状态回调). The others' open platforms name the rider by name and
 * phone only, so their ids keep a conservative shape: letters, digits and single hyphens, as riders copy them
 * from their app. NFKC folds the full-width digits of a Chinese keyboard; letters are kept upper-case, since
 * an id's case carries no meaning and the duplicate check must match "elm-1" with "ELM-1".
 */
export const RIDER_ID_MAX = 32
const GENERIC_RIDER_ID = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/
type Platform = z.infer<typeof PlatformSchema>
export const RIDER_ID_SHAPES: Record<Platform, { pattern: RegExp; message: string }> = {
  美团: { pattern: GENERIC_RIDER_ID, message: '美团骑手编号只能包含字母、数字和连字符' },
  饿了么: { pattern: GENERIC_RIDER_ID, message: '饿了么骑手编号只能包含字母、数字和连字符' },
  顺丰: { pattern: GENERIC_RIDER_ID, message: '顺丰骑手编号只能包含字母、数字和连字符' },
  京东: { pattern: GENERIC_RIDER_ID, message: '京东骑手编号只能包含字母、数字和连字符' },
  闪送: { pattern: GENERIC_RIDER_ID, message: '闪送骑手编号只能包含字母、数字和连字符' },
  达达: { pattern: /^\d{1,12}$/, message: '达达骑手编号为 1–12 位数字' },
  其他: { pattern: GENERIC_RIDER_ID, message: '骑手编号只能包含字母、数字和连字符' },
}

export function normalizeRiderId(raw: string): string {
  return trimInvisible(raw.normalize('NFKC')).replace(HYPHENS, '-').toUpperCase()
}

/** The rider id's own checks; the platform's shape is checked with the platform (RegisterInput). */
export const RiderId = z.string({ error: () => '请填写平台骑手编号' }).check(
  z.overwrite(normalizeRiderId),
  z.superRefine((id, ctx) => {
    if (id.length === 0) ctx.addIssue({ code: 'custom', message: '请填写平台骑手编号' })
    else if (id.length > RIDER_ID_MAX) ctx.addIssue({ code: 'custom', message: `骑手编号最多 ${RIDER_ID_MAX} 位` })
    else if (!GENERIC_RIDER_ID.test(id)) ctx.addIssue({ code: 'custom', message: RIDER_ID_SHAPES.其他.message })
  }),
)

/** Why this rider id does not fit the platform's shape, or null. */
export function riderIdProblem(platform: Platform, riderId: string): string | null {
  const shape = RIDER_ID_SHAPES[platform]
  return shape.pattern.test(riderId) ? null : shape.message
}
