import fs from 'node:fs'
import path from 'node:path'
import { passBenchmark } from './pass.bench'
import { pointsBenchmark } from './points.bench'
import { pointsWalkBenchmark } from './points-walk.bench'
import { purgeBenchmark } from './purge.bench'
import { servicesBenchmark } from './services.bench'
import { sizesBenchmark } from './sizes.bench'
import type { Benchmark } from './types'

/**
 * `npm run bench`: runs every benchmark in one process on this machine, prints each figure and writes
 * bench/results.json (a flat object of figure name → number). Figures are never pass/fail thresholds.
 */
const BENCHMARKS: Benchmark[] = [
  sizesBenchmark,
  passBenchmark,
  pointsBenchmark,
  pointsWalkBenchmark,
  purgeBenchmark,
  servicesBenchmark,
]

async function main() {
  const results: Record<string, number> = {}
  for (const bench of BENCHMARKS) {
    console.log(`\n== ${bench.name}`)
    const started = Date.now()
    const figures = await bench.run()
    for (const [name, value] of Object.entries(figures)) {
      console.log(`${name.padEnd(44)} ${value}`)
      results[name] = value
    }
    console.log(`(${bench.name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`)
  }
  const file = path.join(__dirname, 'results.json')
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
