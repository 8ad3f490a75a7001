import { ManualClock } from '../../cloudfunctions/shared/clock'
import { NOTIFY_DEADLINE_MS, type Notice, type Notifier } from '../../cloudfunctions/shared/notify'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { createLocalServer } from '../../local/server'
import { OUTBOX_LIMIT, createOutbox } from '../../local/outbox'
import type { Envelope } from '../../types'
import { TEST_NOW } from '../support/clock'
import { close, listen } from '../support/http'

const HOUR = 3600_000
const DAY = 24 * HOUR
const PENDING = 'demo-courier-pending'

let clock: ManualClock
let cloud: LocalCloud
async function start(notifier?: Notifier) {
  clock = new ManualClock(TEST_NOW)
  cloud = await createLocalCloud({ dataDir: ':memory:', now: () => clock.now(), notifier })
}
afterEach(() => cloud.close())

async function ok<T = Record<string, unknown>>(
  fn: 'account' | 'points',
  openid: string,
  action: string,
  body: Record<string, unknown> = {},
): Promise<T> {
  const reply: Envelope<unknown> = await cloud.call(fn, { action, ...body }, openid)
  if (!reply.ok) throw new Error(`${fn}.${action} as ${openid}: ${reply.error.code} ${reply.error.message}`)
  return reply.data as T
}

async function publish(): Promise<string> {
  const out = await ok<{ activity: { id: string } }>('points', 'demo-secretary', 'saveActivity', {
    communityId: 'ruanjiaqiao',
    title: '平安夜巡：阮家桥社区东门到西门再到北门一圈',
    kind: '平安夜巡',
    description: '测试',
    place: '阮家桥社区',
    startAt: TEST_NOW + DAY,
    endAt: TEST_NOW + DAY + 2 * HOUR,
    capacity: 5,
    points: 7,
  })
  await ok('points', 'demo-courier', 'signUp', { activityId: out.activity.id })
  return out.activity.id
}

describe('subscribe messages after a review decision', () => {
  beforeEach(() => start())

  it('tells an approved courier 审核通过, on the home page, and nobody else', async () => {
    await ok('account', 'demo-secretary', 'review', { courierId: PENDING, decision: 'approve' })
    const [message, ...rest] = cloud.outbox.list(PENDING)
    expect(rest).toEqual([])
    expect(message).toMatchObject({
      template: 'review',
      page: 'pages/home/index',
      data: { thing1: { value: '小哥注册' }, phrase2: { value: '审核通过' } },
    })
    expect(cloud.outbox.list('demo-secretary')).toEqual([])
  })

  it('tells a rejected courier 未通过 with the reason, cut to WeChat’s 20 characters', async () => {
    const reason = '平台骑手编号与姓名不一致，请核对后在注册页重新提交，谢谢配合'
    await ok('account', 'demo-secretary', 'review', { courierId: PENDING, decision: 'reject', reason })
    const [message] = cloud.outbox.list(PENDING)
    expect(message.data.phrase2.value).toBe('未通过')
    expect(message.data.thing3.value).toBe(`${[...reason].slice(0, 19).join('')}…`)
    expect([...message.data.thing3.value]).toHaveLength(20)
  })

  it('sends nothing for a suspension or a refused decision', async () => {
    await ok('account', 'demo-secretary', 'review', { courierId: 'demo-courier', decision: 'suspend', reason: '违规' })
    const refused = await cloud.call(
      'account',
      { action: 'review', courierId: 'demo-courier', decision: 'approve' },
      'demo-secretary',
    )
    expect(refused.ok).toBe(false)
    expect(cloud.outbox.list('demo-courier')).toEqual([])
  })
})

