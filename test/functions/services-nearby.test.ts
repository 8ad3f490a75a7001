import { DEFAULT_LOCATION, distanceMeters, NearbyStationsOutput } from '../../types'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { ManualClock } from '../../cloudfunctions/shared/clock'
import { snapshotDatabase } from '../support/db-snapshot'
import { china, TEST_NOW } from '../support/clock'

let cloud: LocalCloud
const clock = new ManualClock(TEST_NOW)
beforeEach(async () => {
  clock.set(TEST_NOW)
  cloud = await createLocalCloud({ dataDir: ':memory:', now: () => clock.now() })
})
afterEach(() => cloud.close())

const origin = { lat: DEFAULT_LOCATION.lat, lng: DEFAULT_LOCATION.lng }

async function nearby(request: Record<string, unknown>, openid = 'demo-courier') {
  const reply = await cloud.call('services', { action: 'nearbyStations', ...request }, openid)
  if (!reply.ok) throw new Error(`nearbyStations failed: ${reply.error.code} ${reply.error.message}`)
  return NearbyStationsOutput.parse(reply.data)
}

describe('services.nearbyStations', () => {
  it('lists the seeded Gongshu stations nearest first, with true distances', async () => {
    const { stations } = await nearby({ location: origin, limit: 3 })
    expect(stations).toHaveLength(3)
    const distances = stations.map((s) => s.distanceM)
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
    for (const s of stations) {
      expect(Math.abs(s.distanceM - distanceMeters(origin, s.location))).toBeLessThanOrEqual(1)
    }
    expect(stations.map((s) => s.name)).toContain('哥哥驿站（城西银泰城）')
    expect(stations.every((s) => s.coordsApproximate)).toBe(true)
  })

  it('reaches far stations when asked for more than the city holds', async () => {
    const { stations } = await nearby({ location: origin, limit: 50 })
    expect(stations.at(-1)?.name).toContain('邗小哥')
    expect(stations.at(-1)!.distanceM).toBeGreaterThan(200_000)
  })

  it('says which stations are open now, in China time', async () => {
    clock.set(china('2026-11-23T23:00:00'))
    const late = await nearby({ location: origin, limit: 10 })
    const open = (name: string) => late.stations.find((s) => s.name.startsWith(name))?.openNow
    expect(open('哥哥驿站')).toBe(true) // 24 h
    expect(open('祥符街道')).toBe(false) // 08:00–22:00
    clock.set(china('2026-11-23T09:30:00'))
    const morning = await nearby({ location: origin, limit: 10 })
    expect(morning.stations.find((s) => s.name.startsWith('祥符街道'))?.openNow).toBe(true)
  })

  it('hides stations marked hidden', async () => {
    await cloud.store.collection('stations').update('st-gege-yintai', { set: { hidden: true } })
    const { stations } = await nearby({ location: origin, limit: 50 })
    expect(stations.map((s) => s.id)).not.toContain('st-gege-yintai')
  })

  it('is open to visitors never seen before', async () => {
    const { stations } = await nearby({ location: origin }, 'o6_newvisitor000000000000001')
    expect(stations.length).toBeGreaterThan(0)
  })

  it('returns only the contract fields, never internal ones', async () => {
    const reply = await cloud.call('services', { action: 'nearbyStations', location: origin }, 'demo-courier')
    const first = (reply as { ok: true; data: { stations: Array<Record<string, unknown>> } }).data.stations[0]
    expect(Object.keys(first)).not.toEqual(expect.arrayContaining(['hidden']))
    expect(first).not.toHaveProperty('updatedAt')
    expect(first).not.toHaveProperty('note')
  })

  it.each([
    ['a location outside China', { location: { lat: 51.5, lng: -0.1 } }],
    ['a missing location', {}],
    ['a limit over 50', { location: origin, limit: 51 }],
    ['an unknown field', { location: origin, sort: 'rating' }],
    ['a string coordinate', { location: { lat: '30.3', lng: 120.1 } }],
  ])('refuses %s with BAD_REQUEST in Chinese and writes nothing', async (_name, request) => {
    const before = await snapshotDatabase(cloud.store)
    const reply = await cloud.call('services', { action: 'nearbyStations', ...request }, 'demo-courier')
    expect(reply.ok).toBe(false)
    if (reply.ok) return
    expect(reply.error.code).toBe('BAD_REQUEST')
    expect(reply.error.message).toMatch(/^请求格式不正确：/)
    expect(reply.error.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })
})
