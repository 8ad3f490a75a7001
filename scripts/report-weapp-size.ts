import { WEAPP_PACKAGE_LIMIT_BYTES, kib, weappMainPackageBytes } from './sizes'

/** Printed after every weapp build; fails the build when the main package passes WeChat's 2 MB limit. */
const bytes = weappMainPackageBytes()
const share = ((bytes / WEAPP_PACKAGE_LIMIT_BYTES) * 100).toFixed(1)
console.log(`weapp main package: ${bytes} bytes (${kib(bytes)}), ${share}% of WeChat's 2 MB limit`)
if (bytes > WEAPP_PACKAGE_LIMIT_BYTES) {
  console.error('weapp main package is over the 2 MB limit: move pages into subpackages or trim dependencies')
  process.exit(1)
}
