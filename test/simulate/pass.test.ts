/**
 * The 小哥码 pages of the real weapp build in miniprogram-simulate, against the real local cloud: the courier's
 * code page (with WeChat's screen APIs), and the guard's scan page (with WeChat's camera scanner), so the
 * `*.weapp.ts` services run as they do in WeChat. Run after `npm run build:weapp`.
 */
import { byClass, DIST, loadApp, loadPage, waitFor, wx } from './weapp-host'
import fs from 'node:fs'
import { TextDecoder, TextEncoder } from 'node:util'
import { createLocalCloud } from '../../local/cloud'

type Callbacks<T> = { success?: (res: T) => void; fail?: (err: unknown) => void; complete?: () => void }
type LocalCloud = Awaited<ReturnType<typeof createLocalCloud>>

let cloud: LocalCloud
/** Who WeChat says is calling: the test switches between the courier and the guard. */
let openid = 'demo-courier'
const calls: Array<{ name: string; data: unknown; openid: string }> = []
/** The 小哥码 tokens the cloud handed to the page, in order (the page shows them only as a QR canvas). */
const issuedTokens: string[] = []
const screen: string[] = []
let scanResult: { result: string } | { errMsg: string } = { errMsg: 'scanCode:fail cancel' }
const scanOptions: unknown[] = []

/** A wx API stub answering through the callbacks, as WeChat does (Taro promisifies it). */
function answer<T>(result: T | (() => T), record?: (options: Record<string, unknown>) => void) {
  return (options: Record<string, unknown> & Callbacks<T>) => {
    record?.(options)
    options.success?.(typeof result === 'function' ? (result as () => T)() : result)
    options.complete?.()
  }
}

// The local cloud's pass handlers run in this jsdom environment, which lacks what Node (CloudBase) has.
Object.assign(globalThis, { TextEncoder, TextDecoder })

beforeAll(async () => {
  if (!fs.existsSync(`${DIST}/app.js`)) throw new Error('dist/weapp is missing: run `npm run build:weapp` first')
  cloud = await createLocalCloud({ dataDir: ':memory:' })
  wx.cloud = {
    init: () => {},
    callFunction(params: { name: string; data: unknown } & Callbacks<unknown>) {
      calls.push({ name: params.name, data: params.data, openid })
      const done = cloud.call(params.name, params.data, openid).then((result) => {
        const token = (result as { ok: boolean; data?: { token?: unknown } }).data?.token
        if (typeof token === 'string') issuedTokens.push(token)
        return { result, errMsg: 'cloud.callFunction:ok' }
      })
      if (!params.success && !params.fail) return done
      void done.then(params.success, params.fail).finally(params.complete)
      return undefined
    },
  }
  // WeChat's screen APIs: Taro only exposes what wx has when app.js loads, so they go on before loadApp().
  wx.getScreenBrightness = answer({ value: 0.4, errMsg: 'getScreenBrightness:ok' })
  wx.setScreenBrightness = answer({ errMsg: 'setScreenBrightness:ok' }, (o) =>
    screen.push(`brightness ${String(o.value)}`),
  )
  wx.setKeepScreenOn = answer({ errMsg: 'setKeepScreenOn:ok' }, (o) => screen.push(`keepOn ${String(o.keepScreenOn)}`))
  wx.setVisualEffectOnCapture = answer({ errMsg: 'setVisualEffectOnCapture:ok' }, (o) =>
    screen.push(`capture ${String(o.visualEffect)}`),
  )
  wx.onUserCaptureScreen = () => screen.push('onCapture')
  wx.offUserCaptureScreen = () => screen.push('offCapture')
  wx.scanCode = (options: Record<string, unknown> & Callbacks<unknown>) => {
    scanOptions.push({ onlyFromCamera: options.onlyFromCamera, scanType: options.scanType })
    if ('result' in scanResult) options.success?.({ ...scanResult, scanType: 'QR_CODE', errMsg: 'scanCode:ok' })
    else options.fail?.(scanResult)
    options.complete?.()
  }
  loadApp('pages/stations/index')
})

afterAll(async () => {
  await cloud?.close()
})

