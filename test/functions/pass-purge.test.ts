import { purgeExpiredRecords } from '../../cloudfunctions/purge/purge-expired'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { TEST_NOW } from '../support/clock'

const DAY = 86_400_000
let cloud: LocalCloud
beforeEach(async () => {
  cloud = await createLocalCloud({ dataDir: ':memory:', now: () => TEST_NOW })
})
afterEach(() => cloud.close())

const entry = (id: string, at: number) => ({
  _id: id,
  communityId: 'ruanjiaqiao',
  gateId: 'gate-rjq-north',
  scannedBy: 'demo-guard',
  courierId: 'demo-courier',
  allowed: true,
  code: 'OK',
  suspectedShared: false,
  at,
})

describe('retention of entry records', () => {
  it('deletes access-log entries older than the retention period and keeps the rest', async () => {
    const logs = cloud.store.collection('accessLogs')
    await logs.insert(entry('old', TEST_NOW - 181 * DAY))
    await logs.insert(entry('edge', TEST_NOW - 179 * DAY))
    await logs.insert(entry('fresh', TEST_NOW - 1000))
    const removed = await purgeExpiredRecords(cloud.store, TEST_NOW, 180)
    expect(removed.accessLogs).toBe(1)
    expect((await logs.find({}, { orderBy: [['_id', 'asc']] })).map((e) => e._id)).toEqual(['edge', 'fresh'])
  })

  it('deletes the records of who read a review card after the same period', async () => {
    const reads = cloud.store.collection('dataReads')
    const read = (id: string, at: number) => ({
      _id: id,
      courierId: 'demo-courier',
      communityId: 'ruanjiaqiao',
      by: 'demo-secretary',
      role: 'secretary' as const,
      what: 'review' as const,
      day: new Date(at + 8 * 3600_000).toISOString().slice(0, 10),
      at,
    })
    await reads.insert(read('read-old', TEST_NOW - 181 * DAY))
    await reads.insert(read('read-fresh', TEST_NOW - DAY))
    expect((await purgeExpiredRecords(cloud.store, TEST_NOW, 180)).dataReads).toBe(1)
    expect((await reads.find({})).map((r) => r._id)).toEqual(['read-fresh'])
  })

  it('deletes the per-day aliases of codes a few days after their day, and keeps recent ones', async () => {
    const aliases = cloud.store.collection('passAliases')
    const day = (offset: number) => new Date(TEST_NOW + 8 * 3600_000 + offset * DAY).toISOString().slice(0, 10)
    for (const offset of [-5, -4, -3, -2, 0])
      await aliases.insert({ _id: `alias${-offset}`, courierId: 'demo-courier', day: day(offset), at: TEST_NOW })
    expect((await purgeExpiredRecords(cloud.store, TEST_NOW, 180)).passAliases).toBe(2)
    expect((await aliases.find({}, { orderBy: [['day', 'asc']] })).map((a) => a.day)).toEqual([
      day(-3),
      day(-2),
      day(0),
    ])
  })

  it('deletes more than one read-page of expired entries in one run', async () => {
    const logs = cloud.store.collection('accessLogs')
    await cloud.store.transaction(async (tx) => {
      for (let i = 0; i < 1205; i++) await tx.collection('accessLogs').insert(entry(`e${i}`, TEST_NOW - 200 * DAY + i))
    })
    expect((await purgeExpiredRecords(cloud.store, TEST_NOW, 180)).accessLogs).toBe(1205)
    expect(await logs.count()).toBe(0)
  })

  it('honours a configured retention', async () => {
    await cloud.store.collection('accessLogs').insert(entry('a', TEST_NOW - 31 * DAY))
    expect((await purgeExpiredRecords(cloud.store, TEST_NOW, 30)).accessLogs).toBe(1)
  })
})
