import fs from 'node:fs'
import { chooseFacePhoto, useBrowserSession } from './harness'

jest.setTimeout(120_000)

const RIDER = 'e2e-my-data-rider-01'

const session = useBrowserSession('xiaoge-e2e-my-data-')
const { openAs, pageErrors } = session

/** Answers a Taro.showModal (h5 draws it as a dialog) with its confirm button. */
async function confirmModal(text: string) {
  const dialog = session.page.locator('.taro-modal__content').filter({ hasText: text })
  await dialog.waitFor()
  await dialog.locator('.taro-model__confirm').click() // (sic: Taro's class name)
  await dialog.waitFor({ state: 'hidden' })
}

describe('我的数据 end to end in Chromium: see, export, withdraw consent, delete', () => {
  it('an approved rider registers with a photo and is approved', async () => {
    await openAs(RIDER, '/courier/pages/register/index')
    await session.page.locator('#register-name input').fill('钱多多')
    await session.page.locator('#register-phone input').fill('13655556666')
    await session.page.locator('#register-rider-id input').fill('MT-556677')
    await session.page.locator('.register-platform__option', { hasText: '美团' }).click()
    await session.page.locator('.register-community__option', { hasText: '阮家桥社区' }).click()
    await chooseFacePhoto(session.page)
    await session.page.locator('#consent-privacy').click()
    await session.page.locator('#consent-movement').click()
    await session.page.locator('#register-submit').click()
    await session.page.locator('.register-page__done').waitFor()
    await openAs('demo-secretary', '/staff/pages/review/index')
    const item = session.page.locator('.review-item', { hasText: '钱多多' })
    await item.locator('.review-item__approve').click()
    await item.waitFor({ state: 'detached' })
  })

  it('the rider sees what is held, including that the secretary looked', async () => {
    await openAs(RIDER, '/pages/me/index')
    await session.page.locator('.me-page__my-data').click()
    await session.page.locator('.my-data__field-value', { hasText: 'MT-556677' }).waitFor()
    await session.page.getByText(/社区书记.*查看了你的注册信息/).waitFor()
    await session.page.locator('.my-data__consent-on', { hasText: '已授权' }).waitFor()
  })

  it('exports the CSV as a download holding their records', async () => {
    const download = session.page.waitForEvent('download')
    await session.page.locator('.my-data__export-csv').click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^小哥友好-我的数据-\d{8}\.csv$/)
    const text = fs.readFileSync(await file.path(), 'utf8')
    expect(text.startsWith('\ufeff类别,记录编号,时间,内容')).toBe(true)
    expect(text).toContain('钱多多')
    expect(text).not.toContain('demo-secretary')
  })

  it('withdrawing the entry consent stops the 小哥码 with a clear message, and giving it again brings it back', async () => {
    await session.page.locator('.my-data__withdraw').click()
    await confirmModal('撤回后')
    await session.page.locator('.my-data__consent-off', { hasText: '已撤回' }).waitFor()
    await openAs(RIDER, '/pass/pages/pass-code/index')
    await session.page.locator('.pass-code__consent').getByText('你已撤回“进出记录”授权', { exact: false }).waitFor()
    expect(await session.page.locator('.pass-code__qr').count()).toBe(0)
    await session.page.locator('#pass-consent').click()
    await session.page.locator('.my-data__give').click()
    await confirmModal('授权后')
    await session.page.locator('.my-data__consent-on', { hasText: '已授权' }).waitFor()
    await openAs(RIDER, '/pass/pages/pass-code/index')
    await session.page.locator('.pass-code__qr canvas').waitFor()
  })

  it('deletes the account after typing 注销; the rider is a stranger afterwards', async () => {
    await openAs(RIDER, '/courier/pages/my-data/index')
    await session.page.locator('.my-data__delete').click()
    await session.page.locator('.my-data__confirm-input input, input.my-data__confirm-input').fill('注销')
    await session.page.locator('.my-data__confirm-delete').click()
    await confirmModal('账号已注销')
    await session.page.locator('.me-page__courier-status', { hasText: '尚未注册为小哥' }).waitFor()
    await openAs('demo-secretary', '/staff/pages/review/index')
    await session.page.locator('.review-tab--approved').click()
    await session.page.locator('.review-item', { hasText: '张小明' }).waitFor()
    expect(await session.page.locator('.review-item', { hasText: '钱多多' }).count()).toBe(0)
  })

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([])
  })
})
