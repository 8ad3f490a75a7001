import fs from 'node:fs'
import path from 'node:path'
import { countersBenchmark } from './counters.bench'
import { offlineBenchmark } from './offline.bench'
import { passBenchmark } from './pass.bench'
import { pointsBenchmark } from './points.bench'
import { pointsWalkBenchmark } from './points-walk.bench'
import { purgeBenchmark } from './purge.bench'
import { roundTripsBenchmark } from './round-trips.bench'
import { servicesBenchmark } from './services.bench'
import { sizesBenchmark } from './sizes.bench'
import type { Benchmark } from './types'

/**
 * `npm run bench`: runs every benchmark in one process on this machine, prints each figure and writes
 * bench/results.json (a flat object of figure name → number). Figures are never pass/fail thresholds.
 * `BENCH_ONLY=counters,pass npm run bench` runs only those and updates their figures in results.json.
 */
const BENCHMARKS: Benchmark[] = [
  sizesBenchmark,
  passBenchmark,
  offlineBenchmark,
  pointsBenchmark,
  pointsWalkBenchmark,
  countersBenchmark,
  roundTripsBenchmark,
  purgeBenchmark,
  servicesBenchmark,
]

async function main() {
  const file = path.join(__dirname, 'results.json')
  const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim())
  const results: Record<string, number> =
    only && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, number>) : {}
  for (const bench of BENCHMARKS.filter((b) => !only || only.includes(b.name))) {
    console.log(`\n== ${bench.name}`)
    const started = Date.now()
    const figures = await bench.run()
    for (const [name, value] of Object.entries(figures)) {
      console.log(`${name.padEnd(44)} ${value}`)
      results[name] = value
    }
    console.log(`(${bench.name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`)
  }
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
