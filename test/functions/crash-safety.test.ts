import type { Envelope, FunctionName } from '../../types'
import { HOLD_STALE_MS, reconcileHolds } from '../../cloudfunctions/points/holds'
import { ROUTERS } from '../../cloudfunctions/routers'
import type { AppStore, CounterHold } from '../../cloudfunctions/shared/store/collections'
import { TEST_NOW } from '../support/clock'
import { FAULT_MODES, faultyStore, type FaultMode } from '../support/faulty-store'
import { putApprovedCourier } from '../support/couriers'
import { FUNCTION_ADAPTERS, type FunctionHarness } from '../support/function-harness'

/**
 * Fault injection: each counter-taking action is stopped at every one of its store steps, in every way a
 * step can go wrong (killed before it, failed, applied with the reply lost, lost and the next read failing
 * too), then recovered as production recovers — the client retries the same request, the timer reconciles —
 * in both orders. After recovery stock, places, balances, redemptions, pickup codes and review logs must agree,
 * the retried request must have taken one unit at most, and it must converge (a last retry answers as if
 * nothing had happened).
 */
const HOUR = 3600_000
const DAY = 24 * HOUR
const COURIER = 'demo-courier'
const SECRETARY = 'demo-secretary'
const ITEM = 'item-demo-water'
/** A courier who deletes their account (the deleteMyAccount scenario). */
const ERASER = 'crash-eraser'

type Recovery = 'retry first' | 'timer first'
const RECOVERIES: readonly Recovery[] = ['retry first', 'timer first']

interface Call {
  fn: FunctionName
  event: Record<string, unknown>
  openid: string
}

/** What the data looked like before the action: the sums that must be preserved. */
interface Baseline {
  /** Per item: stock + its redemptions not cancelled. */
  units: Map<string, number>
  courierStatus: Map<string, string>
  reviewLogs: Map<string, number>
}

interface Scenario {
  name: string
  /** Clean set-up through the real store (e.g. the redemption that is then cancelled); returns the call. */
  setup(h: FunctionHarness): Promise<Call>
  /** What the data must show once the request went through (after recovery and a last retry). */
  converged(store: AppStore, last: Envelope<unknown>, call: Call): Promise<string[]>
  /**
   * A long action (a deletion takes a hundred steps): every step killed and lost on SQLite, the recoveries in
   * turn; on the stand-in every fourth step killed (CRASH_WALK=full runs everything).
   */
  long?: true
}

const code = (reply: Envelope<unknown>) => (reply.ok ? 'OK' : reply.error.code)

function dispatch(h: FunctionHarness, store: AppStore, call: Call): Promise<Envelope<unknown>> {
  return ROUTERS[call.fn].dispatch(call.event, { openid: call.openid, store, clock: h.clock, config: h.config })
}

async function must(h: FunctionHarness, call: Call): Promise<Record<string, unknown>> {
  const reply = await dispatch(h, h.store(), call)
  if (!reply.ok) throw new Error(`set-up ${call.fn}.${String(call.event.action)}: ${reply.error.code}`)
  return reply.data as Record<string, unknown>
}

const redeemCall = (requestKey: string): Call => ({
  fn: 'points',
  event: { action: 'redeem', itemId: ITEM, requestKey },
  openid: COURIER,
})

async function publish(h: FunctionHarness): Promise<string> {
  const out = await must(h, {
    fn: 'points',
    event: {
      action: 'saveActivity',
      communityId: 'ruanjiaqiao',
      title: '平安夜巡：故障注入',
      kind: '平安夜巡',
      description: '测试',
      place: '阮家桥社区',
      startAt: TEST_NOW + DAY,
      endAt: TEST_NOW + DAY + 2 * HOUR,
      capacity: 5,
      points: 7,
    },
    openid: SECRETARY,
  })
  return (out.activity as { id: string }).id
}

