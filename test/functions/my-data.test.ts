import type { Courier, Envelope, FunctionName } from '../../types'
import { PERSONAL_DATA } from '../../cloudfunctions/account/personal-data'
import { INDEXES } from '../../cloudfunctions/shared/store/collections'
import { createLocalCloud } from '../../local/cloud'
import { snapshotDatabase } from '../support/db-snapshot'
import { VALID_REQUESTS } from '../support/policy-requests'
import { TEST_NOW } from '../support/clock'
import { FUNCTION_ADAPTERS, mustCall, publishActivity, type FunctionHarness } from '../support/function-harness'

/**
 * 我的数据 (PIPL Art. 15, 45, 47): the export holds every record the store holds about the courier and nothing
 * about anyone else, checked against a direct read of every collection; deleting the account leaves no
 * collection naming them while every balance, counter and audit stays true; a withdrawn entry consent stops
 * codes.
 */
jest.setTimeout(60_000)

const HOUR = 3600_000
const SUBJECT = 'md-subject-courier'
const OTHER = 'md-other-courier'
const SECRETARY = 'demo-secretary'
const GUARD = 'demo-guard'
const PHOTO = 'local:SubjectFacePhotoRef0001'

function courierDoc(id: string, who: { name: string; phone: string; riderId: string }): Courier {
  return {
    _id: id,
    ...who,
    platform: '美团',
    communityId: 'ruanjiaqiao',
    status: 'approved',
    approvedAt: TEST_NOW,
    passId: id === SUBJECT ? 'SubjPass' : 'OthrPass',
    photoUrl: id === SUBJECT ? PHOTO : undefined,
    privacyConsentAt: TEST_NOW - 10 * 24 * HOUR,
    movementConsentAt: TEST_NOW - 10 * 24 * HOUR,
    createdAt: TEST_NOW - 10 * 24 * HOUR,
    updatedAt: TEST_NOW,
  }
}
const SUBJECT_PERSON = { name: '张三丰', phone: '13811112222', riderId: 'MT-SUBJECT-77' }
const OTHER_PERSON = { name: '李四海', phone: '13733334444', riderId: 'MT-OTHER-88' }

const call = (h: FunctionHarness, fn: FunctionName, event: Record<string, unknown>, openid: string) =>
  h.call(fn, event, openid)
const must = mustCall
const codeOf = (reply: Envelope<unknown>) => (reply.ok ? 'OK' : reply.error.code)

/**
 * Two couriers with a little of everything: an attended activity, a picked-up and a cancelled redemption, an
 * accepted 随手拍, a wish, a gate check, a review-card read, a cancelled activity's notice. Returns the
 * subject's code from before.
 */
async function livedIn(h: FunctionHarness): Promise<{ token: string; activityId: string }> {
  await h.reset()
  for (const [id, who] of [
    [SUBJECT, SUBJECT_PERSON],
    [OTHER, OTHER_PERSON],
  ] as const) {
    await h
      .store()
      .collection('users')
      .put({ _id: id, nickname: who.name, roles: [{ role: 'courier' }], createdAt: TEST_NOW })
    await h.store().collection('couriers').put(courierDoc(id, who))
  }
  const patrol = await publishActivity(h, '我的数据测试：巡逻', HOUR, 20)
  const rained = await publishActivity(h, '我的数据测试：取消', 2 * HOUR, 20)
  for (const id of [SUBJECT, OTHER]) {
    await must(h, 'points', { action: 'signUp', activityId: patrol }, id)
    await must(h, 'points', { action: 'signUp', activityId: rained }, id)
    await must(h, 'points', { action: 'addWish', stationId: 'st-gege-yintai', name: '暖宝宝' }, id)
  }
  await must(h, 'points', { action: 'cancelActivity', activityId: rained, reason: '暴雨预警' }, SECRETARY)
  h.clock.advance(90 * 60_000)
  for (const id of [SUBJECT, OTHER])
    await must(h, 'points', { action: 'attend', activityId: patrol, courierId: id }, SECRETARY)
  for (const id of [SUBJECT, OTHER]) {
    const kept = await must<{ redemption: { id: string; pickupCode: string } }>(
      h,
      'points',
      { action: 'redeem', itemId: 'item-demo-water', requestKey: `md-${id}-keep` },
      id,
    )
    await must(
      h,
      'points',
      { action: 'confirmPickup', stationId: 'st-gege-yintai', pickupCode: kept.redemption.pickupCode },
      SECRETARY,
    )
    const dropped = await must<{ redemption: { id: string } }>(
      h,
      'points',
      { action: 'redeem', itemId: 'item-demo-water', requestKey: `md-${id}-drop` },
      id,
    )
    await must(h, 'points', { action: 'cancelRedemption', redemptionId: dropped.redemption.id }, id)
    const report = await must<{ report: { id: string } }>(
      h,
      'points',
      { action: 'submitReport', category: '消防通道堵塞', text: '看到楼道里堆满了纸箱' },
      id,
    )
    await must(h, 'points', { action: 'reviewReport', reportId: report.report.id, decision: 'accept' }, SECRETARY)
  }
  await must(h, 'account', { action: 'reviewQueue', communityId: 'ruanjiaqiao', status: 'approved' }, SECRETARY)
  const { token } = await must<{ token: string }>(h, 'pass', { action: 'issue' }, SUBJECT)
  expect((await must<{ allowed: boolean }>(h, 'pass', { action: 'verify', token }, GUARD)).allowed).toBe(true)
  const other = await must<{ token: string }>(h, 'pass', { action: 'issue' }, OTHER)
  await must(h, 'pass', { action: 'verify', token: other.token }, GUARD)
  return { token, activityId: patrol }
}

