import { useBrowserSession } from './harness'

jest.setTimeout(120_000)

const TITLE = '平安夜巡：端到端测试'
const POINTS = 9

const session = useBrowserSession('xiaoge-e2e-points-')
const { openAs, pageErrors } = session

/** "YYYY-MM-DD" and "HH:mm" in China time, `minutes` from now. */
function chinaDateTime(minutes: number): { date: string; time: string } {
  const iso = new Date(Date.now() + minutes * 60_000 + 8 * 3600_000).toISOString()
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) }
}

let balanceBefore = 0
let pickupCode = ''

describe('volunteer points end to end in Chromium: publish → sign up → attend → balance → redeem → pickup', () => {
  it('the secretary publishes an activity starting in 15 minutes', async () => {
    await openAs('demo-secretary', '/staff/pages/activities/index')
    await session.page.locator('#activity-new').click()
    const start = chinaDateTime(15)
    const end = chinaDateTime(75)
    await session.page.locator('#activity-title input').fill(TITLE)
    await session.page.locator('.activity-kind__option', { hasText: '平安夜巡' }).click()
    await session.page.locator('#activity-place input').fill('阮家桥社区北门集合')
    await session.page.locator('#activity-start-date input').fill(start.date)
    await session.page.locator('#activity-start-time input').fill(start.time)
    await session.page.locator('#activity-end-date input').fill(end.date)
    await session.page.locator('#activity-end-time input').fill(end.time)
    await session.page.locator('#activity-capacity input').fill('10')
    await session.page.locator('#activity-points input').fill(String(POINTS))
    await session.page.locator('#activity-save').click()
    await session.page.locator('.activity', { hasText: TITLE }).waitFor()
  })

  it('the courier signs up', async () => {
    balanceBefore = await session.courierBalance()
    await openAs('demo-courier', '/courier/pages/activities/index')
    const card = session.page.locator('.activity', { hasText: TITLE })
    await card.locator('.activity__sign-up').click()
    await card.locator('.activity__mine--signed').waitFor()
    await expect(card.textContent()).resolves.toContain('1/10')
  })

  it('the secretary confirms attendance from the sign-up list (attendance opens 30 minutes before the start)', async () => {
    await openAs('demo-secretary', '/staff/pages/activities/index')
    await session.page.locator('.activity', { hasText: TITLE }).locator('.activity__roster').click()
    const row = session.page.locator('.signup', { hasText: '张小明' })
    await row.locator('.signup__attend').click()
    const result = session.page.locator('.attend-result--awarded')
    await result.waitFor()
    await expect(result.textContent()).resolves.toContain(`${POINTS}`)
  })

  it('the courier’s balance shows the points, with the activity in the history', async () => {
    expect(await session.courierBalance()).toBe(balanceBefore + POINTS)
    await expect(session.page.locator('.ledger-entry').first().textContent()).resolves.toContain(TITLE)
  })

  it('the courier redeems a towel and gets a 6-digit pickup code; the points are taken', async () => {
    await openAs('demo-courier', '/courier/pages/exchange/index')
    const towel = session.page.locator('.exchange-item', { hasText: '毛巾' })
    await towel.locator('.exchange-item__redeem').click()
    await session.page.locator('.exchange-dialog__confirm').click()
    const code = session.page.locator('.exchange-done__code')
    await code.waitFor()
    pickupCode = (await code.getAttribute('data-code')) ?? ''
    expect(pickupCode).toMatch(/^\d{6}$/)
    expect(await session.courierBalance()).toBe(balanceBefore + POINTS - 10)
  })

  it('the station confirms the pickup by its code, and the redemption shows as picked up', async () => {
    await openAs('demo-secretary', '/staff/pages/exchange/index')
    await session.page.locator('.pickup-station__option', { hasText: '哥哥驿站' }).click()
    await session.page.locator('#pickup-code input').fill(pickupCode)
    await session.page.locator('#pickup-submit').click()
    const result = session.page.locator('.pickup-result--ok')
    await result.waitFor()
    await expect(result.textContent()).resolves.toContain('毛巾')
    await expect(result.textContent()).resolves.toContain('张*明')

    await openAs('demo-courier', '/courier/pages/exchange/index')
    await session.page.locator('.exchange-tab__option', { hasText: '我的兑换' }).click()
    await session.page.locator('.redemption', { hasText: '毛巾' }).getByText('已取货').waitFor()
  })

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([])
  })
})
