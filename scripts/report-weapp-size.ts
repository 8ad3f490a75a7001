import { WEAPP_MAIN_PACKAGE_BUDGET_BYTES, WEAPP_PACKAGE_LIMIT_BYTES, kib, weappMainPackageBytes } from './sizes'

/**
 * Printed after every weapp build; fails the build when the main package passes WeChat's 2 MB limit. (Our own
 * 450 KB budget is a test, test/bundles/weapp-size.test.ts, so that a development build still runs.)
 */
const bytes = weappMainPackageBytes()
const share = ((bytes / WEAPP_PACKAGE_LIMIT_BYTES) * 100).toFixed(1)
const budget = `${kib(WEAPP_MAIN_PACKAGE_BUDGET_BYTES - bytes)} under the ${kib(WEAPP_MAIN_PACKAGE_BUDGET_BYTES)} budget`
const over = `${kib(bytes - WEAPP_MAIN_PACKAGE_BUDGET_BYTES)} OVER the ${kib(WEAPP_MAIN_PACKAGE_BUDGET_BYTES)} budget`
console.log(
  `weapp main package: ${bytes} bytes (${kib(bytes)}), ${share}% of WeChat's 2 MB limit, ` +
    (bytes <= WEAPP_MAIN_PACKAGE_BUDGET_BYTES ? budget : over),
)
if (bytes > WEAPP_PACKAGE_LIMIT_BYTES) {
  console.error('weapp main package is over the 2 MB limit: move pages into subpackages or trim dependencies')
  process.exit(1)
}