const SCENARIOS: Scenario[] = [
  {
    name: 'redeem',
    setup: () => Promise.resolve(redeemCall('crash-key-0001')),
    async converged(store, last) {
      const problems: string[] = []
      if (!last.ok) problems.push(`the last retry answered ${code(last)}`)
      const mine = await store.collection('redemptions').find({ courierId: COURIER, itemId: ITEM })
      if (mine.length !== 1 || mine[0].status !== 'reserved')
        problems.push(`expected one open redemption, found ${mine.map((r) => r.status).join(',') || 'none'}`)
      const stock = (await store.collection('exchangeItems').get(ITEM))?.stock
      if (stock !== 49) problems.push(`stock ${stock}, expected 49 (one unit taken)`)
      return problems
    },
  },
  {
    name: 'cancelRedemption',
    async setup(h) {
      const out = await must(h, redeemCall('crash-key-0002'))
      const redemptionId = (out.redemption as { id: string }).id
      return { fn: 'points', event: { action: 'cancelRedemption', redemptionId }, openid: COURIER }
    },
    async converged(store, last, call) {
      const problems: string[] = []
      // A retry after the cancellation went through is told it is cancelled already.
      if (!last.ok && code(last) !== 'INVALID_STATE') problems.push(`the last retry answered ${code(last)}`)
      const redemption = await store.collection('redemptions').get(String(call.event.redemptionId))
      if (redemption?.status !== 'cancelled') problems.push(`redemption ${redemption?.status}, expected cancelled`)
      const stock = (await store.collection('exchangeItems').get(ITEM))?.stock
      if (stock !== 50) problems.push(`stock ${stock}, expected 50 (the unit back, once)`)
      return problems
    },
  },
  {
    name: 'signUp',
    async setup(h) {
      const activityId = await publish(h)
      return { fn: 'points', event: { action: 'signUp', activityId }, openid: COURIER }
    },
    async converged(store, last, call) {
      const problems: string[] = []
      if (!last.ok) problems.push(`the last retry answered ${code(last)}`)
      const activity = await store.collection('activities').get(String(call.event.activityId))
      if (activity?.signedUp !== 1) problems.push(`signedUp ${activity?.signedUp}, expected 1`)
      const signups = await store.collection('signups').find({ activityId: String(call.event.activityId) })
      if (signups.length !== 1 || signups[0].status !== 'signed')
        problems.push(`sign-ups ${signups.map((s) => s.status).join(',') || 'none'}, expected one signed`)
      return problems
    },
  },
  {
    name: 'withdraw',
    async setup(h) {
      const activityId = await publish(h)
      await must(h, { fn: 'points', event: { action: 'signUp', activityId }, openid: COURIER })
      return { fn: 'points', event: { action: 'withdraw', activityId }, openid: COURIER }
    },
    async converged(store, last, call) {
      const problems: string[] = []
      if (!last.ok) problems.push(`the last retry answered ${code(last)}`)
      const activity = await store.collection('activities').get(String(call.event.activityId))
      if (activity?.signedUp !== 0) problems.push(`signedUp ${activity?.signedUp}, expected 0 (the place back, once)`)
      const signups = await store.collection('signups').find({ activityId: String(call.event.activityId) })
      if (signups.length !== 1 || signups[0].status !== 'withdrawn')
        problems.push(`sign-ups ${signups.map((s) => s.status).join(',') || 'none'}, expected one withdrawn`)
      return problems
    },
  },
  {
    name: 'review',
    setup: () =>
      Promise.resolve({
        fn: 'account',
        event: { action: 'review', courierId: 'demo-courier-pending', decision: 'approve' },
        openid: SECRETARY,
      }),
    async converged(store, last) {
      const problems: string[] = []
      if (!last.ok && code(last) !== 'INVALID_STATE') problems.push(`the last retry answered ${code(last)}`)
      const courier = await store.collection('couriers').get('demo-courier-pending')
      if (courier?.status !== 'approved') problems.push(`status ${courier?.status}, expected approved`)
      if (courier?.status === 'approved' && !courier.passId) problems.push('approved without a pass id')
      return problems
    },
  },
  {
    name: 'deleteMyAccount',
    long: true,
    async setup(h) {
      await putApprovedCourier(h.store(), ERASER)
      const activityId = await publish(h)
      await must(h, { fn: 'points', event: { action: 'signUp', activityId }, openid: ERASER })
      h.clock.advance(DAY + HOUR)
      await must(h, { fn: 'points', event: { action: 'attend', activityId, courierId: ERASER }, openid: SECRETARY })
      const kept = await must(h, { ...redeemCall('crash-erase-keep'), openid: ERASER })
      const code = (kept.redemption as { pickupCode: string }).pickupCode
      await must(h, {
        fn: 'points',
        event: { action: 'confirmPickup', stationId: 'st-gege-yintai', pickupCode: code },
        openid: SECRETARY,
      })
      const dropped = await must(h, { ...redeemCall('crash-erase-drop'), openid: ERASER })
      const redemptionId = (dropped.redemption as { id: string }).id
      await must(h, { fn: 'points', event: { action: 'cancelRedemption', redemptionId }, openid: ERASER })
      return { fn: 'account', event: { action: 'deleteMyAccount', confirm: '注销' }, openid: ERASER }
    },
    async converged(store, last) {
      const problems: string[] = []
      if (!last.ok) problems.push(`the last retry answered ${code(last)}`)
      for (const name of ['users', 'couriers', 'ledger', 'pointsAccounts', 'redemptions', 'signups', 'monthlyEarned']) {
        const left = (await store.collection(name).find({}, { limit: 1000 })).filter((d) =>
          JSON.stringify(d).includes(ERASER),
        )
        if (left.length) problems.push(`${name} still names the courier: ${left.map((d) => d._id).join(',')}`)
      }
      const anon = (await store.collection('pointsAccounts').find({}, { limit: 1000 })).filter((a) =>
        a._id.startsWith('anon_'),
      )
      if (anon.length !== 1 || anon[0].balance !== 5) {
        problems.push(`anonymous accounts ${anon.map((a) => `${a._id}:${a.balance}`).join(',')}, expected one of 5`)
      }
      return problems
    },
  },
]

