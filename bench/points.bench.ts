import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { ManualClock } from '../cloudfunctions/shared/clock'
import { createLocalCloud, type LocalCloud } from '../local/cloud'
import type { Courier, User } from '../types'
import type { Benchmark } from './types'

/**
 * The points ledger against the SQLite store (a real file in WAL mode): attendance awards per second (each a
 * transaction appending a ledger entry and moving the balance and the month's tally), redemptions per second
 * (stock taken by a guarded update, then points, entry, pickup code and redemption in one transaction), and
 * the contended case: 200 couriers redeeming an item with stock 10 at once — how many succeed and how long
 * the 200 requests take to settle.
 */
const START = Date.parse('2026-11-23T10:00:00+08:00')
const HOUR = 3600_000
const COURIERS = 400
const AWARD_ACTIVITIES = 10
const REDEMPTIONS = 2000
const RACE_COURIERS = 200
const RACE_STOCK = 10

async function benchCloud(): Promise<{ cloud: LocalCloud; clock: ManualClock; dir: string; couriers: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiaoge-bench-points-'))
  const clock = new ManualClock(START)
  const cloud = await createLocalCloud({ dataDir: dir, now: () => clock.now() })
  const couriers = Array.from({ length: COURIERS }, (_, i) => `bench-courier-${i}`)
  await cloud.store.transaction(async (tx) => {
    for (const [i, id] of couriers.entries()) {
      const user: User = { _id: id, nickname: '骑手', roles: [{ role: 'courier' }], createdAt: START }
      const courier: Courier = {
        _id: id,
        name: '王大力',
        phone: `139${String(i).padStart(8, '0')}`,
        platform: '美团',
        riderId: `MT-${i}`,
        communityId: 'ruanjiaqiao',
        status: 'approved',
        approvedAt: START,
        passId: `b${String(i).padStart(7, '0')}`,
        movementConsentAt: START,
        createdAt: START,
        updatedAt: START,
      }
      await tx.collection('users').put(user)
      await tx.collection('couriers').put(courier)
    }
  })
  return { cloud, clock, dir, couriers }
}

async function must(
  cloud: LocalCloud,
  fn: string,
  event: Record<string, unknown>,
  openid: string,
): Promise<Record<string, unknown>> {
  const reply = await cloud.call(fn, event, openid)
  if (!reply.ok) throw new Error(`${fn}.${String(event.action)} failed: ${reply.error.code} ${reply.error.message}`)
  return reply.data as Record<string, unknown>
}

export const pointsBenchmark: Benchmark = {
  name: 'points',
  async run() {
    const { cloud, clock, dir, couriers } = await benchCloud()
    try {
      // Activities everyone signs up for, then attendance during them: COURIERS × AWARD_ACTIVITIES awards.
      const activityIds: string[] = []
      for (let a = 0; a < AWARD_ACTIVITIES; a++) {
        const { activity } = (await must(
          cloud,
          'points',
          {
            action: 'saveActivity',
            communityId: 'ruanjiaqiao',
            title: `平安夜巡 ${a}`,
            kind: '平安夜巡',
            description: '',
            place: '阮家桥',
            startAt: START + HOUR,
            endAt: START + 3 * HOUR,
            capacity: 500,
            points: 10,
          },
          'demo-secretary',
        )) as { activity: { id: string } }
        activityIds.push(activity.id)
        for (const c of couriers) await must(cloud, 'points', { action: 'signUp', activityId: activity.id }, c)
      }
      clock.advance(2 * HOUR)
      let started = performance.now()
      for (const activityId of activityIds) {
        for (const c of couriers)
          await must(cloud, 'points', { action: 'attend', activityId, courierId: c }, 'demo-secretary')
      }
      const awardsPerSecond = (activityIds.length * couriers.length) / ((performance.now() - started) / 1000)

      // Redemptions of a well-stocked item, spread over the couriers (each has 100 points now).
      await cloud.store.collection('exchangeItems').update('item-demo-water', { set: { stock: REDEMPTIONS } })
      started = performance.now()
      for (let i = 0; i < REDEMPTIONS; i++) {
        await must(
          cloud,
          'points',
          { action: 'redeem', itemId: 'item-demo-water', requestKey: `bench-redeem-${i}` },
          couriers[i % couriers.length],
        )
      }
      const redemptionsPerSecond = REDEMPTIONS / ((performance.now() - started) / 1000)

      // The race: RACE_COURIERS at once for RACE_STOCK units.
      await cloud.store.collection('exchangeItems').update('item-demo-raincoat', { set: { stock: RACE_STOCK } })
      started = performance.now()
      const replies = await Promise.all(
        couriers
          .slice(0, RACE_COURIERS)
          .map((c, i) =>
            cloud.call('points', { action: 'redeem', itemId: 'item-demo-raincoat', requestKey: `bench-race-${i}` }, c),
          ),
      )
      const settleMs = performance.now() - started
      const successes = replies.filter((r) => r.ok).length
      const cleanRefusals = replies.filter((r) => !r.ok && r.error.code === 'OUT_OF_STOCK').length
      if (successes + cleanRefusals !== RACE_COURIERS)
        throw new Error('the race produced answers other than success or OUT_OF_STOCK')
      return {
        'points.awards_per_s': Math.round(awardsPerSecond),
        'points.redemptions_per_s': Math.round(redemptionsPerSecond),
        'points.race_successes': successes,
        'points.race_settle_ms': Number(settleMs.toFixed(1)),
      }
    } finally {
      await cloud.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  },
}
