import { chooseFacePhoto, useBrowserSession } from './harness'
import { readQrFromScreen } from './qr-reader'

jest.setTimeout(120_000)

const RIDER = 'e2e-rider-0001'

const session = useBrowserSession('xiaoge-e2e-pass-')
const { openAs, pageErrors } = session

/**
 * The code as a gate camera sees it: the QR canvas is screenshotted and decoded from its pixels (jsQR), and
 * what was decoded must be exactly the token the page meant to draw.
 */
async function scanCodeOnScreen(): Promise<string> {
  const qr = session.page.locator('.pass-code__qr')
  await qr.waitFor()
  const decoded = await readQrFromScreen(qr.locator('canvas'), { accept: (text) => text.startsWith('XG1.') })
  await expect(qr.getAttribute('data-token')).resolves.toBe(decoded)
  return decoded
}

async function guardChecks(token: string) {
  await openAs('demo-guard', '/staff/pages/gate-scan/index')
  await session.page.locator('#scan-input input').fill(token)
  await session.page.locator('#scan-submit').click()
  const card = session.page.locator('.verify-result')
  await card.waitFor()
  return card
}

let tokenBeforeSuspension = ''

describe('小哥码 end to end in Chromium: register with a photo → approve → told in WeChat → show → verify → suspend', () => {
  it('a new rider registers with both consents and waits for review', async () => {
    await openAs(RIDER, '/courier/pages/register/index')
    await session.page.locator('#register-name input').fill('周小勇')
    await session.page.locator('#register-phone input').fill('13912345678')
    await session.page.locator('#register-rider-id input').fill('ELM-778899')
    await session.page.locator('.register-platform__option', { hasText: '饿了么' }).click()
    await session.page.locator('.register-community__option', { hasText: '阮家桥社区' }).click()
    await chooseFacePhoto(session.page)
    await session.page.locator('#consent-privacy').click()
    await session.page.locator('#consent-movement').click()
    await session.page.locator('#register-submit').click()
    await session.page.locator('.register-page__done').getByText('当前状态：待审核').waitFor()
  })

  it('the rider cannot show a code before approval', async () => {
    await openAs(RIDER, '/pass/pages/pass-code/index')
    await session.page.locator('.pass-code__refused').waitFor()
    expect(await session.page.locator('.pass-code__qr').count()).toBe(0)
  })

  it('the community secretary approves the registration', async () => {
    await openAs('demo-secretary', '/staff/pages/review/index')
    const item = session.page.locator('.review-item', { hasText: '周小勇' })
    await item.waitFor()
    await expect(item.textContent()).resolves.not.toContain('13912345678') // only the phone's last digits
    // the secretary sees the face photo the rider took, to compare with the person at the station
    const photo = item.locator('.review-item__photo img')
    await session.page.waitForFunction(
      (img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth === 80,
      await photo.elementHandle(),
    )
    await item.locator('.review-item__approve').click()
    await item.waitFor({ state: 'detached' })
  })

  it('the decision reaches the rider as a WeChat message (the local outbox), shown on 我的', async () => {
    const outbox = await session.page.evaluate(async (openid) => {
      const reply = await fetch('/local/outbox', { headers: { 'x-openid': openid } })
      return (await reply.json()) as { ok: boolean; data: { messages: Array<{ template: string; data: unknown }> } }
    }, RIDER)
    expect(outbox.ok).toBe(true)
    expect(outbox.data.messages.map((m) => m.template)).toEqual(['review'])
    expect(JSON.stringify(outbox.data.messages[0].data)).toContain('审核通过')
    // nobody else was told
    const secretary = await session.page.evaluate(async () => {
      const reply = await fetch('/local/outbox', { headers: { 'x-openid': 'demo-secretary' } })
      return ((await reply.json()) as { data: { messages: unknown[] } }).data.messages.length
    })
    expect(secretary).toBe(0)
    await openAs(RIDER, '/pages/me/index')
    const message = session.page.locator('.outbox-item[data-template="review"]')
    await message.waitFor()
    await expect(message.textContent()).resolves.toContain('审核通过')
  })

  it('the rider shows a code carrying the destination, and the guard sees a green card with a masked name', async () => {
    await openAs(RIDER, '/pass/pages/pass-code/index')
    await session.page.locator('#pass-destination input').fill('3幢2单元')
    await session.page.locator('#pass-destination-apply').click()
    await session.page.locator('.pass-code__destination').getByText('3幢2单元').waitFor()
    const token = await scanCodeOnScreen()
    expect(token).toMatch(/^XG1\.[A-Za-z0-9_-]+$/)
    tokenBeforeSuspension = token

    const card = await guardChecks(token)
    await expect(card.getAttribute('class')).resolves.toContain('verify-result--allowed')
    await expect(card.locator('.verify-result__name').textContent()).resolves.toBe('周*勇')
    await expect(card.textContent()).resolves.toContain('3幢2单元')
    // the face photo, large, through the short-lived URL the check answered; the bare file path shows nothing
    const photo = card.locator('.verify-result__photo img')
    const src = (await photo.getAttribute('src')) ?? ''
    expect(src).toMatch(/^\/local\/files\/[A-Za-z0-9_-]{22}\?e=\d+&t=[A-Za-z0-9_-]{32}$/)
    // the picture itself loads (80 px wide, as uploaded at registration)
    await session.page.waitForFunction(
      (img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth === 80,
      await photo.elementHandle(),
    )
    expect((await photo.boundingBox())?.height).toBeGreaterThanOrEqual(240)
    const statuses = await session.page.evaluate(async (url) => {
      const bare = url.split('?')[0]
      return [(await fetch(url)).status, (await fetch(bare)).status]
    }, src)
    expect(statuses).toEqual([200, 403])
    const shown = await session.page.content()
    expect(shown).not.toContain('周小勇')
    expect(shown).not.toContain('13912345678')
  })

  it('a forged code gets a red card with the reason', async () => {
    // one character inside the signature changed (a full 6-bit position, so the text stays canonical base64url)
    const at = tokenBeforeSuspension.length - 20
    const forged =
      tokenBeforeSuspension.slice(0, at) +
      (tokenBeforeSuspension[at] === 'Q' ? 'R' : 'Q') +
      tokenBeforeSuspension.slice(at + 1)
    const card = await guardChecks(forged)
    await expect(card.getAttribute('class')).resolves.toContain('verify-result--refused')
    await expect(card.getAttribute('data-code')).resolves.toBe('PASS_BAD_SIGNATURE')
  })

  it('after the secretary suspends the rider, the same kind of token fails at once', async () => {
    await openAs('demo-secretary', '/staff/pages/review/index')
    await session.page.locator('.review-tab--approved').click()
    const item = session.page.locator('.review-item', { hasText: '周小勇' })
    await item.locator('.review-item__suspend').click()
    await session.page.locator('#review-reason-input input').fill('多次逆行')
    await session.page.locator('.review-reason__confirm').click()
    await item.waitFor({ state: 'detached' })

    const card = await guardChecks(tokenBeforeSuspension)
    await expect(card.getAttribute('data-code')).resolves.toBe('COURIER_SUSPENDED')
    await expect(card.textContent()).resolves.toContain('已被暂停')

    await openAs(RIDER, '/pass/pages/pass-code/index')
    await session.page.locator('.pass-code__refused').getByText('已暂停', { exact: false }).first().waitFor()
  })

  it('the property manager sees the checks in the access log', async () => {
    await openAs('demo-manager', '/staff/pages/access-log/index')
    await session.page.locator('.access-log-entry--allowed').first().waitFor()
    await expect(
      session.page.locator('.access-log__count--allowed .access-log__count-value').textContent(),
    ).resolves.toBe('1')
    await expect(
      session.page.locator('.access-log__count--refused .access-log__count-value').textContent(),
    ).resolves.toBe('2')
    expect(await session.page.content()).not.toContain('周小勇')
  })

  it('a courier enters through a gate without a guard by scanning its 场所码, and the entry is logged', async () => {
    await openAs('demo-manager', '/staff/pages/gates/index')
    const north = session.page.locator('.gate-card', { hasText: '北门' })
    await north.locator('.gate-card__code-toggle').click()
    const placeCode = await readQrFromScreen(north.locator('.gate-card__code canvas'))
    expect(placeCode).toMatch(/^XGG1\./)
    await expect(north.locator('.gate-card__code').getAttribute('data-code')).resolves.toBe(placeCode)

    await openAs('demo-courier', '/gate/pages/place-scan/index')
    await session.page.locator('#place-input input').fill(placeCode)
    await session.page.locator('#place-submit').click()
    const pass = session.page.locator('.live-pass')
    await pass.waitFor()
    await expect(pass.textContent()).resolves.toContain('北门')
    await expect(pass.textContent()).resolves.toContain('阮家桥社区')
    await expect(pass.locator('.live-pass__name').textContent()).resolves.toBe('张*明')

    await openAs('demo-manager', '/staff/pages/access-log/index')
    await session.page.locator('.access-log-entry__place').first().waitFor()
  })

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([])
  })
})
