import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { searchNearby } from '../cloudfunctions/services/nearby-search'
import { MAX_LIMIT } from '../cloudfunctions/shared/store/port'
import type { AppStore } from '../cloudfunctions/shared/store/collections'
import { createLocalCloud, type LocalCloud } from '../local/cloud'
import {
  ALL_WEEK,
  AMENITIES,
  chinaClockFace,
  distanceMeters,
  isOpenOn,
  type Amenity,
  type GeoPoint,
  type Meal,
  type OpeningHours,
  type Room,
  type Station,
} from '../types'
import type { Benchmark } from './types'

/**
 * The services lists against the SQLite store (a real file in WAL mode): 10,000 generated stations, 10,000
 * meals and 10,000 rooms spread over the Hangzhou area (half evenly, half crowded around the centre), and a
 * courier at one of 200 places in the city asking for the nearest 20 stations open now with 充电 — the full
 * `services.nearbyStations` handler (identity, contract parsing both ways, box search, community names, this
 * week's themes). Beside it, in the same run, the naive way: load every station (paged by id, as the store
 * allows), filter, sort by distance, take 20. Both must give the same 20 stations.
 */
const PLACES = 10_000
/** Monday 2026-11-23 21:30 China time: evening, when part of the stations have closed. */
export const NOW = Date.parse('2026-11-23T21:30:00+08:00')
const ORIGINS = 200
const WARMUP = 200
const RUNS = 2000
const NAIVE_RUNS = 60
const LIMIT = 20
const FILTER: Amenity[] = ['充电']
/** The Hangzhou area: about 39 km north–south and 43 km east–west. */
const AREA = { minLat: 30.1, maxLat: 30.45, minLng: 119.95, maxLng: 120.4 }
const CENTRE = { lat: 30.2741, lng: 120.1551 }

/** mulberry32: a small seeded generator, so every run builds the same city. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function cityPoint(rand: () => number): GeoPoint {
  if (rand() < 0.5) {
    return {
      lat: AREA.minLat + rand() * (AREA.maxLat - AREA.minLat),
      lng: AREA.minLng + rand() * (AREA.maxLng - AREA.minLng),
    }
  }
  // Box–Muller: crowded within about 6 km of the centre
  const r = Math.sqrt(-2 * Math.log(1 - rand())) * 0.055
  const theta = 2 * Math.PI * rand()
  const lat = Math.min(AREA.maxLat, Math.max(AREA.minLat, CENTRE.lat + r * Math.cos(theta)))
  const lng = Math.min(AREA.maxLng, Math.max(AREA.minLng, CENTRE.lng + r * Math.sin(theta)))
  return { lat: Number(lat.toFixed(6)), lng: Number(lng.toFixed(6)) }
}

function hoursFor(rand: () => number): OpeningHours {
  const x = rand()
  if (x < 0.25) return { kind: 'always' }
  if (x < 0.6) return { kind: 'windows', windows: [{ days: ALL_WEEK, start: '08:00', end: '22:00' }] }
  if (x < 0.8) return { kind: 'windows', windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }] }
  if (x < 0.9) return { kind: 'windows', windows: [{ days: ALL_WEEK, start: '20:00', end: '04:00' }] }
  return { kind: 'windows', windows: [{ days: [6, 7], start: '10:00', end: '16:00' }] }
}

const COMMUNITIES = ['ruanjiaqiao', 'xinheping', 'zhizunong', 'zhuganxiang', 'zhalongkou', 'wujiadun']

/** The generated city (the same every run): also handy for profiling the search by hand. */
export function generateCity(): { stations: Station[]; meals: Meal[]; rooms: Room[] } {
  const rand = random(20261123)
  const common = (prefix: string, i: number) => ({
    _id: `${prefix}-bench-${String(i).padStart(5, '0')}`,
    name: `${prefix === 'st' ? '驿站' : prefix === 'meal' ? '食堂' : '公寓'} ${i}`,
    communityId: COMMUNITIES[i % COMMUNITIES.length],
    address: `杭州市某路 ${i} 号`,
    location: cityPoint(rand),
    coordsApproximate: false,
    hours: hoursFor(rand),
    hidden: rand() < 0.02,
    updatedAt: NOW,
  })
  const stations = Array.from({ length: PLACES }, (_, i): Station => ({
    ...common('st', i),
    amenities: AMENITIES.filter(() => rand() < 0.35),
  }))
  const meals = Array.from({ length: PLACES }, (_, i): Meal => ({
    ...common('meal', i),
    dish: '一荤两素',
    priceFen: 800 + Math.floor(rand() * 12) * 50,
  }))
  const rooms = Array.from({ length: PLACES }, (_, i): Room => {
    const market = 120_000 + Math.floor(rand() * 80) * 1000
    return {
      ...common('room', i),
      unitType: '单间',
      monthlyRentFen: Math.round(market * (0.6 + rand() * 0.3)),
      marketRentFen: market,
      unitsAvailable: Math.floor(rand() * 4),
      conditions: '新就业群体',
    }
  })
  return { stations, meals, rooms }
}

