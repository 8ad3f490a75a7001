import fs from 'node:fs'
import path from 'node:path'
import {
  kib,
  WEAPP_DIR,
  WEAPP_MAIN_PACKAGE_BUDGET_BYTES,
  WEAPP_PACKAGE_LIMIT_BYTES,
  weappMainPackageBytes,
} from '../../scripts/sizes'

/*
 * What a courier downloads before the app first opens: the weapp main package, held to our 450 KB budget
 * (issue 14), far under WeChat's 2 MB. When this fails, see what a new feature put there first (a page that
 * belongs in a subpackage, a library used by one subpackage page, a schema the app does not need).
 */

interface AppJson {
  pages: string[]
  subPackages: Array<{ root: string; pages: string[] }>
  preloadRule?: Record<string, { network: string; packages: string[] }>
}
const appJson = JSON.parse(fs.readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8')) as AppJson

function bytesUnder(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const full = path.join(dir, entry.name)
    return sum + (entry.isDirectory() ? bytesUnder(full) : fs.statSync(full).size)
  }, 0)
}

describe('the weapp main package', () => {
  it(`is at most ${kib(WEAPP_MAIN_PACKAGE_BUDGET_BYTES)}`, () => {
    expect(weappMainPackageBytes()).toBeLessThanOrEqual(WEAPP_MAIN_PACKAGE_BUDGET_BYTES)
  })

  it('holds the pages a courier needs on first open: home, 服务 and 我的', () => {
    expect(appJson.pages).toEqual(['pages/home/index', 'pages/stations/index', 'pages/me/index'])
  })

  it('has the 小哥码 in a subpackage of its own that home and 我的 fetch in the background on any network', () => {
    expect(appJson.subPackages.find((pkg) => pkg.root === 'pass')?.pages).toEqual(['pages/pass-code/index'])
    expect(appJson.preloadRule).toEqual({
      'pages/home/index': { network: 'all', packages: ['pass'] },
      'pages/me/index': { network: 'all', packages: ['pass'] },
    })
  })

  it('leaves each subpackage under WeChat’s 2 MB, the gate’s 场所码 scan alone in its own', () => {
    for (const { root } of appJson.subPackages) {
      expect([root, bytesUnder(path.join(WEAPP_DIR, root)) < WEAPP_PACKAGE_LIMIT_BYTES]).toEqual([root, true])
    }
    expect(appJson.subPackages.find((pkg) => pkg.root === 'gate')?.pages).toEqual(['pages/place-scan/index'])
  })
})