async function baselineOf(store: AppStore): Promise<Baseline> {
  const units = new Map<string, number>()
  const redemptions = await store.collection('redemptions').find({}, { limit: 1000 })
  for (const item of await store.collection('exchangeItems').find({}, { limit: 1000 })) {
    const open = redemptions.filter((r) => r.itemId === item._id && r.status !== 'cancelled').length
    units.set(item._id, item.stock + open)
  }
  const courierStatus = new Map<string, string>()
  for (const c of await store.collection('couriers').find({}, { limit: 1000 })) courierStatus.set(c._id, c.status)
  const reviewLogs = new Map<string, number>()
  for (const log of await store.collection('reviewLogs').find({}, { limit: 1000 }))
    reviewLogs.set(log.courierId, (reviewLogs.get(log.courierId) ?? 0) + 1)
  return { units, courierStatus, reviewLogs }
}

/** Everything that must agree whatever happened; each disagreement as one line. */
async function invariants(store: AppStore, baseline: Baseline): Promise<string[]> {
  const problems: string[] = []
  const ledger = await store.collection('ledger').find({}, { limit: 1000 })
  const entries = new Map(ledger.map((e) => [e._id, e]))
  const sums = new Map<string, number>()
  for (const e of ledger) sums.set(e.courierId, (sums.get(e.courierId) ?? 0) + e.delta)
  for (const account of await store.collection('pointsAccounts').find({}, { limit: 1000 })) {
    if (account.balance !== (sums.get(account._id) ?? 0))
      problems.push(`balance of ${account._id} ${account.balance} ≠ ledger sum ${sums.get(account._id) ?? 0}`)
    if (account.balance < 0) problems.push(`balance of ${account._id} below zero`)
  }

  const redemptions = await store.collection('redemptions').find({}, { limit: 1000 })
  const byId = new Map(redemptions.map((r) => [r._id, r]))
  for (const r of redemptions) {
    if (entries.get(`${r._id}_out`)?.delta !== -r.cost) problems.push(`redemption ${r._id} without its ledger entry`)
    const refunded = entries.has(`${r._id}_back`)
    if (refunded !== (r.status === 'cancelled'))
      problems.push(`redemption ${r._id} ${r.status} ${refunded ? 'with' : 'without'} a refund`)
  }
  for (const e of ledger) {
    if ((e.kind === 'redeem' || e.kind === 'refund') && !byId.has(e.ref))
      problems.push(`ledger entry ${e._id} for a redemption that does not exist`)
  }
  const claims = await store.collection('pickupCodes').find({}, { limit: 1000 })
  for (const claim of claims) {
    if (byId.get(claim.redemptionId)?.status !== 'reserved')
      problems.push(`pickup code ${claim._id} held for no open redemption`)
  }
  for (const r of redemptions.filter((x) => x.status === 'reserved')) {
    if (!claims.some((c) => c.redemptionId === r._id)) problems.push(`open redemption ${r._id} without a pickup code`)
  }

  const holds = await store.collection('counterHolds').find({}, { limit: 1000 })
  for (const item of await store.collection('exchangeItems').find({}, { limit: 1000 })) {
    const open = redemptions.filter((r) => r.itemId === item._id && r.status !== 'cancelled').length
    const held = heldUnits(item, holds, problems)
    const was = baseline.units.get(item._id)
    if (item.stock + open + held !== was)
      problems.push(
        `item ${item._id}: stock ${item.stock} + ${open} redemptions + ${held} held ≠ ${was} units (a unit leaked)`,
      )
  }

  const signups = await store.collection('signups').find({}, { limit: 1000 })
  for (const activity of await store.collection('activities').find({}, { limit: 1000 })) {
    const taken = signups.filter(
      (s) => s.activityId === activity._id && (s.status === 'signed' || s.status === 'attended'),
    ).length
    const held = heldUnits(activity, holds, problems)
    if (activity.signedUp !== taken + held)
      problems.push(`activity ${activity._id}: signedUp ${activity.signedUp} ≠ ${taken} sign-ups + ${held} held`)
  }

  const logs = await store.collection('reviewLogs').find({}, { limit: 1000 })
  for (const courier of await store.collection('couriers').find({}, { limit: 1000 })) {
    const was = baseline.courierStatus.get(courier._id)
    const mine = logs.filter((l) => l.courierId === courier._id)
    const added = mine.length - (baseline.reviewLogs.get(courier._id) ?? 0)
    if (courier.status === was && added !== 0) problems.push(`${courier._id}: ${added} review logs, status unchanged`)
    if (courier.status !== was) {
      const matching = mine.filter((l) => l.from === was && l.to === courier.status).length
      if (added !== 1 || matching !== 1)
        problems.push(`${courier._id}: ${was} → ${courier.status} with ${added} new review logs`)
    }
  }
  return problems
}