describe('subscribe messages about activities', () => {
  beforeEach(() => start())

  it('tells every signed-up courier of a cancellation once, however often it is repeated', async () => {
    const activityId = await publish()
    await ok('points', 'demo-secretary', 'cancelActivity', { activityId, reason: '暴雨预警' })
    await ok('points', 'demo-secretary', 'cancelActivity', { activityId, reason: '暴雨预警' })
    const messages = cloud.outbox.list('demo-courier')
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({
      template: 'activity',
      page: 'courier/pages/activities/index',
      data: {
        thing1: { value: '平安夜巡：阮家桥社区东门到西门再到北门…' },
        phrase2: { value: '已取消' },
        thing4: { value: '原因：暴雨预警' },
      },
    })
    expect(messages[0].data.time3.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
  })

  it('tells of a new time once, and not of a save that changes neither time nor place', async () => {
    const activityId = await publish()
    const save = (startAt: number, description = '测试') =>
      ok('points', 'demo-secretary', 'saveActivity', {
        activityId,
        communityId: 'ruanjiaqiao',
        title: '平安夜巡',
        kind: '平安夜巡',
        description,
        place: '阮家桥社区',
        startAt,
        endAt: startAt + 2 * HOUR,
        capacity: 5,
        points: 7,
      })
    await save(TEST_NOW + DAY + HOUR)
    await save(TEST_NOW + DAY + HOUR, '改了说明')
    const messages = cloud.outbox.list('demo-courier')
    expect(messages).toHaveLength(1)
    expect(messages[0].data.phrase2.value).toBe('时间变更')
  })
})

describe('subscribe messages when a redemption is ready to pick up', () => {
  beforeEach(() => start())

  it('sends the pickup code when the redemption is recorded, and nothing on a repeat of the request', async () => {
    const body = { itemId: 'item-demo-towel', requestKey: 'notify-key-0001' }
    const first = await ok<{ redemption: { pickupCode: string; stationName: string } }>(
      'points',
      'demo-courier',
      'redeem',
      body,
    )
    await ok('points', 'demo-courier', 'redeem', body)
    const messages = cloud.outbox.list('demo-courier')
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({
      template: 'pickup',
      page: 'courier/pages/exchange/index',
      data: {
        thing2: { value: first.redemption.stationName },
        character_string3: { value: first.redemption.pickupCode },
      },
    })
  })
})

describe('a failing notifier never fails or holds up the action', () => {
  let errors: jest.SpyInstance<void, unknown[]>
  const logged = () => errors.mock.calls.map((args) => args.map(String).join(' ')).join('\n')
  beforeEach(() => {
    errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  })
  afterEach(() => errors.mockRestore())

  it('commits a review whose message WeChat refuses, and logs the template and errcode without personal data', async () => {
    const refusing: Notifier = {
      send: () => Promise.reject(Object.assign(new Error('user refused'), { errCode: 43101 })),
    }
    await start(refusing)
    expect(await ok('account', 'demo-secretary', 'review', { courierId: PENDING, decision: 'approve' })).toEqual({
      status: 'approved',
    })
    expect((await cloud.store.collection('couriers').get(PENDING))?.status).toBe('approved')
    expect(logged()).toContain('review')
    expect(logged()).toContain('43101')
    expect(logged()).not.toContain(PENDING)
  })

  it('answers a cancellation and a redemption within the deadline while the notifier hangs', async () => {
    const sent: Notice[] = []
    const hanging: Notifier = {
      send: (msg) => {
        sent.push(msg)
        return new Promise(() => undefined)
      },
    }
    await start(hanging)
    const activityId = await publish()
    const started = Date.now()
    const [cancelled, redeemed] = await Promise.all([
      ok<{ activity: { phase: string } }>('points', 'demo-secretary', 'cancelActivity', { activityId, reason: '暴雨' }),
      ok<{ redemption: { status: string } }>('points', 'demo-courier', 'redeem', {
        itemId: 'item-demo-towel',
        requestKey: 'notify-key-hang',
      }),
    ])
    expect(Date.now() - started).toBeLessThan(NOTIFY_DEADLINE_MS + 2000)
    expect(cancelled.activity.phase).toBe('cancelled')
    expect(redeemed.redemption.status).toBe('reserved')
    expect((await cloud.store.collection('activities').get(activityId))?.status).toBe('cancelled')
    expect(sent.map((m) => m.template).sort()).toEqual(['activity', 'pickup'])
    expect(logged()).toContain('errcode timeout')
  }, 15_000)
})

describe('the local outbox', () => {
  it('keeps the newest 50 messages per person, newest first, and forgets a person on request', async () => {
    let now = 0
    const outbox = createOutbox(() => ++now)
    const msg = (i: number): Notice => ({
      touser: 'a',
      template: 'review',
      page: 'pages/home/index',
      data: { thing1: { value: `#${i}` } },
    })
    for (let i = 1; i <= OUTBOX_LIMIT + 5; i++) await outbox.send(msg(i))
    await outbox.send({ ...msg(0), touser: 'b' })
    const listed = outbox.list('a')
    expect(listed).toHaveLength(OUTBOX_LIMIT)
    expect(listed[0].data.thing1.value).toBe(`#${OUTBOX_LIMIT + 5}`)
    expect(listed.at(-1)?.data.thing1.value).toBe('#6')
    outbox.forget('a')
    expect(outbox.list('a')).toEqual([])
    expect(outbox.list('b')).toHaveLength(1)
  })
})

describe('GET /local/outbox', () => {
  beforeEach(() => start())

  it('answers the caller’s own messages in the envelope, and refuses a missing or malformed x-openid', async () => {
    const server = createLocalServer({ cloud })
    const base = await listen(server)
    try {
      await ok('account', 'demo-secretary', 'review', { courierId: PENDING, decision: 'approve' })
      const get = async (openid?: string, method = 'GET') => {
        const res = await fetch(`${base}/local/outbox`, { method, headers: openid ? { 'x-openid': openid } : {} })
        return { status: res.status, body: (await res.json()) as Envelope<{ messages: Array<{ template: string }> }> }
      }
      const mine = await get(PENDING)
      expect(mine.status).toBe(200)
      expect(mine.body.ok && mine.body.data.messages.map((m) => m.template)).toEqual(['review'])
      const theirs = await get('demo-courier')
      expect(theirs.body.ok && theirs.body.data.messages).toEqual([])
      for (const refused of [await get(), await get('bad id with spaces')]) {
        expect(refused.status).toBe(401)
        expect(refused.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
      }
      expect((await get(PENDING, 'POST')).status).toBe(405)
    } finally {
      await close(server)
    }
  })
})
