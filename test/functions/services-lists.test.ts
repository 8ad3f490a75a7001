import {
  ALL_WEEK,
  DEFAULT_LOCATION,
  distanceMeters,
  NearbyMealsOutput,
  NearbyRoomsOutput,
  NearbyStationsOutput,
  PlaceDetailOutput,
  type Amenity,
  type Envelope,
  type GeoPoint,
  type Meal,
  type OpeningHours,
  type Room,
  type Station,
} from '../../types'
import { searchNearby } from '../../cloudfunctions/services/nearby-search'
import { FUNCTION_ADAPTERS, type FunctionHarness } from '../support/function-harness'
import { china, TEST_NOW } from '../support/clock'
import { vincentyMeters } from '../support/vincenty'

const ORIGIN = { lat: DEFAULT_LOCATION.lat, lng: DEFAULT_LOCATION.lng }
/** Harbin: about 1,700 km from every seeded place, so places made here are alone. */
const HARBIN = { lat: 45.8038, lng: 126.535 }
const M_PER_DEG_LAT = 111_195

/** A point `east` and `north` metres from `from`. */
function offset(from: GeoPoint, east: number, north: number): GeoPoint {
  return {
    lat: from.lat + north / M_PER_DEG_LAT,
    lng: from.lng + east / (M_PER_DEG_LAT * Math.cos((from.lat * Math.PI) / 180)),
  }
}

const nightOnly: OpeningHours = { kind: 'windows', windows: [{ days: ALL_WEEK, start: '22:00', end: '02:00' }] }

function station(id: string, location: GeoPoint, over: Partial<Station> = {}): Station {
  return {
    _id: id,
    name: `测试驿站 ${id}`,
    communityId: 'ruanjiaqiao',
    address: '测试地址',
    location,
    coordsApproximate: false,
    hours: { kind: 'always' },
    amenities: ['热水'],
    hidden: false,
    updatedAt: TEST_NOW,
    ...over,
  }
}

function meal(id: string, location: GeoPoint, over: Partial<Meal> = {}): Meal {
  return {
    _id: id,
    name: `测试食堂 ${id}`,
    communityId: 'ruanjiaqiao',
    address: '测试地址',
    location,
    coordsApproximate: false,
    hours: { kind: 'windows', windows: [{ days: ALL_WEEK, start: '11:00', end: '13:30' }] },
    dish: '一荤两素',
    priceFen: 990,
    hidden: false,
    updatedAt: TEST_NOW,
    ...over,
  }
}

function room(id: string, location: GeoPoint, over: Partial<Room> = {}): Room {
  return {
    _id: id,
    name: `测试公寓 ${id}`,
    communityId: 'ruanjiaqiao',
    address: '测试地址',
    location,
    coordsApproximate: false,
    hours: { kind: 'always' },
    unitType: '单间',
    monthlyRentFen: 100_000,
    marketRentFen: 150_000,
    unitsAvailable: 2,
    conditions: '新就业群体',
    hidden: false,
    updatedAt: TEST_NOW,
    ...over,
  }
}

/** The answer a full scan would give: to check the box search against. */
function bruteForce<T extends { _id: string; location: GeoPoint; hidden: boolean }>(
  places: T[],
  origin: GeoPoint,
  limit: number,
  keep: (p: T) => boolean = () => true,
): string[] {
  return places
    .filter((p) => !p.hidden && keep(p))
    .map((p) => ({ id: p._id, d: distanceMeters(origin, p.location) }))
    .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1))
    .slice(0, limit)
    .map((p) => p.id)
}