/**
 * Units of a counter that are neither with a record nor free, because a hold is still unsettled (the timer
 * settles it): a take that moved the counter (marked) but is not recorded, or a give still owed (not marked).
 * A mark with no hold behind it could never be settled: that is a leak.
 */
function heldUnits(
  doc: { _id: string; holds?: Record<string, number> },
  holds: CounterHold[],
  problems: string[],
): number {
  const marks = new Set(Object.keys(doc.holds ?? {}))
  let held = 0
  for (const hold of holds.filter((h) => h.counter.id === doc._id)) {
    const isMarked = marks.delete(hold._id)
    if (hold.kind === 'take' && isMarked && hold.state !== 'recorded') held++
    if (hold.kind === 'give' && !isMarked && hold.state === 'owed') held++
  }
  for (const orphan of marks) problems.push(`${doc._id} marked by ${orphan}, a hold that does not exist`)
  return held
}

/** Leftovers once everything is settled: no reservation, no mark on a counter. */
async function leftovers(store: AppStore): Promise<string[]> {
  const problems: string[] = []
  const holds = await store.collection('counterHolds').find({}, { limit: 1000 })
  if (holds.length) problems.push(`${holds.length} reservations left: ${holds.map((x) => x.state).join(',')}`)
  for (const name of ['exchangeItems', 'activities'] as const) {
    for (const doc of await store.collection(name).find({}, { limit: 1000 })) {
      const marks = Object.keys((doc as { holds?: Record<string, unknown> }).holds ?? {})
      if (marks.length) problems.push(`${name}/${doc._id} still marked by ${marks.length} reservations`)
    }
  }
  return problems
}

/** The timer, as often as it takes for every reservation to go stale and be settled. */
async function timer(h: FunctionHarness): Promise<void> {
  for (let pass = 0; pass < 2; pass++) {
    h.clock.advance(HOLD_STALE_MS + 60_000)
    await reconcileHolds(h.store(), h.clock.now())
  }
}