/** The code on screen: the page shows its QR block once a token has arrived. */
const shownToken = (root: Element) => (byClass(root, 'pass-code__qr').length > 0 ? issuedTokens.at(-1) : undefined)

test('the pass code page shows a fresh code with the screen bright and on, and gives the screen back when left', async () => {
  openid = 'demo-courier'
  const page = loadPage('pass/pages/pass-code/index')
  const root = page.dom as Element
  const token = await waitFor(() => shownToken(root))
  expect(byClass(root, 'pass-code__countdown')[0]?.textContent).toMatch(/^(60|59) 秒后失效$/)
  const issues = () => calls.filter((c) => c.name === 'pass' && (c.data as { action: string }).action === 'issue')
  expect(issues()).toEqual([{ name: 'pass', data: { action: 'issue' }, openid: 'demo-courier' }])

  // The code is real: the guard's verification of it passes.
  const verified = await cloud.call('pass', { action: 'verify', token }, 'demo-guard')
  expect(verified).toMatchObject({ ok: true, data: { allowed: true, courier: { maskedName: '张*明' } } })

  await waitFor(() => screen.includes('onCapture'))
  expect(screen.splice(0)).toEqual(['brightness 1', 'keepOn true', 'capture hidden', 'onCapture'])

  // Another page on top (or the app in the background): the screen goes back, refreshing stops.
  const instance = (globalThis as unknown as { getCurrentPages: () => Array<{ onHide(): void; onShow(): void }> })
    .getCurrentPages()
    .slice(-1)[0]
  instance.onHide()
  await waitFor(() => screen.includes('brightness 0.4'))
  expect(screen.splice(0)).toEqual(['offCapture', 'capture none', 'keepOn false', 'brightness 0.4'])

  // Back on the page: a fresh code at once, and the screen held again.
  instance.onShow()
  await waitFor(() => issues().length === 2)
  await waitFor(() => shownToken(root) !== token && shownToken(root))
  await waitFor(() => screen.includes('onCapture'))
  expect(screen.splice(0)).toEqual(['brightness 1', 'keepOn true', 'capture hidden', 'onCapture'])

  page.detach()
  await waitFor(() => screen.includes('brightness 0.4'))
  expect(screen.splice(0)).toEqual(['offCapture', 'capture none', 'keepOn false', 'brightness 0.4'])
})

test('the gate scan page scans with the camera and shows the cloud’s verdict', async () => {
  openid = 'demo-courier'
  const issued = await cloud.call('pass', { action: 'issue', destination: '3幢' }, 'demo-courier')
  if (!issued.ok) throw new Error(issued.error.message)
  const { token } = issued.data as { token: string }

  openid = 'demo-guard'
  const page = loadPage('staff/pages/gate-scan/index')
  const root = page.dom as Element
  const button = await waitFor(() => page.querySelector('#scan-camera'))
  expect(root.textContent).toContain('扫码核验')
  expect(page.querySelector('#scan-input')).toBeFalsy()

  // A cancelled scan does nothing.
  button.dispatchEvent('tap')
  await waitFor(() => scanOptions.length === 1)
  expect(scanOptions[0]).toEqual({ onlyFromCamera: true, scanType: ['qrCode'] })
  expect(calls.some((c) => c.name === 'pass' && (c.data as { action: string }).action === 'verify')).toBe(false)

  scanResult = { result: token }
  button.dispatchEvent('tap')
  const card = await waitFor(() => byClass(root, 'verify-result')[0])
  expect(Array.from(card.classList).some((c) => c.endsWith('verify-result--allowed'))).toBe(true)
  expect(card.textContent).toContain('张*明')
  expect(card.textContent).toContain('送往：3幢')
  expect(calls[calls.length - 1]).toEqual({ name: 'pass', data: { action: 'verify', token }, openid: 'demo-guard' })

  scanResult = { result: 'not a pass' }
  button.dispatchEvent('tap')
  await waitFor(() => byClass(root, 'verify-result__message')[0])
  expect(byClass(root, 'verify-result__message')[0].textContent).toBe('这不是有效的小哥码')
})
