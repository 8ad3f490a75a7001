import dayjs from 'dayjs'
import isoWeek from 'dayjs/plugin/isoWeek'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'
import {
  chinaIsoWeekday,
  chinaIsoWeekKey,
  chinaMinuteOfDay,
  chinaPreviousMonthKey,
  chinaStartOfDay,
  formatChina,
} from '../../types'

dayjs.extend(utc)
dayjs.extend(timezone)
dayjs.extend(isoWeek)

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

describe('China time without a date library, against dayjs in Asia/Shanghai', () => {
  // 5 days and some hours apart, over years: every weekday, hour and turn of the year comes round
  const instants: number[] = []
  for (let t = Date.UTC(1999, 11, 20); t < Date.UTC(2041, 0, 10); t += 86_400_000 * 5 + 3_599_999) instants.push(t)
  // the edges of the China day and of ISO weeks at the turn of years
  for (let year = 2000; year <= 2040; year++) {
    for (const day of [-3, -2, -1, 0, 1, 2, 3]) {
      const midnight = Date.UTC(year, 0, 1 + day) - 8 * 3_600_000
      instants.push(midnight - 1, midnight, midnight + 1)
    }
  }

  it('formats every pattern the app and the functions use', () => {
    const patterns = [
      'YYYY-MM-DD HH:mm',
      'YYYY-MM-DD',
      'HH:mm',
      'HH:mm:ss',
      'MM-DD HH:mm',
      'M月D日 HH:mm',
      'M月D日',
      'YYYY年MM月DD日',
      'YYYY-MM',
    ]
    for (const t of instants) {
      const shanghai = dayjs(t).tz('Asia/Shanghai')
      for (const pattern of patterns) expect(formatChina(t, pattern)).toBe(shanghai.format(pattern))
    }
  })

  it('gives the ISO week, the ISO weekday and the minute of the day', () => {
    for (const t of instants) {
      const shanghai = dayjs(t).tz('Asia/Shanghai')
      expect(chinaIsoWeekKey(t)).toBe(`${shanghai.isoWeekYear()}-W${String(shanghai.isoWeek()).padStart(2, '0')}`)
      expect(chinaIsoWeekday(t)).toBe(shanghai.isoWeekday())
      expect(chinaMinuteOfDay(t)).toBe(shanghai.hour() * 60 + shanghai.minute())
    }
  })

  it('gives the month before, across the turn of the year', () => {
    for (const t of instants) {
      const shanghai = dayjs(t).tz('Asia/Shanghai')
      expect(chinaPreviousMonthKey(t)).toBe(shanghai.startOf('month').subtract(1, 'day').format('YYYY-MM'))
    }
    expect(chinaPreviousMonthKey(china('2027-01-01T00:00:00'))).toBe('2026-12')
    expect(chinaPreviousMonthKey(china('2026-12-31T23:59:59'))).toBe('2026-11')
  })
})
