import { chooseFacePhoto, useBrowserSession } from './harness'
import { readQrFromScreen } from './qr-reader'

jest.setTimeout(180_000)

/** New WeChat users, as the invitees would be: nobody typed their OPENID anywhere. */
const SECRETARY = 'e2e-new-secretary-01'
const GUARD = 'e2e-new-guard-000001'
const RIDER = 'e2e-rider-staff-0001'
const COMMUNITY = '端到端测试社区'

const session = useBrowserSession('xiaoge-e2e-staff-')
const { openAs, pageErrors } = session

/** Makes an invitation on the open 人员管理 page and reads its code off the QR on screen. */
async function invite(role: string, gate?: string): Promise<string> {
  const { page } = session
  await page.locator('.invite-role__option', { hasText: role }).click()
  if (gate) await page.locator('.invite-gate__option', { hasText: gate }).click()
  await page.locator('#invite-submit').click()
  const result = page.locator('.invite-result')
  await result.waitFor()
  const code = await readQrFromScreen(result.locator('canvas'), { accept: (text) => text.startsWith('XGI1.') })
  await expect(result.getAttribute('data-code')).resolves.toBe(code)
  await expect(result.locator('.invite-share__link').textContent()).resolves.toContain('staff/pages/invite/index?code=')
  return code
}

/** Opens the invitation as `openid` (as scanning its code would) and accepts it under `name`. */
async function accept(openid: string, code: string, name: string, expected: RegExp) {
  const { page } = session
  await openAs(openid, `/staff/pages/invite/index?code=${encodeURIComponent(code)}`)
  const card = page.locator('.invite-page__card')
  await card.waitFor()
  await expect(card.textContent()).resolves.toMatch(expected)
  await page.locator('#invite-name input').fill(name)
  await page.locator('#invite-accept').click()
  await page.locator('.invite-page__done').waitFor()
}

async function guardChecks(token: string) {
  const { page } = session
  await openAs(GUARD, '/staff/pages/gate-scan/index')
  await page.locator('#scan-input input').fill(token)
  await page.locator('#scan-submit').click()
}

describe('run by people, in Chromium: community → gate → invitations → a courier through the gate → revoked', () => {
  it('an admin creates a community and its gate', async () => {
    const { page } = session
    await openAs('demo-admin', '/staff/pages/communities/index')
    await page.locator('#community-new').click()
    await page.locator('#community-name input').fill(COMMUNITY)
    await page.locator('#community-street input').fill('祥符街道')
    await page.locator('#community-district input').fill('拱墅区')
    await page.locator('#community-save').click()
    await page.locator('.first-run__next').getByText(COMMUNITY, { exact: false }).waitFor()

    await page.locator('#next-gates').click()
    // the gates page opens on the new community (an admin may pick any)
    await page.locator('.community-picker__option--active', { hasText: COMMUNITY }).waitFor()
    await page.locator('#gate-name-input input').fill('东门')
    await page.locator('#gate-add').click()
    await page.locator('.gate-card', { hasText: '东门' }).waitFor()
  })

  it('invites a secretary, who accepts on another identity', async () => {
    await openAs('demo-admin', '/staff/pages/communities/index')
    await session.page.locator('.community-card', { hasText: COMMUNITY }).locator('.community-card__people').click()
    await session.page.locator('.invite-form').waitFor()
    const code = await invite('社区书记')
    await accept(SECRETARY, code, '钱书记', new RegExp(`系统管理员 邀请你担任${COMMUNITY} · 社区书记`))
    // the same invitation cannot be used again
    await openAs('e2e-someone-else-0001', `/staff/pages/invite/index?code=${encodeURIComponent(code)}`)
    await session.page.locator('.invite-page__refused').getByText('已经被使用过了', { exact: false }).waitFor()
  })

  it('the new secretary invites a guard for the gate, who accepts', async () => {
    await openAs(SECRETARY, '/staff/pages/people/index')
    await session.page.locator('.invite-form').waitFor()
    const code = await invite('门岗', '东门')
    await accept(GUARD, code, '孙师傅', /钱书记 邀请你担任.*门岗.*负责大门：东门/)
    await openAs(SECRETARY, '/staff/pages/people/index')
    await session.page.locator('.staff-row', { hasText: '孙师傅' }).getByText('门岗 · 东门', { exact: false }).waitFor()
    expect(await session.page.content()).not.toContain(GUARD)
  })

  it('a courier registers in the new community and is approved by its secretary', async () => {
    const { page } = session
    await openAs(RIDER, '/courier/pages/register/index')
    await page.locator('#register-name input').fill('吴小飞')
    await page.locator('#register-phone input').fill('13812345678')
    await page.locator('#register-rider-id input').fill('MT-445566')
    await page.locator('.register-platform__option', { hasText: '美团' }).click()
    await page.locator('.register-community__option', { hasText: COMMUNITY }).click()
    await chooseFacePhoto(page)
    await page.locator('#consent-privacy').click()
    await page.locator('#consent-movement').click()
    await page.locator('#register-submit').click()
    await page.locator('.register-page__done').getByText('当前状态：待审核').waitFor()

    await openAs(SECRETARY, '/staff/pages/review/index')
    const item = page.locator('.review-item', { hasText: '吴小飞' })
    await item.locator('.review-item__approve').click()
    await item.waitFor({ state: 'detached' })
  })

  it('the guard verifies the courier’s code; after the guard’s role is revoked, the next check is refused', async () => {
    const { page } = session
    await openAs(RIDER, '/pass/pages/pass-code/index')
    const qr = page.locator('.pass-code__qr')
    await qr.waitFor()
    const token = await readQrFromScreen(qr.locator('canvas'), { accept: (text) => text.startsWith('XG1.') })

    await guardChecks(token)
    const card = page.locator('.verify-result')
    await card.waitFor()
    await expect(card.getAttribute('class')).resolves.toContain('verify-result--allowed')
    await expect(card.textContent()).resolves.toContain('东门')

    await openAs(SECRETARY, '/staff/pages/people/index')
    await page.locator('.staff-row', { hasText: '孙师傅' }).locator('.staff-row__revoke').click()
    await page.locator('.taro-model__confirm').click()
    await page.locator('.staff-row', { hasText: '孙师傅' }).waitFor({ state: 'detached' })

    await guardChecks(token)
    await page.getByText('没有权限', { exact: false }).first().waitFor()
    expect(await page.locator('.verify-result--allowed').count()).toBe(0)
  })

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([])
  })
})
