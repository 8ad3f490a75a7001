import type { Browser, Page } from 'playwright-core'
import { launchChromium, startLocalCloud, tempDir, type RunningCloud } from './harness'

jest.setTimeout(120_000)

let cloud: RunningCloud
let browser: Browser
let page: Page
const pageErrors: string[] = []
const TITLE = '平安夜巡：端到端测试'
const POINTS = 9

beforeAll(async () => {
  cloud = await startLocalCloud(tempDir('xiaoge-e2e-points-'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' })
  page.on('pageerror', (error) => pageErrors.push(String(error)))
})

afterAll(async () => {
  await browser?.close()
  if (cloud?.process.exitCode === null) await cloud.stop()
})

/** Opens a page of the h5 app as `openid` (the demo identity the picker would store). */
async function openAs(openid: string, route: string) {
  await page.goto(`${cloud.url}/`)
  await page.evaluate((id) => localStorage.setItem('demoOpenid', JSON.stringify({ data: id })), openid)
  await page.goto(`${cloud.url}/#${route}`)
  await page.reload()
}

/** "YYYY-MM-DD" and "HH:mm" in China time, `minutes` from now. */
function chinaDateTime(minutes: number): { date: string; time: string } {
  const iso = new Date(Date.now() + minutes * 60_000 + 8 * 3600_000).toISOString()
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) }
}

async function balance(): Promise<number> {
  await openAs('demo-courier', '/pages/points/index')
  const value = page.locator('.points-page__balance')
  await value.waitFor()
  return Number(await value.textContent())
}

let balanceBefore = 0
let pickupCode = ''

describe('volunteer points end to end in Chromium: publish → sign up → attend → balance → redeem → pickup', () => {
  it('the secretary publishes an activity starting in 15 minutes', async () => {
    await openAs('demo-secretary', '/staff/pages/activities/index')
    await page.locator('#activity-new').click()
    const start = chinaDateTime(15)
    const end = chinaDateTime(75)
    await page.locator('#activity-title input').fill(TITLE)
    await page.locator('.activity-kind__option', { hasText: '平安夜巡' }).click()
    await page.locator('#activity-place input').fill('阮家桥社区北门集合')
    await page.locator('#activity-start-date input').fill(start.date)
    await page.locator('#activity-start-time input').fill(start.time)
    await page.locator('#activity-end-date input').fill(end.date)
    await page.locator('#activity-end-time input').fill(end.time)
    await page.locator('#activity-capacity input').fill('10')
    await page.locator('#activity-points input').fill(String(POINTS))
    await page.locator('#activity-save').click()
    await page.locator('.activity', { hasText: TITLE }).waitFor()
  })

  it('the courier signs up', async () => {
    balanceBefore = await balance()
    await openAs('demo-courier', '/pages/activities/index')
    const card = page.locator('.activity', { hasText: TITLE })
    await card.locator('.activity__sign-up').click()
    await card.locator('.activity__mine--signed').waitFor()
    await expect(card.textContent()).resolves.toContain('1/10')
  })

  it('the secretary confirms attendance from the sign-up list (attendance opens 30 minutes before the start)', async () => {
    await openAs('demo-secretary', '/staff/pages/activities/index')
    await page.locator('.activity', { hasText: TITLE }).locator('.activity__roster').click()
    const row = page.locator('.signup', { hasText: '张小明' })
    await row.locator('.signup__attend').click()
    const result = page.locator('.attend-result--awarded')
    await result.waitFor()
    await expect(result.textContent()).resolves.toContain(`${POINTS}`)
  })

  it('the courier’s balance shows the points, with the activity in the history', async () => {
    expect(await balance()).toBe(balanceBefore + POINTS)
    await expect(page.locator('.ledger-entry').first().textContent()).resolves.toContain(TITLE)
  })

  it('the courier redeems a towel and gets a 6-digit pickup code; the points are taken', async () => {
    await openAs('demo-courier', '/pages/exchange/index')
    const towel = page.locator('.exchange-item', { hasText: '毛巾' })
    await towel.locator('.exchange-item__redeem').click()
    await page.locator('.exchange-dialog__confirm').click()
    const code = page.locator('.exchange-done__code')
    await code.waitFor()
    pickupCode = (await code.getAttribute('data-code')) ?? ''
    expect(pickupCode).toMatch(/^\d{6}$/)
    expect(await balance()).toBe(balanceBefore + POINTS - 10)
  })

  it('the station confirms the pickup by its code, and the redemption shows as picked up', async () => {
    await openAs('demo-secretary', '/staff/pages/exchange/index')
    await page.locator('.pickup-station__option', { hasText: '哥哥驿站' }).click()
    await page.locator('#pickup-code input').fill(pickupCode)
    await page.locator('#pickup-submit').click()
    const result = page.locator('.pickup-result--ok')
    await result.waitFor()
    await expect(result.textContent()).resolves.toContain('毛巾')
    await expect(result.textContent()).resolves.toContain('张*明')

    await openAs('demo-courier', '/pages/exchange/index')
    await page.locator('.exchange-tab__option', { hasText: '我的兑换' }).click()
    await page.locator('.redemption', { hasText: '毛巾' }).getByText('已取货').waitFor()
  })

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([])
  })
})
