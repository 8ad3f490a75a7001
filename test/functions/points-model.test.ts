import type { Courier, Envelope, User } from '../../types'
import { FUNCTION_ADAPTERS, type FunctionHarness } from '../support/function-harness'
import { TEST_NOW } from '../support/clock'

/**
 * A seeded random walk over awards, redemptions, cancellations and pickups, checked after every step against a
 * plain in-memory model of balances, stock and open redemptions. A failure names the seed and step, and
 * `POINTS_WALK_SEED=<seed>` replays exactly that walk.
 */
const STEPS = 120
const SEEDS = process.env.POINTS_WALK_SEED ? [Number(process.env.POINTS_WALK_SEED)] : [20261123, 7, 424242]
const COURIERS = ['walk-a', 'walk-b', 'walk-c']
const ITEMS = [
  { id: 'item-demo-water', cost: 2, stock: 50 },
  { id: 'item-demo-towel', cost: 10, stock: 20 },
  { id: 'item-demo-raincoat', cost: 30, stock: 5 },
]
const HOUR = 3600_000

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

describe.each(FUNCTION_ADAPTERS)('points model walk — %s', (_name, open) => {
  let h: FunctionHarness
  beforeAll(async () => {
    h = await open()
  })
  afterAll(() => h.close())

  it.each(SEEDS)(
    'seed %i keeps the store and the model in step',
    async (seed) => {
      await h.reset()
      const random = prng(seed)
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
      const store = h.store()
      for (const id of COURIERS) {
        const user: User = { _id: id, nickname: '骑手', roles: [{ role: 'courier' }], createdAt: TEST_NOW }
        const courier: Courier = {
          _id: id,
          name: '王大力',
          phone: '13900000000',
          platform: '美团',
          riderId: id,
          communityId: 'ruanjiaqiao',
          status: 'approved',
          approvedAt: TEST_NOW,
          passId: `p${id.slice(-1)}aaaaaa`.slice(0, 8),
          movementConsentAt: TEST_NOW,
          createdAt: TEST_NOW,
          updatedAt: TEST_NOW,
        }
        await store.collection('users').put(user)
        await store.collection('couriers').put(courier)
      }
      for (const item of ITEMS) await store.collection('exchangeItems').update(item.id, { set: { stock: item.stock } })
      const model: Model = {
        balance: new Map(COURIERS.map((c) => [c, 0])),
        stock: new Map(ITEMS.map((i) => [i.id, i.stock])),
        open: new Map(),
        awarded: new Set(),
      }
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
        const id = (reply as Extract<Envelope<{ activity: { id: string } }>, { ok: true }>).data.activity.id
        activities.push({ id, points })
        for (const c of COURIERS) await h.call('points', { action: 'signUp', activityId: id }, c)
      }
      h.clock.advance(2 * HOUR) // every activity is under way: attendance is open

      const codeOf = (r: Envelope<unknown>) => (r.ok ? 'OK' : r.error.code)
      const done = { awards: 0, redemptions: 0, refusals: 0, cancels: 0, pickups: 0 }
      for (let step = 0; step < STEPS; step++) {
        const where = `seed ${seed}, step ${step}`
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
          expect({ where, code: codeOf(reply) }).toEqual({ where, code: 'OK' })
          const awarded = (reply as Extract<Envelope<{ awarded: boolean }>, { ok: true }>).data.awarded
          expect({ where, awarded }).toEqual({ where, awarded: !model.awarded.has(key) })
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
          expect({ where, code: codeOf(reply) }).toEqual({ where, code: expected })
          if (!reply.ok) done.refusals++
          if (reply.ok) {
            done.redemptions++
            const { redemption } = reply.data as { redemption: { id: string; pickupCode: string } }
            model.balance.set(courier, model.balance.get(courier)! - item.cost)
            model.stock.set(item.id, model.stock.get(item.id)! - 1)
            model.open.set(redemption.id, {
              courier,
              itemId: item.id,
              cost: item.cost,
              pickupCode: redemption.pickupCode,
            })
            // the same request again changes nothing
            const replay = await h.call('points', { action: 'redeem', itemId: item.id, requestKey }, courier)
            expect({ where, id: replay.ok && (replay.data as { redemption: { id: string } }).redemption.id }).toEqual({
              where,
              id: redemption.id,
            })
          }
        } else if (roll < 0.85 && model.open.size > 0) {
          const [id, r] = pick([...model.open])
          const reply = await h.call('points', { action: 'cancelRedemption', redemptionId: id }, r.courier)
          expect({ where, code: codeOf(reply) }).toEqual({ where, code: 'OK' })
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
          expect({ where, code: codeOf(reply) }).toEqual({ where, code: 'OK' })
          done.pickups++
          model.open.delete(id)
        }

        // the invariants, after every step
        const entries = await store.collection('ledger').find({ courierId: { in: COURIERS } }, { limit: 1000 })
        for (const courier of COURIERS) {
          const sum = entries.filter((e) => e.courierId === courier).reduce((s, e) => s + e.delta, 0)
          const balance = (await store.collection('pointsAccounts').get(courier))?.balance ?? 0
          expect({ where, courier, balance, sum }).toEqual({
            where,
            courier,
            balance: model.balance.get(courier),
            sum: model.balance.get(courier),
          })
        }
        for (const item of ITEMS) {
          const stock = (await store.collection('exchangeItems').get(item.id))?.stock
          expect({ where, item: item.id, stock }).toEqual({ where, item: item.id, stock: model.stock.get(item.id) })
        }
        expect({
          where,
          open: await store.collection('redemptions').count({ status: 'reserved', courierId: { in: COURIERS } }),
        }).toEqual({ where, open: model.open.size })
      }
      // the walk really exercised every kind of step
      for (const [kind, count] of Object.entries(done))
        expect({ seed, kind, count: count > 0 }).toEqual({ seed, kind, count: true })
    },
    120_000,
  )
})
