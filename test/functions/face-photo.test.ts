import type { ActionOutput, Envelope, MeOutput, StatusListOutput, VerifyOutput } from '../../types'
import { ManualClock } from '../../cloudfunctions/shared/clock'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { TEST_NOW } from '../support/clock'
import { testPhotoAccess, testPhotoUrl } from '../support/photos'

/**
 * The courier's face photo: taken with the registration, shown to the reviewing secretary, to the courier and
 * to a guard at a check, always as a short-lived URL; a replacement waits for review before the green card
 * shows it.
 */
const VISITOR = 'o6_visitor_with_a_face_0001'
const COURIER = 'demo-courier' // approved, of 阮家桥
const SECRETARY = 'demo-secretary' // of 阮家桥
const OTHER_SECRETARY = 'secretary-xinheping'
const GUARD = 'demo-guard'
const FIRST = 'local:FirstFacePhotoOfRider01'
const SECOND = 'local:SecondFacePhotoOfRider2'
const THIRD = 'cloud://env-1/faces/third-photo.jpg'

let clock: ManualClock
let cloud: LocalCloud
let photos: ReturnType<typeof testPhotoAccess>
beforeEach(async () => {
  clock = new ManualClock(TEST_NOW)
  photos = testPhotoAccess()
  cloud = await createLocalCloud({ dataDir: ':memory:', now: () => clock.now(), photos })
  await cloud.store.collection('couriers').update(COURIER, { set: { photoUrl: FIRST } })
})
afterEach(() => cloud.close())

