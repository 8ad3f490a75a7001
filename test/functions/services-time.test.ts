/**
 * "Open now" and "this week" in China time, through the handlers, at the instants where a machine-local or
 * UTC computation would go wrong: around midnight, Sunday→Monday (China's Monday 00:00 is still Sunday in
 * UTC), 00:00–24:00, windows crossing midnight, and the turn of the ISO year.
 *
 * services-tz.test.ts runs this file again under TZ=UTC, TZ=Asia/Shanghai and TZ=America/Los_Angeles; with
 * EXPECT_TZ set it also checks that the zone really applied.
 */
import {
  ALL_WEEK,
  MonthThemesOutput,
  NearbyMealsOutput,
  NearbyStationsOutput,
  ThemeView,
  type Meal,
  type OpeningHours,
  type Station,
} from '../../types'
import { ManualClock } from '../../cloudfunctions/shared/clock'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { china, TEST_NOW } from '../support/clock'

const HARBIN = { lat: 45.8038, lng: 126.535 }
const near = (i: number) => ({ lat: HARBIN.lat, lng: HARBIN.lng + 0.001 * (i + 1) })

const HOURS: Record<string, OpeningHours> = {
  'st-t-always': { kind: 'always' },
  'st-t-day': { kind: 'windows', windows: [{ days: ALL_WEEK, start: '08:00', end: '22:00' }] },
  'st-t-sunnight': { kind: 'windows', windows: [{ days: [7], start: '22:00', end: '02:00' }] },
  'st-t-monday': { kind: 'windows', windows: [{ days: [1], start: '00:00', end: '24:00' }] },
  'st-t-night': { kind: 'windows', windows: [{ days: ALL_WEEK, start: '22:00', end: '02:00' }] },
}

let cloud: LocalCloud
const clock = new ManualClock(TEST_NOW)

beforeEach(async () => {
  clock.set(TEST_NOW)
  cloud = await createLocalCloud({ dataDir: ':memory:', now: () => clock.now() })
  for (const [i, [id, hours]] of Object.entries(HOURS).entries()) {
    const station: Station = {
      _id: id,
      name: `测试驿站 ${id}`,
      communityId: 'ruanjiaqiao',
      address: '测试地址',
      location: near(i),
      coordsApproximate: false,
      hours,
      amenities: ['热水'],
      hidden: false,
      updatedAt: TEST_NOW,
    }
    await cloud.store.collection('stations').put(station)
  }
  const supper: Meal = {
    _id: 'meal-t-night',
    name: '夜宵食堂',
    communityId: 'ruanjiaqiao',
    address: '测试地址',
    location: near(9),
    coordsApproximate: false,
    hours: HOURS['st-t-night'],
    dish: '一荤两素',
    priceFen: 990,
    hidden: false,
    updatedAt: TEST_NOW,
  }
  await cloud.store.collection('meals').put(supper)
})
afterEach(() => cloud.close())

async function ok(
  action: string,
  body: Record<string, unknown>,
  openid = 'demo-courier',
): Promise<Record<string, unknown>> {
  const reply = await cloud.call('services', { action, ...body }, openid)
  if (!reply.ok) throw new Error(`services.${action}: ${reply.error.code} ${reply.error.message}`)
  return reply.data as Record<string, unknown>
}

const expectedZone = process.env.EXPECT_TZ
const OFFSETS: Record<string, number> = { UTC: 0, 'Asia/Shanghai': -480, 'America/Los_Angeles': 480 }
if (expectedZone) {
  it(`runs under the machine time zone it was asked to (${expectedZone})`, () => {
    // 23 November 2026: no daylight saving anywhere in the list
    expect(new Date(Date.UTC(2026, 10, 23, 12)).getTimezoneOffset()).toBe(OFFSETS[expectedZone])
  })
}

