import { performance } from 'node:perf_hooks'
import { FUNCTION_ADAPTERS } from '../test/support/function-harness'
import { LONG_WALK, runPointsWalk } from '../test/support/points-walk'
import type { Benchmark } from './types'

/**
 * The long points model walk (the one `POINTS_WALK=long` runs in the test suite): 3 seeds × 200 random awards,
 * redemptions, cancellations and pickups on each store adapter, every step checked against the model (a
 * divergence throws and fails the bench run). Prints steps per second on each adapter and the ratio between
 * them: how much dearer the CloudBase stand-in's HTTP round trips through the real wx-server-sdk make a step.
 */
export const pointsWalkBenchmark: Benchmark = {
  name: 'points model walk (long)',
  async run() {
    const rates: number[] = []
    for (const [, open] of FUNCTION_ADAPTERS) {
      const h = await open()
      try {
        const started = performance.now()
        for (const seed of LONG_WALK.seeds) await runPointsWalk(h, seed, LONG_WALK.steps)
        rates.push((LONG_WALK.seeds.length * LONG_WALK.steps) / ((performance.now() - started) / 1000))
      } finally {
        await h.close()
      }
    }
    const [sqlite, standIn] = rates
    return {
      'points_walk.steps_checked': LONG_WALK.seeds.length * LONG_WALK.steps * rates.length,
      'points_walk.sqlite_steps_per_s': Math.round(sqlite),
      'points_walk.standin_steps_per_s': Number(standIn.toFixed(1)),
      'points_walk.sqlite_vs_standin': Number((sqlite / standIn).toFixed(1)),
    }
  },
}