/**
 * Which (fault, recovery) pairs each step is tried with. SQLite: all of them. The stand-in, where every store
 * call crosses the real wx-server-sdk, is slower by an order of magnitude: by default each step is killed and
 * has its reply lost, with the recoveries taken in turn (every step, both kinds of fault); CRASH_WALK=full
 * runs everything there too.
 */
const FULL_WALK = process.env.CRASH_WALK === 'full'
function walkOf(adapter: string, at: number, scenario: Scenario): Array<[FaultMode, Recovery]> {
  const all = FAULT_MODES.flatMap((mode) => RECOVERIES.map((recovery) => [mode, recovery] as [FaultMode, Recovery]))
  if (FULL_WALK) return all
  const recovery = RECOVERIES[at % RECOVERIES.length]
  if (scenario.long && adapter !== 'SQLite') return at % 4 === 1 ? [['kill', recovery]] : []
  if (scenario.long) {
    return [
      ['kill', recovery],
      ['lost', RECOVERIES[(at + 1) % RECOVERIES.length]],
    ]
  }
  if (adapter === 'SQLite') return all
  return [
    ['kill', recovery],
    ['lost', recovery],
  ]
}

describe.each(FUNCTION_ADAPTERS)('crash safety — %s', (adapter, open) => {
  let h: FunctionHarness
  beforeAll(async () => {
    h = await open()
  })
  afterAll(() => h.close())
  beforeEach(() => {
    // the handler wrapper logs every unexpected (injected) store error
    jest.spyOn(console, 'error').mockImplementation(() => undefined)
    jest.spyOn(console, 'warn').mockImplementation(() => undefined) // holds left to the timer
  })
  afterEach(() => jest.restoreAllMocks())

  it.each(SCENARIOS.map((s) => [s.name, s] as const))(
    '%s: a crash at any store step leaves counters and records consistent, and a retry converges',
    async (_name, scenario) => {
      await h.reset()
      const probe = faultyStore(h.store())
      const probeCall = await scenario.setup(h)
      const clean = await dispatch(h, probe.store, probeCall)
      if (!clean.ok) throw new Error(`${scenario.name} fails without a fault: ${code(clean)}`)
      const steps = [...probe.log]
      expect(await invariants(h.store(), await baselineOf(h.store()))).toEqual([])

      const failures: string[] = []
      for (let at = 1; at <= steps.length; at++) {
        for (const [mode, recovery] of walkOf(adapter, at, scenario)) {
          const problems = await crashAndRecover(h, scenario, at, mode, recovery)
          if (problems.length)
            failures.push(`step ${at} (${steps[at - 1]}) ${mode}, ${recovery}: ${problems.join('; ')}`)
        }
      }
      expect(failures).toEqual([])
    },
    600_000,
  )
})

async function crashAndRecover(
  h: FunctionHarness,
  scenario: Scenario,
  at: number,
  mode: FaultMode,
  recovery: Recovery,
): Promise<string[]> {
  await h.reset()
  const call = await scenario.setup(h)
  const baseline = await baselineOf(h.store())
  const faulty = faultyStore(h.store(), { at, mode })
  await dispatch(h, faulty.store, call) // whatever it answers: the client saw an error or nothing at all
  if (!faulty.tripped()) return [`the fault at step ${at} never happened (the path changed)`]

  const problems: string[] = []
  if (recovery === 'retry first') {
    await dispatch(h, h.store(), call)
    problems.push(...(await invariants(h.store(), baseline)).map((p) => `after the retry: ${p}`))
    await timer(h)
  } else {
    await timer(h)
    problems.push(...(await invariants(h.store(), baseline)).map((p) => `after the timer: ${p}`))
    await dispatch(h, h.store(), call)
  }
  const last = await dispatch(h, h.store(), call)
  await timer(h)
  problems.push(...(await invariants(h.store(), baseline)).map((p) => `at the end: ${p}`))
  problems.push(...(await scenario.converged(h.store(), last, call)))
  problems.push(...(await leftovers(h.store())))
  return [...new Set(problems)]
}

