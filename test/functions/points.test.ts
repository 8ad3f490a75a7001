import type { Envelope } from '../../types'
import type { AppStore } from '../../cloudfunctions/shared/store/collections'
import { FUNCTION_ADAPTERS, type FunctionHarness } from '../support/function-harness'
import { TEST_NOW } from '../support/clock'
import { putApprovedCourier } from '../support/couriers'
import { testPhotoUrl } from '../support/photos'

const HOUR = 3600_000
const DAY = 24 * HOUR

/** Every courier's balance equals the sum of their ledger entries and is never negative; stock never negative. */
async function expectLedgerInvariants(store: AppStore): Promise<void> {
  const entries = await store.collection('ledger').find({}, { limit: 1000 })
  const sums = new Map<string, number>()
  for (const e of entries) sums.set(e.courierId, (sums.get(e.courierId) ?? 0) + e.delta)
  const accounts = await store.collection('pointsAccounts').find({}, { limit: 1000 })
  expect(new Set(accounts.map((a) => a._id))).toEqual(new Set(sums.keys()))
  for (const a of accounts) {
    expect({ courier: a._id, balance: a.balance }).toEqual({ courier: a._id, balance: sums.get(a._id) })
    expect(a.balance).toBeGreaterThanOrEqual(0)
  }
  for (const item of await store.collection('exchangeItems').find({}, { limit: 1000 }))
    expect(item.stock).toBeGreaterThanOrEqual(0)
}

/** `count` approved couriers of 阮家桥 with `points` each (an award entry apiece, so the ledger stays true). */
async function addCouriers(h: FunctionHarness, count: number, points: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `test-courier-${i}`)
  const store = h.store()
  for (const id of ids) {
    await putApprovedCourier(store, id)
    if (points > 0) {
      await store.transaction(async (tx) => {
        await tx.collection('ledger').insert({
          _id: `seed-${id}`,
          courierId: id,
          communityId: 'ruanjiaqiao',
          delta: points,
          kind: 'activity',
          ref: 'act-demo-patrol-past',
          title: '种子积分',
          by: 'demo-secretary',
          at: TEST_NOW,
        })
        await tx.collection('pointsAccounts').put({ _id: id, balance: points, earned: points, updatedAt: TEST_NOW })
      })
    }
  }
  return ids
}

