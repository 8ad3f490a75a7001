import { performance } from 'node:perf_hooks'
import type { FunctionName } from '../types'
import { ROUTERS } from '../cloudfunctions/routers'
import { ManualClock } from '../cloudfunctions/shared/clock'
import { POLICY, type Rule } from '../cloudfunctions/shared/policy'
import { countRoundTrips } from '../cloudfunctions/shared/store/round-trips'
import { createLocalCloud, type LocalCloud } from '../local/cloud'
import { VALID_REQUESTS } from '../test/support/policy-requests'
import type { Benchmark } from './types'

/**
 * Store round trips per action, as CloudBase will pay for them (each store call is a network round trip):
 * every action of the contract called once with a valid request by an identity its rule allows → calls and
 * sequential depth; then the gate check and a redemption timed with 15 ms added to every store call
 * (`STORE_LATENCY_MS=15` does the same for `npm start`).
 */
const START = Date.parse('2026-11-23T10:00:00+08:00')
const LATENCY_MS = 15
const TIMED = 60

/**
 * Each counted call waits this long, as on a network: with no wait, a call that starts a moment after a sibling
 * call finished would be counted one deeper, though on CloudBase the two overlap.
 */
const COUNTING_LATENCY_MS = 2

/** A demo identity for the first role a rule allows. */
const IDENTITY: Record<string, string> = {
  anyone: 'demo-courier',
  courier: 'demo-courier',
  guard: 'demo-guard',
  manager: 'demo-manager',
  secretary: 'demo-secretary',
  admin: 'demo-admin',
}

async function freshCloud(latencyMs = 0): Promise<{ cloud: LocalCloud; clock: ManualClock }> {
  const clock = new ManualClock(START)
  const cloud = await createLocalCloud({
    dataDir: ':memory:',
    now: () => clock.now(),
    config: { verifyRateLimitPerMinute: 100_000 },
    storeLatencyMs: latencyMs,
  })
  return { cloud, clock }
}

/** One call's store round trips, in `within` (a fresh seeded cloud when absent). */
async function counted(
  fn: FunctionName,
  event: Record<string, unknown>,
  openid: string,
  within?: { cloud: LocalCloud; clock: ManualClock },
) {
  const { cloud, clock } = within ?? (await freshCloud())
  try {
    const counting = countRoundTrips(cloud.store, { latencyMs: COUNTING_LATENCY_MS })
    const reply = await ROUTERS[fn].dispatch(event, { openid, store: counting.store, clock, config: cloud.config })
    return { ...counting.counted(), code: reply.ok ? 'OK' : reply.error.code }
  } finally {
    if (!within) await cloud.close()
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
const round = (value: number) => Number(value.toFixed(1))

async function timed(run: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const times: number[] = []
  for (let i = 0; i < TIMED; i++) {
    const started = performance.now()
    await run(i)
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { p50: round(percentile(times, 0.5)), p99: round(percentile(times, 0.99)) }
}

export const roundTripsBenchmark: Benchmark = {
  name: 'roundtrips',
  async run() {
    const figures: Record<string, number> = {}
    const table: string[] = []
    for (const fn of Object.keys(POLICY) as FunctionName[]) {
      for (const [action, rule] of Object.entries<Rule>(POLICY[fn] as Record<string, Rule>)) {
        const openid = IDENTITY[rule.allow[0]]
        const { calls, depth, code } = await counted(fn, { action, ...VALID_REQUESTS[`${fn}.${action}`] }, openid)
        figures[`roundtrips.${fn}.${action}_calls`] = calls
        figures[`roundtrips.${fn}.${action}_depth`] = depth
        table.push(`${`${fn}.${action}`.padEnd(34)} ${String(calls).padStart(4)} ${String(depth).padStart(6)}  ${code}`)
      }
    }
    console.log(`action                              calls  depth  answer (sample request)\n${table.join('\n')}`)

    // The two that matter most, with requests that go all the way: a real code at the gate, a real redemption.
    const here = await freshCloud()
    const { cloud } = here
    try {
      const issued = await cloud.call('pass', { action: 'issue' }, 'demo-courier')
      if (!issued.ok) throw new Error(`pass.issue: ${issued.error.code}`)
      const { token } = issued.data as { token: string }
      const gate = await counted('pass', { action: 'verify', token }, 'demo-guard', here)
      if (gate.code !== 'OK') throw new Error(`pass.verify: ${gate.code}`)
      figures['pass.verify_store_calls'] = gate.calls
      figures['pass.verify_store_depth'] = gate.depth
      const redeem = await counted(
        'points',
        { action: 'redeem', itemId: 'item-demo-water', requestKey: 'bench-round-trip-1' },
        'demo-courier',
        here,
      )
      if (redeem.code !== 'OK') throw new Error(`points.redeem: ${redeem.code}`)
      figures['points.redeem_store_calls'] = redeem.calls
      figures['points.redeem_store_depth'] = redeem.depth
    } finally {
      await cloud.close()
    }

    const slow = await freshCloud(LATENCY_MS)
    try {
      await slow.cloud.store.collection('exchangeItems').update('item-demo-water', { set: { stock: 100_000 } })
      await slow.cloud.store.transaction(async (tx) => {
        await tx.collection('ledger').insert({
          _id: 'bench-round-trips-seed',
          courierId: 'demo-courier',
          communityId: 'ruanjiaqiao',
          delta: 1_000_000,
          kind: 'activity',
          ref: 'act-demo-patrol-past',
          title: '种子积分',
          by: 'demo-secretary',
          at: START,
        })
        await tx.collection('pointsAccounts').put({
          _id: 'demo-courier',
          balance: 1_000_000,
          earned: 1_000_000,
          updatedAt: START,
        })
      })
      // the gate check alone (issuing the code it checks is not timed)
      const checks: number[] = []
      for (let i = 0; i < TIMED; i++) {
        const issued = await slow.cloud.call('pass', { action: 'issue' }, 'demo-courier')
        const token = issued.ok ? (issued.data as { token: string }).token : ''
        const started = performance.now()
        await slow.cloud.call('pass', { action: 'verify', token }, 'demo-guard')
        checks.push(performance.now() - started)
      }
      checks.sort((a, b) => a - b)
      figures['pass.verify_p50_ms_at_15ms'] = round(percentile(checks, 0.5))
      figures['pass.verify_p99_ms_at_15ms'] = round(percentile(checks, 0.99))
      const redeem = await timed((i) =>
        slow.cloud.call(
          'points',
          { action: 'redeem', itemId: 'item-demo-water', requestKey: `bench-latency-${String(i).padStart(4, '0')}` },
          'demo-courier',
        ),
      )
      figures['points.redeem_p50_ms_at_15ms'] = redeem.p50
      figures['points.redeem_p99_ms_at_15ms'] = redeem.p99
    } finally {
      await slow.cloud.close()
    }
    return figures
  },
}