/** The naive way: every station, read a page at a time, filtered and sorted in memory. */
async function naiveNearest(store: AppStore, origin: GeoPoint, now: number): Promise<string[]> {
  const all: Station[] = []
  let after: string | null = null
  for (;;) {
    const page: Station[] = await store
      .collection('stations')
      .find(after === null ? {} : { _id: { gt: after } }, { orderBy: [['_id', 'asc']], limit: MAX_LIMIT })
    all.push(...page)
    if (page.length < MAX_LIMIT) break
    after = page[page.length - 1]._id
  }
  const face = chinaClockFace(now)
  return all
    .filter((s) => !s.hidden && isOpenOn(s.hours, face) && FILTER.every((a) => s.amenities.includes(a)))
    .map((s) => ({ id: s._id, d: distanceMeters(origin, s.location) }))
    .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, LIMIT)
    .map((s) => s.id)
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits))

async function timed(count: number, run: (i: number) => Promise<void>): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < count; i++) {
    const started = performance.now()
    await run(i)
    times.push(performance.now() - started)
  }
  return times.sort((a, b) => a - b)
}

export const servicesBenchmark: Benchmark = {
  name: 'services',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiaoge-bench-services-'))
    let cloud: LocalCloud | null = null
    try {
      cloud = await createLocalCloud({ dataDir: dir, now: () => NOW })
      const store = cloud.store
      const { stations, meals, rooms } = generateCity()
      await store.transaction(async (tx) => {
        for (const s of stations) await tx.collection('stations').put(s)
        for (const m of meals) await tx.collection('meals').put(m)
        for (const r of rooms) await tx.collection('rooms').put(r)
      })
      const rand = random(7)
      const origins = Array.from({ length: ORIGINS }, () => cityPoint(rand))
      const request = (origin: GeoPoint) => ({
        action: 'nearbyStations',
        location: origin,
        limit: LIMIT,
        openNow: true,
        amenities: FILTER,
      })
      const nearest = async (origin: GeoPoint): Promise<string[]> => {
        const reply = await cloud!.call('services', request(origin), 'demo-courier')
        if (!reply.ok) throw new Error(`nearbyStations failed: ${reply.error.code} ${reply.error.message}`)
        return (reply.data as { stations: Array<{ id: string }> }).stations.map((s) => s.id)
      }

      // Both ways must agree before anything is timed.
      for (const origin of origins.slice(0, 20)) {
        const [fast, naive] = [await nearest(origin), await naiveNearest(store, origin, NOW)]
        if (fast.length !== LIMIT || fast.join() !== naive.join()) {
          throw new Error(`the handler and the naive way disagree at ${JSON.stringify(origin)}`)
        }
      }

      await timed(WARMUP, (i) => nearest(origins[i % ORIGINS]).then(() => undefined))
      const handler = await timed(RUNS, (i) => nearest(origins[i % ORIGINS]).then(() => undefined))
      const naive = await timed(NAIVE_RUNS, (i) => naiveNearest(store, origins[i % ORIGINS], NOW).then(() => undefined))

      // The other two lists, with their filters, and what a station search reads.
      const meal = await timed(RUNS / 2, async (i) => {
        const reply = await cloud!.call(
          'services',
          { action: 'nearbyMeals', location: origins[i % ORIGINS], openNow: true, maxPriceFen: 1000 },
          'demo-courier',
        )
        if (!reply.ok) throw new Error(reply.error.message)
      })
      const room = await timed(RUNS / 2, async (i) => {
        const reply = await cloud!.call(
          'services',
          { action: 'nearbyRooms', location: origins[i % ORIGINS], availableOnly: true, maxPriceFen: 120_000 },
          'demo-courier',
        )
        if (!reply.ok) throw new Error(reply.error.message)
      })
      const face = chinaClockFace(NOW)
      const reads: number[] = []
      for (const origin of origins) {
        const result = await searchNearby({
          collection: store.collection('stations'),
          origin,
          limit: LIMIT,
          filter: { hidden: false },
          accept: (s) => isOpenOn(s.hours, face) && FILTER.every((a) => s.amenities.includes(a)),
        })
        reads.push(result.read)
      }
      reads.sort((a, b) => a - b)

      const median = quantile(handler, 0.5)
      const naiveMedian = quantile(naive, 0.5)
      return {
        'services.nearest20_median_ms': round(median),
        'services.nearest20_p99_ms': round(quantile(handler, 0.99)),
        'services.naive_median_ms': round(naiveMedian, 2),
        'services.speedup_vs_naive': round(naiveMedian / median, 1),
        'services.nearest20_docs_read_median': quantile(reads, 0.5),
        'services.meals_nearest20_median_ms': round(quantile(meal, 0.5)),
        'services.rooms_nearest20_median_ms': round(quantile(room, 0.5)),
      }
    } finally {
      await cloud?.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  },
}
