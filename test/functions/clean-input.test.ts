import type { z } from 'zod'
import { ACTIVITY_HORIZON_MS, CONTRACT, type Envelope, type FunctionName } from '../../types'
import { ManualClock } from '../../cloudfunctions/shared/clock'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { snapshotDatabase } from '../support/db-snapshot'
import { TEST_NOW } from '../support/clock'

/**
 * Input that is really clean (issue 12, item 3), through the real handlers on the local cloud: each malformed
 * request is refused as BAD_REQUEST with a Chinese message naming the problem, and nothing is written.
 * Every request is a valid one with a single field spoiled, and the valid one is checked to pass the
 * contract, so each refusal is the spoiled field's.
 */

const HOUR = 3_600_000
const HERE = { lat: 30.305, lng: 120.112 }
const place = {
  communityId: 'ruanjiaqiao',
  name: '阮家桥夜间驿站',
  address: '杭州市拱墅区阮家桥路 1 号',
  location: HERE,
  hours: { kind: 'windows', windows: [{ days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' }] },
}

/** A valid request of each action the cases spoil, and who sends it. */
const BASES = {
  register: {
    fn: 'account',
    openid: 'o6_visitor_clean_input_0001',
    body: {
      name: '王小二',
      phone: '13912345678',
      platform: '顺丰',
      riderId: 'SF-900001',
      communityId: 'ruanjiaqiao',
      photoUrl: 'local:FacePhotoOfTheTestRider0',
      consentPrivacy: true,
      consentMovement: true,
    },
  },
  review: {
    fn: 'account',
    openid: 'demo-secretary',
    body: { courierId: 'demo-courier', decision: 'suspend', reason: '投诉核实中' },
  },
  saveCommunity: {
    fn: 'account',
    openid: 'demo-admin',
    body: { name: '新社区', street: '祥符街道', district: '拱墅区', city: '杭州', location: HERE },
  },
  createInvitation: {
    fn: 'account',
    openid: 'demo-secretary',
    body: { communityId: 'ruanjiaqiao', role: 'manager', note: '赵经理' },
  },
  acceptInvitation: {
    fn: 'account',
    openid: 'o6_invitee_clean_input_0001',
    body: { code: 'XGI1.abc', name: '王师傅' },
  },
  issue: { fn: 'pass', openid: 'demo-courier', body: { destination: '3幢2单元' } },
  accessLog: { fn: 'pass', openid: 'demo-secretary', body: { communityId: 'ruanjiaqiao', day: '2026-11-23' } },
  saveGate: { fn: 'pass', openid: 'demo-secretary', body: { communityId: 'ruanjiaqiao', name: '西门' } },
  saveActivity: {
    fn: 'points',
    openid: 'demo-secretary',
    body: {
      communityId: 'ruanjiaqiao',
      title: '平安夜巡',
      kind: '平安夜巡',
      description: '沿阮家桥路巡查\n注意安全',
      place: '阮家桥社区北门',
      startAt: TEST_NOW + 24 * HOUR,
      endAt: TEST_NOW + 26 * HOUR,
      capacity: 10,
      points: 5,
    },
  },
  saveItem: {
    fn: 'points',
    openid: 'demo-secretary',
    body: { stationId: 'st-gege-yintai', name: '毛巾', cost: 20, stock: 5 },
  },
  submitReport: {
    fn: 'points',
    openid: 'demo-courier',
    body: { category: '消防通道堵塞', text: '三号楼消防通道被电动车堵住', location: HERE },
  },
  addWish: { fn: 'points', openid: 'demo-courier', body: { stationId: 'st-gege-yintai', name: '雨衣' } },
  ranking: { fn: 'points', openid: 'demo-courier', body: { month: '2026-11' } },
  nearbyStations: { fn: 'services', openid: 'demo-courier', body: { location: HERE } },
  saveTheme: {
    fn: 'services',
    openid: 'demo-secretary',
    body: {
      stationId: 'st-gege-yintai',
      week: '2026-W48',
      title: '义诊周',
      description: '社区医生来驿站',
      slots: [{ date: '2026-11-25', start: '14:00', end: '17:00', title: '义诊' }],
      publish: true,
    },
  },
  monthThemes: { fn: 'services', openid: 'demo-courier', body: { month: '2026-11' } },
  saveStation: { fn: 'services', openid: 'demo-secretary', body: { ...place, amenities: ['热水'] } },
  saveRoom: {
    fn: 'services',
    openid: 'demo-secretary',
    body: {
      ...place,
      unitType: '单间',
      monthlyRentFen: 90_000,
      marketRentFen: 150_000,
      unitsAvailable: 3,
      conditions: '面向新就业群体',
    },
  },
} satisfies Record<string, { fn: FunctionName; openid: string; body: Record<string, unknown> }>
type Action = keyof typeof BASES

/** [what, action, the spoiled fields, a fragment of the message] */
const CASES: Array<[string, Action, Record<string, unknown>, string]> = [
  // free text
  ['a name of two NULs', 'register', { name: '\u0000\u0000' }, '真实姓名不能包含控制字符'],
  ['a name of zero-width spaces', 'register', { name: '\u200b\u200b\u200b' }, '真实姓名不能只有空白或看不见的字符'],
  ['a name with digits', 'register', { name: '王小二2' }, '真实姓名不能包含数字'],
  ['a name with an emoji', 'register', { name: '王小二😀' }, '真实姓名只能包含汉字或英文字母'],
  ['a name that is markup', 'register', { name: '<script>' }, '真实姓名只能包含汉字或英文字母'],
  ['a name with a right-to-left override', 'register', { name: '王\u202e小二' }, '改变文字方向'],
  ['a rider id with a NUL', 'register', { riderId: 'SF\u0000900001' }, '骑手编号只能包含字母、数字和连字符'],
  ['a 达达 rider id with letters', 'register', { platform: '达达', riderId: 'DD-1' }, '达达骑手编号为 1–12 位数字'],
  ['a photo that is any URL', 'register', { photoUrl: 'javascript:alert(1)' }, '照片无效'],
  ['a review reason with a NUL', 'review', { reason: '投诉\u0000' }, '原因不能包含控制字符'],
  [
    'a community name of Hangul fillers',
    'saveCommunity',
    { name: '\u3164\u3164' },
    '社区名称不能只有空白或看不见的字符',
  ],
  ['an invitation note with a bidi isolate', 'createInvitation', { note: '赵\u2067经理' }, '备注不能包含改变文字方向'],
  ['a staff name with digits', 'acceptInvitation', { name: '王师傅007' }, '你的姓名不能包含数字'],
  ['a 送往 with a right-to-left override', 'issue', { destination: '3幢\u202e2单元' }, '送往地址不能包含改变文字方向'],
  ['a gate name with a line break', 'saveGate', { name: '西\n门' }, '门岗名称不能换行'],
  ['an activity title with a lone surrogate', 'saveActivity', { title: '平安\ud83d夜巡' }, '活动名称包含无效字符'],
  [
    'an activity description with a C1 control',
    'saveActivity',
    { description: '巡查\u0085' },
    '活动说明不能包含控制字符',
  ],
  ['an activity place of zero-width joiners', 'saveActivity', { place: '\u200d\u200d\u200d' }, '活动地点不能只有空白'],
  ['an item name with a BOM only', 'saveItem', { name: '\ufeff\u2060' }, '物品名称不能只有空白'],
  [
    'a report text with an escape sequence',
    'submitReport',
    { text: '通道堵塞\u001b[2J清屏了' },
    '情况说明不能包含控制字符',
  ],
  ['a wish with a right-to-left mark', 'addWish', { name: '雨\u200f衣' }, '心愿物品不能包含改变文字方向'],
  ['a theme title on two lines', 'saveTheme', { title: '义诊\n周' }, '本周主题不能换行'],
  [
    'a theme slot title of zero-width spaces',
    'saveTheme',
    { slots: [{ date: '2026-11-25', start: '14:00', end: '17:00', title: '\u200b' }] },
    '服务内容不能只有空白',
  ],
  ['a station name with a bell', 'saveStation', { name: '夜间\u0007驿站' }, '名称不能包含控制字符'],
  [
    'a station address with a bidi embedding',
    'saveStation',
    { address: '阮家桥路\u202b1 号' },
    '地址不能包含改变文字方向',
  ],
  ['a station note with DEL', 'saveStation', { note: '门口\u007f换电' }, '备注不能包含控制字符'],
  ['room conditions with a NUL', 'saveRoom', { conditions: '面向\u0000骑手' }, '入住条件不能包含控制字符'],
  // dates, months, weeks, times and instants
  ['a ranking month 13', 'ranking', { month: '2026-13' }, '月份格式应为 YYYY-MM'],
  ['a ranking month of year 0', 'ranking', { month: '0000-01' }, '月份须在 2000–2099 年之间'],
  ['an entry-log day that does not exist', 'accessLog', { day: '2026-02-30' }, '没有这一天：2026-02-30'],
  ['a month of themes 13', 'monthThemes', { month: '2026-13' }, '月份格式应为 YYYY-MM'],
  ['a theme week that does not exist', 'saveTheme', { week: '2025-W53' }, '没有这个周次：2025-W53'],
  [
    'a theme slot on 30 February',
    'saveTheme',
    { slots: [{ date: '2026-02-30', start: '14:00', end: '17:00', title: '义诊' }] },
    '没有这一天',
  ],
  [
    'a theme slot starting at 24:00',
    'saveTheme',
    { slots: [{ date: '2026-11-25', start: '24:00', end: '24:00', title: '义诊' }] },
    '开始时间不能是 24:00',
  ],
  [
    'opening hours starting at 24:00',
    'saveStation',
    { hours: { kind: 'windows', windows: [{ days: [1], start: '24:00', end: '24:00' }] } },
    '开始时间不能是 24:00',
  ],
  [
    'an activity starting at 9e15 ms',
    'saveActivity',
    { startAt: 9e15, endAt: 9e15 + HOUR },
    '时间须在 2000–2099 年之间',
  ],
  [
    'an activity starting beyond a year from now',
    'saveActivity',
    { startAt: TEST_NOW + ACTIVITY_HORIZON_MS + HOUR, endAt: TEST_NOW + ACTIVITY_HORIZON_MS + 2 * HOUR },
    '活动最多提前 365 天发布',
  ],
  // unknown keys in nested objects
  ['a location with an extra key', 'nearbyStations', { location: { ...HERE, alt: 12 } }, '出现未知的键'],
  ['a report location with an extra key', 'submitReport', { location: { ...HERE, accuracy: 5 } }, '出现未知的键'],
  ['a community location with an extra key', 'saveCommunity', { location: { ...HERE, label: '这里' } }, '出现未知的键'],
  ['hours with an extra key', 'saveStation', { hours: { kind: 'always', note: '全年' } }, '出现未知的键'],
  [
    'an opening window with an extra key',
    'saveStation',
    { hours: { kind: 'windows', windows: [{ days: [1], start: '08:00', end: '18:00', closed: true }] } },
    '出现未知的键',
  ],
  [
    'a theme slot with an extra key',
    'saveTheme',
    { slots: [{ date: '2026-11-25', start: '14:00', end: '17:00', title: '义诊', seats: 9 }] },
    '出现未知的键',
  ],
]

let clock: ManualClock
let cloud: LocalCloud
beforeEach(async () => {
  clock = new ManualClock(TEST_NOW)
  cloud = await createLocalCloud({ dataDir: ':memory:', now: () => clock.now() })
})
afterEach(() => cloud.close())

function send(action: Action, changes: Record<string, unknown> = {}): Promise<Envelope<unknown>> {
  const { fn, openid, body } = BASES[action]
  return cloud.call(fn, { action, ...body, ...changes }, openid)
}

function inputOf(action: Action): z.ZodType {
  const { fn } = BASES[action]
  return (CONTRACT[fn] as Record<string, { input: z.ZodType }>)[action].input
}

describe('malformed input is refused by the real handlers, and writes nothing', () => {
  it.each(Object.keys(BASES) as Action[])('the valid %s request the cases spoil passes the contract', (action) => {
    const parsed = inputOf(action).safeParse(BASES[action].body)
    expect(parsed.error?.issues ?? []).toEqual([])
  })

  it.each(CASES)('%s (%s)', async (_what, action, changes, fragment) => {
    const before = await snapshotDatabase(cloud.store)
    const reply = await send(action, changes)
    expect(reply).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining(fragment) },
    })
    expect((reply as { error: { message: string } }).error.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })

  it('takes the valid requests: the refusals above are the spoiled fields’', async () => {
    expect(await send('register')).toMatchObject({ ok: true })
    expect(await send('saveActivity')).toMatchObject({ ok: true })
    expect(await send('saveStation')).toMatchObject({ ok: true })
    expect(await send('saveTheme')).toMatchObject({ ok: true })
    expect(await send('accessLog')).toMatchObject({ ok: true })
    expect(await send('ranking')).toMatchObject({ ok: true })
  })

  it('stores clean text as normalised: trimmed, NFC, tabs as spaces, a 真实姓名’s dot unified', async () => {
    expect(
      await send('register', { name: ' 买买提・艾力\u200b ', riderId: ' sf-900001 ', platform: '顺丰' }),
    ).toMatchObject({ ok: true })
    expect(await cloud.store.collection('couriers').get(BASES.register.openid)).toMatchObject({
      name: '买买提·艾力',
      riderId: 'SF-900001',
    })
    expect(await send('saveItem', { name: '\tCafe\u0301\t毛巾 ' })).toMatchObject({
      ok: true,
      data: { item: { name: 'Café 毛巾' } },
    })
  })
})
