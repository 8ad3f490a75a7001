import { execSync } from 'node:child_process'
import { functionBundleBytes, ROOT, WEAPP_PACKAGE_LIMIT_BYTES, weappMainPackageBytes } from '../scripts/sizes'
import type { Benchmark } from './types'

/** Package sizes from fresh builds: the weapp main package (WeChat limit 2 MB) and each function bundle. */
export const sizesBenchmark: Benchmark = {
  name: 'sizes',
  run() {
    execSync('npm run build:weapp && npm run build:functions', { cwd: ROOT, stdio: 'inherit' })
    const main = weappMainPackageBytes()
    const bundles = functionBundleBytes()
    const figures: Record<string, number> = {
      'weapp.main_package_bytes': main,
      'weapp.main_package_share_of_limit': Number((main / WEAPP_PACKAGE_LIMIT_BYTES).toFixed(4)),
      'functions.max_bundle_bytes': Math.max(...Object.values(bundles)),
    }
    for (const [name, bytes] of Object.entries(bundles)) figures[`functions.${name}_bundle_bytes`] = bytes
    return figures
  },
}