/** Every document of every collection that names `openid`, found without the code under test. */
function heldAbout(dump: Record<string, unknown[]>, openid: string): Map<string, Set<string>> {
  const held = new Map<string, Set<string>>()
  const add = (name: string, id: string) => held.set(name, (held.get(name) ?? new Set()).add(id))
  const docs = (name: string) => (dump[name] ?? []) as Array<Record<string, unknown> & { _id: string }>
  for (const [name, rows] of Object.entries(dump)) {
    for (const doc of rows as Array<{ _id: string }>) if (JSON.stringify(doc).includes(openid)) add(name, doc._id)
  }
  // Documents that name the person only through another of their documents.
  const redemptions = docs('redemptions').filter((r) => r.courierId === openid)
  const signups = docs('signups').filter((s) => s.courierId === openid)
  for (const claim of docs('pickupCodes')) {
    if (redemptions.some((r) => r._id === claim.redemptionId)) add('pickupCodes', claim._id)
  }
  const records = new Set([...redemptions, ...signups].map((r) => r._id))
  for (const hold of docs('counterHolds')) {
    if (records.has((hold.record as { id: string }).id)) add('counterHolds', hold._id)
  }
  return held
}

describe('where the store holds a person', () => {
  it('names every collection the store has', () => {
    expect(Object.keys(PERSONAL_DATA).sort()).toEqual(Object.keys(INDEXES).sort())
  })
})

