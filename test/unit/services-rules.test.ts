import dayjs from 'dayjs'
import isoWeek from 'dayjs/plugin/isoWeek'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'
import {
  chinaClockFace,
  chinaDateText,
  chinaIsoWeekKey,
  chinaMonthKey,
  chinaMonthRange,
  chinaWeekStart,
  isoWeekStart,
  shiftDateText,
  weekDates,
  type OpeningHours,
} from '../../types'
import { checkOpeningHours, checkPlace, savingFen } from '../../cloudfunctions/services/domain/place-rules'
import {
  checkSlots,
  previousWeek,
  resolveWeek,
  shiftSlots,
  themeId,
  weekNotEditable,
} from '../../cloudfunctions/services/domain/themes'

dayjs.extend(utc)
dayjs.extend(timezone)
dayjs.extend(isoWeek)

const china = (text: string) => Date.parse(`${text}+08:00`)
const windows = (...list: Array<[number[], string, string]>): OpeningHours => ({
  kind: 'windows',
  windows: list.map(([days, start, end]) => ({ days, start, end })),
})

describe('China-time helpers agree with dayjs in Asia/Shanghai', () => {
  it('weekday and minute of day (chinaClockFace)', () => {
    for (let t = Date.UTC(1999, 11, 25); t < Date.UTC(2031, 0, 10); t += 86_400_000 * 2 + 3_600_000 * 5 + 61_000) {
      const z = dayjs(t).tz('Asia/Shanghai')
      expect(chinaClockFace(t)).toEqual({ weekday: z.isoWeekday(), minute: z.hour() * 60 + z.minute() })
    }
  })

  it('week start, date and month', () => {
    // 11 days and some hours apart: every weekday and every hour of the day come round within months
    for (let t = Date.UTC(2000, 0, 1); t < Date.UTC(2031, 0, 10); t += 86_400_000 * 11 + 3_600_000 * 7 + 1) {
      const z = dayjs(t).tz('Asia/Shanghai')
      expect(chinaWeekStart(t)).toBe(z.startOf('isoWeek').valueOf())
      expect(chinaDateText(t)).toBe(z.format('YYYY-MM-DD'))
      expect(chinaMonthKey(t)).toBe(z.format('YYYY-MM'))
      expect(isoWeekStart(chinaIsoWeekKey(t))).toBe(chinaWeekStart(t))
    }
  })
})

describe('isoWeekStart', () => {
  it('finds the Monday of a week, at China midnight', () => {
    expect(isoWeekStart('2026-W48')).toBe(china('2026-11-23T00:00:00'))
    expect(isoWeekStart('2026-W01')).toBe(china('2025-12-29T00:00:00'))
    expect(isoWeekStart('2026-W53')).toBe(china('2026-12-28T00:00:00'))
    expect(isoWeekStart('2027-W01')).toBe(china('2027-01-04T00:00:00'))
  })
  it('refuses weeks that do not exist', () => {
    expect(isoWeekStart('2025-W53')).toBeNull() // 2025 has 52 ISO weeks
    expect(isoWeekStart('2026-W00')).toBeNull()
    expect(isoWeekStart('2026-W54')).toBeNull()
    expect(isoWeekStart('2026-48')).toBeNull()
  })
})

describe('dates and months', () => {
  it('lists the seven dates of a week and moves dates across months and years', () => {
    expect(weekDates(china('2026-12-28T00:00:00'))).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ])
    expect(shiftDateText('2026-11-26', 7)).toBe('2026-12-03')
    expect(shiftDateText('2028-02-26', 7)).toBe('2028-03-04') // leap year
  })
  it('gives a month’s China-time bounds', () => {
    expect(chinaMonthRange('2026-12')).toEqual({
      start: china('2026-12-01T00:00:00'),
      end: china('2027-01-01T00:00:00'),
    })
    expect(chinaMonthRange('2026-13')).toBeNull()
  })
})

describe('checkOpeningHours', () => {
  it.each<[string, OpeningHours]>([
    ['a window crossing midnight', windows([[1, 2, 3, 4, 5, 6, 7], '22:00', '02:00'])],
    ['the whole day as 00:00–24:00', windows([[1, 2, 3, 4, 5, 6, 7], '00:00', '24:00'])],
    ['touching windows', windows([[1], '08:00', '12:00'], [[1], '12:00', '14:00'])],
    ['a night window and the next morning after it ends', windows([[7], '22:00', '02:00'], [[1], '02:00', '11:00'])],
    ['the same times on different days', windows([[1, 2], '08:00', '12:00'], [[3, 4], '08:00', '12:00'])],
    ['always', { kind: 'always' }],
  ])('accepts %s', (_what, hours) => {
    expect(checkOpeningHours(hours)).toEqual({ ok: true, value: hours })
  })

  it.each([
    [
      'overlap on a weekday',
      windows([[1, 2], '08:00', '12:00'], [[2], '11:59', '13:00']),
      '营业时间有重叠：周二 08:00–12:00 与 周二 11:59–13:00',
    ],
    [
      'a night window running into the next day’s window',
      windows([[3], '22:00', '02:00'], [[4], '01:00', '03:00']),
      '周三 22:00–次日02:00 与 周四 01:00–03:00',
    ],
    [
      'Sunday night running into Monday',
      windows([[7], '22:00', '06:00'], [[1], '05:00', '09:00']),
      '周日 22:00–次日06:00 与 周一 05:00–09:00',
    ],
    [
      'a window inside another',
      windows([[5], '00:00', '24:00'], [[5], '10:00', '11:00']),
      '周五 00:00–24:00 与 周五 10:00–11:00',
    ],
    ['a window of no length', windows([[1], '08:00', '08:00']), '没有时长'],
    ['midnight to midnight', windows([[1], '00:00', '00:00']), '全天营业请填 00:00–24:00'],
    ['a start at 24:00', windows([[1], '24:00', '01:00']), '开始时间不能是 24:00'],
  ])('refuses %s', (_what, hours, message) => {
    const result = checkOpeningHours(hours)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toContain(message)
  })

  it('sorts and de-duplicates each window’s days', () => {
    expect(checkOpeningHours(windows([[3, 1, 3], '08:00', '09:00']))).toEqual({
      ok: true,
      value: windows([[1, 3], '08:00', '09:00']),
    })
  })
})

