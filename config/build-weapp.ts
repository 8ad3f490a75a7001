import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { TEST_CLOUD_ENV } from './cloud-env'

/*
 * `npm run build:weapp`: `taro build --type weapp`, then the main-package size report.
 *
 *   npm run build:weapp                                    a test build: CLOUD_ENV from the shell, else the
 *                                                          placeholder (what `npm test` builds, with no variables)
 *   CLOUD_ENV=<env-id> npm run build:weapp -- --release    a build to upload: fails loudly without a real CLOUD_ENV
 *
 * A release has to say so: `npm test` runs this same script with the same (absent) variables, so nothing else
 * tells the two apart. config/cloud-env.ts refuses a production weapp build with no CLOUD_ENV at all, so a bare
 * `taro build --type weapp` cannot fall back to the placeholder either; only this script sets it, and says so.
 */

const ROOT = path.resolve(__dirname, '..')
const resolve = createRequire(__filename).resolve

function run(script: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: ROOT, env, stdio: 'inherit' })
  if (result.error) throw result.error
  if (result.status !== 0) process.exit(result.status ?? 1)
}

const args = process.argv.slice(2)
const unknown = args.filter((arg) => arg !== '--release')
if (unknown.length > 0) {
  console.error(`build:weapp: unknown argument ${unknown.join(' ')} (the only one is --release)`)
  process.exit(2)
}
const release = args.includes('--release')
const given = process.env.CLOUD_ENV?.trim() || undefined

if (release && (!given || given === TEST_CLOUD_ENV)) {
  console.error(
    [
      '',
      `build:weapp --release: CLOUD_ENV is ${given ? `the test placeholder "${given}"` : 'not set'}.`,
      'A release must name its CloudBase environment: CLOUD_ENV=<env-id> npm run build:weapp -- --release',
      '(the id is in the CloudBase console, docs/GO-LIVE.md step 2.1).',
      '',
    ].join('\n'),
  )
  process.exit(1)
}
if (!given) {
  console.warn(
    `build:weapp: TEST build, CLOUD_ENV=${TEST_CLOUD_ENV} (no such CloudBase environment: every call answers ` +
      '服务环境未配置). Do not upload it; a release is CLOUD_ENV=<env-id> npm run build:weapp -- --release',
  )
}

const env = { ...process.env, CLOUD_ENV: given ?? TEST_CLOUD_ENV }
const started = Date.now()
// --no-check: Taro's config check first downloads its schema from raw.githubusercontent.com (it falls back to a
// local copy), and a build here must not touch the network. tsc type-checks config/ against Taro's own types.
run(resolve('@tarojs/cli/bin/taro'), ['build', '--type', 'weapp', '--no-check'], env)
// Taro exits 0 on some refusals without building; an old dist/weapp must not pass for a new one. (The 2 s allow
// for file systems that keep coarse times; a build takes far longer.)
const appJs = path.join(ROOT, 'dist', 'weapp', 'app.js')
if (!fs.existsSync(appJs) || fs.statSync(appJs).mtimeMs < started - 2000) {
  console.error('build:weapp: taro wrote no dist/weapp/app.js (see its output above)')
  process.exit(1)
}
run(resolve('tsx/cli'), [path.join('scripts', 'report-weapp-size.ts')], env)