describe.each(FUNCTION_ADAPTERS)(
  'telling couriers of a changed or cancelled activity through a crash — %s',
  (_adapter, open) => {
    let h: FunctionHarness
    beforeAll(async () => {
      h = await open()
    })
    afterAll(() => h.close())
    afterEach(() => jest.restoreAllMocks())

    const couriers = [COURIER, 'crash-courier-2', 'crash-courier-3']
    async function signedUpActivity(): Promise<Call> {
      await h.reset()
      const activityId = await publish(h)
      for (const id of couriers.slice(1)) await putApprovedCourier(h.store(), id)
      for (const id of couriers) await must(h, { fn: 'points', event: { action: 'signUp', activityId }, openid: id })
      return { fn: 'points', event: { action: 'cancelActivity', activityId, reason: '暴雨预警' }, openid: SECRETARY }
    }
    const noticesOf = async (activityId: string) =>
      (await h.store().collection('notices').find({ ref: activityId, kind: 'activity_cancelled' })).map(
        (n) => n.courierId,
      )

    it('tells every signed-up courier of a new time once when the edit is repeated after dying half-way', async () => {
      jest.spyOn(console, 'error').mockImplementation(() => undefined)
      const moveOf = (cancel: Call): Call => ({
        fn: 'points',
        event: {
          action: 'saveActivity',
          activityId: cancel.event.activityId,
          communityId: 'ruanjiaqiao',
          title: '平安夜巡：故障注入',
          kind: '平安夜巡',
          description: '测试',
          place: '阮家桥社区北门',
          startAt: TEST_NOW + 2 * DAY,
          endAt: TEST_NOW + 2 * DAY + 2 * HOUR,
          capacity: 5,
          points: 7,
        },
        openid: SECRETARY,
      })
      const changedOf = async (activityId: string) =>
        (await h.store().collection('notices').find({ ref: activityId, kind: 'activity_changed' })).map(
          (n) => n.courierId,
        )
      const first = moveOf(await signedUpActivity())
      const probe = faultyStore(h.store())
      expect(code(await dispatch(h, probe.store, first))).toBe('OK')
      const notices = probe.log.flatMap((step, i) => (step.startsWith('insert notices/') ? [i + 1] : []))
      expect(notices).toHaveLength(3)

      const move = moveOf(await signedUpActivity())
      const activityId = String(move.event.activityId)
      expect(code(await dispatch(h, faultyStore(h.store(), { at: notices[1], mode: 'kill' }).store, move))).toBe(
        'INTERNAL',
      )
      expect((await h.store().collection('activities').get(activityId))?.place).toBe('阮家桥社区北门')
      expect(await changedOf(activityId)).toHaveLength(1)

      expect(await dispatch(h, h.store(), move)).toMatchObject({ ok: true })
      expect((await changedOf(activityId)).sort()).toEqual([...couriers].sort())
      expect((await h.store().collection('activities').get(activityId))?.changeNoticePending).toBeUndefined()
    })

    it('tells every signed-up courier once when the cancellation is repeated after dying half-way', async () => {
      jest.spyOn(console, 'error').mockImplementation(() => undefined)
      const first = await signedUpActivity()
      const probe = faultyStore(h.store())
      expect(code(await dispatch(h, probe.store, first))).toBe('OK')
      const secondNotice =
        probe.log.findIndex(
          (step, i) =>
            step.startsWith('insert notices/') && i > probe.log.findIndex((s) => s.startsWith('insert notices/')),
        ) + 1
      expect(secondNotice).toBeGreaterThan(0)

      const cancel = await signedUpActivity()
      const activityId = String(cancel.event.activityId)
      const killed = faultyStore(h.store(), { at: secondNotice, mode: 'kill' })
      expect(code(await dispatch(h, killed.store, cancel))).toBe('INTERNAL')
      expect((await h.store().collection('activities').get(activityId))?.status).toBe('cancelled')
      expect(await noticesOf(activityId)).toHaveLength(1)

      const again = await dispatch(h, h.store(), cancel)
      expect(again).toMatchObject({ ok: true, data: { signupsToTell: 3 } })
      expect((await noticesOf(activityId)).sort()).toEqual([...couriers].sort())
    })
  },
)
