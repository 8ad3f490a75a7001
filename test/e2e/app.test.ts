import type { Browser, Page } from 'playwright-core'
import { DEFAULT_LOCATION, NearbyStationsOutput } from '../../types'
import { launchChromium } from './browser'
import { startLocalCloud, tempDir, type RunningCloud } from './harness'

jest.setTimeout(120_000)

let cloud: RunningCloud
let browser: Browser
let page: Page
const dataDir = tempDir('xiaoge-e2e-')
const pageErrors: string[] = []

beforeAll(async () => {
  cloud = await startLocalCloud(dataDir)
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' })
  page.on('pageerror', (error) => pageErrors.push(String(error)))
})

afterAll(async () => {
  await browser?.close()
  if (cloud?.process.exitCode === null) await cloud.stop()
})

/** What the courier should see, asked of the API directly: the nearest stations to the default location. */
async function expectedStationNames(): Promise<string[]> {
  const res = await fetch(`${cloud.url}/fn/services`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': 'demo-courier' },
    body: JSON.stringify({
      action: 'nearbyStations',
      location: { lat: DEFAULT_LOCATION.lat, lng: DEFAULT_LOCATION.lng },
    }),
  })
  const body = (await res.json()) as { ok: true; data: unknown }
  return NearbyStationsOutput.parse(body.data).stations.map((s) => s.name)
}

describe('the h5 app against the local cloud, in Chromium', () => {
  it('asks a first-time visitor to pick a demo identity, in Chinese', async () => {
    await page.goto(cloud.url)
    await page.locator('.page-header__title').getByText('选择演示身份').waitFor()
    for (const name of ['张小明', '李大伟', '王师傅', '赵经理', '陈书记', '系统管理员']) {
      await page.getByText(name, { exact: true }).first().waitFor()
    }
  })

  it('opens an approved courier on their home, 出示小哥码 first', async () => {
    await page.getByText('以“张小明”进入').click()
    await page.locator('#home-pass').getByText('出示小哥码').waitFor()
    await page.locator('.home-balance__value').getByText('18').waitFor()
  })

  it('shows the courier the stations nearest the default Gongshu location, nearest first', async () => {
    await page.getByText('服务', { exact: true }).last().click()
    await page.locator('.stations-page .station-card__name').first().waitFor()
    const shown = await page.locator('.stations-page .station-card__name').allInnerTexts()
    const expected = await expectedStationNames()
    expect(shown).toEqual(expected)
    expect(shown).toContain('哥哥驿站（城西银泰城）')
    const distances = await page.locator('.stations-page .station-card__distance').allInnerTexts()
    expect(distances[0]).toMatch(/^\d+(\.\d)?(米|公里)$/)
    await page.locator('.stations-page').getByText('拱墅区（默认位置）').first().waitFor()
  })

  it('shows the courier who they are and that they are approved on the 我的 tab', async () => {
    await page.getByText('我的', { exact: true }).last().click()
    await page.locator('.me-page__nickname').getByText('张小明').waitFor()
    await page.locator('.me-page__courier-status').getByText('已通过').waitFor()
  })

  it('switches to the pending courier and shows 待审核', async () => {
    await page.getByText('切换演示身份').click()
    await page.getByText('以“李大伟”进入').click()
    // a courier waiting for review: where they stand, and the tiles that need approval greyed
    await page.locator('.home-status--pending').getByText('审核中', { exact: false }).waitFor()
    expect(await page.locator('.home-tile--locked').count()).toBe(4)
    expect(await page.locator('#home-pass').count()).toBe(0)
    await page.getByText('我的', { exact: true }).last().click()
    await page.locator('.me-page__nickname').getByText('李大伟').waitFor()
    await page.locator('.me-page__courier-status').getByText('待审核').waitFor()
  })

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([])
  })

  it('stops cleanly on Ctrl-C and keeps its data for the next start', async () => {
    expect(cloud.output()).toContain('seeded with demo data')
    expect(await cloud.stop()).toBe(0)
    const again = await startLocalCloud(dataDir)
    try {
      const res = await fetch(`${again.url}/fn/account`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': 'demo-courier' },
        body: JSON.stringify({ action: 'me' }),
      })
      expect(await res.json()).toMatchObject({ ok: true, data: { nickname: '张小明' } })
      expect(again.output()).toContain(`data: ${dataDir}`)
      expect(again.output()).not.toContain('seeded with demo data')
    } finally {
      expect(await again.stop()).toBe(0)
    }
  })
})
