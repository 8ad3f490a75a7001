import type { Browser, Page } from 'playwright-core'
import { launchChromium, startLocalCloud, tempDir, type RunningCloud } from './harness'

jest.setTimeout(120_000)

let cloud: RunningCloud
let browser: Browser
let page: Page
const pageErrors: string[] = []
const TEXT = '3 幢楼道堆放纸箱，堵住了消防通道'

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
)

beforeAll(async () => {
  cloud = await startLocalCloud(tempDir('xiaoge-e2e-report-'))
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' })
  page.on('pageerror', (error) => pageErrors.push(String(error)))
})

afterAll(async () => {
  await browser?.close()
  if (cloud?.process.exitCode === null) await cloud.stop()
})

async function openAs(openid: string, route: string) {
  await page.goto(`${cloud.url}/`)
  await page.evaluate((id) => localStorage.setItem('demoOpenid', JSON.stringify({ data: id })), openid)
  await page.goto(`${cloud.url}/#${route}`)
  await page.reload()
}

async function balance(): Promise<number> {
  await openAs('demo-courier', '/pages/points/index')
  const value = page.locator('.points-page__balance')
  await value.waitFor()
  return Number(await value.textContent())
}

describe('随手拍 end to end in Chromium: report with a photo → secretary accepts → points', () => {
  let before = 0

  it('the courier reports a blocked fire lane with a photo', async () => {
    before = await balance()
    await openAs('demo-courier', '/pages/report/index')
    await page.locator('.report-category__option', { hasText: '消防通道堵塞' }).click()
    await page.locator('#report-text textarea').fill(TEXT)
    const chooser = page.waitForEvent('filechooser')
    await page.locator('#report-photo').click()
    await (await chooser).setFiles({ name: 'lane.png', mimeType: 'image/png', buffer: PNG })
    await page.locator('.report-form__photo-state--ready').waitFor()
    await page.locator('#report-submit').click()
    await page.locator('.report-form__done').waitFor()
    await page.locator('.report', { hasText: TEXT }).locator('.report__status--pending').waitFor()
  })

  it('the secretary sees it with the photo, served by the local cloud, and accepts it with 8 points', async () => {
    await openAs('demo-secretary', '/staff/pages/reports/index')
    const report = page.locator('.report', { hasText: TEXT })
    await report.waitFor()
    const src = await report.locator('.report__photo img').getAttribute('src')
    expect(src).toMatch(/\/local\/files\/[A-Za-z0-9_-]{22}$/)
    const photo = await page.request.get(new URL(src!, cloud.url).toString())
    expect(photo.headers()['content-type']).toBe('image/png')
    expect(Buffer.from(await photo.body())).toEqual(PNG)
    await report.locator('.staff-report__accept').click()
    await page.locator('#report-points input').fill('8')
    await page.locator('#report-decision-confirm').click()
    await page.locator('.staff-reports__notice').waitFor()
  })

  it('the courier’s report shows as accepted and the points are in the balance', async () => {
    expect(await balance()).toBe(before + 8)
    await openAs('demo-courier', '/pages/report/index')
    await page.locator('.report', { hasText: TEXT }).locator('.report__status--accepted').waitFor()
  })

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([])
  })
})