async function data<T>(reply: Promise<Envelope<unknown>>): Promise<T> {
  const answer = await reply
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`)
  return answer.data as T
}
const call = (fn: 'account' | 'pass', event: Record<string, unknown>, openid: string) => cloud.call(fn, event, openid)
const me = (openid = COURIER) => data<MeOutput>(call('account', { action: 'me' }, openid))
const queue = (extra: Record<string, unknown> = {}, openid = SECRETARY) =>
  data<ActionOutput<'account', 'reviewQueue'>>(
    call('account', { action: 'reviewQueue', communityId: 'ruanjiaqiao', ...extra }, openid),
  )
const replace = (photo: string, openid = COURIER) => call('account', { action: 'replacePhoto', photo }, openid)
const decide = (decision: 'approve' | 'reject', extra: Record<string, unknown> = {}, openid = SECRETARY) =>
  call('account', { action: 'reviewPhoto', courierId: COURIER, decision, ...extra }, openid)

async function greenCardPhoto(): Promise<string | undefined> {
  const { token } = await data<{ token: string }>(call('pass', { action: 'issue' }, COURIER))
  const verdict = await data<VerifyOutput>(call('pass', { action: 'verify', token }, GUARD))
  if (!verdict.allowed) throw new Error(`refused: ${verdict.code}`)
  return verdict.courier.photoUrl
}

describe('a face photo with the registration', () => {
  const registration = {
    action: 'register',
    name: '王小二',
    phone: '13912345678',
    platform: '顺丰',
    riderId: 'SF-900001',
    communityId: 'ruanjiaqiao',
    consentPrivacy: true,
    consentMovement: true,
  }

  it('is required: a registration without one is refused, in Chinese, and records nothing', async () => {
    expect(await call('account', registration, VISITOR)).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('请拍摄或选择本人照片') },
    })
    expect(await call('account', { ...registration, photoUrl: 'https://evil.example/x.jpg' }, VISITOR)).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('照片无效') },
    })
    expect(await cloud.store.collection('couriers').get(VISITOR)).toBeNull()
  })

  it('is stored, and shown to the reviewing secretary and to the courier as a URL, never as the reference', async () => {
    expect(await call('account', { ...registration, photoUrl: SECOND }, VISITOR)).toMatchObject({ ok: true })
    expect((await cloud.store.collection('couriers').get(VISITOR))?.photoUrl).toBe(SECOND)
    const { items } = await queue()
    const card = items.find((i) => i.courierId === VISITOR)
    expect(card?.photoUrl).toBe(testPhotoUrl(SECOND))
    expect((await me(VISITOR)).courier?.photo).toEqual({ url: testPhotoUrl(SECOND) })
    expect(JSON.stringify([items, await me(VISITOR)])).not.toContain(`"${SECOND}"`)
  })

  it('deletes the photo of an earlier registration that a correction replaces', async () => {
    await data(call('account', { ...registration, photoUrl: SECOND }, VISITOR))
    await data(call('account', { ...registration, photoUrl: THIRD }, VISITOR))
    expect(photos.removed).toEqual([SECOND])
    expect((await cloud.store.collection('couriers').get(VISITOR))?.photoUrl).toBe(THIRD)
  })
})

describe('account.replacePhoto and account.reviewPhoto', () => {
  it('keeps the approved photo on the green card until the secretary approves the new one', async () => {
    expect(await greenCardPhoto()).toBe(testPhotoUrl(FIRST))
    expect(await data(replace(SECOND))).toEqual({
      photo: { url: testPhotoUrl(FIRST), pendingUrl: testPhotoUrl(SECOND) },
    })
    expect(await cloud.store.collection('couriers').get(COURIER)).toMatchObject({
      status: 'approved',
      photoUrl: FIRST,
      photoPending: SECOND,
      photoPendingAt: TEST_NOW,
    })
    expect(await greenCardPhoto()).toBe(testPhotoUrl(FIRST))
    const offline = await data<StatusListOutput>(call('pass', { action: 'statusList' }, GUARD))
    expect(offline.photos?.[FIRST]).toBe(testPhotoUrl(FIRST))
    expect(offline.photos?.[SECOND]).toBeUndefined()

    const waiting = await queue({ photos: true })
    expect(waiting.photosPending).toBe(1)
    expect(waiting.items).toEqual([
      expect.objectContaining({
        courierId: COURIER,
        status: 'approved',
        photoUrl: testPhotoUrl(FIRST),
        photoPendingUrl: testPhotoUrl(SECOND),
        photoPendingAt: TEST_NOW,
      }),
    ])

    clock.advance(60_000)
    expect(await data(decide('approve'))).toEqual({ decision: 'approve' })
    expect(await greenCardPhoto()).toBe(testPhotoUrl(SECOND))
    expect((await me()).courier?.photo).toEqual({ url: testPhotoUrl(SECOND) })
    expect(photos.removed).toEqual([FIRST])
    expect(await queue({ photos: true })).toMatchObject({ items: [], photosPending: 0 })
  })

  it('tells the courier why a replacement was rejected, keeps the old photo, and clears that with the next one', async () => {
    await data(replace(SECOND))
    expect(await data(decide('reject', { reason: '照片模糊，请重新拍摄' }))).toEqual({ decision: 'reject' })
    expect(await greenCardPhoto()).toBe(testPhotoUrl(FIRST))
    expect((await me()).courier?.photo).toEqual({
      url: testPhotoUrl(FIRST),
      rejected: { at: TEST_NOW, reason: '照片模糊，请重新拍摄' },
    })
    expect(photos.removed).toEqual([SECOND])
    expect(await data(replace(THIRD))).toEqual({ photo: { url: testPhotoUrl(FIRST), pendingUrl: testPhotoUrl(THIRD) } })
  })

  it('lets a second replacement take the place of one still waiting (the first is deleted)', async () => {
    await data(replace(SECOND))
    await data(replace(THIRD))
    expect(photos.removed).toEqual([SECOND])
    expect((await queue({ photos: true })).items[0]?.photoPendingUrl).toBe(testPhotoUrl(THIRD))
  })

  it('replaces the photo of a registration still waiting at once: it is reviewed with the registration', async () => {
    const pending = 'demo-courier-pending'
    expect(await data(replace(SECOND, pending))).toEqual({ photo: { url: testPhotoUrl(SECOND) } })
    expect(await cloud.store.collection('couriers').get(pending)).toMatchObject({ status: 'pending', photoUrl: SECOND })
    expect(await queue({ photos: true })).toMatchObject({ photosPending: 0 })
  })

  it.each([
    ['a suspended courier', 'suspended', 'NOT_APPROVED'],
    ['a rejected courier (who registers again instead)', 'rejected', 'NOT_APPROVED'],
  ])('refuses %s', async (_name, status, code) => {
    await cloud.store.collection('couriers').update(COURIER, { set: { status } })
    expect(await replace(SECOND)).toMatchObject({ ok: false, error: { code } })
  })

  it('refuses a decision when no photo waits, and from anyone but a reviewer of the courier’s community', async () => {
    expect(await decide('approve')).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })
    await data(replace(SECOND))
    expect(await decide('approve', {}, OTHER_SECRETARY)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await decide('approve', {}, GUARD)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await decide('approve', {}, COURIER)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect((await cloud.store.collection('couriers').get(COURIER))?.photoPending).toBe(SECOND)
  })
})

describe('who is given a photo URL', () => {
  it('not a guard, a manager, another community’s secretary or another courier asking for the queue', async () => {
    await data(replace(SECOND))
    for (const openid of [GUARD, 'demo-manager', 'demo-courier-pending', 'o6_visitor_never_seen_001']) {
      expect(await call('account', { action: 'reviewQueue', communityId: 'ruanjiaqiao' }, openid)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      })
    }
    expect(
      await call('account', { action: 'reviewQueue', communityId: 'ruanjiaqiao', photos: true }, OTHER_SECRETARY),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('not another courier or a guard through 我的, and not a guard whose check refused the courier', async () => {
    for (const openid of ['demo-courier-pending', GUARD, 'demo-manager']) {
      expect(JSON.stringify(await me(openid))).not.toContain('photos.test')
    }
    const { token } = await data<{ token: string }>(call('pass', { action: 'issue' }, COURIER))
    await cloud.store.collection('couriers').update(COURIER, { set: { status: 'suspended' } })
    const refused = await data<VerifyOutput>(call('pass', { action: 'verify', token }, GUARD))
    expect(refused.allowed).toBe(false)
    expect(JSON.stringify(refused)).not.toContain('photos.test')
  })
})
