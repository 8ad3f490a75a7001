import {
  MeOutput,
  ReviewQueueOutput,
  type CourierStatus,
  type Envelope,
  type ReviewDecision,
  type User,
} from '../../types'
import { ManualClock } from '../../cloudfunctions/shared/clock'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { snapshotDatabase } from '../support/db-snapshot'
import { TEST_NOW } from '../support/clock'

const T0 = Date.UTC(2024, 6, 1) // the seed's registration time
const VISITOR = 'o6_visitor_registering_00001'
const OTHER_SECRETARY = 'secretary-xinheping'
const REGISTRATION = {
  name: '王小二',
  phone: '13912345678',
  platform: '顺丰',
  riderId: 'SF-900001',
  communityId: 'ruanjiaqiao',
  photoUrl: 'local:FacePhotoOfTheTestRider0',
  consentPrivacy: true,
  consentMovement: true,
}

let clock: ManualClock
let cloud: LocalCloud
beforeEach(async () => {
  clock = new ManualClock(TEST_NOW)
  cloud = await createLocalCloud({ dataDir: ':memory:', now: () => clock.now() })
  const other: User = {
    _id: OTHER_SECRETARY,
    nickname: '孙书记',
    roles: [{ role: 'secretary', communityId: 'xinheping' }],
    createdAt: T0,
  }
  await cloud.store.collection('users').put(other)
})
afterEach(() => cloud.close())

function account(action: string, payload: Record<string, unknown>, openid: string | null): Promise<Envelope<unknown>> {
  return cloud.call('account', { action, ...payload }, openid)
}

const register = (openid: string, changes: Record<string, unknown> = {}) =>
  account('register', { ...REGISTRATION, ...changes }, openid)
const review = (courierId: string, decision: ReviewDecision, reason?: string, by = 'demo-secretary') =>
  account('review', { courierId, decision, ...(reason !== undefined ? { reason } : {}) }, by)

async function queue(payload: Record<string, unknown> = {}, by = 'demo-secretary') {
  const reply = await account('reviewQueue', { communityId: 'ruanjiaqiao', ...payload }, by)
  if (!reply.ok) throw new Error(`account.reviewQueue failed: ${reply.error.code}`)
  return ReviewQueueOutput.parse(reply.data)
}

async function me(openid: string) {
  const reply = await account('me', {}, openid)
  if (!reply.ok) throw new Error(`account.me failed: ${reply.error.code}`)
  return MeOutput.parse(reply.data)
}

const courier = (id: string) => cloud.store.collection('couriers').get(id)
const setStatus = (id: string, status: CourierStatus) =>
  cloud.store.collection('couriers').update(id, { set: { status } })

