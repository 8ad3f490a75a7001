import { FUNCTION_ADAPTERS, type FunctionHarness } from '../support/function-harness'
import { runPointsWalk } from '../support/points-walk'

/**
 * The points ledger kept in step with a plain model over a seeded random walk (test/support/points-walk.ts),
 * on each store adapter. The default walk is short on the CloudBase stand-in, where every store call is an
 * HTTP round trip through the real SDK; `POINTS_WALK=long` runs the long walk everywhere (as `npm run bench`
 * does), and `POINTS_WALK_SEED=<seed>` replays one seed.
 */
const LONG = process.env.POINTS_WALK === 'long'
const REPLAY = process.env.POINTS_WALK_SEED ? [Number(process.env.POINTS_WALK_SEED)] : null
const PLANS: Record<string, { seeds: number[]; steps: number }> = {
  SQLite: { seeds: [20261123, 7, 424242], steps: LONG ? 400 : 120 },
  'CloudBase stand-in (real wx-server-sdk)': {
    seeds: LONG ? [20261123, 7, 424242] : [20261123],
    steps: LONG ? 400 : 60,
  },
}

describe.each(FUNCTION_ADAPTERS)('points model walk — %s', (name, open) => {
  const plan = PLANS[name]
  let h: FunctionHarness
  beforeAll(async () => {
    h = await open()
  })
  afterAll(() => h.close())

  it.each(REPLAY ?? plan.seeds)(
    `seed %i keeps balances, ledger sums, stock and open redemptions in step with the model for ${plan.steps} steps`,
    async (seed) => {
      const done = await runPointsWalk(h, seed, plan.steps)
      // the walk really exercised every kind of step
      expect(Object.entries(done).filter(([, count]) => count === 0)).toEqual([])
    },
    600_000,
  )
})
