import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { ROUTERS } from '../cloudfunctions/routers'
import { ManualClock } from '../cloudfunctions/shared/clock'
import { createLocalCloud, type LocalCloud } from '../local/cloud'
import { faultyStore } from '../test/support/faulty-store'
import { putApprovedCourier } from '../test/support/couriers'
import type { Benchmark } from './types'

/**
 * The counter-taking actions on the SQLite store (a real file in WAL mode): redemptions, cancellations and
 * sign-up/withdraw pairs per second, the store operations each takes (a figure that matters more on CloudBase,
 * where each is a round trip), and 200 couriers racing for 10 units.
 */
const START = Date.parse('2026-11-23T10:00:00+08:00')
const HOUR = 3600_000
const COURIERS = 200
const REDEMPTIONS = 2000
const CYCLES = 1000

async function benchCloud(): Promise<{ cloud: LocalCloud; clock: ManualClock; dir: string; couriers: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiaoge-bench-counters-'))
  const clock = new ManualClock(START)
  const cloud = await createLocalCloud({ dataDir: dir, now: () => clock.now() })
  const couriers = Array.from({ length: COURIERS }, (_, i) => `bench-courier-${i}`)
  for (const id of couriers) {
    await putApprovedCourier(cloud.store, id)
    await cloud.store.transaction(async (tx) => {
      await tx.collection('ledger').insert({
        _id: `seed-${id}`,
        courierId: id,
        communityId: 'ruanjiaqiao',
        delta: 100_000,
        kind: 'activity',
        ref: 'act-demo-patrol-past',
        title: '种子积分',
        by: 'demo-secretary',
        at: START,
      })
      await tx.collection('pointsAccounts').put({ _id: id, balance: 100_000, earned: 100_000, updatedAt: START })
    })
  }
  return { cloud, clock, dir, couriers }
}

async function must(cloud: LocalCloud, fn: string, event: Record<string, unknown>, openid: string) {
  const reply = await cloud.call(fn, event, openid)
  if (!reply.ok) throw new Error(`${fn}.${String(event.action)} failed: ${reply.error.code} ${reply.error.message}`)
  return reply.data as Record<string, unknown>
}

/** Store operations (reads, writes, transaction steps and commits) one call makes. */
async function stepsOf(cloud: LocalCloud, clock: ManualClock, event: Record<string, unknown>, openid: string) {
  const counting = faultyStore(cloud.store)
  const reply = await ROUTERS.points.dispatch(event, { openid, store: counting.store, clock, config: cloud.config })
  if (!reply.ok) throw new Error(`points.${String(event.action)} failed: ${reply.error.code}`)
  return { steps: counting.steps(), data: reply.data as Record<string, unknown> }
}

const perSecond = (count: number, started: number) => Math.round(count / ((performance.now() - started) / 1000))

export const countersBenchmark: Benchmark = {
  name: 'counters',
  async run() {
    const { cloud, clock, dir, couriers } = await benchCloud()
    try {
      const figures: Record<string, number> = {}
      await cloud.store.collection('exchangeItems').update('item-demo-water', { set: { stock: 10 * REDEMPTIONS } })
      const redeemed = await stepsOf(
        cloud,
        clock,
        { action: 'redeem', itemId: 'item-demo-water', requestKey: 'bench-steps-0001' },
        couriers[0],
      )
      figures['counters.redeem_store_steps'] = redeemed.steps
      const redemptionId = (redeemed.data.redemption as { id: string }).id
      figures['counters.cancel_store_steps'] = (
        await stepsOf(cloud, clock, { action: 'cancelRedemption', redemptionId }, couriers[0])
      ).steps

      let started = performance.now()
      const ids: string[] = []
      for (let i = 0; i < REDEMPTIONS; i++) {
        const out = await must(
          cloud,
          'points',
          { action: 'redeem', itemId: 'item-demo-water', requestKey: `bench-redeem-${i}` },
          couriers[i % couriers.length],
        )
        ids.push((out.redemption as { id: string }).id)
      }
      figures['counters.redemptions_per_s'] = perSecond(REDEMPTIONS, started)
      started = performance.now()
      for (const [i, redemption] of ids.entries())
        await must(cloud, 'points', { action: 'cancelRedemption', redemptionId: redemption }, couriers[i % COURIERS])
      figures['counters.cancellations_per_s'] = perSecond(ids.length, started)

      const { activity } = (await must(
        cloud,
        'points',
        {
          action: 'saveActivity',
          communityId: 'ruanjiaqiao',
          title: '平安夜巡',
          kind: '平安夜巡',
          description: '',
          place: '阮家桥',
          startAt: START + 24 * HOUR,
          endAt: START + 26 * HOUR,
          capacity: 500,
          points: 10,
        },
        'demo-secretary',
      )) as { activity: { id: string } }
      figures['counters.signup_store_steps'] = (
        await stepsOf(cloud, clock, { action: 'signUp', activityId: activity.id }, couriers[0])
      ).steps
      figures['counters.withdraw_store_steps'] = (
        await stepsOf(cloud, clock, { action: 'withdraw', activityId: activity.id }, couriers[0])
      ).steps
      started = performance.now()
      for (let i = 0; i < CYCLES; i++) {
        const courier = couriers[i % COURIERS]
        await must(cloud, 'points', { action: 'signUp', activityId: activity.id }, courier)
        await must(cloud, 'points', { action: 'withdraw', activityId: activity.id }, courier)
      }
      figures['counters.signup_withdraw_pairs_per_s'] = perSecond(CYCLES, started)

      await cloud.store.collection('exchangeItems').update('item-demo-raincoat', { set: { stock: 10 } })
      started = performance.now()
      const replies = await Promise.all(
        couriers.map((c, i) =>
          cloud.call('points', { action: 'redeem', itemId: 'item-demo-raincoat', requestKey: `bench-race-${i}` }, c),
        ),
      )
      figures['counters.race_settle_ms'] = Number((performance.now() - started).toFixed(1))
      figures['counters.race_successes'] = replies.filter((r) => r.ok).length
      return figures
    } finally {
      await cloud.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  },
}
