import { isDeepStrictEqual } from 'node:util'
import type { Envelope } from '../../types'
import type { FunctionHarness } from './function-harness'
import { TEST_NOW } from './clock'
import { putApprovedCourier } from './couriers'

/**
 * A seeded random walk over awards, redemptions, cancellations and pickups, checked after every step against a
 * plain in-memory model of balances, stock and open redemptions. It is pure set-up and checking: the test
 * (test/functions/points-model.test.ts) runs a short walk on each store adapter, the bench runs the long one.
 * A divergence throws a `WalkDivergence` naming the seed and step, which `POINTS_WALK_SEED=<seed>` replays.
 */

/** The long walk: what `POINTS_WALK=long` runs on every adapter, and what `npm run bench` times. */
export const LONG_WALK = { seeds: [20261123, 7, 424242], steps: 200 } as const

const COURIERS = ['walk-a', 'walk-b', 'walk-c']
const ITEMS = [
  { id: 'item-demo-water', cost: 2, stock: 50 },
  { id: 'item-demo-towel', cost: 10, stock: 20 },
  { id: 'item-demo-raincoat', cost: 30, stock: 5 },
]
const HOUR = 3600_000

/** How many steps of each kind a walk took. */
export interface WalkCounts {
  awards: number
  redemptions: number
  refusals: number
  cancels: number
  pickups: number
}

/** Where a walk is: its seed, and the step (or its set-up). */
interface Place {
  seed: number
  step: number | 'set-up'
}

export class WalkDivergence extends Error {
  constructor(
    readonly place: Place,
    readonly what: string,
    readonly expected: unknown,
    readonly actual: unknown,
  ) {
    super(
      `seed ${place.seed}, step ${place.step}: ${what}: expected ${JSON.stringify(expected)}, ` +
        `got ${JSON.stringify(actual)} (replay with POINTS_WALK_SEED=${place.seed})`,
    )
  }
}

/** mulberry32: a tiny deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Model {
  balance: Map<string, number>
  stock: Map<string, number>
  open: Map<string, { courier: string; itemId: string; cost: number; pickupCode: string }>
  awarded: Set<string>
}

type Redeemed = { redemption: { id: string; pickupCode: string } }

const codeOf = (reply: Envelope<unknown>) => (reply.ok ? 'OK' : reply.error.code)

function dataOf<T>(reply: Envelope<unknown>, place: Place): T {
  if (!reply.ok) throw new WalkDivergence(place, 'reply', 'OK', reply.error)
  return reply.data as T
}

/** Three approved couriers, the demo items at known stock, and four activities under way with all signed up. */
async function setUp(
  h: FunctionHarness,
  seed: number,
  random: () => number,
): Promise<Array<{ id: string; points: number }>> {
  const store = h.store()
  for (const id of COURIERS) await putApprovedCourier(store, id)
  for (const item of ITEMS) await store.collection('exchangeItems').update(item.id, { set: { stock: item.stock } })
  const activities: Array<{ id: string; points: number }> = []
  for (let i = 0; i < 4; i++) {
    const points = 5 + Math.floor(random() * 20)
    const reply = await h.call(
      'points',
      {
        action: 'saveActivity',
        communityId: 'ruanjiaqiao',
        title: `巡逻 ${i}`,
        kind: '平安夜巡',
        description: '',
        place: '阮家桥',
        startAt: TEST_NOW + HOUR,
        endAt: TEST_NOW + 3 * HOUR,
        capacity: 10,
        points,
      },
      'demo-secretary',
    )
    const { activity } = dataOf<{ activity: { id: string } }>(reply, { seed, step: 'set-up' })
    activities.push({ id: activity.id, points })
    for (const c of COURIERS) await h.call('points', { action: 'signUp', activityId: activity.id }, c)
  }
  h.clock.advance(2 * HOUR) // every activity is under way: attendance is open
  return activities
}

