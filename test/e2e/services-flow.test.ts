import type { Browser, Page } from 'playwright-core'
import { launchChromium, startLocalCloud, tempDir, type RunningCloud } from './harness'

jest.setTimeout(120_000)

let cloud: RunningCloud
let browser: Browser
let page: Page
const pageErrors: string[] = []
const THEME = '电动车免费检修周'
const SLOT = '刹车与电池免费检查'

beforeAll(async () => {
  cloud = await startLocalCloud(tempDir('xiaoge-e2e-services-'))
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

/** Today's date in China time, "YYYY-MM-DD". */
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

const stationIds = () =>
  page.locator('.station-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-station-id')))

describe('services end to end in Chromium: a secretary publishes this week’s theme → couriers see it; filters change the list', () => {
  it('the secretary publishes this week’s theme for 祥符街道小哥驿站 with a slot today', async () => {
    await openAs('demo-secretary', '/staff/pages/themes/index')
    await page.locator('.theme-station__option[data-value="st-xiangfu"]').click()
    await page.locator('#theme-title input').waitFor()
    await page.locator('#theme-title input').fill(THEME)
    await page.locator('#theme-description textarea').fill('带上电动车来驿站，师傅免费检查刹车、电池和灯光。')
    const before = await page.locator('.theme-slot').count()
    await page.locator('#theme-slot-add').click()
    const slot = page.locator(`.theme-slot[data-index="${before}"]`)
    await slot.locator(`.slot-date__option[data-value="${chinaToday()}"]`).click()
    await page.locator(`#slot-${before}-start input`).fill('14:00')
    await page.locator(`#slot-${before}-end input`).fill('17:00')
    await page.locator(`#slot-${before}-title input`).fill(SLOT)
    await page.locator('#theme-publish').click()
    await page.locator('.theme-editor__notice', { hasText: THEME }).waitFor()
    await page.locator('.theme-editor__status', { hasText: '已发布' }).waitFor()
  })

  it('a courier sees it as 本周主题 on the nearest station in the 服务 tab, and with its slot on the station’s page', async () => {
    await openAs('demo-courier', '/pages/stations/index')
    const nearest = page.locator('.station-card').first()
    await nearest.waitFor()
    // from the h5 default location the nearest station is 祥符街道小哥驿站
    expect(await nearest.getAttribute('data-station-id')).toBe('st-xiangfu')
    await expect(nearest.locator('.station-card__theme-title').textContent()).resolves.toContain(THEME)

    await openAs('demo-courier', '/pages/place/index?kind=station&id=st-xiangfu')
    await page.locator('.place-theme__title', { hasText: THEME }).waitFor()
    const slot = page.locator('.theme-slots__slot', { hasText: SLOT })
    await expect(slot.locator('.theme-slots__when').textContent()).resolves.toContain('14:00–17:00')
  })

  it('an amenity filter changes the list, and clearing it brings the stations back', async () => {
    await openAs('demo-courier', '/pages/stations/index')
    await page.locator('.station-card').first().waitFor()
    const all = await stationIds()
    expect(all.length).toBeGreaterThan(1)
    const showing = (ids: Array<string | null>) =>
      page.waitForFunction(
        (want) => JSON.stringify(Array.from(document.querySelectorAll('.station-card')).map((c) => c.getAttribute('data-station-id'))) === want,
        JSON.stringify(ids),
      )
    // only 哥哥驿站 offers 换电 (battery swap)
    await page.locator('.station-amenities__option[data-value="换电"]').click()
    await showing(['st-gege-yintai'])
    expect(await stationIds()).toEqual(['st-gege-yintai'])
    await page.locator('.station-amenities__option[data-value="换电"]').click()
    await showing(all)
    expect(await stationIds()).toEqual(all)
  })

  it('meals show their prices in yuan; a rent ceiling narrows the rooms', async () => {
    await openAs('demo-courier', '/pages/stations/index')
    await page.locator('.services-kind__option[data-value="meal"]').click()
    await page.locator('.meal-card').first().waitFor()
    const prices = await page.locator('.meal-card__price').allTextContents()
    expect(prices.length).toBeGreaterThan(0)
    for (const price of prices) expect(price).toMatch(/¥\d+\.\d{2}/)

    await page.locator('.services-kind__option[data-value="room"]').click()
    await page.locator('.room-card').first().waitFor()
    const rooms = await page.locator('.room-card').count()
    await page.locator('.room-price__option[data-value="100000"]').click()
    await page.waitForFunction((count) => {
      const cards = document.querySelectorAll('.room-card').length
      return cards > 0 && cards < count
    }, rooms)
    const rents = await page.locator('.room-card__rent').allTextContents()
    for (const rent of rents) expect(Number(/¥(\d+(?:\.\d+)?)/.exec(rent)?.[1])).toBeLessThanOrEqual(1000)
  })

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([])
  })
})
