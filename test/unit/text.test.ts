import {
  AcceptInvitationInput,
  charCount,
  DateText,
  Destination,
  EndTime,
  Instant,
  IsoWeek,
  MonthText,
  MultilineText,
  normalizeText,
  PersonName,
  RegisterInput,
  RiderId,
  StartTime,
  Text,
  trimInvisible,
} from '../../types'

/** The first message of a refused value, or the parsed value. */
function outcome(
  schema: { safeParse(v: unknown): { success: boolean; data?: unknown; error?: unknown } },
  value: unknown,
) {
  const result = schema.safeParse(value) as
    { success: true; data: unknown } | { success: false; error: { issues: Array<{ message: string }> } }
  return result.success ? { ok: result.data } : { refused: result.error.issues[0].message }
}

const Line = Text(1, 10, '名称')
const Lines = MultilineText(0, 20, '说明')

describe('free text (Text, MultilineText)', () => {
  it.each([
    ['NUL', '\u0000\u0000', '名称不能包含控制字符'],
    ['a NUL inside', '驿站\u0000', '名称不能包含控制字符'],
    ['BEL', 'a\u0007b', '名称不能包含控制字符'],
    ['vertical tab', 'a\u000bb', '名称不能包含控制字符'],
    ['escape', '\u001b[31m红', '名称不能包含控制字符'],
    ['DEL', 'a\u007f', '名称不能包含控制字符'],
    ['a C1 control (NEL)', 'a\u0085b', '名称不能包含控制字符'],
    ['a C1 control (CSI)', 'a\u009bb', '名称不能包含控制字符'],
    ['a lone high surrogate', '驿站\ud83d', '名称包含无效字符（残缺的表情符号）'],
    ['a lone low surrogate', '\ude00驿站', '名称包含无效字符（残缺的表情符号）'],
    ['a right-to-left override', '驿站\u202egnp.exe', '名称不能包含改变文字方向的控制字符'],
    ['a left-to-right embedding', '\u202a驿站', '名称不能包含改变文字方向的控制字符'],
    ['a pop directional formatting', '驿站\u202c', '名称不能包含改变文字方向的控制字符'],
    ['a right-to-left isolate', '驿\u2067站', '名称不能包含改变文字方向的控制字符'],
    ['a pop directional isolate', '驿站\u2069', '名称不能包含改变文字方向的控制字符'],
    ['a right-to-left mark', '驿\u200f站', '名称不能包含改变文字方向的控制字符'],
    ['a left-to-right mark', '驿\u200e站', '名称不能包含改变文字方向的控制字符'],
    ['an Arabic letter mark', '驿\u061c站', '名称不能包含改变文字方向的控制字符'],
    ['only zero-width spaces', '\u200b\u200b', '名称不能只有空白或看不见的字符'],
    ['only zero-width joiners', '\u200d\u200c', '名称不能只有空白或看不见的字符'],
    ['only byte-order marks and a word joiner', '\ufeff\u2060\ufeff', '名称不能只有空白或看不见的字符'],
    ['only Hangul fillers', '\u3164\u3164', '名称不能只有空白或看不见的字符'],
    ['only variation selectors', '\ufe0f\ufe0f', '名称不能只有空白或看不见的字符'],
    ['zero-width spaces between spaces', ' \u200b \u00a0\u3000', '名称不能只有空白或看不见的字符'],
    ['a line break on one line', '驿站\n二楼', '名称不能换行'],
    ['a CR LF on one line', '驿站\r\n二楼', '名称不能换行'],
    ['a line separator on one line', '驿站\u2028二楼', '名称不能换行'],
    ['only spaces (nothing written)', '   \u3000 ', '请填写名称'],
    ['eleven characters', '一二三四五六七八九十一', '名称最多 10 个字'],
    ['a number', 42, '名称应为文字'],
    ['nothing', undefined, '请填写名称'],
  ])('refuses %s', (_what, value, message) => {
    expect(outcome(Line, value)).toEqual({ refused: message })
  })

  it.each([
    ['trimmed of spaces, full-width spaces and zero-width characters', ' \u3000\u200b驿站\ufeff\u00a0 ', '驿站'],
    ['a tab as one space', '驿站\t二楼', '驿站 二楼'],
    ['NFC: e + combining acute is é', 'Cafe\u0301', 'Café'],
    ['NFC: a CJK compatibility ideograph is the unified one', '\uf900', '豈'],
    ['not NFKC: full-width digits and ㎡ stay as written', '３楼㎡', '３楼㎡'],
    ['an emoji with its variation selector and a joiner sequence', '❤️👨‍👩‍👧', '❤️👨‍👩‍👧'],
    ['a zero-width joiner inside a word', 'a\u200db', 'a\u200db'],
    ['ten Chinese characters', '一二三四五六七八九十', '一二三四五六七八九十'],
    ['ten emoji outside the BMP (20 UTF-16 units)', '😀'.repeat(10), '😀'.repeat(10)],
  ])('keeps %s', (_what, value, expected) => {
    expect(outcome(Line, value)).toEqual({ ok: expected })
  })

  it('lets a multi-line field keep line breaks, all of them as "\\n", and nothing else', () => {
    expect(outcome(Lines, '第一行\r\n第二行\r第三\u2029行')).toEqual({ ok: '第一行\n第二行\n第三\n行' })
    expect(outcome(Lines, '第一行\n\u0000')).toEqual({ refused: '说明不能包含控制字符' })
    expect(outcome(Lines, '\n\n\n')).toEqual({ ok: '' })
    expect(outcome(Lines, '\u200b\n\u200b')).toEqual({ refused: '说明不能只有空白或看不见的字符' })
  })

  it('counts characters as people do: a Chinese character and an astral emoji are one each', () => {
    expect(charCount('小哥')).toBe(2)
    expect(charCount('😀a')).toBe(2)
    expect(charCount('\ud83d')).toBe(1) // a lone surrogate still takes a place
    expect(charCount('')).toBe(0)
  })

  it('is idempotent, so the app may send what it parsed and the function parse it again', () => {
    for (const raw of [' 驿站\t二楼 ', 'Cafe\u0301', '\u200b\u200b', '第一行\r\n第二行']) {
      const once = normalizeText(raw)
      expect(normalizeText(once)).toBe(once)
    }
    expect(trimInvisible('\u200b\u200b')).toBe('')
  })

  it('keeps custom messages for a field that has them, and bounds 送往 in bytes too', () => {
    expect(outcome(Text(2, 30, '本周主题', { short: '请填写本周主题（2–30 个字）' }), '诊')).toEqual({
      refused: '请填写本周主题（2–30 个字）',
    })
    expect(outcome(Destination, '3幢2单元')).toEqual({ ok: '3幢2单元' })
    expect(outcome(Destination, '一二三四五六七八九')).toEqual({ refused: '送往地址最多 8 个汉字或 24 个字母数字' })
    expect(outcome(Destination, '3幢\u202e2单元')).toEqual({ refused: '送往地址不能包含改变文字方向的控制字符' })
  })
})

