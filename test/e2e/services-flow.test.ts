import { useBrowserSession } from './harness'

jest.setTimeout(120_000)

const THEME = '电动车免费检修周'
const SLOT = '刹车与电池免费检查'

const session = useBrowserSession('xiaoge-e2e-services-')
const { openAs, pageErrors } = session

/** Today's date in China time, "YYYY-MM-DD". */
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

const stationIds = () =>
  session.page.locator('.station-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-station-id')))

describe('services end to end in Chromium: a secretary publishes this week’s theme → couriers see it; filters change the list', () => {
  it('the secretary publishes this week’s theme for 祥符街道小哥驿站 with a slot today', async () => {
    await openAs('demo-secretary', '/staff/pages/themes/index')
    await session.page.locator('.theme-station__option[data-value="st-xiangfu"]').click()
    await session.page.locator('#theme-title input').waitFor()
    await session.page.locator('#theme-title input').fill(THEME)
    await session.page.locator('#theme-description textarea').fill('带上电动车来驿站，师傅免费检查刹车、电池和灯光。')
    const before = await session.page.locator('.theme-slot').count()
    await session.page.locator('#theme-slot-add').click()
    const slot = session.page.locator(`.theme-slot[data-index="${before}"]`)
    await slot.locator(`.slot-date__option[data-value="${chinaToday()}"]`).click()
    await session.page.locator(`#slot-${before}-start input`).fill('14:00')
    await session.page.locator(`#slot-${before}-end input`).fill('17:00')
    await session.page.locator(`#slot-${before}-title input`).fill(SLOT)
    await session.page.locator('#theme-publish').click()
    await session.page.locator('.theme-editor__notice', { hasText: THEME }).waitFor()
    await session.page.locator('.theme-editor__status', { hasText: '已发布' }).waitFor()
  })

  it('a courier sees it as 本周主题 on the nearest station in the 服务 tab, and with its slot on the station’s page', async () => {
    await openAs('demo-courier', '/pages/stations/index')
    const nearest = session.page.locator('.station-card').first()
    await nearest.waitFor()
    // from the h5 default location the nearest station is 祥符街道小哥驿站
    expect(await nearest.getAttribute('data-station-id')).toBe('st-xiangfu')
    await expect(nearest.locator('.station-card__theme-title').textContent()).resolves.toContain(THEME)

    await openAs('demo-courier', '/courier/pages/place/index?kind=station&id=st-xiangfu')
    await session.page.locator('.place-theme__title', { hasText: THEME }).waitFor()
    const slot = session.page.locator('.theme-slots__slot', { hasText: SLOT })
    await expect(slot.locator('.theme-slots__when').textContent()).resolves.toContain('14:00–17:00')
  })

  it('an amenity filter changes the list, and clearing it brings the stations back', async () => {
    await openAs('demo-courier', '/pages/stations/index')
    await session.page.locator('.station-card').first().waitFor()
    const all = await stationIds()
    expect(all.length).toBeGreaterThan(1)
    const showing = (ids: Array<string | null>) =>
      session.page.waitForFunction(
        (want) =>
          JSON.stringify(
            Array.from(document.querySelectorAll('.station-card')).map((c) => c.getAttribute('data-station-id')),
          ) === want,
        JSON.stringify(ids),
      )
    // only 哥哥驿站 offers 换电 (battery swap)
    await session.page.locator('.station-amenities__option[data-value="换电"]').click()
    await showing(['st-gege-yintai'])
    expect(await stationIds()).toEqual(['st-gege-yintai'])
    await session.page.locator('.station-amenities__option[data-value="换电"]').click()
    await showing(all)
    expect(await stationIds()).toEqual(all)
  })

  it('meals show their prices in yuan; a rent ceiling narrows the rooms', async () => {
    await openAs('demo-courier', '/pages/stations/index')
    await session.page.locator('.services-kind__option[data-value="meal"]').click()
    await session.page.locator('.meal-card').first().waitFor()
    const prices = await session.page.locator('.meal-card__price').allTextContents()
    expect(prices.length).toBeGreaterThan(0)
    for (const price of prices) expect(price).toMatch(/¥\d+\.\d{2}/)

    await session.page.locator('.services-kind__option[data-value="room"]').click()
    await session.page.locator('.room-card').first().waitFor()
    const rooms = await session.page.locator('.room-card').count()
    await session.page.locator('.room-price__option[data-value="100000"]').click()
    await session.page.waitForFunction((count) => {
      const cards = document.querySelectorAll('.room-card').length
      return cards > 0 && cards < count
    }, rooms)
    const rents = await session.page.locator('.room-card__rent').allTextContents()
    for (const rent of rents) expect(Number(/¥(\d+(?:\.\d+)?)/.exec(rent)?.[1])).toBeLessThanOrEqual(1000)
  })

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([])
  })
})
