import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { launchChromium } from './browser'

const ROOT = path.resolve(__dirname, '../..')
export interface RunningCloud {
  url: string
  process: ChildProcess
  output(): string
  /** Sends SIGINT (Ctrl-C) and resolves with the exit code. */
  stop(): Promise<number | null>
}

/** Starts the local cloud exactly as `npm start` does after its build step (local/main.ts), on a free port. */
export function startLocalCloud(dataDir: string): Promise<RunningCloud> {
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['local/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (b: Buffer) => (output += b.toString()))
  child.stderr.on('data', (b: Buffer) => (output += b.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local cloud did not start:\n${output}`)), 30_000)
    const onData = () => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)
      if (!m) return
      clearTimeout(timer)
      child.stdout.off('data', onData)
      resolve({
        url: `http://127.0.0.1:${m[1]}`,
        process: child,
        output: () => output,
        stop: () => {
          child.kill('SIGINT')
          return exited
        },
      })
    }
    child.stdout.on('data', onData)
    child.on('exit', (code) => reject(new Error(`local cloud exited with ${code}:\n${output}`)))
  })
}

export const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix))

/** One local cloud and one Chromium page for a test file, and how to open the app as a demo identity. */
export interface BrowserSession {
  readonly cloud: RunningCloud
  readonly page: Page
  /** Uncaught errors the page raised: every flow ends by expecting none. */
  readonly pageErrors: string[]
  /** Opens a page of the h5 app as `openid` (the demo identity the picker would store). */
  openAs: (openid: string, route: string) => Promise<void>
  /** The demo courier's balance, as the 我的积分 page shows it. */
  courierBalance: () => Promise<number>
}

/**
 * Starts a local cloud on a fresh data folder and a phone-sized Chromium page before the file's tests, and
 * stops both after them. The returned object's fields are set once `beforeAll` has run.
 */
export function useBrowserSession(dataDirPrefix: string): BrowserSession {
  let browser: Browser | undefined
  const state: { cloud?: RunningCloud; page?: Page } = {}
  const pageErrors: string[] = []
  const session: BrowserSession = {
    get cloud() {
      if (!state.cloud) throw new Error('the session starts in beforeAll')
      return state.cloud
    },
    get page() {
      if (!state.page) throw new Error('the session starts in beforeAll')
      return state.page
    },
    pageErrors,
    async openAs(openid, route) {
      const { page, cloud } = session
      // The identity is set on a page of the same origin that does not run the app (the app's home would act
      // as the previous identity meanwhile, e.g. open a guard's scanner), then the app opens on the route.
      await page.goto(`${cloud.url}/healthz`)
      await page.evaluate((id) => localStorage.setItem('demoOpenid', JSON.stringify({ data: id })), openid)
      await page.goto(`${cloud.url}/#${route}`)
    },
    async courierBalance() {
      await session.openAs('demo-courier', '/courier/pages/points/index')
      const value = session.page.locator('.points-page__balance')
      await value.waitFor()
      return Number(await value.textContent())
    },
  }
  beforeAll(async () => {
    state.cloud = await startLocalCloud(tempDir(dataDirPrefix))
    browser = await launchChromium()
    state.page = await browser.newPage({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' })
    state.page.on('pageerror', (error) => pageErrors.push(String(error)))
  })
  afterAll(async () => {
    await browser?.close()
    if (state.cloud?.process.exitCode === null) await state.cloud.stop()
  })
  return session
}

/** A small portrait picture (80 × 100, a face-coloured block) for the face photo a registration needs. */
export function facePhotoPng(): Buffer {
  const png = new PNG({ width: 80, height: 100 })
  for (let i = 0; i < png.data.length; i += 4) png.data.set([224, 172, 140, 255], i)
  return PNG.sync.write(png)
}

/**
 * Takes the register page's face photo as a courier would in h5: the 拍照或从相册选择 button opens Taro's file
 * input, Chromium's file chooser is given the picture, and the page uploads it (`/local/upload?for=face`).
 */
export async function chooseFacePhoto(page: Page, button = '#register-photo'): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await page.locator(button).click()
  await (await chooser).setFiles({ name: 'face.png', mimeType: 'image/png', buffer: facePhotoPng() })
  await page.getByText('照片已上传').waitFor()
}