describe('checkPlace', () => {
  const base = { location: { lat: 30.3, lng: 120.1 }, hours: { kind: 'always' } as OpeningHours }
  it('refuses coordinates outside China, prices below zero or not whole fen, and rent above market', () => {
    expect(checkPlace({ ...base, location: { lat: 51.5, lng: -0.1 } })).toMatchObject({
      ok: false,
      message: expect.stringContaining('坐标不在中国境内'),
    })
    expect(checkPlace({ ...base, priceFen: -1 })).toMatchObject({ ok: false, message: expect.stringContaining('价格') })
    expect(checkPlace({ ...base, priceFen: 9.9 })).toMatchObject({ ok: false })
    expect(checkPlace({ ...base, monthlyRentFen: 2, marketRentFen: 1 })).toMatchObject({
      ok: false,
      message: '优惠租金不能高于市场租金',
    })
    expect(checkPlace({ ...base, priceFen: 0, monthlyRentFen: 1, marketRentFen: 1 })).toEqual({
      ok: true,
      value: base.hours,
    })
  })
  it('computes the saving, never negative', () => {
    expect(savingFen({ monthlyRentFen: 98_000, marketRentFen: 150_000 })).toBe(52_000)
    expect(savingFen({ monthlyRentFen: 160_000, marketRentFen: 150_000 })).toBe(0)
  })
})

describe('themes', () => {
  const now = china('2026-11-25T10:00:00') // Wednesday of 2026-W48
  const w48 = resolveWeek(undefined, now)!

  it('resolve the current week, a named one and the previous one', () => {
    expect(w48).toEqual({ week: '2026-W48', start: china('2026-11-23T00:00:00'), end: china('2026-11-30T00:00:00') })
    expect(resolveWeek('2027-W01', now)).toMatchObject({ start: china('2027-01-04T00:00:00') })
    expect(resolveWeek('2025-W53', now)).toBeNull()
    expect(previousWeek(resolveWeek('2027-W01', now)!)).toEqual({
      week: '2026-W53',
      start: china('2026-12-28T00:00:00'),
      end: china('2027-01-04T00:00:00'),
    })
  })

  it('may be edited for this week and up to half a year ahead, not for weeks gone by', () => {
    expect(weekNotEditable(w48, now)).toBeNull()
    expect(weekNotEditable(previousWeek(w48), now)).toContain('已经过去')
    expect(weekNotEditable(resolveWeek('2027-W30', now)!, now)).toContain('最多提前')
  })

  it('have one id per station and week, always a valid Id', () => {
    expect(themeId('st-gege-yintai', '2026-W48')).toBe('th-2026-W48-st-gege-yintai')
    const long = themeId('s'.repeat(64), '2026-W48')
    expect(long).toMatch(/^th-2026-W48-[0-9a-f]{40}$/)
    expect(long).toBe(themeId('s'.repeat(64), '2026-W48'))
    expect(long).not.toBe(themeId(`${'s'.repeat(63)}t`, '2026-W48'))
  })

  it('check slots: inside the week, ending after they start; stored sorted', () => {
    const slot = (date: string, start: string, end: string, title = '义诊') => ({ date, start, end, title })
    expect(
      checkSlots(
        [
          slot('2026-11-29', '20:00', '24:00'),
          slot('2026-11-23', '09:00', '10:00', 'b'),
          slot('2026-11-23', '09:00', '10:00', 'a'),
        ],
        w48,
      ),
    ).toEqual({
      ok: true,
      value: [
        slot('2026-11-23', '09:00', '10:00', 'a'),
        slot('2026-11-23', '09:00', '10:00', 'b'),
        slot('2026-11-29', '20:00', '24:00'),
      ],
    })
    expect(checkSlots([slot('2026-11-30', '09:00', '10:00')], w48)).toMatchObject({
      ok: false,
      message: expect.stringContaining('不在 2026-W48'),
    })
    expect(checkSlots([slot('2026-11-22', '09:00', '10:00')], w48)).toMatchObject({ ok: false })
    expect(checkSlots([slot('2026-11-24', '10:00', '09:00')], w48)).toMatchObject({
      ok: false,
      message: expect.stringContaining('结束时间须晚于开始时间'),
    })
    expect(shiftSlots([slot('2026-11-29', '09:00', '10:00')], 1)).toEqual([slot('2026-12-06', '09:00', '10:00')])
  })
})