describe('a real name (PersonName)', () => {
  const Name = PersonName('真实姓名')

  it.each([
    ['a Chinese name', '刘小强', '刘小强'],
    ['a minority name with the middle dot', '买买提·艾力', '买买提·艾力'],
    ['a minority name with the dot of another keyboard, spaced', '买买提 ・ 艾力', '买买提·艾力'],
    ['a name with a bullet for the dot', '阿依古丽•吐尔逊', '阿依古丽·吐尔逊'],
    ['an Irish name with iOS’s curly apostrophe', 'O’Brien', "O'Brien"],
    ['a hyphenated Latin name with two spaces', 'Jean-Luc  Picard', 'Jean-Luc Picard'],
    ['accented letters, decomposed', 'Jose\u0301 Nun\u0303ez', 'José Nuñez'],
    ['full-width Latin letters', 'Ｌｉ Ｍｉｎｇ', 'Li Ming'],
    ['a Kangxi radical pasted from a PDF', '⾦小明', '金小明'],
    ['a rare character of Extension B', '𠮷野', '𠮷野'],
    ['the 〇 of a name', '王〇', '王〇'],
  ])('accepts %s', (_what, value, expected) => {
    expect(outcome(Name, value)).toEqual({ ok: expected })
  })

  it.each([
    ['NUL', '\u0000\u0000', '真实姓名不能包含控制字符'],
    ['one character', '王', '请填写真实姓名（2–20 个字）'],
    ['21 characters', '王'.repeat(21), '请填写真实姓名（2–20 个字）'],
    ['digits', '张三2', '真实姓名不能包含数字'],
    ['full-width digits', '张三２', '真实姓名不能包含数字'],
    ['an emoji', '张三😀', '真实姓名只能包含汉字或英文字母，少数民族姓名用“·”隔开'],
    ['markup', '<script>', '真实姓名只能包含汉字或英文字母，少数民族姓名用“·”隔开'],
    ['an underscore', 'li_ming', '真实姓名只能包含汉字或英文字母，少数民族姓名用“·”隔开'],
    ['a zero-width space inside', '张\u200b三', '真实姓名只能包含汉字或英文字母，少数民族姓名用“·”隔开'],
    ['a right-to-left override', '张\u202e三', '真实姓名不能包含改变文字方向的控制字符'],
    ['a space inside a Chinese name', '李 小龙', '中文姓名中间不要加空格，少数民族姓名用“·”隔开'],
    ['a hyphen in a Chinese name', '欧阳-修', '连字符和撇号只用于英文姓名（如 Jean-Luc、O’Brien）'],
    ['a dot at the start', '·艾力', '“·”、空格、连字符和撇号只能用在两个字之间'],
    ['two dots in a row', '买买提··艾力', '“·”、空格、连字符和撇号只能用在两个字之间'],
    ['a trailing apostrophe', "O'", '“·”、空格、连字符和撇号只能用在两个字之间'],
    ['a stray combining mark at the start', '\u0301Li', '真实姓名只能包含汉字或英文字母，少数民族姓名用“·”隔开'],
  ])('refuses %s', (_what, value, message) => {
    expect(outcome(Name, value)).toEqual({ refused: message })
  })

  it('is the rule of a staff member’s name too', () => {
    expect(outcome(AcceptInvitationInput, { code: 'x', name: '王师傅1' })).toEqual({ refused: '你的姓名不能包含数字' })
    expect(outcome(AcceptInvitationInput, { code: 'x', name: ' 王师傅 ' })).toEqual({
      ok: { code: 'x', name: '王师傅' },
    })
  })
})