describe('account.register', () => {
  it('registers a visitor as a pending courier, recording both consents with their time, and makes them a courier', async () => {
    expect(await register(VISITOR)).toEqual({ ok: true, data: { status: 'pending' } })
    expect(await courier(VISITOR)).toEqual({
      _id: VISITOR,
      name: '王小二',
      phone: '13912345678',
      platform: '顺丰',
      riderId: 'SF-900001',
      communityId: 'ruanjiaqiao',
      photoUrl: 'local:FacePhotoOfTheTestRider0',
      status: 'pending',
      privacyConsentAt: TEST_NOW,
      movementConsentAt: TEST_NOW,
      createdAt: TEST_NOW,
      updatedAt: TEST_NOW,
    })
    expect(await cloud.store.collection('users').get(VISITOR)).toEqual({
      _id: VISITOR,
      nickname: '王小二',
      roles: [{ role: 'courier' }],
      createdAt: TEST_NOW,
    })
    expect((await me(VISITOR)).courier).toEqual({
      status: 'pending',
      communityId: 'ruanjiaqiao',
      communityName: '阮家桥社区',
    })
  })

  it.each([
    ['the privacy consent refused', { consentPrivacy: false }, '个人信息'],
    ['the separate consent to entry records refused', { consentMovement: false }, '进出记录'],
    ['the consent to entry records missing', { consentMovement: undefined }, '进出记录'],
  ])('refuses a registration with %s (BAD_REQUEST) and records nothing', async (_name, changes, hint) => {
    const before = await snapshotDatabase(cloud.store)
    const reply = await register(VISITOR, changes)
    expect(reply).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining(hint) } })
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })

  it.each([
    ['a phone number that is not a mainland mobile', { phone: '12345' }],
    ['an unknown platform', { platform: 'Uber Eats' }],
    ['a one-character name', { name: '王' }],
    ['an extra field (a status chosen by the client)', { status: 'approved' }],
  ])('refuses %s (BAD_REQUEST)', async (_name, changes) => {
    expect(await register(VISITOR, changes)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(await courier(VISITOR)).toBeNull()
  })

  it('refuses an unknown community (NOT_FOUND) and records nothing', async () => {
    const before = await snapshotDatabase(cloud.store)
    expect(await register(VISITOR, { communityId: 'atlantis' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })

  it('lets a registration still waiting be corrected: new details, still waiting, nothing else changes', async () => {
    await register(VISITOR)
    const first = await cloud.store.collection('couriers').get(VISITOR)
    clock.advance(60_000)
    expect(await register(VISITOR, { name: '改个名字' })).toMatchObject({ ok: true, data: { status: 'pending' } })
    const corrected = await cloud.store.collection('couriers').get(VISITOR)
    expect(corrected).toMatchObject({ name: '改个名字', status: 'pending', createdAt: first?.createdAt })
    expect(corrected?.updatedAt).toBe((first?.updatedAt ?? 0) + 60_000)
    expect((await cloud.store.collection('users').get(VISITOR))?.roles).toEqual([{ role: 'courier' }])
  })

  it.each([['an approved courier', 'demo-courier']])(
    'refuses %s (ALREADY_REGISTERED) and changes nothing',
    async (_name, openid) => {
      const before = await snapshotDatabase(cloud.store)
      clock.advance(60_000)
      expect(await register(openid, { name: '改个名字' })).toMatchObject({
        ok: false,
        error: { code: 'ALREADY_REGISTERED' },
      })
      expect(await snapshotDatabase(cloud.store)).toEqual(before)
    },
  )

  it('refuses a suspended courier re-registering to escape the suspension (ALREADY_REGISTERED)', async () => {
    await review('demo-courier', 'suspend', '冒用他人身份')
    expect(await register('demo-courier')).toMatchObject({ ok: false, error: { code: 'ALREADY_REGISTERED' } })
    expect((await courier('demo-courier'))?.status).toBe('suspended')
  })

  it('lets a rejected courier register again, back to pending, without the old reason', async () => {
    await register(VISITOR)
    expect(await review(VISITOR, 'reject', '骑手编号无法核实')).toEqual({ ok: true, data: { status: 'rejected' } })
    expect((await me(VISITOR)).courier).toMatchObject({ status: 'rejected', statusReason: '骑手编号无法核实' })

    clock.advance(3_600_000)
    expect(await register(VISITOR, { riderId: 'SF-900002' })).toEqual({ ok: true, data: { status: 'pending' } })
    const again = await courier(VISITOR)
    expect(again).toMatchObject({
      status: 'pending',
      riderId: 'SF-900002',
      createdAt: TEST_NOW,
      updatedAt: TEST_NOW + 3_600_000,
    })
    expect(again).not.toHaveProperty('statusReason')
    expect((await queue()).items.map((i) => i.courierId)).toContain(VISITOR)
  })
})

describe('account.review', () => {
  it('approving gives the courier a fresh random pass id, and from then on a 小哥码', async () => {
    expect(await review('demo-courier-pending', 'approve')).toEqual({ ok: true, data: { status: 'approved' } })
    const approved = await courier('demo-courier-pending')
    expect(approved).toMatchObject({ status: 'approved', approvedAt: TEST_NOW, updatedAt: TEST_NOW })
    expect(approved?.passId).toMatch(/^[A-Za-z0-9_-]{8}$/)
    expect(approved?.passId).not.toBe((await courier('demo-courier'))?.passId)

    const issued = await cloud.call('pass', { action: 'issue' }, 'demo-courier-pending')
    expect(issued).toMatchObject({ ok: true, data: { token: expect.stringMatching(/^XG1\./) } })
    const token = (issued as { data: { token: string } }).data.token
    const verified = await cloud.call('pass', { action: 'verify', token }, 'demo-guard')
    expect(verified).toMatchObject({
      ok: true,
      data: { allowed: true, courier: { maskedName: '李*伟', platform: '饿了么' } },
    })
  })

  it('keeps the pass id and first approval date when a suspended courier is reinstated', async () => {
    const before = await courier('demo-courier')
    await review('demo-courier', 'suspend', '投诉核实中')
    clock.advance(86_400_000)
    expect(await review('demo-courier', 'reinstate')).toEqual({ ok: true, data: { status: 'approved' } })
    const after = await courier('demo-courier')
    expect(after).toMatchObject({ status: 'approved', passId: before?.passId, approvedAt: before?.approvedAt })
    expect(after).not.toHaveProperty('statusReason')
  })

  it.each([
    ['rejecting', 'demo-courier-pending', 'reject' as const, undefined],
    ['rejecting with a blank reason', 'demo-courier-pending', 'reject' as const, '   '],
    ['suspending', 'demo-courier', 'suspend' as const, undefined],
    ['suspending with an empty reason', 'demo-courier', 'suspend' as const, ''],
  ])('refuses %s without a reason (INVALID_STATE) and changes nothing', async (_name, courierId, decision, reason) => {
    const before = await snapshotDatabase(cloud.store)
    expect(await review(courierId, decision, reason)).toEqual({
      ok: false,
      error: { code: 'INVALID_STATE', message: expect.stringContaining('原因') },
    })
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })

  /** Every decision from every status, always with a reason: only these four moves exist. */
  const TABLE: Array<[CourierStatus, ReviewDecision, CourierStatus | 'INVALID_STATE']> = [
    ['pending', 'approve', 'approved'],
    ['pending', 'reject', 'rejected'],
    ['pending', 'suspend', 'INVALID_STATE'],
    ['pending', 'reinstate', 'INVALID_STATE'],
    ['approved', 'approve', 'INVALID_STATE'],
    ['approved', 'reject', 'INVALID_STATE'],
    ['approved', 'suspend', 'suspended'],
    ['approved', 'reinstate', 'INVALID_STATE'],
    ['rejected', 'approve', 'approved'],
    ['rejected', 'reject', 'INVALID_STATE'],
    ['rejected', 'suspend', 'INVALID_STATE'],
    ['rejected', 'reinstate', 'INVALID_STATE'],
    ['suspended', 'approve', 'INVALID_STATE'],
    ['suspended', 'reject', 'INVALID_STATE'],
    ['suspended', 'suspend', 'INVALID_STATE'],
    ['suspended', 'reinstate', 'approved'],
  ]
  it.each(TABLE)('from %s, "%s" gives %s', async (from, decision, expected) => {
    await setStatus('demo-courier-pending', from)
    const before = await snapshotDatabase(cloud.store)
    const reply = await review('demo-courier-pending', decision, '审核说明')
    if (expected === 'INVALID_STATE') {
      expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })
      expect(await snapshotDatabase(cloud.store)).toEqual(before)
    } else {
      expect(reply).toEqual({ ok: true, data: { status: expected } })
      expect((await courier('demo-courier-pending'))?.status).toBe(expected)
    }
  })

  it('logs every decision with who decided, when, from which status to which, and why', async () => {
    await review('demo-courier-pending', 'approve')
    clock.advance(60_000)
    await review('demo-courier-pending', 'suspend', '多次违规进入', 'demo-admin')
    clock.advance(60_000)
    await review('demo-courier-pending', 'reinstate')
    const logs = await cloud.store
      .collection('reviewLogs')
      .find({ courierId: 'demo-courier-pending' }, { orderBy: [['at', 'asc']] })
    expect(logs).toEqual([
      {
        _id: expect.any(String),
        courierId: 'demo-courier-pending',
        communityId: 'ruanjiaqiao',
        decision: 'approve',
        from: 'pending',
        to: 'approved',
        by: 'demo-secretary',
        at: TEST_NOW,
      },
      {
        _id: expect.any(String),
        courierId: 'demo-courier-pending',
        communityId: 'ruanjiaqiao',
        decision: 'suspend',
        reason: '多次违规进入',
        from: 'approved',
        to: 'suspended',
        by: 'demo-admin',
        at: TEST_NOW + 60_000,
      },
      {
        _id: expect.any(String),
        courierId: 'demo-courier-pending',
        communityId: 'ruanjiaqiao',
        decision: 'reinstate',
        from: 'suspended',
        to: 'approved',
        by: 'demo-secretary',
        at: TEST_NOW + 120_000,
      },
    ])
  })

  it('lets exactly one of two simultaneous decisions land, and logs only that one', async () => {
    const replies = await Promise.all([
      review('demo-courier-pending', 'approve'),
      review('demo-courier-pending', 'reject', '资料不全', 'demo-admin'),
    ])
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    const refused = replies.find((r) => !r.ok) as { ok: false; error: { code: string } }
    expect(['CONFLICT', 'INVALID_STATE']).toContain(refused.error.code)
    expect(await cloud.store.collection('reviewLogs').count({ courierId: 'demo-courier-pending' })).toBe(1)
  })

  it('refuses a secretary of another community (FORBIDDEN) and changes nothing', async () => {
    const before = await snapshotDatabase(cloud.store)
    expect(await review('demo-courier-pending', 'approve', undefined, OTHER_SECRETARY)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await review('demo-courier', 'suspend', '不是我社区的', OTHER_SECRETARY)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })

  it.each([
    ['a guard', 'demo-guard'],
    ['a manager', 'demo-manager'],
    ['a courier', 'demo-courier'],
    ['a visitor', VISITOR],
  ])('refuses %s (FORBIDDEN)', async (_name, openid) => {
    expect(await review('demo-courier-pending', 'approve', undefined, openid)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect((await courier('demo-courier-pending'))?.status).toBe('pending')
  })

  it('lets an admin decide in any community', async () => {
    await register(VISITOR, { communityId: 'xinheping' })
    expect(await review(VISITOR, 'approve', undefined, 'demo-admin')).toEqual({
      ok: true,
      data: { status: 'approved' },
    })
  })

  it('answers an unknown courier with NOT_FOUND', async () => {
    expect(await review('nobody-here', 'approve')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('account.reviewQueue', () => {
  it('lists the community’s pending registrations with counts per status, showing only the last four digits of the phone', async () => {
    const reply = await account('reviewQueue', { communityId: 'ruanjiaqiao' }, 'demo-secretary')
    expect(reply.ok).toBe(true)
    const data = ReviewQueueOutput.parse((reply as { data: unknown }).data)
    expect(data.counts).toEqual({ pending: 1, approved: 1, rejected: 0, suspended: 0 })
    expect(data.items).toEqual([
      {
        courierId: 'demo-courier-pending',
        name: '李大伟',
        phoneTail: '****0002',
        platform: '饿了么',
        riderId: 'ELM-200002',
        status: 'pending',
        createdAt: T0,
      },
    ])
    const text = JSON.stringify(reply)
    expect(text).not.toContain('13800000002')
    expect(text).not.toContain('13800000001')
  })

  it('filters by status, still without full phone numbers', async () => {
    const data = await queue({ status: 'approved' })
    expect(data.items.map((i) => [i.courierId, i.phoneTail])).toEqual([['demo-courier', '****0001']])
    expect(JSON.stringify(data)).not.toContain('13800000001')
  })

  it('counts and lists only the secretary’s own community, newest first, page by page', async () => {
    const openids = ['o6_queue_a', 'o6_queue_b', 'o6_queue_c']
    for (const [i, openid] of openids.entries()) {
      clock.set(TEST_NOW + i * 60_000)
      await register(openid, { phone: `1391234567${i}` })
    }
    await register('o6_queue_elsewhere', { communityId: 'xinheping' })
    const first = await queue({ limit: 2 })
    expect(first.counts.pending).toBe(4)
    expect(first.items.map((i) => i.courierId)).toEqual(['o6_queue_c', 'o6_queue_b'])
    const second = await queue({ limit: 2, before: first.items[1].createdAt })
    expect(second.items.map((i) => i.courierId)).toEqual(['o6_queue_a', 'demo-courier-pending'])
    const other = await account('reviewQueue', { communityId: 'xinheping' }, OTHER_SECRETARY)
    expect(other).toMatchObject({
      ok: true,
      data: { counts: { pending: 1 }, items: [{ courierId: 'o6_queue_elsewhere' }] },
    })
  })

  it('refuses another community’s secretary and non-secretaries (FORBIDDEN)', async () => {
    for (const openid of [OTHER_SECRETARY, 'demo-manager', 'demo-guard', 'demo-courier', VISITOR]) {
      expect(await account('reviewQueue', { communityId: 'ruanjiaqiao' }, openid)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      })
    }
  })
})

describe('account.reviewQueue: a phone or rider id registered by another courier', () => {
  const pendingItem = async (courierId: string) => (await queue()).items.find((i) => i.courierId === courierId)

  it('is flagged on the card, and the registration itself is taken (people share phones)', async () => {
    // demo-courier (approved, 13800000001, 美团 MT-100001) already holds this phone.
    expect(await register(VISITOR, { phone: '13800000001' })).toEqual({ ok: true, data: { status: 'pending' } })
    expect((await pendingItem(VISITOR))?.duplicates).toEqual(['phone'])
    // The other registration, not sharing anything with the newcomer's rider id, is not flagged.
    expect((await pendingItem('demo-courier-pending'))?.duplicates).toBeUndefined()
  })

  it('flags the same rider id on the same platform, on both cards, whatever the case it was typed in', async () => {
    // demo-courier-pending is 饿了么 ELM-200002
    expect(await register(VISITOR, { platform: '饿了么', riderId: 'elm-200002' })).toMatchObject({ ok: true })
    expect((await pendingItem(VISITOR))?.duplicates).toEqual(['riderId'])
    expect((await pendingItem('demo-courier-pending'))?.duplicates).toEqual(['riderId'])
  })

  it('flags both when both are shared', async () => {
    await register(VISITOR, { phone: '13800000002', platform: '饿了么', riderId: 'ELM-200002' })
    expect((await pendingItem(VISITOR))?.duplicates).toEqual(['phone', 'riderId'])
  })

  it('does not flag the same id on another platform, nor a courier’s own earlier registration', async () => {
    await register(VISITOR, { platform: '顺丰', riderId: 'ELM-200002' })
    clock.advance(60_000)
    await register(VISITOR, { platform: '顺丰', riderId: 'ELM-200002' }) // corrected: the same record again
    expect((await pendingItem(VISITOR))?.duplicates).toBeUndefined()
  })

  it('counts registrations of other communities and statuses, without saying whose they are', async () => {
    await register('o6_elsewhere_dup_0001', { communityId: 'xinheping', phone: '13700000009', riderId: 'SF-700009' })
    await review('o6_elsewhere_dup_0001', 'reject', '资料不全', 'demo-admin')
    await register(VISITOR, { phone: '13700000009' })
    const reply = await account('reviewQueue', { communityId: 'ruanjiaqiao' }, 'demo-secretary')
    expect((await pendingItem(VISITOR))?.duplicates).toEqual(['phone'])
    expect(JSON.stringify(reply)).not.toContain('o6_elsewhere_dup_0001')
    expect(JSON.stringify(reply)).not.toContain('13700000009')
  })
})

describe('refused account requests write nothing', () => {
  const REFUSED: Array<[string, string, Record<string, unknown>, string | null, string]> = [
    ['register without identity', 'register', REGISTRATION, null, 'UNAUTHENTICATED'],
    ['register without consent', 'register', { ...REGISTRATION, consentMovement: false }, VISITOR, 'BAD_REQUEST'],
    [
      'register in an unknown community',
      'register',
      { ...REGISTRATION, communityId: 'atlantis' },
      VISITOR,
      'NOT_FOUND',
    ],
    ['register over an approved registration', 'register', REGISTRATION, 'demo-courier', 'ALREADY_REGISTERED'],
    [
      'review by a courier',
      'review',
      { courierId: 'demo-courier-pending', decision: 'approve' },
      'demo-courier',
      'FORBIDDEN',
    ],
    [
      'review by another community’s secretary',
      'review',
      { courierId: 'demo-courier-pending', decision: 'approve' },
      OTHER_SECRETARY,
      'FORBIDDEN',
    ],
    [
      'review of an unknown courier',
      'review',
      { courierId: 'nobody', decision: 'approve' },
      'demo-secretary',
      'NOT_FOUND',
    ],
    [
      'reject without a reason',
      'review',
      { courierId: 'demo-courier-pending', decision: 'reject' },
      'demo-secretary',
      'INVALID_STATE',
    ],
    [
      'an invalid transition',
      'review',
      { courierId: 'demo-courier', decision: 'approve' },
      'demo-secretary',
      'INVALID_STATE',
    ],
    [
      'an unknown decision',
      'review',
      { courierId: 'demo-courier', decision: 'delete' },
      'demo-secretary',
      'BAD_REQUEST',
    ],
    [
      'a reason over 200 characters',
      'review',
      { courierId: 'demo-courier', decision: 'suspend', reason: '长'.repeat(201) },
      'demo-secretary',
      'BAD_REQUEST',
    ],
    ['the queue of another community', 'reviewQueue', { communityId: 'ruanjiaqiao' }, OTHER_SECRETARY, 'FORBIDDEN'],
  ]
  it.each(REFUSED)('%s', async (_name, action, payload, openid, code) => {
    const before = await snapshotDatabase(cloud.store)
    const reply = await account(action, payload, openid)
    expect(reply).toEqual({ ok: false, error: { code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } })
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })
})