describe.each(FUNCTION_ADAPTERS)('services lists — %s', (_name, open) => {
  let h: FunctionHarness
  beforeAll(async () => {
    h = await open()
  })
  afterAll(() => h.close())
  beforeEach(() => h.reset())

  async function ok(action: string, body: Record<string, unknown>, openid = 'demo-courier'): Promise<unknown> {
    const reply = await h.call('services', { action, ...body }, openid)
    if (!reply.ok) throw new Error(`services.${action}: ${reply.error.code} ${reply.error.message}`)
    return reply.data
  }
  const stations = async (body: Record<string, unknown>) =>
    NearbyStationsOutput.parse(await ok('nearbyStations', body)).stations
  const code = (reply: Envelope<unknown>) => (reply.ok ? 'OK' : reply.error.code)

  it('gives distances within 0.5% of the WGS-84 geodesic for the seeded stations, near and far', async () => {
    const list = await stations({ location: ORIGIN, limit: 50 })
    expect(list.length).toBeGreaterThanOrEqual(5)
    for (const s of list) {
      const reference = vincentyMeters(DEFAULT_LOCATION.lat, DEFAULT_LOCATION.lng, s.location.lat, s.location.lng)
      expect(Math.abs(s.distanceM - reference) / reference).toBeLessThan(0.005)
    }
    expect(list.at(-1)!.distanceM).toBeGreaterThan(200_000) // Yangzhou
  })

  it('orders ties by id, whatever order they were stored in, and cuts a tie group at the same places', async () => {
    const spot = offset(HARBIN, 500, 0)
    await h.load(
      'stations',
      ['st-tie-c', 'st-tie-a', 'st-tie-e', 'st-tie-b', 'st-tie-d'].map((id) => station(id, spot)),
    )
    await h.load('stations', [station('st-tie-near', offset(HARBIN, 100, 0))])
    const all = await stations({ location: HARBIN, limit: 6 })
    expect(all.map((s) => s.id)).toEqual(['st-tie-near', 'st-tie-a', 'st-tie-b', 'st-tie-c', 'st-tie-d', 'st-tie-e'])
    for (let i = 0; i < 3; i++) {
      expect((await stations({ location: HARBIN, limit: 3 })).map((s) => s.id)).toEqual([
        'st-tie-near',
        'st-tie-a',
        'st-tie-b',
      ])
    }
  })

  it('filters stations by open now and by every amenity asked, and still finds `limit` of them further away', async () => {
    // near: 60 stations, none with a shower, half of them open only at night; far (8–30 km): 25 with a shower
    const near = Array.from({ length: 60 }, (_, i) =>
      station(`st-near-${i}`, offset(HARBIN, 50 * (i % 10), 50 * Math.floor(i / 10)), {
        amenities: ['热水', '冰箱'],
        ...(i % 2 ? { hours: nightOnly } : {}),
      }),
    )
    const far = Array.from({ length: 25 }, (_, i) =>
      station(`st-far-${i}`, offset(HARBIN, 8000 + 900 * i, -3000), {
        amenities: ['淋浴', '热水'],
        ...(i % 5 === 0 ? { hours: nightOnly } : {}),
      }),
    )
    await h.load('stations', [...near, ...far])
    const all = [...near, ...far]
    const has = (wanted: Amenity[]) => (s: Station) => wanted.every((a) => s.amenities.includes(a))
    const openAt10 = (s: Station) => s.hours.kind === 'always'

    const showers = await stations({ location: HARBIN, limit: 20, amenities: ['淋浴'] })
    expect(showers.map((s) => s.id)).toEqual(bruteForce(all, HARBIN, 20, has(['淋浴'])))
    expect(showers).toHaveLength(20)

    const openShowers = await stations({ location: HARBIN, limit: 20, amenities: ['淋浴', '热水'], openNow: true })
    expect(openShowers.map((s) => s.id)).toEqual(
      bruteForce(all, HARBIN, 20, (s) => has(['淋浴', '热水'])(s) && openAt10(s)),
    )
    expect(openShowers).toHaveLength(20)
    expect(openShowers.every((s) => s.openNow && s.amenities.includes('淋浴'))).toBe(true)

    // no seeded station has a fridge: the search covers all of China and answers with the 30 there are
    const openNear = await stations({ location: HARBIN, limit: 40, openNow: true, amenities: ['冰箱'] })
    expect(openNear.map((s) => s.id)).toEqual(bruteForce(all, HARBIN, 40, (s) => has(['冰箱'])(s) && openAt10(s)))
    expect(openNear).toHaveLength(30)
  })

  it('reads a box denser than the store read cap completely, splitting it instead of sampling it', async () => {
    // 1,100 stations within about 300 m, and the 20 open ones somewhere in the crowd
    const crowd = Array.from({ length: 1100 }, (_, i) =>
      station(
        `st-crowd-${String(i).padStart(4, '0')}`,
        offset(HARBIN, (i % 33) * 9, Math.floor(i / 33) * 9),
        i % 55 === 7 ? {} : { hours: nightOnly },
      ),
    )
    await h.load('stations', crowd)
    const origin = offset(HARBIN, 150, 150)
    const open = await stations({ location: origin, limit: 20, openNow: true })
    expect(open.map((s) => s.id)).toEqual(bruteForce(crowd, origin, 20, (s) => s.hours.kind === 'always'))
    // without filters: the 20 nearest of the crowd
    expect((await stations({ location: origin, limit: 20 })).map((s) => s.id)).toEqual(bruteForce(crowd, origin, 20))
    const search = await searchNearby({
      collection: h.store().collection('stations'),
      origin,
      limit: 20,
      filter: { hidden: false },
      accept: (s) => s.hours.kind === 'always',
    })
    expect(search.read).toBeGreaterThanOrEqual(1100) // every one of the crowd was looked at
    expect(search.queries).toBeGreaterThan(2) // by halves, since no single read may return them all
  }, 60_000)

  it('pages through more places than the read cap at one exact point', async () => {
    const spot = offset(HARBIN, 300, 300)
    const pile = Array.from({ length: 1010 }, (_, i) =>
      station(`st-pile-${String(i).padStart(4, '0')}`, spot, i === 1003 ? {} : { hours: nightOnly }),
    )
    await h.load('stations', pile)
    const open = await stations({ location: HARBIN, limit: 1, openNow: true })
    expect(open.map((s) => s.id)).toEqual(['st-pile-1003'])
  }, 60_000)

  it('never scans the whole collection to find the nearest', async () => {
    const grid = Array.from({ length: 900 }, (_, i) =>
      station(`st-grid-${i}`, offset(HARBIN, (i % 30) * 400, Math.floor(i / 30) * 400)),
    )
    await h.load('stations', grid)
    const result = await searchNearby({
      collection: h.store().collection('stations'),
      origin: offset(HARBIN, 6000, 6000),
      limit: 20,
      filter: { hidden: false },
    })
    expect(result.nearest.map((n) => n.place._id)).toEqual(bruteForce(grid, offset(HARBIN, 6000, 6000), 20))
    expect(result.read).toBeLessThan(200)
  }, 60_000)

  it('serves meals nearest first with serving now and a price ceiling', async () => {
    // the seeded real canteens: 大运河 at 9.90 yuan, 弄杭里 at 10 yuan
    const seeded = NearbyMealsOutput.parse(await ok('nearbyMeals', { location: ORIGIN, maxPriceFen: 990 })).meals
    expect(seeded.map((m) => m.id)).toEqual(['meal-dayunhe'])
    await h.load('meals', [
      meal('meal-t-cheap', offset(HARBIN, 200, 0), { priceFen: 900 }),
      meal('meal-t-dear', offset(HARBIN, 100, 0), { priceFen: 1500, dailyQuota: 50 }),
      meal('meal-t-supper', offset(HARBIN, 300, 0), { priceFen: 800, hours: nightOnly }),
    ])
    const at = async (instant: number, body: Record<string, unknown>) => {
      h.clock.set(instant)
      return NearbyMealsOutput.parse(await ok('nearbyMeals', { location: HARBIN, limit: 3, ...body })).meals
    }
    const lunch = china('2026-11-23T12:00:00')
    expect((await at(lunch, {})).map((m) => [m.id, m.openNow])).toEqual([
      ['meal-t-dear', true],
      ['meal-t-cheap', true],
      ['meal-t-supper', false],
    ])
    expect((await at(lunch, {}))[0]).toMatchObject({
      priceFen: 1500,
      dailyQuota: 50,
      dish: '一荤两素',
      communityName: '阮家桥社区',
    })
    // filtered lists still fill up to the limit, here from Hangzhou's canteens 1,700 km away
    expect((await at(lunch, { maxPriceFen: 990 })).map((m) => m.id)).toEqual([
      'meal-t-cheap',
      'meal-t-supper',
      'meal-dayunhe',
    ])
    expect((await at(lunch, { openNow: true, maxPriceFen: 990 })).map((m) => m.id)).toEqual([
      'meal-t-cheap',
      'meal-dayunhe',
    ])
    expect((await at(china('2026-11-23T23:00:00'), { openNow: true })).map((m) => m.id)).toEqual(['meal-t-supper'])
  })

  it('serves rooms with the saving, a rent ceiling and available-only', async () => {
    await h.load('rooms', [
      room('room-t-full', offset(HARBIN, 100, 0), { unitsAvailable: 0 }),
      room('room-t-dear', offset(HARBIN, 200, 0), { monthlyRentFen: 180_000, marketRentFen: 170_000 }),
      room('room-t-cheap', offset(HARBIN, 300, 0), { monthlyRentFen: 90_000, marketRentFen: 160_000 }),
    ])
    const rooms = async (body: Record<string, unknown>) =>
      NearbyRoomsOutput.parse(await ok('nearbyRooms', { location: HARBIN, limit: 3, ...body })).rooms
    const all = await rooms({})
    expect(all.map((r) => [r.id, r.savingFen])).toEqual([
      ['room-t-full', 50_000],
      ['room-t-dear', 0],
      ['room-t-cheap', 70_000],
    ])
    // the third comes from Hangzhou, 1,700 km away: a filter never makes the list short
    expect((await rooms({ availableOnly: true })).map((r) => r.id)).toEqual([
      'room-t-dear',
      'room-t-cheap',
      'room-fengle',
    ])
    expect((await rooms({ availableOnly: true, maxPriceFen: 95_000, limit: 1 })).map((r) => r.id)).toEqual([
      'room-t-cheap',
    ])
    expect((await rooms({ availableOnly: true, maxPriceFen: 95_000 })).map((r) => r.id)).toEqual(['room-t-cheap']) // all there are
    // openNow does not filter rooms
    expect(await rooms({ openNow: true })).toHaveLength(3)
  })

  it('shows a place in full, with the distance when a location is sent, and this week’s theme for a station', async () => {
    const detail = PlaceDetailOutput.parse(
      await ok('placeDetail', { kind: 'station', id: 'st-gege-yintai', location: ORIGIN }),
    )
    if (detail.kind !== 'station') throw new Error('expected a station')
    expect(detail.station).toMatchObject({
      id: 'st-gege-yintai',
      openNow: true,
      communityName: '阮家桥社区',
      themeThisWeek: { title: '免费义诊周' },
    })
    expect(detail.station.note).toContain('300')
    expect(detail.station.distanceM).toBe(Math.round(distanceMeters(ORIGIN, detail.station.location)))
    expect(detail.theme).toMatchObject({ week: '2026-W48', status: 'published', stationName: '哥哥驿站（城西银泰城）' })
    expect(detail.theme!.slots.map((s) => s.date)).toEqual(['2026-11-25', '2026-11-28'])

    const mealDetail = PlaceDetailOutput.parse(await ok('placeDetail', { kind: 'meal', id: 'meal-dayunhe' }))
    expect(mealDetail).toMatchObject({ kind: 'meal', meal: { priceFen: 990, openNow: false } })
    expect(mealDetail.kind === 'meal' && mealDetail.meal.distanceM).toBeUndefined()
    const roomDetail = PlaceDetailOutput.parse(await ok('placeDetail', { kind: 'room', id: 'room-fengle' }))
    expect(roomDetail).toMatchObject({ kind: 'room', room: { savingFen: 52_000, unitsAvailable: 12 } })

    expect(
      code(await h.call('services', { action: 'placeDetail', kind: 'meal', id: 'st-gege-yintai' }, 'demo-courier')),
    ).toBe('NOT_FOUND')
  })

  it('hides hidden places from lists and from everyone but the secretaries of their community', async () => {
    await h
      .store()
      .collection('stations')
      .update('st-xiangfu', { set: { hidden: true } })
    expect((await stations({ location: ORIGIN, limit: 50 })).map((s) => s.id)).not.toContain('st-xiangfu')
    const before = await h.dump()
    for (const openid of ['demo-courier', 'demo-guard', 'demo-manager', 'o6_visitor_never_seen_000001']) {
      const reply = await h.call('services', { action: 'placeDetail', kind: 'station', id: 'st-xiangfu' }, openid)
      expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到这个驿站' } })
    }
    for (const openid of ['demo-secretary', 'demo-admin']) {
      expect(code(await h.call('services', { action: 'placeDetail', kind: 'station', id: 'st-xiangfu' }, openid))).toBe(
        'OK',
      )
    }
    expect(await h.dump()).toEqual(before)
  })
})