describe('a rider id (RiderId, and each platform’s shape in RegisterInput)', () => {
  const registration = (platform: string, riderId: string) => ({
    name: '王小二',
    phone: '13912345678',
    platform,
    riderId,
    communityId: 'ruanjiaqiao',
    photoUrl: 'local:FacePhotoOfTheTestRider0',
    consentPrivacy: true,
    consentMovement: true,
  })

  it.each([
    ['trimmed and upper-cased', ' elm-123 ', 'ELM-123'],
    ['full-width letters, digits and hyphen folded', 'ＭＴ－１２３', 'MT-123'],
    ['an en dash as a hyphen', 'SF–9', 'SF-9'],
  ])('keeps an id %s', (_what, value, expected) => {
    expect(outcome(RiderId, value)).toEqual({ ok: expected })
  })

  it.each([
    ['empty', '  ', '请填写平台骑手编号'],
    ['with a space', 'ELM 123', '骑手编号只能包含字母、数字和连字符'],
    ['with two hyphens in a row', 'ELM--1', '骑手编号只能包含字母、数字和连字符'],
    ['ending with a hyphen', 'ELM-', '骑手编号只能包含字母、数字和连字符'],
    ['with markup', '<b>1</b>', '骑手编号只能包含字母、数字和连字符'],
    ['with a NUL', 'ELM\u00001', '骑手编号只能包含字母、数字和连字符'],
    ['of 33 characters', 'A'.repeat(33), '骑手编号最多 32 位'],
  ])('refuses an id %s', (_what, value, message) => {
    expect(outcome(RiderId, value)).toEqual({ refused: message })
  })

  it('asks 达达 for digits (its dm_id is an integer) and the others for the general shape', () => {
    expect(outcome(RegisterInput, registration('达达', '10086'))).toMatchObject({ ok: { riderId: '10086' } })
    expect(outcome(RegisterInput, registration('达达', 'DD-10086'))).toEqual({ refused: '达达骑手编号为 1–12 位数字' })
    expect(outcome(RegisterInput, registration('美团', 'mt-100001'))).toMatchObject({ ok: { riderId: 'MT-100001' } })
    expect(outcome(RegisterInput, registration('其他', '10086'))).toMatchObject({ ok: { riderId: '10086' } })
  })

  it('says the rider id’s problem beside the others’, so the form can show every message at once', () => {
    const parsed = RegisterInput.safeParse({ ...registration('达达', 'DD-1'), name: '王' })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['name', '请填写真实姓名（2–20 个字）'],
      ['riderId', '达达骑手编号为 1–12 位数字'],
    ])
  })
})

describe('dates, months, weeks and times that exist', () => {
  it.each([
    [DateText, '2026-02-28', true],
    [DateText, '2028-02-29', true],
    [DateText, '2026-02-29', false],
    [DateText, '2026-02-30', false],
    [DateText, '2026-04-31', false],
    [DateText, '2026-13-01', false],
    [DateText, '2026-00-10', false],
    [DateText, '0000-01-01', false],
    [DateText, '2026-2-1', false],
    [MonthText, '2026-11', true],
    [MonthText, '2026-13', false],
    [MonthText, '2026-00', false],
    [MonthText, '0000-01', false],
    [MonthText, '2100-01', false],
    [IsoWeek, '2026-W53', true],
    [IsoWeek, '2025-W53', false],
    [IsoWeek, '2026-W00', false],
    [IsoWeek, '1999-W10', false],
    [StartTime, '00:00', true],
    [StartTime, '23:59', true],
    [StartTime, '24:00', false],
    [StartTime, '7:00', false],
    [EndTime, '24:00', true],
    [EndTime, '24:01', false],
    [Instant, Date.UTC(2026, 10, 23), true],
    [Instant, 9e15, false],
    [Instant, -1, false],
  ] as const)('%#: %s → %s', (schema, value, accepted) => {
    expect(schema.safeParse(value).success).toBe(accepted)
  })

  it('names the day that does not exist, and the 24:00 that starts nothing', () => {
    expect(outcome(DateText, '2026-02-30')).toEqual({ refused: '没有这一天：2026-02-30' })
    expect(outcome(MonthText, '0000-01')).toEqual({ refused: '月份须在 2000–2099 年之间' })
    expect(outcome(StartTime, '24:00')).toEqual({ refused: '开始时间不能是 24:00（24:00 只能作结束时间）' })
  })
})
