import { setTimeout as sleep } from 'node:timers/promises'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { AccessLogOutput, PASS_SUPPLY_CODES, chinaDateText, type OfflineCheck, type SuppliedCode } from '../../types'
import { launchChromium } from './browser'
import { startLocalCloud, tempDir, type RunningCloud } from './harness'
import { readQrFromScreen } from './qr-reader'

jest.setTimeout(120_000)

/*
 * No signal at the gate, in Chromium: a browser context per phone, `context.setOffline(true)` for "no network"
 * (fetch fails, the app's CloudError NETWORK), and Playwright's fake clock where time must pass faster than the
 * test runs.
 *
 * Two kinds of time, kept apart on purpose. The local cloud runs on the real clock, so a code the courier's
 * phone shows at a faked "30 minutes later" is, for the server, a code from the future: it would be refused
 * now, and a queued check of it would be uploaded as a late refusal. So the 30-minute part happens on a courier
 * phone and a guard phone whose clocks are both moved to the same faked instants, the guard judging on its
 * phone (as it would without network); that guard phone is then closed still offline and never uploads (its
 * checks lie in the server's future). The upload part runs on real time: the guard's page is only moved ahead
 * after its checks were made, to fire its own 10-minute refresh, which the server does not see.
 */

const COMMUNITY = 'ruanjiaqiao'
const MINUTE = 60_000

let cloud: RunningCloud
let browser: Browser
const pageErrors: string[] = []

beforeAll(async () => {
  cloud = await startLocalCloud(tempDir('xiaoge-e2e-offline-'))
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  if (cloud?.process.exitCode === null) await cloud.stop()
})

interface Phone {
  who: string
  context: BrowserContext
  page: Page
}

/** A phone of its own (storage, network, clock) signed in as `openid`; `clockAt` installs a fake clock. */
async function newPhone(openid: string, { clockAt }: { clockAt?: number } = {}): Promise<Phone> {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' })
  context.setDefaultTimeout(10_000) // a wait that fails says so well inside the test's own timeout
  if (clockAt !== undefined) await context.clock.install({ time: clockAt }) // flows on from there
  const page = await context.newPage()
  page.on('pageerror', (error) => pageErrors.push(`${openid}: ${String(error)}`))
  return { who: openid, context, page }
}

/** Opens (or reopens, with a fresh load) a page of the h5 app, as the identity picker would leave it. */
async function open(phone: Phone, route: string) {
  await phone.page.goto(`${cloud.url}/healthz`)
  await phone.page.evaluate((id) => localStorage.setItem('demoOpenid', JSON.stringify({ data: id })), phone.who)
  await phone.page.goto(`${cloud.url}/#${route}`)
}

/** What the app keeps in Taro storage under `key` (h5: localStorage, the value wrapped as `{ data }`). */
async function stored<T>(phone: Phone, key: string): Promise<T | null> {
  const text = await phone.page.evaluate((k) => localStorage.getItem(k), key)
  return text ? (JSON.parse(text) as { data: T }).data : null
}

const phoneNow = (phone: Phone) => phone.page.evaluate(() => Date.now())

/** Moves a phone's fake clock forward to `target` (epoch ms), firing the page's timers that fall due. */
async function moveClockTo(phone: Phone, target: number) {
  const now = await phoneNow(phone)
  if (target < now) throw new Error(`${phone.who}'s clock is already past ${new Date(target).toISOString()}`)
  await phone.page.clock.fastForward(target - now)
}

/** Polls from the test's side (the pages' timers may be faked), on real time. */
async function until(what: string, test: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(100)
  }
}

/** A 小哥码's own time window, read from its bytes (cloudfunctions/pass/domain/token.ts: 8..11 issuedAt, 12 lifetime). */
function tokenWindow(token: string): { from: number; until: number } {
  const bytes = Buffer.from(token.slice('XG1.'.length), 'base64url')
  const issuedAt = bytes.readUInt32BE(8) * 1000
  return { from: issuedAt, until: issuedAt + bytes[12] * 1000 }
}

/** The code on the courier's screen as a camera sees it: decoded from the canvas's pixels, as pass-flow does. */
async function codeOnScreen(phone: Phone, accept: (token: string) => boolean = () => true): Promise<string> {
  const qr = phone.page.locator('.pass-code__qr')
  await qr.waitFor()
  const token = await readQrFromScreen(qr.locator('canvas'), {
    accept: (text) => text.startsWith('XG1.') && accept(text),
  })
  await expect(qr.getAttribute('data-token')).resolves.toBe(token)
  return token
}