describe('open now, in China time', () => {
  it.each([
    ['Sunday 21:59:59', '2026-11-29T21:59:59', ['st-t-always', 'st-t-day']],
    ['Sunday 22:00', '2026-11-29T22:00:00', ['st-t-always', 'st-t-night', 'st-t-sunnight']],
    ['Sunday 23:59:59', '2026-11-29T23:59:59', ['st-t-always', 'st-t-night', 'st-t-sunnight']],
    // still Sunday 16:00 in UTC
    ['Monday 00:00', '2026-11-30T00:00:00', ['st-t-always', 'st-t-monday', 'st-t-night', 'st-t-sunnight']],
    ['Monday 01:59:59', '2026-11-30T01:59:59', ['st-t-always', 'st-t-monday', 'st-t-night', 'st-t-sunnight']],
    ['Monday 02:00', '2026-11-30T02:00:00', ['st-t-always', 'st-t-monday']],
    ['Monday 08:00', '2026-11-30T08:00:00', ['st-t-always', 'st-t-day', 'st-t-monday']],
    ['Monday 23:59:59', '2026-11-30T23:59:59', ['st-t-always', 'st-t-monday', 'st-t-night']],
    ['Tuesday 00:00', '2026-12-01T00:00:00', ['st-t-always', 'st-t-night']],
    ['Saturday 23:30 (a Sunday-only night is not open)', '2026-11-28T23:30:00', ['st-t-always', 'st-t-night']],
    ['Sunday 01:00 (Saturday’s night, not Sunday’s)', '2026-11-29T01:00:00', ['st-t-always', 'st-t-night']],
  ])('%s', async (_when, instant, open) => {
    clock.set(china(instant))
    const all = NearbyStationsOutput.parse(await ok('nearbyStations', { location: HARBIN, limit: 5 })).stations
    expect(
      all
        .filter((s) => s.openNow)
        .map((s) => s.id)
        .sort(),
    ).toEqual(open)
    const filtered = NearbyStationsOutput.parse(
      await ok('nearbyStations', { location: HARBIN, limit: open.length, openNow: true }),
    ).stations
    expect(filtered.map((s) => s.id).sort()).toEqual(open)
  })

  it('serves a meal from 22:00 to 02:00 across midnight, and across Sunday→Monday', async () => {
    const serving = async (instant: string) => {
      clock.set(china(instant))
      return NearbyMealsOutput.parse(await ok('nearbyMeals', { location: HARBIN, limit: 1, openNow: true })).meals.map(
        (m) => m.id,
      )
    }
    expect(await serving('2026-11-24T21:59:00')).not.toContain('meal-t-night')
    expect(await serving('2026-11-24T23:00:00')).toEqual(['meal-t-night'])
    expect(await serving('2026-11-25T01:59:00')).toEqual(['meal-t-night'])
    expect(await serving('2026-11-25T02:00:00')).toEqual([]) // and no canteen anywhere serves at 2 a.m.
    expect(await serving('2026-11-30T00:30:00')).toEqual(['meal-t-night'])
  })
})

describe('this week and this month, in China time', () => {
  const save = async (week: string | undefined, title: string) =>
    ThemeView.parse(
      (
        await ok(
          'saveTheme',
          { stationId: 'st-t-always', ...(week ? { week } : {}), title, description: '', slots: [], publish: true },
          'demo-secretary',
        )
      ).theme,
    )
  const themeThisWeek = async () =>
    NearbyStationsOutput.parse(await ok('nearbyStations', { location: HARBIN, limit: 1 })).stations[0].themeThisWeek
      ?.title

  it('switches the station’s theme at Monday 00:00 China time (Sunday 16:00 UTC)', async () => {
    await save('2026-W48', '十一月最后一周')
    await save('2026-W49', '十二月第一周')
    clock.set(china('2026-11-29T23:59:59'))
    expect(await themeThisWeek()).toBe('十一月最后一周')
    expect(ThemeView.parse((await ok('getTheme', { stationId: 'st-t-always' })).theme).week).toBe('2026-W48')
    clock.set(china('2026-11-30T00:00:00'))
    expect(new Date(clock.now()).getUTCDay()).toBe(0) // Sunday in UTC
    expect(await themeThisWeek()).toBe('十二月第一周')
    expect(ThemeView.parse((await ok('getTheme', { stationId: 'st-t-always' })).theme).week).toBe('2026-W49')
  })

  it('defaults a new theme to the China-time week, Monday starting at China midnight', async () => {
    clock.set(china('2026-11-29T23:59:59'))
    expect(await save(undefined, '周日晚上发布')).toMatchObject({
      week: '2026-W48',
      weekStart: china('2026-11-23T00:00:00'),
    })
    clock.set(china('2026-11-30T00:00:00'))
    expect(await save(undefined, '周一零点发布')).toMatchObject({
      week: '2026-W49',
      weekStart: china('2026-11-30T00:00:00'),
    })
  })

  it('uses the ISO week-year at the turn of the year', async () => {
    clock.set(china('2027-01-03T23:59:59'))
    expect(await save(undefined, '跨年周')).toMatchObject({ week: '2026-W53', weekStart: china('2026-12-28T00:00:00') })
    clock.set(china('2027-01-04T00:00:00'))
    expect(await save(undefined, '新年第一周')).toMatchObject({
      week: '2027-W01',
      weekStart: china('2027-01-04T00:00:00'),
    })
  })

  it('takes the month view’s default month from China time', async () => {
    clock.set(china('2026-11-30T23:59:59'))
    expect(MonthThemesOutput.parse(await ok('monthThemes', {})).month).toBe('2026-11')
    clock.set(china('2026-12-01T00:00:00')) // 30 November 16:00 UTC
    expect(MonthThemesOutput.parse(await ok('monthThemes', {})).month).toBe('2026-12')
  })
})