describe.each(FUNCTION_ADAPTERS)('我的数据 — %s', (_adapter, open) => {
  let h: FunctionHarness
  beforeAll(async () => {
    h = await open()
  })
  afterAll(() => h.close())

  it('exports every record held about the courier, and nothing about anyone else', async () => {
    await livedIn(h)
    const exported = await must<{ json: string; csv: string; records: number; fileName: string }>(
      h,
      'account',
      { action: 'exportMyData' },
      SUBJECT,
    )
    const direct = heldAbout(await h.dump(), SUBJECT)
    const file = JSON.parse(exported.json) as { records: Record<string, Array<{ _id: string }>> }
    const inExport = new Map(
      Object.entries(file.records).map(([name, docs]) => [name, new Set(docs.map((d) => d._id))]),
    )
    expect(inExport).toEqual(direct)
    // It had something to find in each kind of record the courier made.
    for (const name of ['couriers', 'users', 'ledger', 'pointsAccounts', 'redemptions', 'signups', 'reports']) {
      expect(direct.get(name)?.size ?? 0).toBeGreaterThan(0)
    }
    for (const name of ['accessLogs', 'wishes', 'notices', 'dataReads', 'monthlyEarned', 'passAliases']) {
      expect(direct.get(name)?.size ?? 0).toBeGreaterThan(0)
    }
    expect(exported.records).toBe([...direct.values()].reduce((n, ids) => n + ids.size, 0))

    // Nothing of anyone else: no other person's OPENID, name, phone or rider id, in either file.
    for (const text of [exported.json, exported.csv]) {
      for (const foreign of [OTHER, SECRETARY, GUARD, 'demo-courier', ...Object.values(OTHER_PERSON)]) {
        expect(text).not.toContain(foreign)
      }
      for (const own of Object.values(SUBJECT_PERSON)) expect(text).toContain(own)
    }
    // The CSV is one row per record under its header, opening in Excel as UTF-8.
    expect(exported.csv.startsWith('\ufeff类别,记录编号,时间,内容')).toBe(true)
    expect(exported.csv.trim().split('\n')).toHaveLength(exported.records + 1)
    expect(exported.fileName).toMatch(/^小哥友好-我的数据-\d{8}$/)
  })

  it('shows what is held on the page, with consents and who looked', async () => {
    await livedIn(h)
    const view = await must<{
      profile: { name: string; riderId: string; photoUrl?: string }
      consents: { privacyAt: number | null; movementAt: number | null }
      entries: Array<{ gateName: string; allowed: boolean }>
      points: { balance: number; ledger: unknown[] }
      reads: Array<{ who: string; role: string }>
      redemptions: unknown[]
      deleteBlockers: string[]
    }>(h, 'account', { action: 'myData' }, SUBJECT)
    expect(view.profile).toMatchObject({ name: SUBJECT_PERSON.name, riderId: SUBJECT_PERSON.riderId })
    expect(view.consents.movementAt).toBe(TEST_NOW - 10 * 24 * HOUR)
    expect(view.entries).toEqual([expect.objectContaining({ allowed: true })])
    const account = await h.store().collection('pointsAccounts').get(SUBJECT)
    expect(view.points.balance).toBe(account?.balance)
    expect(view.points.ledger).toHaveLength((await h.store().collection('ledger').find({ courierId: SUBJECT })).length)
    expect(view.redemptions).toHaveLength(2)
    expect(view.reads.map((r) => r.role).sort()).toEqual(['guard', 'secretary'])
    expect(view.deleteBlockers).toEqual([])
    // Another courier's page holds their own data only.
    const other = await must<{ profile: { name: string } }>(h, 'account', { action: 'myData' }, OTHER)
    expect(other.profile.name).toBe(OTHER_PERSON.name)
    expect(JSON.stringify(other)).not.toContain(SUBJECT_PERSON.name)
  })

  it('refuses codes while the entry consent is withdrawn, and issues them again once it is given', async () => {
    await livedIn(h)
    const { token } = await must<{ token: string }>(h, 'pass', { action: 'issue' }, SUBJECT)
    const withdrawn = await must<{ movementAt: number | null; movementWithdrawnAt: number }>(
      h,
      'account',
      { action: 'setMovementConsent', given: false },
      SUBJECT,
    )
    expect(withdrawn).toEqual({ movementAt: null, movementWithdrawnAt: h.clock.now() })
    for (const action of ['issue', 'issueSupply']) {
      const refused = await call(h, 'pass', { action }, SUBJECT)
      expect(refused).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } })
      if (!refused.ok) expect(refused.error.message).toContain('撤回')
    }
    // A code issued before is refused at the gate too, and the refusal names no one.
    const verdict = await must<{ allowed: boolean; code?: string }>(h, 'pass', { action: 'verify', token }, GUARD)
    expect(verdict).toMatchObject({ allowed: false, code: 'COURIER_NO_CONSENT' })
    const refusals = await h.store().collection('accessLogs').find({ code: 'COURIER_NO_CONSENT' })
    expect(refusals.map((r) => r.courierId)).toEqual([null])
    // The courier disappears from the guards' offline list until consent is given again.
    const list = JSON.stringify(await must(h, 'pass', { action: 'statusList' }, GUARD))
    expect(list).not.toContain('张*丰')
    expect(list).toContain('李*海')
    h.clock.advance(60_000)
    const given = await must<{ movementAt: number }>(
      h,
      'account',
      { action: 'setMovementConsent', given: true },
      SUBJECT,
    )
    expect(given.movementAt).toBe(h.clock.now())
    expect(codeOf(await call(h, 'pass', { action: 'issue' }, SUBJECT))).toBe('OK')
  })

  it('deletes the account: no collection names the courier, old codes are refused, every sum still adds up', async () => {
    const { token } = await livedIn(h)
    const before = await h.dump()
    const otherBefore = await must(h, 'account', { action: 'exportMyData' }, OTHER)
    const balancesBefore = new Map(
      (before.pointsAccounts as Array<{ _id: string; balance: number }>)
        .filter((a) => a._id !== SUBJECT)
        .map((a) => [a._id, a.balance]),
    )

    expect(await must(h, 'account', { action: 'deleteMyAccount', confirm: '注销' }, SUBJECT)).toEqual({ deleted: true })
    const after = await h.dump()
    const text = JSON.stringify(after)
    for (const trace of [SUBJECT, PHOTO, 'SubjPass', ...Object.values(SUBJECT_PERSON)])
      expect(text).not.toContain(trace)

    // Old codes are refused, new ones are not issued; the person is a stranger now.
    const verdict = await must<{ allowed: boolean; code: string }>(h, 'pass', { action: 'verify', token }, GUARD)
    expect(verdict).toMatchObject({ allowed: false, code: 'COURIER_UNKNOWN' })
    expect(codeOf(await call(h, 'pass', { action: 'issue' }, SUBJECT))).toBe('NOT_APPROVED')
    expect(await must(h, 'account', { action: 'me' }, SUBJECT)).toMatchObject({ isNew: true, courier: null })

    // Every balance equals its ledger lines; nobody else's changed; the subject's history is kept anonymously.
    type Line = { courierId: string; delta: number; kind: string; ref: string; _id: string }
    const ledger = after.ledger as Line[]
    const accounts = after.pointsAccounts as Array<{ _id: string; balance: number; earned: number }>
    for (const account of accounts) {
      const mine = ledger.filter((l) => l.courierId === account._id)
      expect([account._id, account.balance]).toEqual([account._id, mine.reduce((n, l) => n + l.delta, 0)])
      const awards = mine.filter((l) => l.kind === 'activity' || l.kind === 'report')
      expect([account._id, account.earned]).toEqual([account._id, awards.reduce((n, l) => n + l.delta, 0)])
      if (balancesBefore.has(account._id)) expect(account.balance).toBe(balancesBefore.get(account._id))
    }
    expect(ledger).toHaveLength(before.ledger.length)
    const anon = accounts.filter((a) => a._id.startsWith('anon_'))
    expect(anon).toHaveLength(1)
    expect(anon[0].balance).toBe(
      (before.pointsAccounts as Array<{ _id: string; balance: number }>).find((a) => a._id === SUBJECT)?.balance,
    )

    // Stock and places: the same redemptions and sign-ups per item and activity, each redemption with its lines.
    type Redemption = { _id: string; itemId: string; status: string }
    const per = (rows: unknown[], key: string) =>
      (rows as Array<Record<string, string>>).map((r) => `${r[key]}:${r.status}`).sort()
    expect(per(after.redemptions, 'itemId')).toEqual(per(before.redemptions, 'itemId'))
    expect(per(after.signups, 'activityId')).toEqual(per(before.signups, 'activityId'))
    expect(after.exchangeItems).toEqual(before.exchangeItems)
    expect(after.activities).toEqual(before.activities)
    expect(after.wishTallies).toEqual(before.wishTallies)
    for (const r of after.redemptions as Redemption[]) {
      expect(ledger.some((l) => l._id === `${r._id}_out` && l.ref === r._id)).toBe(true)
      expect(ledger.some((l) => l._id === `${r._id}_back`)).toBe(r.status === 'cancelled')
    }
    // The community's audit keeps its length: review decisions, reports and gate checks.
    for (const name of ['reviewLogs', 'reports', 'accessLogs', 'monthlyEarned']) {
      expect([name, after[name].length]).toEqual([name, before[name].length])
    }
    // The other courier's data is exactly as it was.
    const otherAfter = await must(h, 'account', { action: 'exportMyData' }, OTHER)
    expect(JSON.parse((otherAfter as { json: string }).json).records).toEqual(
      JSON.parse((otherBefore as { json: string }).json).records,
    )
    // Asking again (a retry whose first answer was lost) answers the same and changes nothing.
    const settled = await h.dump()
    expect(await must(h, 'account', { action: 'deleteMyAccount', confirm: '注销' }, SUBJECT)).toEqual({ deleted: true })
    expect(await h.dump()).toEqual(settled)
  })

  it('refuses to delete while something is open, says what, and changes nothing', async () => {
    const { activityId } = await livedIn(h)
    void activityId
    const upcoming = await publishActivity(h, '下周巡逻', 7 * 24 * HOUR)
    await must(h, 'points', { action: 'signUp', activityId: upcoming }, SUBJECT)
    await must(h, 'points', { action: 'redeem', itemId: 'item-demo-water', requestKey: 'md-open-one' }, SUBJECT)
    const before = await h.dump()
    const refused = await call(h, 'account', { action: 'deleteMyAccount', confirm: '注销' }, SUBJECT)
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })
    if (!refused.ok) {
      expect(refused.error.message).toContain('未领取')
      expect(refused.error.message).toContain('下周巡逻')
    }
    const staff = await call(h, 'account', { action: 'deleteMyAccount', confirm: '注销' }, GUARD)
    expect(staff).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })
    if (!staff.ok) expect(staff.error.message).toContain('门岗')
    expect(codeOf(await call(h, 'account', { action: 'deleteMyAccount', confirm: '删除' }, SUBJECT))).toBe(
      'BAD_REQUEST',
    )
    expect(await h.dump()).toEqual(before)
  })
})

