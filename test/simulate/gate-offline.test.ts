/**
 * The guard's gate page of the real weapp build in miniprogram-simulate with no network at all: every wx.cloud
 * call (and every other request) fails as WeChat fails without signal, so the page judges the scanned 小哥码 on
 * the phone (tweetnacl in the staff subpackage) with the keys and signed status lists a local cloud really
 * issued, shows the 离线核验 card, and queues the check in wx storage. Run after `npm run build:weapp`.
 */
import { byClass, DIST, loadApp, loadPage, waitFor, wx } from './weapp-host'
import fs from 'node:fs'
import { TextDecoder, TextEncoder } from 'node:util'
import { createLocalCloud } from '../../local/cloud'
import { PASS_REFUSALS, type StatusListOutput } from '../../types'

type Callbacks<T> = { success?: (res: T) => void; fail?: (err: unknown) => void; complete?: () => void }
type LocalCloud = Awaited<ReturnType<typeof createLocalCloud>>
interface QueuedCheck {
  checkId: string
  token: string
  checkedAt: number
  verdict: 'allowed' | 'refused'
}
interface OfflineData {
  keys: Array<{ kid: number; publicKey: string }>
  lists: StatusListOutput['lists']
  offsetMs: number
  fetchedAt: number
}

const DATA_KEY = 'gateOfflineData'
const QUEUE_KEY = 'gateOfflineQueue'

let cloud: LocalCloud
/** Added to the local cloud's clock: the expired code is issued in the past. */
let cloudShiftMs = 0
let token: string
let expiredToken: string
let offlineData: OfflineData

/** Every network attempt the page made (all of them failed). */
const attempts: Array<{ api: string; fn?: string; action?: string; data?: unknown }> = []
/** The gate page, loaded once (the build's page module registers itself once per run, as in WeChat). */
let page: ReturnType<typeof loadPage>
let root: Element
let scanResult: { result: string } | { errMsg: string } = { errMsg: 'scanCode:fail cancel' }

/**
 * What WeChat hands a failed call without signal: a request that never got through (Android's cronet text and
 * iOS's NSURLError text), the shape cloud-error.ts maps to NETWORK.
 */
const NO_SIGNAL = [
  'request:fail errcode:-106 cronet_error_code:-106 error_msg:net::ERR_INTERNET_DISCONNECTED',
  'request:fail 似乎已断开与互联网的连接。',
]
const noSignal = (api: string) => ({
  errCode: -1,
  errMsg: `${api}:fail ${NO_SIGNAL[attempts.length % NO_SIGNAL.length]}`,
})

/** A wx API that fails a little later, as a request does, through its callbacks or the promise it returns. */
function failing(api: string, record: (options: Record<string, unknown>) => void = () => {}) {
  return (options: Record<string, unknown> & Callbacks<unknown>) => {
    record(options)
    attempts.push({ api })
    const failure = noSignal(api)
    // WeChat fails with a plain { errCode, errMsg } object, not an Error
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    const failed = new Promise<never>((_, reject) => setTimeout(() => reject(failure), 50))
    if (!options.success && !options.fail && !options.complete) return failed
    failed.catch((error: unknown) => {
      options.fail?.(error)
      options.complete?.()
    })
    return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {} }
  }
}

/** wx storage as WeChat keeps it: values stored serialised, '' for a key never set. */
const storage = new Map<string, string>()
function storageValue(key: string): unknown {
  const raw = storage.get(key)
  return raw === undefined ? '' : JSON.parse(raw)
}

async function ok<T>(fn: string, event: Record<string, unknown>, openid: string): Promise<T> {
  const reply = await cloud.call(fn, event, openid)
  if (!reply.ok) throw new Error(`${fn}.${String(event.action)}: ${reply.error.code} ${reply.error.message}`)
  return reply.data as T
}

// The local cloud's pass handlers run in this jsdom environment, which lacks what Node (CloudBase) has.
Object.assign(globalThis, { TextEncoder, TextDecoder })

/*
 * WeChat's JavaScript has no Web Crypto (no `crypto.getRandomValues`; see wx.getRandomValues instead), while
 * jsdom has one: hide it while the build runs, or tweetnacl would find a random source here that a phone lacks.
 */
const webCrypto = Object.getOwnPropertyDescriptor(globalThis, 'crypto')

jest.setTimeout(20_000)

