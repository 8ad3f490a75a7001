import { ALL_WEEK, hoursText, isOpenAt, OpeningHours, type OpeningHours as Hours } from '../../types'

const china = (text: string) => Date.parse(`${text}+08:00`)
// 2026-11-23 is a Monday
const MON = '2026-11-23'
const TUE = '2026-11-24'
const SUN = '2026-11-29'

const daily = (start: string, end: string, days = ALL_WEEK): Hours => ({
  kind: 'windows',
  windows: [{ days, start, end }],
})

describe('isOpenAt (China time)', () => {
  it('is always open for 24-hour places', () => {
    expect(isOpenAt({ kind: 'always' }, china(`${MON}T03:00:00`))).toBe(true)
  })

  it('opens at the start minute and closes at the end minute', () => {
    const h = daily('08:00', '22:00')
    expect(isOpenAt(h, china(`${MON}T07:59:59`))).toBe(false)
    expect(isOpenAt(h, china(`${MON}T08:00:00`))).toBe(true)
    expect(isOpenAt(h, china(`${MON}T21:59:59`))).toBe(true)
    expect(isOpenAt(h, china(`${MON}T22:00:00`))).toBe(false)
  })

  it('treats 00:00–24:00 as the whole day', () => {
    const h = daily('00:00', '24:00')
    expect(isOpenAt(h, china(`${MON}T00:00:00`))).toBe(true)
    expect(isOpenAt(h, china(`${MON}T23:59:59`))).toBe(true)
  })

  it('keeps a window that crosses midnight open into the next day', () => {
    const mondayNight = daily('22:00', '02:00', [1])
    expect(isOpenAt(mondayNight, china(`${MON}T23:30:00`))).toBe(true)
    expect(isOpenAt(mondayNight, china(`${TUE}T01:30:00`))).toBe(true)
    expect(isOpenAt(mondayNight, china(`${TUE}T02:00:00`))).toBe(false)
    expect(isOpenAt(mondayNight, china(`${MON}T01:30:00`))).toBe(false) // Sunday night is not in days
  })

  it('wraps Sunday night into Monday morning', () => {
    const sundayNight = daily('22:00', '02:00', [7])
    expect(isOpenAt(sundayNight, china(`${SUN}T23:00:00`))).toBe(true)
    expect(isOpenAt(sundayNight, china('2026-11-30T01:00:00'))).toBe(true)
  })

  it('respects weekdays', () => {
    const weekdays = daily('09:00', '17:00', [1, 2, 3, 4, 5])
    expect(isOpenAt(weekdays, china(`${MON}T10:00:00`))).toBe(true)
    expect(isOpenAt(weekdays, china(`${SUN}T10:00:00`))).toBe(false)
  })
})

describe('OpeningHours schema', () => {
  it('refuses malformed times and empty day lists', () => {
    expect(OpeningHours.safeParse(daily('8:00', '22:00')).success).toBe(false)
    expect(OpeningHours.safeParse(daily('08:00', '24:01')).success).toBe(false)
    expect(OpeningHours.safeParse(daily('08:00', '22:00', [])).success).toBe(false)
    expect(OpeningHours.safeParse(daily('08:00', '22:00', [0])).success).toBe(false)
  })
})

describe('hoursText', () => {
  it('describes hours in Chinese', () => {
    expect(hoursText({ kind: 'always' })).toBe('24小时营业')
    expect(hoursText(daily('11:00', '13:30'))).toBe('每天 11:00–13:30')
    expect(hoursText(daily('22:00', '02:00', [1, 2, 3, 4, 5]))).toBe('周一至周五 22:00–次日02:00')
    expect(hoursText(daily('09:00', '17:00', [6, 7]))).toBe('周六、周日 09:00–17:00')
  })
})
