import {
  DEFAULT_LOCATION,
  MonthThemesOutput,
  NearbyStationsOutput,
  ThemeView,
  type Envelope,
  type User,
} from '../../types'
import { FUNCTION_ADAPTERS, type FunctionHarness } from '../support/function-harness'
import { china, TEST_NOW } from '../support/clock'

// TEST_NOW is Monday 2026-11-23 10:00 China time: ISO week 2026-W48 (23–29 November). The seed publishes this
// week's themes at 哥哥驿站 and 祥符街道驿站, and last week's (W47) at 哥哥驿站.
const ORIGIN = { lat: DEFAULT_LOCATION.lat, lng: DEFAULT_LOCATION.lng }
const OTHER_SECRETARY = 'o6_secretary_xinheping_0001'

const slots = [
  { date: '2026-11-28', start: '09:00', end: '11:00', title: '电动车检修' },
  { date: '2026-11-25', start: '14:00', end: '24:00', title: '免费理发' },
  { date: '2026-11-25', start: '09:00', end: '12:00', title: '义诊' },
]

describe.each(FUNCTION_ADAPTERS)('services themes — %s', (_name, open) => {
  let h: FunctionHarness
  beforeAll(async () => {
    h = await open()
  })
  afterAll(() => h.close())
  beforeEach(async () => {
    await h.reset()
    const other: User = {
      _id: OTHER_SECRETARY,
      nickname: '李书记',
      roles: [{ role: 'secretary', communityId: 'xinheping' }],
      createdAt: TEST_NOW,
    }
    await h.store().collection('users').put(other)
  })

  async function ok(
    openid: string,
    action: string,
    body: Record<string, unknown> = {},
  ): Promise<Record<string, unknown>> {
    const reply = await h.call('services', { action, ...body }, openid)
    if (!reply.ok) throw new Error(`services.${action} as ${openid}: ${reply.error.code} ${reply.error.message}`)
    return reply.data as Record<string, unknown>
  }
  const themeOf = (data: Record<string, unknown>) => ThemeView.nullable().parse(data.theme)
  const code = (reply: Envelope<unknown>) => (reply.ok ? 'OK' : reply.error.code)
  const nearbyTheme = async (stationId: string) => {
    const { stations } = NearbyStationsOutput.parse(
      await ok('demo-courier', 'nearbyStations', { location: ORIGIN, limit: 10 }),
    )
    return stations.find((s) => s.id === stationId)?.themeThisWeek
  }
  const save = (body: Record<string, unknown>, openid = 'demo-secretary') =>
    h.call(
      'services',
      {
        action: 'saveTheme',
        stationId: 'st-xiangfu',
        title: '暖心理发周',
        description: '志愿者理发',
        slots,
        publish: true,
        ...body,
      },
      openid,
    )

  it('secretary publishes this week’s theme → the courier sees it on the nearest stations and the station page', async () => {
    const reply = await save({})
    expect(reply.ok).toBe(true)
    const theme = themeOf((reply as { ok: true; data: Record<string, unknown> }).data)!
    expect(theme).toMatchObject({
      stationId: 'st-xiangfu',
      week: '2026-W48',
      weekStart: china('2026-11-23T00:00:00'),
      status: 'published',
      stationName: '祥符街道小哥驿站',
    })
    // slots are stored sorted by date and time
    expect(theme.slots.map((s) => `${s.date} ${s.start}`)).toEqual([
      '2026-11-25 09:00',
      '2026-11-25 14:00',
      '2026-11-28 09:00',
    ])
    expect(await nearbyTheme('st-xiangfu')).toEqual({ title: '暖心理发周', description: '志愿者理发' })
    const detail = await ok('demo-courier', 'placeDetail', { kind: 'station', id: 'st-xiangfu' })
    expect(themeOf(detail)).toMatchObject({ title: '暖心理发周', slots: theme.slots })
    expect(themeOf(await ok('o6_visitor_never_seen_000001', 'getTheme', { stationId: 'st-xiangfu' }))).toMatchObject({
      title: '暖心理发周',
    })
  })

  it('keeps one theme per station and week: saving again replaces it, a draft is seen only by the community’s secretaries', async () => {
    await save({ week: '2026-W49', title: '第一稿', slots: [] })
    await save({ week: '2026-W49', title: '第二稿', slots: [], publish: false })
    expect(await h.store().collection('themes').count({ stationId: 'st-xiangfu', week: '2026-W49' })).toBe(1)
    expect(themeOf(await ok('demo-courier', 'getTheme', { stationId: 'st-xiangfu', week: '2026-W49' }))).toBeNull()
    expect(themeOf(await ok(OTHER_SECRETARY, 'getTheme', { stationId: 'st-xiangfu', week: '2026-W49' }))).toBeNull()
    expect(
      themeOf(await ok('demo-secretary', 'getTheme', { stationId: 'st-xiangfu', week: '2026-W49' })),
    ).toMatchObject({ title: '第二稿', status: 'draft' })
    // this week's draft is not shown to couriers either
    await save({ title: '草稿', publish: false })
    expect(await nearbyTheme('st-xiangfu')).toBeUndefined()
    expect(themeOf(await ok('demo-courier', 'getTheme', { stationId: 'st-xiangfu' }))).toBeNull()
  })

  it('withdraws a theme: couriers no longer see it; a second withdrawal and a week without a theme are refused', async () => {
    const out = await ok('demo-secretary', 'withdrawTheme', { stationId: 'st-gege-yintai' })
    expect(themeOf(out)).toMatchObject({ week: '2026-W48', status: 'withdrawn' })
    expect(await nearbyTheme('st-gege-yintai')).toBeUndefined()
    expect(themeOf(await ok('demo-courier', 'getTheme', { stationId: 'st-gege-yintai' }))).toBeNull()
    expect(
      await h.call('services', { action: 'withdrawTheme', stationId: 'st-gege-yintai' }, 'demo-secretary'),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE', message: '这个主题已经撤回了' },
    })
    expect(
      await h.call(
        'services',
        { action: 'withdrawTheme', stationId: 'st-gege-yintai', week: '2026-W50' },
        'demo-secretary',
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('没有主题') },
    })
  })

  it('copies last week’s theme as a draft with the slots a week later, refusing over a published week or from an empty one', async () => {
    // this week is published already: refused, nothing written
    let before = await h.dump()
    expect(
      await h.call('services', { action: 'copyLastWeekTheme', stationId: 'st-gege-yintai' }, 'demo-secretary'),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE', message: expect.stringContaining('已经发布') },
    })
    expect(await h.dump()).toEqual(before)
    // 祥符 had no theme last week
    before = await h.dump()
    expect(
      await h.call('services', { action: 'copyLastWeekTheme', stationId: 'st-xiangfu' }, 'demo-secretary'),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '上一周（2026-W47）没有主题可以复制，请直接新建' },
    })
    expect(await h.dump()).toEqual(before)

    // next week from this week's
    const thisWeek = themeOf(await ok('demo-secretary', 'getTheme', { stationId: 'st-gege-yintai' }))!
    const copy = themeOf(
      await ok('demo-secretary', 'copyLastWeekTheme', { stationId: 'st-gege-yintai', week: '2026-W49' }),
    )!
    expect(copy).toMatchObject({
      week: '2026-W49',
      status: 'draft',
      title: thisWeek.title,
      description: thisWeek.description,
    })
    expect(copy.slots.map(({ date: _date, ...rest }) => rest)).toEqual(
      thisWeek.slots.map(({ date: _date, ...rest }) => rest),
    )
    expect(copy.slots.map((s) => s.date)).toEqual(['2026-12-02', '2026-12-05'])
    // copying over a draft is allowed; then publish it by saving
    expect(
      code(
        await h.call(
          'services',
          { action: 'copyLastWeekTheme', stationId: 'st-gege-yintai', week: '2026-W49' },
          'demo-secretary',
        ),
      ),
    ).toBe('OK')
    expect(await h.store().collection('themes').count({ stationId: 'st-gege-yintai', week: '2026-W49' })).toBe(1)

    // after withdrawing this week's, last week's (W47) can be copied into it
    await ok('demo-secretary', 'withdrawTheme', { stationId: 'st-gege-yintai' })
    const fromW47 = themeOf(await ok('demo-secretary', 'copyLastWeekTheme', { stationId: 'st-gege-yintai' }))!
    expect(fromW47).toMatchObject({
      week: '2026-W48',
      status: 'draft',
      title: '爱心理发',
      slots: [{ date: '2026-11-26', start: '14:00', end: '17:00' }],
    })
  })

  it.each([
    [
      'a slot outside the week',
      { slots: [{ date: '2026-11-30', start: '09:00', end: '10:00', title: '义诊' }] },
      'BAD_REQUEST',
      '不在 2026-W48（2026-11-23 至 2026-11-29）内',
    ],
    [
      'a slot ending before it starts',
      { slots: [{ date: '2026-11-24', start: '22:00', end: '02:00', title: '夜间义诊' }] },
      'BAD_REQUEST',
      '结束时间须晚于开始时间',
    ],
    [
      'a zero-length slot',
      { slots: [{ date: '2026-11-24', start: '10:00', end: '10:00', title: '义诊' }] },
      'BAD_REQUEST',
      '结束时间须晚于开始时间',
    ],
    ['a week that does not exist', { week: '2025-W53' }, 'BAD_REQUEST', '没有这个周次：2025-W53'],
    ['a malformed week', { week: '2026-48' }, 'BAD_REQUEST', '周次格式应为 YYYY-Www'],
    ['a week gone by', { week: '2026-W47' }, 'INVALID_STATE', '已经过去'],
    ['a week too far ahead', { week: '2027-W40' }, 'INVALID_STATE', '最多提前'],
    ['a one-character title', { title: '诊' }, 'BAD_REQUEST', '请填写本周主题'],
    ['an unknown station', { stationId: 'st-not-there' }, 'NOT_FOUND', '没有这个驿站'],
  ])('refuses %s with a clear message and writes nothing', async (_what, body, expected, message) => {
    const before = await h.dump()
    const reply = await save(body)
    expect(reply).toMatchObject({ ok: false, error: { code: expected, message: expect.stringContaining(message) } })
    expect(await h.dump()).toEqual(before)
  })

  it('lets only a secretary of the station’s community (or an admin) edit its themes', async () => {
    const before = await h.dump()
    const attempts: Array<[string, string, Record<string, unknown>]> = [
      ['saveTheme', 'demo-courier', {}],
      ['saveTheme', 'demo-guard', {}],
      ['saveTheme', 'demo-manager', {}],
      ['saveTheme', 'o6_visitor_never_seen_000001', {}],
      ['saveTheme', OTHER_SECRETARY, {}],
      ['withdrawTheme', OTHER_SECRETARY, {}],
      ['copyLastWeekTheme', OTHER_SECRETARY, { week: '2026-W49' }],
      ['withdrawTheme', 'demo-courier', {}],
    ]
    for (const [action, openid, extra] of attempts) {
      const body = action === 'saveTheme' ? { title: '越权主题', description: '', slots: [], publish: true } : {}
      const reply = await h.call('services', { action, stationId: 'st-xiangfu', ...body, ...extra }, openid)
      expect({ action, openid, reply }).toMatchObject({
        action,
        openid,
        reply: { ok: false, error: { code: 'FORBIDDEN' } },
      })
      if (!reply.ok && openid === OTHER_SECRETARY)
        expect(reply.error.message).toBe('你不是该社区的工作人员，无法进行此操作')
    }
    expect(await h.dump()).toEqual(before)
    expect(code(await save({ title: '管理员代发' }, 'demo-admin'))).toBe('OK')
  })

  it('lists a month’s published themes (月月换主题), a week spanning two months in both', async () => {
    await save({
      week: '2026-W49',
      title: '跨月主题',
      slots: [{ date: '2026-12-01', start: '09:00', end: '10:00', title: '义诊' }],
    })
    await save({ week: '2026-W50', title: '十二月草稿', slots: [], publish: false })
    const november = MonthThemesOutput.parse(await ok('demo-courier', 'monthThemes'))
    expect(november.month).toBe('2026-11')
    expect(november.themes.map((t) => `${t.week} ${t.title}`)).toEqual([
      '2026-W47 爱心理发',
      '2026-W48 免费义诊周',
      '2026-W48 电动车安全检修',
      '2026-W49 跨月主题',
    ])
    const december = MonthThemesOutput.parse(
      await ok('o6_visitor_never_seen_000001', 'monthThemes', { month: '2026-12', communityId: 'ruanjiaqiao' }),
    )
    expect(december.themes.map((t) => t.title)).toEqual(['跨月主题'])
    const oneStation = MonthThemesOutput.parse(await ok('demo-courier', 'monthThemes', { stationId: 'st-gege-yintai' }))
    expect(oneStation.themes.map((t) => t.week)).toEqual(['2026-W47', '2026-W48'])
    // another community's month is empty; a visitor must name a community or station
    expect(
      MonthThemesOutput.parse(await ok('demo-courier', 'monthThemes', { communityId: 'xinheping' })).themes,
    ).toEqual([])
    expect(await h.call('services', { action: 'monthThemes' }, 'o6_visitor_never_seen_000001')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '请先选择社区或驿站' },
    })
    // a hidden station's themes are left out of the public calendar, for its secretaries too (they edit them week
    // by week, where getTheme still shows them)
    await h
      .store()
      .collection('stations')
      .update('st-xiangfu', { set: { hidden: true } })
    expect(
      MonthThemesOutput.parse(await ok('demo-courier', 'monthThemes')).themes.map((t) => t.stationId),
    ).not.toContain('st-xiangfu')
    expect(
      MonthThemesOutput.parse(await ok('demo-secretary', 'monthThemes')).themes.map((t) => t.stationId),
    ).not.toContain('st-xiangfu')
    expect(await ok('demo-secretary', 'getTheme', { stationId: 'st-xiangfu' })).toMatchObject({
      theme: expect.anything(),
    })
    expect(code(await h.call('services', { action: 'getTheme', stationId: 'st-xiangfu' }, 'demo-courier'))).toBe(
      'NOT_FOUND',
    )
  })
})
