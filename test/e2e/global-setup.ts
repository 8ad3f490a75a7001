import { EXECUTABLE_ENV, resolveBrowser } from './browser'

/**
 * Runs once before the e2e project: unpacks the packaged Chromium a single time, so parallel test files never
 * race to write the same binary, and hands its path to the workers through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now()
  const browser = await resolveBrowser()
  process.env[EXECUTABLE_ENV] = browser.executablePath
  process.stdout.write(`\ne2e browser: ${browser.source} at ${browser.executablePath} (${Date.now() - started} ms)\n`)
}