describe('deleting an account in the local cloud', () => {
  it('removes the stored face photos and the WeChat messages kept for the courier', async () => {
    const cloud = await createLocalCloud({ dataDir: ':memory:', now: () => TEST_NOW })
    try {
      const face = cloud.photos.save(facePng())
      const pending = cloud.photos.save(facePng())
      if (!face || !pending) throw new Error('the test photo was refused')
      await cloud.store.collection('users').put({
        _id: SUBJECT,
        nickname: SUBJECT_PERSON.name,
        roles: [{ role: 'courier' }],
        createdAt: TEST_NOW,
      })
      await cloud.store
        .collection('couriers')
        .put({ ...courierDoc(SUBJECT, SUBJECT_PERSON), photoUrl: face.ref, photoPending: pending.ref })
      await cloud.notifier.send({ touser: SUBJECT, template: 'review', page: 'pages/me/index', data: {} })
      expect(cloud.outbox.list(SUBJECT)).toHaveLength(1)
      // the page shows the courier's own photo through a short-lived URL, never the stored reference
      const view = await cloud.call('account', { action: 'myData' }, SUBJECT)
      if (!view.ok) throw new Error(view.error.code)
      const shown = (view.data as { profile: { photoUrl?: string } }).profile.photoUrl ?? ''
      expect(shown).toMatch(/^\/local\/files\/[A-Za-z0-9_-]{22}\?e=\d+&t=/)
      expect(JSON.stringify(view.data)).not.toContain(face.ref)

      const reply = await cloud.call('account', { action: 'deleteMyAccount', confirm: '注销' }, SUBJECT)
      expect(reply).toEqual({ ok: true, data: { deleted: true } })
      for (const ref of [face.ref, pending.ref]) expect(cloud.photos.read(ref.slice('local:'.length))).toBeNull()
      expect(cloud.outbox.list(SUBJECT)).toEqual([])
    } finally {
      await cloud.close()
    }
  })
})

