import fs from 'node:fs'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '..')
export const WEAPP_DIR = path.join(ROOT, 'dist', 'weapp')
export const FUNCTIONS_DIR = path.join(ROOT, 'dist', 'cloudfunctions')
/**
 * Every function folder that is deployed: those the mini-program calls (types' FUNCTION_NAMES), and `purge`
 * and `reconcile`, which only their timer triggers run.
 */
export const DEPLOYED_FUNCTIONS = ['account', 'pass', 'points', 'services', 'purge', 'reconcile'] as const
/** WeChat's limit for the main package (and for each subpackage). */
export const WEAPP_PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024
/**
 * Our own bound on the main package, far below WeChat's: it is what a courier downloads before the app first
 * opens, on whatever signal there is at a gate (issue 14). test/bundles/weapp-size.test.ts holds the build to it.
 */
export const WEAPP_MAIN_PACKAGE_BUDGET_BYTES = 450 * 1024

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

/** Developer-tool settings that WeChat does not upload as code. */
const NOT_CODE = new Set(['project.config.json', 'project.private.config.json'])

/**
 * Bytes of the weapp main package: every file of the build except the subpackage roots named in app.json
 * (each subpackage has its own 2 MB limit) and the developer-tool settings.
 */
export function weappMainPackageBytes(dir = WEAPP_DIR): number {
  const appJson = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>
    subpackages?: Array<{ root: string }>
  }
  const roots = [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])].map((p) =>
    path.join(dir, p.root.replace(/\/?$/, '/')),
  )
  return filesUnder(dir)
    .filter((file) => !NOT_CODE.has(path.relative(dir, file)))
    .filter((file) => !roots.some((root) => file.startsWith(root)))
    .reduce((sum, file) => sum + fs.statSync(file).size, 0)
}

/** Size of each built function's index.js. */
export function functionBundleBytes(dir = FUNCTIONS_DIR): Record<string, number> {
  const sizes: Record<string, number> = {}
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name, 'index.js')
    if (fs.existsSync(file)) sizes[name] = fs.statSync(file).size
  }
  return sizes
}

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
