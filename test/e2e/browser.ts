import fs from 'node:fs'
import sparticuz from '@sparticuz/chromium'
import { chromium, type Browser } from 'playwright-core'

/**
 * The e2e browser. By default the Chromium build shipped inside the npm package `@sparticuz/chromium` (pinned to
 * 143.0.4, the Chromium that playwright-core 1.57 drives), unpacked once per run by `global-setup.ts` into the
 * temp folder: nothing is downloaded and no system package is needed. `CHROMIUM_PATH` points at another browser
 * instead, e.g. Debian's `/usr/bin/chromium`.
 */

/** Set by global-setup.ts for the jest workers: the unpacked binary's path. */
export const EXECUTABLE_ENV = 'XIAOGE_E2E_CHROMIUM'

/**
 * Flags for any Chromium on a closed network: without the background-networking ones Chromium keeps trying to
 * reach Google's hosts (see shared/TOOLCHAIN.md).
 */
const COMMON_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]

/**
 * The package's own flags are meant for AWS Lambda. Dropped here: `--single-process` (one renderer for every
 * page, fragile with several contexts) and the ones that switch web security off, which would hide a CORS or
 * mixed-content mistake of the app's.
 */
const DROPPED_PACKAGE_ARGS = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content'])

export interface BrowserChoice {
  executablePath: string
  args: string[]
  source: 'CHROMIUM_PATH' | '@sparticuz/chromium'
}

/** Unpacks the packaged Chromium if needed (≈ 2–9 s the first time) and says how to launch it. */
export async function resolveBrowser(): Promise<BrowserChoice> {
  const custom = process.env.CHROMIUM_PATH
  if (custom) {
    if (!fs.existsSync(custom)) throw new Error(`CHROMIUM_PATH=${custom} does not exist`)
    return { executablePath: custom, args: COMMON_ARGS, source: 'CHROMIUM_PATH' }
  }
  const executablePath = process.env[EXECUTABLE_ENV] ?? (await sparticuz.executablePath())
  const packageArgs = sparticuz.args.filter((arg) => !DROPPED_PACKAGE_ARGS.has(arg))
  return { executablePath, args: [...new Set([...packageArgs, ...COMMON_ARGS])], source: '@sparticuz/chromium' }
}

/** A headless Chromium through playwright-core. */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, args } = await resolveBrowser()
  return chromium.launch({ executablePath, args, headless: true })
}
