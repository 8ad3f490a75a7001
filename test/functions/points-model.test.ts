import { FUNCTION_ADAPTERS, type FunctionHarness } from '../support/function-harness'
import { LONG_WALK, runPointsWalk } from '../support/points-walk'

/**
 * The points ledger kept in step with a plain model over a seeded random walk (test/support/points-walk.ts),
 * on each store adapter. The default walk is shorter on the CloudBase stand-in, where every store call is an
 * HTTP round trip through the real SDK; `POINTS_WALK=long` runs the long walk on both (as `npm run bench`
 * does), and `POINTS_WALK_SEED=<seed>` replays one seed.
 */
const LONG = process.env.POINTS_WALK === 'long'
const REPLAY = process.env.POINTS_WALK_SEED ? [Number(process.env.POINTS_WALK_SEED)] : null
const SHORT_WALKS: Record<string, { seeds: readonly number[]; steps: number }> = {
  SQLite: { seeds: LONG_WALK.seeds, steps: 120 },
  'CloudBase stand-in (real wx-server-sdk)': { seeds: [LONG_WALK.seeds[0]], steps: 60 },
}

describe.each(FUNCTION_ADAPTERS)('points model walk — %s', (name, open) => {
  const plan = LONG ? LONG_WALK : SHORT_WALKS[name]
  let h: FunctionHarness
  beforeAll(async () => {
    h = await open()
  })
  afterAll(() => h.close())

  it.each(REPLAY ?? [...plan.seeds])(
    `seed %i keeps balances, ledger sums, stock and open redemptions in step with the model for ${plan.steps} steps`,
    async (seed) => {
      const done = await runPointsWalk(h, seed, plan.steps)
      // the walk really exercised every kind of step
      expect(Object.entries(done).filter(([, count]) => count === 0)).toEqual([])
    },
    600_000,
  )
})
