import { useBrowserSession } from './harness'

jest.setTimeout(120_000)

const TEXT = '3 幢楼道堆放纸箱，堵住了消防通道'

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
)

const session = useBrowserSession('xiaoge-e2e-report-')
const { openAs, pageErrors } = session

describe('随手拍 end to end in Chromium: report with a photo → secretary accepts → points', () => {
  let before = 0

  it('the courier reports a blocked fire lane with a photo', async () => {
    before = await session.courierBalance()
    await openAs('demo-courier', '/courier/pages/report/index')
    await session.page.locator('.report-category__option', { hasText: '消防通道堵塞' }).click()
    await session.page.locator('#report-text textarea').fill(TEXT)
    const chooser = session.page.waitForEvent('filechooser')
    await session.page.locator('#report-photo').click()
    await (await chooser).setFiles({ name: 'lane.png', mimeType: 'image/png', buffer: PNG })
    await session.page.locator('.report-form__photo-state--ready').waitFor()
    await session.page.locator('#report-submit').click()
    await session.page.locator('.report-form__done').waitFor()
    await session.page.locator('.report', { hasText: TEXT }).locator('.report__status--pending').waitFor()
  })

  it('the secretary sees it with the photo, served by the local cloud, and accepts it with 8 points', async () => {
    await openAs('demo-secretary', '/staff/pages/reports/index')
    const report = session.page.locator('.report', { hasText: TEXT })
    await report.waitFor()
    const src = await report.locator('.report__photo img').getAttribute('src')
    // a short-lived URL the cloud minted for the reviewing secretary; the bare file path is refused
    expect(src).toMatch(/^\/local\/files\/[A-Za-z0-9_-]{22}\?e=\d+&t=[A-Za-z0-9_-]{32}$/)
    const photo = await session.page.request.get(new URL(src!, session.cloud.url).toString())
    expect(photo.headers()['content-type']).toBe('image/png')
    expect(Buffer.from(await photo.body())).toEqual(PNG)
    const bare = await session.page.request.get(new URL(src!.split('?')[0], session.cloud.url).toString())
    expect(bare.status()).toBe(403)
    await report.locator('.staff-report__accept').click()
    await session.page.locator('#report-points input').fill('8')
    await session.page.locator('#report-decision-confirm').click()
    await session.page.locator('.staff-reports__notice').waitFor()
  })

  it('the courier’s report shows as accepted and the points are in the balance', async () => {
    expect(await session.courierBalance()).toBe(before + 8)
    await openAs('demo-courier', '/courier/pages/report/index')
    await session.page.locator('.report', { hasText: TEXT }).locator('.report__status--accepted').waitFor()
  })

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([])
  })
})