/** The guard pastes a code into the scanner page and gets the card it answers with. */
async function guardChecks(guard: Phone, token: string): Promise<Locator> {
  const { page } = guard
  const input = page.locator('#scan-input input')
  await input.fill(token)
  await page.locator('#scan-submit').click()
  // The field clears once the page has a verdict; when the check fails instead, it shows 核验失败 and keeps it.
  await until('a verdict on the guard’s page', async () => {
    if ((await page.locator('.verify-error').count()) > 0) {
      throw new Error(`the guard's page could not check: ${await page.locator('.verify-error').textContent()}`)
    }
    return (await input.inputValue()) === ''
  })
  const card = page.locator('.verify-result')
  await card.waitFor()
  return card
}

/** A cloud function called as `openid`, as the h5 app does (`x-openid`); throws on `{ ok: false }`. */
async function callAs(openid: string, name: string, request: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(`${cloud.url}/fn/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid },
    body: JSON.stringify(request),
  })
  const envelope = (await res.json()) as { ok: boolean; data?: unknown; error?: unknown }
  if (!envelope.ok) throw new Error(`${name}.${String(request.action)} as ${openid}: ${JSON.stringify(envelope.error)}`)
  return envelope.data
}

/** The community's 通行记录 of the day of `at`, as the property manager reads it through the API. */
async function accessLogOf(at: number) {
  const data = await callAs('demo-manager', 'pass', {
    action: 'accessLog',
    communityId: COMMUNITY,
    day: chinaDateText(at),
    limit: 100,
  })
  return AccessLogOutput.parse(data).entries
}

describe('the courier’s phone without network: 30 minutes of stored codes, each judged valid by a guard’s phone', () => {
  let courier: Phone
  let guard: Phone
  let supply: SuppliedCode[] = []
  let lastShown = ''

  it('online, the courier’s page shows a live code and keeps a supply of 35 minutes of future codes', async () => {
    const start = Date.now()
    guard = await newPhone('demo-guard', { clockAt: start })
    await open(guard, '/staff/pages/gate-scan/index')
    await guard.page.locator('.gate-scan__offline-list').getByText('离线名单：更新于刚刚').waitFor()

    courier = await newPhone('demo-courier', { clockAt: start })
    await open(courier, '/pass/pages/pass-code/index')
    const live = await codeOnScreen(courier)
    expect(await courier.page.locator('.pass-code__offline').count()).toBe(0)

    await until('the supply in the courier’s storage', async () => {
      const kept = await stored<{ codes: SuppliedCode[] }>(courier, 'passSupply')
      supply = kept?.codes ?? []
      return supply.length > 0
    })
    expect(supply).toHaveLength(PASS_SUPPLY_CODES)
    expect(supply.map((c) => c.token)).not.toContain(live)
    // one code starting every 30 s, each valid for its own minute only, and what each says of itself agrees
    for (const [i, code] of supply.entries()) {
      expect(code.validFrom - supply[0].validFrom).toBe(i * 30_000)
      expect(code.expiresAt - code.validFrom).toBe(MINUTE)
      expect(tokenWindow(code.token)).toEqual({ from: code.validFrom, until: code.expiresAt })
    }
    expect(Math.abs(supply[0].validFrom - (await phoneNow(courier)))).toBeLessThan(5_000)
  })

  it('offline, the page shows a stored code valid at 1, 10, 20 and 30 minutes, and the guard’s phone, offline at the same instants, lets each in', async () => {
    await courier.context.setOffline(true)
    await guard.context.setOffline(true)
    const start = supply[0].validFrom
    const shown: string[] = []
    for (const minutes of [1, 10, 20, 30]) {
      // 10 s into a code's first half-minute: the screen keeps it for 20 s more, time enough to read it
      const at = start + minutes * MINUTE + 10_000
      await moveClockTo(courier, at)
      const covers = (token: string) => tokenWindow(token).from <= at && at < tokenWindow(token).until
      const token = await codeOnScreen(courier, covers)
      shown.push(token)
      expect(supply.map((c) => c.token)).toContain(token)
      const now = await phoneNow(courier)
      expect(tokenWindow(token).from).toBeLessThanOrEqual(now)
      expect(tokenWindow(token).until).toBeGreaterThan(now)
      const box = courier.page.locator('.pass-code__offline')
      await expect(box.locator('.pass-code__offline-title').textContent()).resolves.toBe('离线模式')
      // the supply ends 35.5 minutes after it began (less a second of rounding)
      await expect(box.textContent()).resolves.toContain(`还可用约 ${35 - minutes} 分钟`)

      await moveClockTo(guard, at)
      const card = await guardChecks(guard, token)
      await expect(card.getAttribute('class')).resolves.toMatch(/verify-result--allowed.*verify-result--offline/)
      await expect(card.locator('.verify-result__verdict').textContent()).resolves.toBe('通过')
      await expect(card.locator('.verify-result__offline').textContent()).resolves.toBe('离线核验 · 联网后自动上传')
      await expect(card.locator('.verify-result__name').textContent()).resolves.toBe('张*明')
      await expect(card.locator('.verify-result__meta').textContent()).resolves.toMatch(/^离线核验 · .* · 名单更新于/)
      await guard.page.locator('.gate-scan__queued').getByText(`待上传离线核验 ${shown.length} 条`).waitFor()
    }
    expect(new Set(shown).size).toBe(4) // each minute its own code
    lastShown = shown[shown.length - 1]
  })

  it('once the supply has run out (36 minutes) the page shows no code, and the last one shown is refused offline', async () => {
    const at = supply[0].validFrom + 36 * MINUTE
    await moveClockTo(courier, at)
    await courier.page.locator('.pass-code .state-view--error').waitFor()
    expect(await courier.page.locator('.pass-code__qr').count()).toBe(0)

    await moveClockTo(guard, at)
    const card = await guardChecks(guard, lastShown)
    await expect(card.getAttribute('class')).resolves.toMatch(/verify-result--refused.*verify-result--offline/)
    await expect(card.getAttribute('data-code')).resolves.toBe('PASS_EXPIRED')
  })

  it('back online, the courier’s page returns to live codes by itself', async () => {
    await courier.context.setOffline(false)
    await courier.page.clock.fastForward(10_000) // the page retries every 10 s when it had nothing to show
    const live = await codeOnScreen(courier)
    expect(supply.map((c) => c.token)).not.toContain(live)
    expect(await courier.page.locator('.pass-code__offline').count()).toBe(0)
    // Both phones of this part are done; the guard's phone never goes online again: its queued checks are of
    // faked future minutes, which the real-clock server would rightly call late refusals.
    expect((await stored<OfflineCheck[]>(guard, 'gateOfflineQueue'))?.length).toBe(5)
    await guard.context.close()
    await courier.context.close()
  })
})

describe('the guard’s phone without network, on real time: queued, uploaded once, a suspension found afterwards', () => {
  let guard: Phone
  let courier: Phone
  let firstQueue: OfflineCheck[] = []
  let firstCheckedAt = 0

  it('the guard’s phone keeps the list while online; offline it lets a courier in, marked 离线核验, and queues it', async () => {
    expect(await accessLogOf(Date.now())).toEqual([]) // nothing reached the server in the faked part
    guard = await newPhone('demo-guard', { clockAt: Date.now() }) // real time until moved on purpose
    await open(guard, '/staff/pages/gate-scan/index')
    await guard.page.locator('.gate-scan__offline-list').getByText('离线名单：更新于刚刚').waitFor()

    courier = await newPhone('demo-courier')
    await open(courier, '/pass/pages/pass-code/index')
    const token = await codeOnScreen(courier)

    await guard.context.setOffline(true)
    const card = await guardChecks(guard, token)
    await expect(card.getAttribute('class')).resolves.toMatch(/verify-result--allowed.*verify-result--offline/)
    await expect(card.locator('.verify-result__offline').textContent()).resolves.toBe('离线核验 · 联网后自动上传')
    await expect(card.locator('.verify-result__name').textContent()).resolves.toBe('张*明')
    // the demo courier's face, from the copy the phone kept with its list (downloaded while it was online)
    const photo = card.locator('.verify-result__photo img')
    await expect(photo.getAttribute('src')).resolves.toMatch(/^data:image\/png;base64,/)
    await guard.page.waitForFunction(
      (img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth === 240,
      await photo.elementHandle(),
    )
    await guard.page.locator('.gate-scan__queued').getByText('待上传离线核验 1 条').waitFor()

    firstQueue = (await stored<OfflineCheck[]>(guard, 'gateOfflineQueue')) ?? []
    expect(firstQueue).toEqual([expect.objectContaining({ token, verdict: 'allowed' })])
    firstCheckedAt = firstQueue[0].checkedAt
    expect(Math.abs(firstCheckedAt - Date.now())).toBeLessThan(10_000)
  })

  it('back online, the page uploads by itself at its next refresh; the entry is in the access log once, at its own time', async () => {
    await guard.context.setOffline(false)
    await guard.page.clock.fastForward(10 * MINUTE) // the page's own refresh, every 10 minutes while open
    await guard.page.locator('.gate-scan__uploaded').getByText('已上传 1 条离线核验', { exact: true }).waitFor()
    expect(await guard.page.locator('.gate-scan__queued').count()).toBe(0)
    expect(await stored<OfflineCheck[]>(guard, 'gateOfflineQueue')).toEqual([])

    const entries = await accessLogOf(firstCheckedAt)
    expect(entries).toEqual([
      expect.objectContaining({
        at: firstCheckedAt,
        gateName: '北门',
        maskedName: '张*明',
        allowed: true,
        code: 'OK',
        offline: true,
        lateRefusal: false,
      }),
    ])
  })

  it('when the answer was lost and the phone uploads the same check again, the access log still has it once', async () => {
    // as if the phone had never heard back: the same queue is put back, and the page is opened again
    await guard.page.evaluate(
      (queue) => localStorage.setItem('gateOfflineQueue', JSON.stringify({ data: queue })),
      firstQueue,
    )
    await open(guard, '/staff/pages/gate-scan/index')
    await guard.page.locator('.gate-scan__uploaded').getByText('已上传 1 条离线核验', { exact: true }).waitFor()
    expect(await stored<OfflineCheck[]>(guard, 'gateOfflineQueue')).toEqual([])
    const entries = await accessLogOf(firstCheckedAt)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ at: firstCheckedAt, code: 'OK', offline: true })
  })

  it('a courier suspended while the guard is offline is let in on the phone’s list, and flagged once uploaded', async () => {
    await open(courier, '/pass/pages/pass-code/index')
    const token = await codeOnScreen(courier) // shown while still approved
    await guard.page.locator('.gate-scan__offline-list').getByText('离线名单：更新于刚刚').waitFor()
    await guard.context.setOffline(true)

    await expect(
      callAs('demo-secretary', 'account', {
        action: 'review',
        courierId: 'demo-courier',
        decision: 'suspend',
        reason: '多次逆行',
      }),
    ).resolves.toEqual({ status: 'suspended' })

    // the phone cannot know: its signed list still says approved
    const card = await guardChecks(guard, token)
    await expect(card.getAttribute('class')).resolves.toMatch(/verify-result--allowed.*verify-result--offline/)
    await expect(card.locator('.verify-result__name').textContent()).resolves.toBe('张*明')
    // the demo courier's face, from the copy the phone kept with its list (downloaded while it was online)
    const photo = card.locator('.verify-result__photo img')
    await expect(photo.getAttribute('src')).resolves.toMatch(/^data:image\/png;base64,/)
    await guard.page.waitForFunction(
      (img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth === 240,
      await photo.elementHandle(),
    )
    await guard.page.locator('.gate-scan__queued').getByText('待上传离线核验 1 条').waitFor()
    const [check] = (await stored<OfflineCheck[]>(guard, 'gateOfflineQueue')) ?? []
    expect(check).toMatchObject({ token, verdict: 'allowed' })

    await guard.context.setOffline(false)
    await guard.page.clock.fastForward(10 * MINUTE)
    await guard.page
      .locator('.gate-scan__uploaded')
      .getByText('已上传 1 条离线核验，其中 1 人事后发现不应放行，已记入通行记录', { exact: true })
      .waitFor()
    expect(await guard.page.locator('.gate-scan__queued').count()).toBe(0)

    const entries = await accessLogOf(check.checkedAt)
    expect(entries).toHaveLength(2)
    expect(entries).toContainEqual(
      expect.objectContaining({
        at: check.checkedAt,
        maskedName: '张*明',
        allowed: true, // the guard did let them in
        code: 'COURIER_SUSPENDED',
        offline: true,
        lateRefusal: true,
      }),
    )
    // the first check, made and uploaded before the suspension, is left as it was
    expect(entries).toContainEqual(
      expect.objectContaining({ at: firstCheckedAt, code: 'OK', offline: true, lateRefusal: false }),
    )
  })

  it('the property manager’s 通行记录 shows both checks marked 离线核验, the suspended one flagged', async () => {
    const manager = await newPhone('demo-manager')
    await open(manager, '/staff/pages/access-log/index')
    const entries = manager.page.locator('.access-log-entry')
    await until('two access-log entries', async () => (await entries.count()) === 2)
    expect(await manager.page.locator('.access-log-entry__offline').allTextContents()).toEqual(['离线核验', '离线核验'])
    const late = manager.page.locator('.access-log-entry__late')
    expect(await late.count()).toBe(1)
    await expect(late.textContent()).resolves.toContain('事后发现不应放行')
    expect(await manager.page.content()).not.toContain('张小明')
  })

  it('the suspended courier’s phone shows no code any more and forgets its stored supply', async () => {
    await open(courier, '/pass/pages/pass-code/index')
    await courier.page.locator('.pass-code__refused').getByText('已暂停', { exact: false }).first().waitFor()
    expect(await courier.page.locator('.pass-code__qr').count()).toBe(0)
    expect(await stored(courier, 'passSupply')).toBeNull()
  })

  it('raised no script errors on any phone', () => {
    expect(pageErrors).toEqual([])
  })
})
