import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'
import { chinaIsoWeekday, chinaIsoWeekKey, chinaMinuteOfDay, chinaStartOfDay, formatChina } from '../../types'

dayjs.extend(utc)
dayjs.extend(timezone)

/** An instant given as China wall-clock time. */
const china = (text: string) => Date.parse(`${text}+08:00`)

describe('China time', () => {
  it('agrees with the IANA Asia/Shanghai zone for instants across years', () => {
    for (let t = Date.UTC(1995, 0, 1); t < Date.UTC(2040, 0, 1); t += 7 * 86_400_000 + 3_600_123) {
      expect(formatChina(t, 'YYYY-MM-DD HH:mm')).toBe(dayjs(t).tz('Asia/Shanghai').format('YYYY-MM-DD HH:mm'))
    }
  })

  it('does not depend on the machine time zone', () => {
    // 16:30 UTC is already the next day in China
    const t = Date.UTC(2026, 10, 22, 16, 30)
    expect(formatChina(t)).toBe('2026-11-23 00:30')
    expect(chinaMinuteOfDay(t)).toBe(30)
    expect(chinaIsoWeekday(t)).toBe(1)
  })

  it('puts Sunday 23:59 and Monday 00:00 in different ISO weeks', () => {
    expect(chinaIsoWeekKey(china('2026-11-22T23:59:59'))).toBe('2026-W47')
    expect(chinaIsoWeekKey(china('2026-11-23T00:00:00'))).toBe('2026-W48')
  })

  it('uses the ISO week-year at the turn of the year', () => {
    expect(chinaIsoWeekKey(china('2026-12-31T12:00:00'))).toBe('2026-W53')
    expect(chinaIsoWeekKey(china('2027-01-03T12:00:00'))).toBe('2026-W53')
    expect(chinaIsoWeekKey(china('2027-01-04T00:00:00'))).toBe('2027-W01')
  })

  it('starts the day at China midnight', () => {
    expect(chinaStartOfDay(china('2026-11-23T07:45:00'))).toBe(china('2026-11-23T00:00:00'))
  })
})

describe('chinaStartOfDay', () => {
  it('agrees with dayjs startOf("day") in China time for instants across years', () => {
    // 11 days and some hours apart: every weekday and every hour of the day come round within months
    for (let t = Date.UTC(2000, 0, 1); t < Date.UTC(2040, 0, 1); t += 86_400_000 * 11 + 3_599_999) {
      expect(chinaStartOfDay(t)).toBe(dayjs(t).tz('Asia/Shanghai').startOf('day').valueOf())
    }
  })
})