/** Runs `steps` steps of the walk for `seed` on a freshly reset harness; throws on the first divergence. */
export async function runPointsWalk(h: FunctionHarness, seed: number, steps: number): Promise<WalkCounts> {
  await h.reset()
  const random = prng(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  const activities = await setUp(h, seed, random)
  const store = h.store()
  const model: Model = {
    balance: new Map(COURIERS.map((c) => [c, 0])),
    stock: new Map(ITEMS.map((i) => [i.id, i.stock])),
    open: new Map(),
    awarded: new Set(),
  }
  const done: WalkCounts = { awards: 0, redemptions: 0, refusals: 0, cancels: 0, pickups: 0 }

  for (let step = 0; step < steps; step++) {
    const where: Place = { seed, step }
    const check = (what: string, expected: unknown, actual: unknown) => {
      if (!isDeepStrictEqual(actual, expected)) throw new WalkDivergence(where, what, expected, actual)
    }
    const roll = random()
    if (roll < 0.3) {
      const activity = pick(activities)
      const courier = pick(COURIERS)
      const reply = await h.call(
        'points',
        { action: 'attend', activityId: activity.id, courierId: courier },
        'demo-secretary',
      )
      const key = `${activity.id}/${courier}`
      const { awarded } = dataOf<{ awarded: boolean }>(reply, where)
      check('attend awards once per courier and activity', !model.awarded.has(key), awarded)
      if (awarded) {
        done.awards++
        model.awarded.add(key)
        model.balance.set(courier, model.balance.get(courier)! + activity.points)
      }
    } else if (roll < 0.65) {
      const courier = pick(COURIERS)
      const item = pick(ITEMS)
      const requestKey = `walk-${seed}-${step}`
      const reply = await h.call('points', { action: 'redeem', itemId: item.id, requestKey }, courier)
      const expected =
        model.balance.get(courier)! < item.cost
          ? 'POINTS_INSUFFICIENT'
          : model.stock.get(item.id)! < 1
            ? 'OUT_OF_STOCK'
            : 'OK'
      check(`redeem ${item.id} by ${courier}`, expected, codeOf(reply))
      if (!reply.ok) done.refusals++
      if (reply.ok) {
        done.redemptions++
        const { redemption } = dataOf<Redeemed>(reply, where)
        model.balance.set(courier, model.balance.get(courier)! - item.cost)
        model.stock.set(item.id, model.stock.get(item.id)! - 1)
        model.open.set(redemption.id, { courier, itemId: item.id, cost: item.cost, pickupCode: redemption.pickupCode })
        // the same request again changes nothing
        const replay = await h.call('points', { action: 'redeem', itemId: item.id, requestKey }, courier)
        check('a replayed request key', redemption.id, dataOf<Redeemed>(replay, where).redemption.id)
      }
    } else if (roll < 0.85 && model.open.size > 0) {
      const [id, r] = pick([...model.open])
      const reply = await h.call('points', { action: 'cancelRedemption', redemptionId: id }, r.courier)
      check(`cancel ${id}`, 'OK', codeOf(reply))
      done.cancels++
      model.open.delete(id)
      model.balance.set(r.courier, model.balance.get(r.courier)! + r.cost)
      model.stock.set(r.itemId, model.stock.get(r.itemId)! + 1)
    } else if (model.open.size > 0) {
      const [id, r] = pick([...model.open])
      const reply = await h.call(
        'points',
        { action: 'confirmPickup', stationId: 'st-gege-yintai', pickupCode: r.pickupCode },
        'demo-secretary',
      )
      check(`pickup of ${id}`, 'OK', codeOf(reply))
      done.pickups++
      model.open.delete(id)
    }

    // the invariants, after every step
    const entries = await store.collection('ledger').find({ courierId: { in: COURIERS } }, { limit: 1000 })
    for (const courier of COURIERS) {
      const sum = entries.filter((e) => e.courierId === courier).reduce((s, e) => s + e.delta, 0)
      const balance = (await store.collection('pointsAccounts').get(courier))?.balance ?? 0
      check(`balance of ${courier}`, model.balance.get(courier), balance)
      check(`sum of ${courier}'s ledger entries`, model.balance.get(courier), sum)
    }
    for (const item of ITEMS) {
      check(
        `stock of ${item.id}`,
        model.stock.get(item.id),
        (await store.collection('exchangeItems').get(item.id))?.stock,
      )
    }
    const open = await store.collection('redemptions').count({ status: 'reserved', courierId: { in: COURIERS } })
    check('open redemptions', model.open.size, open)
  }
  return done
}