/** A real (1×1) PNG: the photo store keeps only pictures its bytes say are JPEG, PNG or WebP. */
function facePng(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  )
}

describe('an account whose deletion stopped half-way', () => {
  it('changes nothing through any action but finishing the deletion, and is finished by asking again', async () => {
    const cloud = await createLocalCloud({ dataDir: ':memory:', now: () => TEST_NOW })
    try {
      await cloud.store.collection('users').put({
        _id: SUBJECT,
        nickname: SUBJECT_PERSON.name,
        roles: [{ role: 'courier' }],
        createdAt: TEST_NOW,
      })
      await cloud.store
        .collection('couriers')
        .put({ ...courierDoc(SUBJECT, SUBJECT_PERSON), status: 'pending', erasingAs: 'anon_HalfWayDeleted0' })
      const dump = async () => JSON.stringify(await snapshotDatabase(cloud.store))
      const before = await dump()
      const wrote: string[] = []
      for (const [key, request] of Object.entries(VALID_REQUESTS)) {
        const [fn, action] = key.split('.')
        if (action === 'deleteMyAccount') continue
        const reply = await cloud.call(fn, { action, ...request }, SUBJECT)
        if ((await dump()) !== before) wrote.push(`${key} (${reply.ok ? 'OK' : reply.error.code})`)
      }
      // the one write allowed: a refused 场所码 scan is logged, naming no one
      expect(wrote.filter((w) => !w.startsWith('pass.enterByPlace'))).toEqual([])
      const refusedEntries = await cloud.store.collection('accessLogs').find({})
      expect(refusedEntries.every((e) => e.courierId === null && !e.allowed)).toBe(true)
      const again = await cloud.call('account', { action: 'register', ...VALID_REQUESTS['account.register'] }, SUBJECT)
      expect(again).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })

      expect(await cloud.call('account', { action: 'deleteMyAccount', confirm: '注销' }, SUBJECT)).toEqual({
        ok: true,
        data: { deleted: true },
      })
      expect(await dump()).not.toContain(SUBJECT)
      expect((await cloud.store.collection('pointsAccounts').find({})).map((a) => a._id)).not.toContain(SUBJECT)
    } finally {
      await cloud.close()
    }
  })
})