describe.each(FUNCTION_ADAPTERS)('points — %s', (_name, open) => {
  let h: FunctionHarness
  beforeAll(async () => {
    h = await open()
  })
  afterAll(() => h.close())
  beforeEach(() => h.reset())
  afterEach(() => expectLedgerInvariants(h.store()))

  async function ok<T = Record<string, unknown>>(
    openid: string,
    action: string,
    body: Record<string, unknown> = {},
  ): Promise<T> {
    const reply = await h.call('points', { action, ...body }, openid)
    if (!reply.ok) throw new Error(`points.${action} as ${openid}: ${reply.error.code} ${reply.error.message}`)
    return reply.data as T
  }
  const code = (reply: Envelope<unknown>) => (reply.ok ? 'OK' : reply.error.code)
  const balanceOf = async (openid: string) => (await ok<{ balance: number }>(openid, 'myPoints')).balance

  async function publish(overrides: Record<string, unknown> = {}): Promise<string> {
    const out = await ok<{ activity: { id: string } }>('demo-secretary', 'saveActivity', {
      communityId: 'ruanjiaqiao',
      title: '平安夜巡：测试',
      kind: '平安夜巡',
      description: '测试',
      place: '阮家桥社区',
      startAt: TEST_NOW + DAY,
      endAt: TEST_NOW + DAY + 2 * HOUR,
      capacity: 5,
      points: 7,
      ...overrides,
    })
    return out.activity.id
  }

  it('the whole path: publish → sign up → attend → balance → redeem → pickup confirmed', async () => {
    const activityId = await publish()
    const listed = await ok<{ activities: Array<{ id: string; mine: string; phase: string }> }>(
      'demo-courier',
      'listActivities',
    )
    expect(listed.activities.find((a) => a.id === activityId)).toMatchObject({ mine: 'none', phase: 'upcoming' })
    await ok('demo-courier', 'signUp', { activityId })
    const before = await balanceOf('demo-courier')

    h.clock.advance(DAY + HOUR) // during the activity
    expect(await ok('demo-secretary', 'attend', { activityId, courierId: 'demo-courier' })).toMatchObject({
      awarded: true,
      points: 7,
      maskedName: '张*明',
    })
    expect(await balanceOf('demo-courier')).toBe(before + 7)
    const history = await ok<{ entries: Array<{ delta: number; title: string; byStaff: boolean }> }>(
      'demo-courier',
      'myPoints',
    )
    expect(history.entries[0]).toMatchObject({ delta: 7, title: '平安夜巡：测试', byStaff: true })

    const redeemed = await ok<{ redemption: { id: string; pickupCode: string; status: string }; balance: number }>(
      'demo-courier',
      'redeem',
      { itemId: 'item-demo-towel', requestKey: 'path-key-0001' },
    )
    expect(redeemed.redemption).toMatchObject({ status: 'reserved', pickupCode: expect.stringMatching(/^\d{6}$/) })
    expect(redeemed.balance).toBe(before + 7 - 10)
    const picked = await ok<{ redemption: { status: string }; maskedName: string }>('demo-secretary', 'confirmPickup', {
      stationId: 'st-gege-yintai',
      pickupCode: redeemed.redemption.pickupCode,
    })
    expect(picked).toMatchObject({ redemption: { status: 'picked_up' }, maskedName: '张*明' })
    expect(
      code(
        await h.call(
          'points',
          { action: 'confirmPickup', stationId: 'st-gege-yintai', pickupCode: redeemed.redemption.pickupCode },
          'demo-secretary',
        ),
      ),
    ).toBe('NOT_FOUND')
    expect(
      code(
        await h.call('points', { action: 'cancelRedemption', redemptionId: redeemed.redemption.id }, 'demo-courier'),
      ),
    ).toBe('INVALID_STATE')
  })

  it('awards an activity once: a second scan, a retry and a pick after a scan add nothing', async () => {
    const activityId = await publish()
    await ok('demo-courier', 'signUp', { activityId })
    h.clock.advance(DAY + HOUR)
    const before = await balanceOf('demo-courier')
    const issued = await h.call('pass', { action: 'issue' }, 'demo-courier')
    if (!issued.ok) throw new Error(`pass.issue: ${issued.error.code}`)
    const { token } = issued.data as { token: string }
    const first = await ok('demo-secretary', 'attend', { activityId, token })
    const again = await Promise.all([
      ok('demo-secretary', 'attend', { activityId, token }),
      ok('demo-secretary', 'attend', { activityId, courierId: 'demo-courier' }),
    ])
    expect([first, ...again].map((r) => (r as { awarded: boolean }).awarded)).toEqual([true, false, false])
    expect(await balanceOf('demo-courier')).toBe(before + 7)
  })

  it('gives exactly 10 of 200 concurrent redemptions of an item with stock 10; the rest are clean refusals', async () => {
    const couriers = await addCouriers(h, 200, 50)
    await h
      .store()
      .collection('exchangeItems')
      .update('item-demo-raincoat', { set: { stock: 10 } })
    const replies = await Promise.all(
      couriers.map((c, i) =>
        h.call('points', { action: 'redeem', itemId: 'item-demo-raincoat', requestKey: `race-key-${i}` }, c),
      ),
    )
    const codes = replies.map(code)
    expect(codes.filter((c) => c === 'OK')).toHaveLength(10)
    expect(codes.filter((c) => c !== 'OK' && c !== 'OUT_OF_STOCK')).toEqual([])
    expect(codes.filter((c) => c === 'OUT_OF_STOCK')).toHaveLength(190)
    expect((await h.store().collection('exchangeItems').get('item-demo-raincoat'))?.stock).toBe(0)
    expect(await h.store().collection('redemptions').count({ itemId: 'item-demo-raincoat' })).toBe(10)
    const codesInUse = (await h.store().collection('redemptions').find({ itemId: 'item-demo-raincoat' })).map(
      (r) => r.pickupCode,
    )
    expect(new Set(codesInUse).size).toBe(10)
  }, 60_000)

  it('gives one redemption for one request key, however often and however concurrently it is sent', async () => {
    const before = await balanceOf('demo-courier')
    const body = { itemId: 'item-demo-water', requestKey: 'same-key-0001' }
    const replies = await Promise.all(
      [1, 2, 3, 4].map(() => ok<{ redemption: { id: string } }>('demo-courier', 'redeem', body)),
    )
    const again = await ok<{ redemption: { id: string } }>('demo-courier', 'redeem', body)
    expect(new Set([...replies, again].map((r) => r.redemption.id)).size).toBe(1)
    expect(await balanceOf('demo-courier')).toBe(before - 2)
    expect((await h.store().collection('exchangeItems').get('item-demo-water'))?.stock).toBe(49)
    expect(await h.store().collection('redemptions').count({ courierId: 'demo-courier' })).toBe(1)
  })

  it('never answers a copy of a request for the last unit 已兑完: it gets the redemption, or is told it is under way', async () => {
    await h
      .store()
      .collection('exchangeItems')
      .update('item-demo-raincoat', { set: { stock: 1 } })
    const [rich] = await addCouriers(h, 1, 500)
    const body = { itemId: 'item-demo-raincoat', requestKey: 'last-unit-0001' }
    const replies = await Promise.all([1, 2, 3, 4].map(() => h.call('points', { action: 'redeem', ...body }, rich)))
    // A copy that finds the unit gone while the first is still recording it is told to look again shortly.
    for (const reply of replies) expect(['OK', 'CONFLICT']).toContain(code(reply))
    expect(replies.map(code)).toContain('OK')
    const settled = await ok<{ redemption: { id: string } }>(rich, 'redeem', body) // the same request once more
    const ids = replies
      .filter((r) => r.ok)
      .map((r) => (r as { data: { redemption: { id: string } } }).data.redemption.id)
    expect(new Set([...ids, settled.redemption.id]).size).toBe(1)
    expect((await h.store().collection('exchangeItems').get('item-demo-raincoat'))?.stock).toBe(0)
    expect(await h.store().collection('counterHolds').count({})).toBe(0)
  })

  it('answers every concurrent copy of one request with its redemption when it spends the whole balance', async () => {
    const water = await h.store().collection('exchangeItems').get('item-demo-water')
    const [exact] = await addCouriers(h, 1, water?.cost ?? 0)
    const body = { itemId: 'item-demo-water', requestKey: 'exact-key-0001' }
    const replies = await Promise.all([1, 2, 3, 4].map(() => ok<{ redemption: { id: string } }>(exact, 'redeem', body)))
    expect(new Set(replies.map((r) => r.redemption.id)).size).toBe(1)
    expect(await balanceOf(exact)).toBe(0)
    expect((await h.store().collection('exchangeItems').get('item-demo-water'))?.stock).toBe((water?.stock ?? 0) - 1)
    expect(await h.store().collection('counterHolds').count({})).toBe(0)
  })

  it('refuses a redemption beyond the balance with POINTS_INSUFFICIENT, writing nothing', async () => {
    const [poor] = await addCouriers(h, 1, 5)
    const before = await h.dump()
    const reply = await h.call(
      'points',
      { action: 'redeem', itemId: 'item-demo-towel', requestKey: 'poor-key-0001' },
      poor,
    )
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'POINTS_INSUFFICIENT', message: expect.stringContaining('积分不足') },
    })
    expect(await h.dump()).toEqual(before)
  })

  it('cancelling an unclaimed redemption returns the points and the stock, once', async () => {
    const before = await balanceOf('demo-courier')
    const { redemption } = await ok<{ redemption: { id: string } }>('demo-courier', 'redeem', {
      itemId: 'item-demo-towel',
      requestKey: 'cancel-key-01',
    })
    expect(await ok('demo-courier', 'cancelRedemption', { redemptionId: redemption.id })).toMatchObject({
      redemption: { status: 'cancelled' },
    })
    expect(await balanceOf('demo-courier')).toBe(before)
    expect((await h.store().collection('exchangeItems').get('item-demo-towel'))?.stock).toBe(20)
    expect(
      code(await h.call('points', { action: 'cancelRedemption', redemptionId: redemption.id }, 'demo-courier')),
    ).toBe('INVALID_STATE')
    // another courier cannot even see it
    const [other] = await addCouriers(h, 1, 0)
    expect(code(await h.call('points', { action: 'cancelRedemption', redemptionId: redemption.id }, other))).toBe(
      'NOT_FOUND',
    )
  })

  it('never answers a double tap for the last place 活动名额已满: it is the sign-up, or told it is under way', async () => {
    const activityId = await publish({ capacity: 1 })
    const replies = await Promise.all(
      [1, 2, 3].map(() => h.call('points', { action: 'signUp', activityId }, 'demo-courier')),
    )
    for (const reply of replies) expect(['OK', 'CONFLICT']).toContain(code(reply))
    for (const reply of replies.filter((r) => r.ok))
      expect((reply as { data: { activity: { mine: string } } }).data.activity.mine).toBe('signed')
    expect((await ok<{ activity: { mine: string } }>('demo-courier', 'signUp', { activityId })).activity.mine).toBe(
      'signed',
    )
    expect((await h.store().collection('activities').get(activityId))?.signedUp).toBe(1)
    expect(await h.store().collection('counterHolds').count({})).toBe(0)
  })

  it('never lets sign-ups pass the capacity, even all at once', async () => {
    const activityId = await publish({ capacity: 5 })
    const couriers = await addCouriers(h, 30, 0)
    const codes = (await Promise.all(couriers.map((c) => h.call('points', { action: 'signUp', activityId }, c)))).map(
      code,
    )
    expect(codes.filter((c) => c === 'OK')).toHaveLength(5)
    expect(codes.filter((c) => c === 'ACTIVITY_FULL')).toHaveLength(25)
    const activity = await h.store().collection('activities').get(activityId)
    expect(activity?.signedUp).toBe(5)
    expect(await h.store().collection('signups').count({ activityId, status: 'signed' })).toBe(5)
  }, 60_000)

  it('lets only a secretary of the activity’s community confirm attendance or a pickup; a courier cannot award themself', async () => {
    const activityId = await publish()
    await ok('demo-courier', 'signUp', { activityId })
    h.clock.advance(DAY + HOUR)
    await h
      .store()
      .collection('users')
      .put({
        _id: 'other-secretary',
        nickname: '李书记',
        roles: [{ role: 'secretary', communityId: 'xinheping' }],
        createdAt: TEST_NOW,
      })
    const before = await h.dump()
    expect(
      code(await h.call('points', { action: 'attend', activityId, courierId: 'demo-courier' }, 'other-secretary')),
    ).toBe('FORBIDDEN')
    expect(
      code(await h.call('points', { action: 'attend', activityId, courierId: 'demo-courier' }, 'demo-courier')),
    ).toBe('FORBIDDEN')
    expect(
      code(
        await h.call(
          'points',
          { action: 'confirmPickup', stationId: 'st-gege-yintai', pickupCode: '000000' },
          'other-secretary',
        ),
      ),
    ).toBe('FORBIDDEN')
    expect(
      code(
        await h.call(
          'points',
          { action: 'saveItem', stationId: 'st-gege-yintai', name: '纸巾', cost: 1, stock: 1 },
          'demo-courier',
        ),
      ),
    ).toBe('FORBIDDEN')
    expect(await h.dump()).toEqual(before)
  })

  it('refuses bad input with a clear code and writes nothing', async () => {
    const before = await h.dump()
    const base = {
      communityId: 'ruanjiaqiao',
      title: '测试活动',
      kind: '平安夜巡',
      description: '',
      place: '阮家桥',
      startAt: TEST_NOW + DAY,
      endAt: TEST_NOW + DAY + HOUR,
      capacity: 5,
      points: 5,
    }
    const bad: Array<[string, Record<string, unknown>, string]> = [
      ['saveActivity', { ...base, capacity: 0 }, '人数至少 1 人'],
      ['saveActivity', { ...base, endAt: base.startAt - 1 }, '结束时间须晚于开始时间'],
      ['saveActivity', { ...base, points: -3 }, '积分至少 1 分'],
      ['saveActivity', { ...base, title: '长'.repeat(41) }, '活动名称最多 40 个字'],
      ['saveActivity', { ...base, startAt: TEST_NOW - HOUR, endAt: TEST_NOW + HOUR }, '开始时间须晚于现在'],
      ['saveItem', { stationId: 'st-gege-yintai', name: '纸巾', cost: -1, stock: 1 }, '兑换积分至少 1 分'],
      ['saveItem', { stationId: 'st-gege-yintai', name: '纸巾', cost: 1, stock: -1 }, '库存不能为负数'],
      ['saveItem', { stationId: 'st-nope', name: '纸巾', cost: 1, stock: 1 }, '没有这个驿站'],
      ['cancelActivity', { activityId: 'act-nope', reason: '天气原因' }, '没有这个活动'],
    ]
    for (const [action, body, message] of bad) {
      const reply = await h.call('points', { action, ...body }, 'demo-secretary')
      expect({ action, reply }).toMatchObject({
        action,
        reply: { ok: false, error: { message: expect.stringContaining(message) } },
      })
    }
    for (const [action, body] of [
      ['redeem', { itemId: 'item-nope', requestKey: 'bad-key-0001' }],
      ['redeem', { itemId: 'item-demo-water', requestKey: 'x' }],
      ['signUp', { activityId: 'act-nope' }],
    ] as const) {
      expect(code(await h.call('points', { action, ...body }, 'demo-courier'))).toMatch(/NOT_FOUND|BAD_REQUEST/)
    }
    expect(await h.dump()).toEqual(before)
  })

  it('closes sign-up at the start and attendance outside its window; cancelling tells the signed-up couriers', async () => {
    const activityId = await publish()
    await ok('demo-courier', 'signUp', { activityId })
    expect(
      code(await h.call('points', { action: 'attend', activityId, courierId: 'demo-courier' }, 'demo-secretary')),
    ).toBe('ACTIVITY_CLOSED')
    const cancelled = await ok<{ signupsToTell: number; activity: { phase: string } }>(
      'demo-secretary',
      'cancelActivity',
      { activityId, reason: '暴雨预警' },
    )
    expect(cancelled).toMatchObject({ signupsToTell: 1, activity: { phase: 'cancelled' } })
    const listed = await ok<{ activities: Array<{ id: string; phase: string; cancelReason?: string }> }>(
      'demo-courier',
      'listActivities',
    )
    expect(listed.activities.find((a) => a.id === activityId)).toMatchObject({
      phase: 'cancelled',
      cancelReason: '暴雨预警',
    })
    const later = await publish({ title: '第二场' })
    h.clock.advance(DAY + 1)
    expect(code(await h.call('points', { action: 'signUp', activityId: later }, 'demo-courier'))).toBe(
      'ACTIVITY_CLOSED',
    )
  })

  it('ranks a month’s earned points (not spent) per community, with the caller’s own rank', async () => {
    const [a, b] = await addCouriers(h, 2, 0)
    const activityId = await publish({ capacity: 10, points: 20 })
    for (const c of [a, b]) await ok(c, 'signUp', { activityId })
    h.clock.advance(DAY + HOUR)
    await ok('demo-secretary', 'attend', { activityId, courierId: a })
    await ok('demo-courier', 'redeem', { itemId: 'item-demo-water', requestKey: 'rank-key-0001' }) // spending does not lower the rank
    const board = await ok<{
      leaders: Array<{ points: number; rank: number; isMe: boolean }>
      me: { rank: number } | null
    }>('demo-courier', 'ranking')
    expect(board.leaders.map((l) => [l.rank, l.points])).toEqual([
      [1, 20],
      [2, 18],
    ])
    expect(board.leaders[1].isMe).toBe(true)
    expect(board.me).toEqual({ rank: 2, points: 18 })
    expect((await ok<{ me: unknown }>(b, 'ranking')).me).toBeNull()
  })
  it('随手拍: an accepted report awards its points once; a rejected one needs a reason; decided reports stay decided', async () => {
    const before = await balanceOf('demo-courier')
    const { report } = await ok<{ report: { id: string; status: string } }>('demo-courier', 'submitReport', {
      category: '消防通道堵塞',
      text: '3 幢楼道堆放纸箱，堵住了消防通道',
      location: { lat: 30.3036, lng: 120.1113 },
      photo: 'local:AbCdEfGhIjKlMnOpQr',
    })
    expect(report.status).toBe('pending')
    const queue = await ok<{ reports: Array<{ id: string; maskedName?: string; photo?: string }> }>(
      'demo-secretary',
      'listReports',
      { communityId: 'ruanjiaqiao' },
    )
    expect(queue.reports).toEqual([
      expect.objectContaining({
        id: report.id,
        maskedName: '张*明',
        photo: testPhotoUrl('local:AbCdEfGhIjKlMnOpQr'),
      }),
    ])
    const accepted = await Promise.all([
      h.call(
        'points',
        { action: 'reviewReport', reportId: report.id, decision: 'accept', points: 8 },
        'demo-secretary',
      ),
      h.call(
        'points',
        { action: 'reviewReport', reportId: report.id, decision: 'accept', points: 8 },
        'demo-secretary',
      ),
    ])
    expect(accepted.map(code).sort()).toEqual(['INVALID_STATE', 'OK'])
    expect(await balanceOf('demo-courier')).toBe(before + 8)
    const mine = await ok<{ reports: Array<{ status: string; points?: number }> }>('demo-courier', 'listReports')
    expect(mine.reports[0]).toMatchObject({ status: 'accepted', points: 8 })

    const second = await ok<{ report: { id: string } }>('demo-courier', 'submitReport', {
      category: '其他',
      text: '路灯不亮已经三天了',
    })
    expect(
      await h.call(
        'points',
        { action: 'reviewReport', reportId: second.report.id, decision: 'reject' },
        'demo-secretary',
      ),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('驳回时请填写原因') } })
    expect(
      await ok('demo-secretary', 'reviewReport', {
        reportId: second.report.id,
        decision: 'reject',
        reason: '已由物业处理',
      }),
    ).toMatchObject({ report: { status: 'rejected', reason: '已由物业处理' } })
    expect(await balanceOf('demo-courier')).toBe(before + 8)
  })

  it('随手拍: only couriers who are approved report, only the community’s secretaries decide, and a bad photo writes nothing', async () => {
    const before = await h.dump()
    expect(
      code(
        await h.call(
          'points',
          { action: 'submitReport', category: '其他', text: '路灯不亮已经三天了' },
          'demo-courier-pending',
        ),
      ),
    ).toBe('NOT_APPROVED')
    expect(
      code(
        await h.call(
          'points',
          { action: 'submitReport', category: '其他', text: '路灯不亮已经三天了', photo: 'http://evil.example/x.jpg' },
          'demo-courier',
        ),
      ),
    ).toBe('BAD_REQUEST')
    expect(
      code(
        await h.call(
          'points',
          { action: 'submitReport', category: '不存在的类别', text: '路灯不亮已经三天了' },
          'demo-courier',
        ),
      ),
    ).toBe('BAD_REQUEST')
    // a courier naming their community still sees only their own reports, never the staff queue
    expect(await h.call('points', { action: 'listReports', communityId: 'ruanjiaqiao' }, 'demo-courier')).toEqual(
      await h.call('points', { action: 'listReports' }, 'demo-courier'),
    )
    expect(await h.dump()).toEqual(before)
    const { report } = await ok<{ report: { id: string } }>('demo-courier', 'submitReport', {
      category: '其他',
      text: '路灯不亮已经三天了',
    })
    await h
      .store()
      .collection('users')
      .put({
        _id: 'other-secretary',
        nickname: '李书记',
        roles: [{ role: 'secretary', communityId: 'xinheping' }],
        createdAt: TEST_NOW,
      })
    expect(
      code(
        await h.call('points', { action: 'reviewReport', reportId: report.id, decision: 'accept' }, 'other-secretary'),
      ),
    ).toBe('FORBIDDEN')
  })

  it('心愿清单: each courier counts once per item, and the list is ranked by how many wish for it', async () => {
    const [a, b] = await addCouriers(h, 2, 0)
    for (const [who, name] of [
      [a, '洗衣液'],
      [b, ' 洗衣液 '],
      [a, '洗衣液'],
      ['demo-courier', '雨伞'],
      [b, '雨伞'],
      ['demo-courier', '洗衣液'],
    ] as const) {
      await ok(who, 'addWish', { stationId: 'st-gege-yintai', name })
    }
    const list = await ok<{ wishes: Array<{ name: string; count: number; mine: boolean }> }>(a, 'listWishes')
    expect(list.wishes.map((w) => [w.name, w.count, w.mine])).toEqual([
      ['洗衣液', 3, true],
      ['雨伞', 2, false],
    ])
    expect(code(await h.call('points', { action: 'addWish', stationId: 'st-xinheping', name: '毛巾' }, a))).toBe(
      'NOT_FOUND',
    )
  })
  it('lists the community’s stations for the catalogue and wishes, and refuses another community’s', async () => {
    const { stations } = await ok<{ stations: Array<{ id: string }> }>('demo-secretary', 'listStations')
    expect(stations.map((s) => s.id).sort()).toEqual(['st-gege-yintai', 'st-xiangfu'])
    expect(code(await h.call('points', { action: 'listStations', communityId: 'xinheping' }, 'demo-courier'))).toBe(
      'FORBIDDEN',
    )
  })
  it('tells signed-up couriers when an activity changes time or is cancelled, once each', async () => {
    const activityId = await publish()
    const [other] = await addCouriers(h, 1, 0)
    await ok('demo-courier', 'signUp', { activityId })
    await ok(other, 'signUp', { activityId })
    await ok(other, 'withdraw', { activityId })
    await ok('demo-secretary', 'saveActivity', {
      activityId,
      communityId: 'ruanjiaqiao',
      title: '平安夜巡：测试',
      kind: '平安夜巡',
      description: '测试',
      place: '阮家桥社区南门',
      startAt: TEST_NOW + DAY,
      endAt: TEST_NOW + DAY + 2 * HOUR,
      capacity: 5,
      points: 7,
    })
    expect(await ok('demo-secretary', 'cancelActivity', { activityId, reason: '暴雨预警' })).toMatchObject({
      signupsToTell: 1,
    })
    const inbox = await ok<{
      unread: number
      notices: Array<{ kind: string; title: string; body: string; read: boolean }>
    }>('demo-courier', 'myNotices')
    expect(inbox.unread).toBe(2)
    expect(inbox.notices.map((n) => [n.kind, n.body])).toEqual(
      expect.arrayContaining([
        ['activity_cancelled', '原因：暴雨预警'],
        ['activity_changed', expect.stringContaining('阮家桥社区南门')],
      ]),
    )
    expect((await ok<{ unread: number }>(other, 'myNotices')).unread).toBe(0) // withdrew: not told
    expect(await ok('demo-courier', 'markNoticesRead')).toEqual({ marked: 2 })
    expect(
      (await ok<{ unread: number; notices: Array<{ read: boolean }> }>('demo-courier', 'myNotices')).notices.every(
        (n) => n.read,
      ),
    ).toBe(true)
  })
  it('never lets a secretary who also delivers award or approve themself', async () => {
    // 陈书记 delivers part-time: a courier record of her own, approved earlier by someone else
    await h
      .store()
      .collection('users')
      .put({
        _id: 'demo-secretary',
        nickname: '陈书记',
        roles: [{ role: 'secretary', communityId: 'ruanjiaqiao' }, { role: 'courier' }],
        createdAt: TEST_NOW,
      })
    await h.store().collection('couriers').put({
      _id: 'demo-secretary',
      name: '陈小红',
      phone: '13900000009',
      platform: '美团',
      riderId: 'MT-9',
      communityId: 'ruanjiaqiao',
      status: 'approved',
      approvedAt: TEST_NOW,
      passId: 'c2VjcmV0',
      movementConsentAt: TEST_NOW,
      createdAt: TEST_NOW,
      updatedAt: TEST_NOW,
    })
    const activityId = await publish({ points: 50 })
    await ok('demo-secretary', 'signUp', { activityId })
    h.clock.advance(DAY + HOUR)
    const { report } = await ok<{ report: { id: string } }>('demo-secretary', 'submitReport', {
      category: '其他',
      text: '路灯不亮已经三天了',
    })
    const before = await h.dump()
    expect(
      await h.call('points', { action: 'attend', activityId, courierId: 'demo-secretary' }, 'demo-secretary'),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('不能给自己记分') } })
    expect(
      await h.call(
        'points',
        { action: 'reviewReport', reportId: report.id, decision: 'accept', points: 50 },
        'demo-secretary',
      ),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(
      await h.call(
        'account',
        { action: 'review', courierId: 'demo-secretary', decision: 'suspend', reason: '测试' },
        'demo-secretary',
      ),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await h.dump()).toEqual(before)
  })

  it('keeps a hidden station out of couriers’ exchange: not listed, no wishes, no redemptions', async () => {
    await h
      .store()
      .collection('stations')
      .update('st-gege-yintai', { set: { hidden: true } })
    const stations = await ok<{ stations: Array<{ id: string }> }>('demo-courier', 'listStations')
    expect(stations.stations.map((s) => s.id)).toEqual(['st-xiangfu'])
    const items = await ok<{ items: Array<{ stationId: string }> }>('demo-courier', 'listItems')
    expect(items.items.every((i) => i.stationId !== 'st-gege-yintai')).toBe(true)
    expect(
      code(await h.call('points', { action: 'addWish', stationId: 'st-gege-yintai', name: '毛巾' }, 'demo-courier')),
    ).toBe('NOT_FOUND')
    expect(
      code(
        await h.call(
          'points',
          { action: 'redeem', itemId: 'item-demo-water', requestKey: 'hidden-key-01' },
          'demo-courier',
        ),
      ),
    ).toBe('NOT_FOUND')
    expect((await h.store().collection('exchangeItems').get('item-demo-water'))?.stock).toBe(50)
    // its secretaries still see it
    expect(
      (await ok<{ stations: Array<{ id: string }> }>('demo-secretary', 'listStations')).stations.map((s) => s.id),
    ).toContain('st-gege-yintai')
  })
})