beforeAll(async () => {
  if (!fs.existsSync(`${DIST}/app.js`)) throw new Error('dist/weapp is missing: run `npm run build:weapp` first')
  cloud = await createLocalCloud({ dataDir: ':memory:', now: () => Date.now() + cloudShiftMs })

  // Real data from the cloud while the guard's phone was still online: a code, the keys, the signed lists.
  token = (await ok<{ token: string }>('pass', { action: 'issue', destination: '3幢2单元' }, 'demo-courier')).token
  const { keys } = await ok<{ keys: OfflineData['keys'] }>('pass', { action: 'publicKeys' }, 'demo-guard')
  const { lists, issuedAt } = await ok<StatusListOutput>('pass', { action: 'statusList' }, 'demo-guard')
  offlineData = {
    keys: keys.map((k) => ({ kid: k.kid, publicKey: k.publicKey })),
    lists,
    offsetMs: 0,
    fetchedAt: issuedAt,
  }
  // A code the courier's phone showed two minutes ago (lifetime 60 s): signed, but dead.
  cloudShiftMs = -120_000
  expiredToken = (await ok<{ token: string }>('pass', { action: 'issue' }, 'demo-courier')).token
  cloudShiftMs = 0

  wx.setStorageSync = (key: string, data: unknown) => {
    storage.set(key, JSON.stringify(data))
  }
  wx.getStorageSync = (key: string) => storageValue(key)
  wx.removeStorageSync = (key: string) => {
    storage.delete(key)
  }
  wx.clearStorageSync = () => storage.clear()

  // No signal: every way out of the phone fails.
  wx.cloud = {
    init: () => {},
    callFunction: failing('cloud.callFunction', (options) => {
      const data = options.data as { action?: string } | undefined
      attempts.push({ api: 'record', fn: String(options.name), action: data?.action, data })
    }),
    uploadFile: failing('cloud.uploadFile'),
    downloadFile: failing('cloud.downloadFile'),
    getTempFileURL: failing('cloud.getTempFileURL'),
    callContainer: failing('cloud.callContainer'),
  }
  for (const api of ['request', 'uploadFile', 'downloadFile', 'connectSocket']) wx[api] = failing(api)
  wx.getNetworkType = (options: Callbacks<unknown>) => {
    options.success?.({ networkType: 'none', errMsg: 'getNetworkType:ok' })
    options.complete?.()
  }
  wx.scanCode = (options: Record<string, unknown> & Callbacks<unknown>) => {
    if ('result' in scanResult) options.success?.({ ...scanResult, scanType: 'QR_CODE', errMsg: 'scanCode:ok' })
    else options.fail?.(scanResult)
    options.complete?.()
  }
  if (webCrypto) delete (globalThis as { crypto?: unknown }).crypto
  loadApp('staff/pages/gate-scan/index')
})

afterAll(async () => {
  page?.detach()
  if (webCrypto) Object.defineProperty(globalThis, 'crypto', webCrypto)
  await cloud?.close()
})

/** The calls the page tried to make, as `fn.action`, in order. */
const tried = () => attempts.filter((a) => a.api === 'record').map((a) => `${a.fn}.${a.action}`)
const queue = () => storageValue(QUEUE_KEY) as QueuedCheck[] | ''
const hasClass = (el: Element, name: string) => Array.from(el.classList).some((c) => c.endsWith(name))

/** Scans `text` with the camera and waits until the page has asked the cloud to verify it (and failed). */
async function scan(text: string): Promise<void> {
  const before = attempts.filter((a) => a.action === 'verify').length
  scanResult = { result: text }
  const button = await waitFor(() => page.querySelector('#scan-camera'))
  button.dispatchEvent('tap')
  // the previous verdict leaves the screen while the page checks
  await waitFor(() => byClass(root, 'gate-scan__checking').length > 0)
  await waitFor(() => attempts.filter((a) => a.action === 'verify').length === before + 1)
}

/**
 * The verdict card once it carries `message` (a card from the previous scan may still be on screen); fails at
 * once, with the page's words, if the page showed 核验失败 instead.
 */
async function cardSaying(message: string): Promise<Element> {
  const shown = await waitFor(
    () =>
      byClass(root, 'verify-result').find((card) => card.textContent?.includes(message)) ??
      byClass(root, 'verify-error')[0],
  )
  if (hasClass(shown, 'verify-error'))
    throw new Error(`expected a card with ${message}, the page showed: ${shown.textContent}`)
  return shown
}

test('without signal and without a stored list, the page says it cannot judge and queues nothing', async () => {
  page = loadPage('staff/pages/gate-scan/index')
  root = page.dom as Element
  await waitFor(() => root.textContent?.includes('离线名单：尚未下载'))
  // on opening, the page tried to fetch the keys and lists; the network failed them
  await waitFor(() => tried().includes('pass.statusList'))
  expect(tried()).toEqual(expect.arrayContaining(['pass.publicKeys', 'pass.statusList']))
  expect(storage.has(DATA_KEY)).toBe(false)

  await scan(token)
  await waitFor(() => byClass(root, 'verify-error')[0])
  expect(byClass(root, 'verify-error__title')[0].textContent).toBe('核验失败')
  expect(byClass(root, 'verify-error__message')[0].textContent).toBe('没有网络，且本机没有离线名单：请联网后核验')
  expect(byClass(root, 'verify-result')).toHaveLength(0)
  expect(queue()).toBe('')
})

/** The guard comes back to the page (WeChat calls onShow): it tries to sync, and reads what storage holds. */
function showAgain() {
  const pages = (globalThis as unknown as { getCurrentPages: () => Array<{ onShow(): void }> }).getCurrentPages()
  pages[pages.length - 1].onShow()
}

test('the guard’s phone verifies a real code offline: green card 张*明 marked 离线核验, one check queued', async () => {
  // the lists were downloaded while there was signal (as refreshOfflineData stores them)
  storage.set(DATA_KEY, JSON.stringify(offlineData))
  attempts.length = 0
  showAgain()
  await waitFor(() => root.textContent?.includes('离线名单：更新于刚刚'))
  expect(root.textContent).not.toContain('待上传离线核验')

  const checkedFrom = Date.now()
  await scan(token)
  const card = await cardSaying('张*明')
  expect(hasClass(card, 'verify-result--allowed')).toBe(true)
  expect(hasClass(card, 'verify-result--offline')).toBe(true)
  expect(byClass(card, 'verify-result__verdict')[0].textContent).toBe('通过')
  expect(byClass(card, 'verify-result__offline')[0].textContent).toBe('离线核验 · 联网后自动上传')
  expect(byClass(card, 'verify-result__name')[0].textContent).toBe('张*明')
  expect(byClass(card, 'verify-result__platform')[0].textContent).toBe('美团')
  expect(byClass(card, 'verify-result__destination')[0].textContent).toBe('送往：3幢2单元')
  expect(byClass(card, 'verify-result__meta')[0].textContent).toMatch(
    /^离线核验 · \d\d:\d\d:\d\d · 名单更新于(刚刚|1 分钟前)$/,
  )

  // The page did ask the cloud first, with the scanned code, and every call failed (none reached the cloud).
  expect(attempts.find((a) => a.action === 'verify')).toEqual({
    api: 'record',
    fn: 'pass',
    action: 'verify',
    data: { action: 'verify', token },
  })
  expect(new Set(attempts.filter((a) => a.api !== 'record').map((a) => a.api))).toEqual(new Set(['cloud.callFunction']))

  // The check waits in wx storage for upload, exactly once, as 'allowed'.
  await waitFor(() => root.textContent?.includes('待上传离线核验 1 条'))
  const queued = queue()
  expect(queued).toEqual([
    {
      checkId: expect.stringMatching(/^[A-Za-z0-9_-]{16,40}$/),
      token,
      checkedAt: expect.any(Number),
      verdict: 'allowed',
    },
  ])
  const [check] = queued as QueuedCheck[]
  expect(check.checkedAt).toBeGreaterThanOrEqual(checkedFrom - 1000)
  expect(check.checkedAt).toBeLessThanOrEqual(Date.now() + 1000)
  // what the phone judged is what the cloud judges of the same code
  await expect(cloud.call('pass', { action: 'verify', token }, 'demo-guard')).resolves.toMatchObject({
    ok: true,
    data: { allowed: true, courier: { maskedName: '张*明' } },
  })
})

test('offline, a tampered code and an expired one get the red 不通过 card and are queued as refused', async () => {
  expect(storageValue(DATA_KEY)).toEqual(offlineData) // the failed syncs left the stored lists alone

  // one byte of 送往 changed: the signature no longer holds
  const bytes = Buffer.from(token.slice(4), 'base64url')
  bytes[20] ^= 1
  const tampered = `XG1.${bytes.toString('base64url')}`
  await scan(tampered)
  let card = await cardSaying(PASS_REFUSALS.PASS_BAD_SIGNATURE)
  expect(hasClass(card, 'verify-result--refused')).toBe(true)
  expect(hasClass(card, 'verify-result--offline')).toBe(true)
  expect(byClass(card, 'verify-result__verdict')[0].textContent).toBe('不通过')
  expect(byClass(card, 'verify-result__offline')[0].textContent).toBe('离线核验 · 联网后自动上传')
  expect(byClass(card, 'verify-result__message')[0].textContent).toBe(PASS_REFUSALS.PASS_BAD_SIGNATURE)
  expect(card.textContent).not.toContain('张*明')
  await waitFor(() => root.textContent?.includes('待上传离线核验 2 条'))

  await scan(expiredToken)
  card = await cardSaying(PASS_REFUSALS.PASS_EXPIRED)
  expect(hasClass(card, 'verify-result--refused')).toBe(true)
  expect(hasClass(card, 'verify-result--offline')).toBe(true)
  expect(byClass(card, 'verify-result__verdict')[0].textContent).toBe('不通过')
  await waitFor(() => root.textContent?.includes('待上传离线核验 3 条'))

  expect(queue()).toMatchObject([
    { token, verdict: 'allowed' },
    { token: tampered, verdict: 'refused' },
    { token: expiredToken, verdict: 'refused' },
  ])
  const ids = (queue() as QueuedCheck[]).map((c) => c.checkId)
  expect(new Set(ids).size).toBe(3)
  // nothing got out: every attempt was a wx.cloud call, and each one failed
  expect(new Set(attempts.filter((a) => a.api !== 'record').map((a) => a.api))).toEqual(new Set(['cloud.callFunction']))
})
