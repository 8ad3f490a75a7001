import {
  ListManagedOutput,
  NearbyRoomsOutput,
  NearbyStationsOutput,
  SavePlaceOutput,
  type Envelope,
  type User,
} from '../../types'
import { FUNCTION_ADAPTERS, type FunctionHarness } from '../support/function-harness'
import { TEST_NOW } from '../support/clock'

const WUJIADUN_SECRETARY = 'o6_secretary_wujiadun_00001'
const HERE = { lat: 30.305, lng: 120.112 } // by 城西银泰城, 阮家桥社区

const stationForm = {
  communityId: 'ruanjiaqiao',
  name: '阮家桥夜间驿站',
  address: '杭州市拱墅区阮家桥路 1 号',
  location: HERE,
  hours: {
    kind: 'windows',
    windows: [
      { days: [1, 2, 3, 4, 5, 6, 7], start: '22:00', end: '02:00' },
      { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' },
    ],
  },
  phone: '0571-88888888',
  amenities: ['热水', '充电', '热水'],
}
const mealForm = {
  communityId: 'ruanjiaqiao',
  name: '阮家桥邻里食堂',
  address: '杭州市拱墅区阮家桥路 2 号',
  location: HERE,
  hours: { kind: 'windows', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '11:00', end: '13:30' }] },
  dish: '一荤两素',
  priceFen: 990,
  dailyQuota: 100,
}
const roomForm = {
  communityId: 'ruanjiaqiao',
  name: '阮家桥暖心房',
  address: '杭州市拱墅区阮家桥路 3 号',
  location: HERE,
  hours: { kind: 'always' },
  unitType: '单间',
  monthlyRentFen: 90_000,
  marketRentFen: 150_000,
  unitsAvailable: 3,
  conditions: '面向新就业群体',
}
const windows = (...list: Array<[number[], string, string]>) => ({
  kind: 'windows',
  windows: list.map(([days, start, end]) => ({ days, start, end })),
})

describe.each(FUNCTION_ADAPTERS)('services management — %s', (_name, open) => {
  let h: FunctionHarness
  beforeAll(async () => {
    h = await open()
  })
  afterAll(() => h.close())
  beforeEach(async () => {
    await h.reset()
    const secretary: User = {
      _id: WUJIADUN_SECRETARY,
      nickname: '吴书记',
      roles: [{ role: 'secretary', communityId: 'wujiadun' }],
      createdAt: TEST_NOW,
    }
    await h.store().collection('users').put(secretary)
  })

  async function ok(openid: string, action: string, body: Record<string, unknown>): Promise<unknown> {
    const reply = await h.call('services', { action, ...body }, openid)
    if (!reply.ok) throw new Error(`services.${action} as ${openid}: ${reply.error.code} ${reply.error.message}`)
    return reply.data
  }
  const saved = async (action: string, body: Record<string, unknown>, openid = 'demo-secretary') =>
    SavePlaceOutput.parse(await ok(openid, action, body)).place
  const code = (reply: Envelope<unknown>) => (reply.ok ? 'OK' : reply.error.code)
  const managed = async (kind: string, communityId = 'ruanjiaqiao', openid = 'demo-secretary') =>
    ListManagedOutput.parse(await ok(openid, 'listManaged', { communityId, kind })).places

  it('creates, edits and hides a station: couriers see it near them until it is hidden', async () => {
    const created = await saved('saveStation', stationForm)
    expect(created.id).toMatch(/^st_[0-9a-f]{32}$/)
    expect(created).toMatchObject({
      kind: 'station',
      hidden: false,
      amenities: ['热水', '充电'],
      phone: '0571-88888888',
    })
    const near = async () =>
      NearbyStationsOutput.parse(await ok('demo-courier', 'nearbyStations', { location: HERE, limit: 5 })).stations
    expect((await near())[0]).toMatchObject({ id: created.id, distanceM: 0, coordsApproximate: false, openNow: true })

    const edited = await saved('saveStation', {
      ...stationForm,
      id: created.id,
      name: '阮家桥小哥驿站',
      phone: undefined,
      note: '门口可停车',
    })
    expect(edited).toMatchObject({ id: created.id, name: '阮家桥小哥驿站', note: '门口可停车' })
    expect(edited.phone).toBeUndefined()
    expect(await h.store().collection('stations').count({ communityId: 'ruanjiaqiao' })).toBe(3)

    await saved('saveStation', { ...stationForm, id: created.id, hidden: true })
    expect((await near()).map((s) => s.id)).not.toContain(created.id)
    expect(
      code(await h.call('services', { action: 'placeDetail', kind: 'station', id: created.id }, 'demo-courier')),
    ).toBe('NOT_FOUND')
    const list = await managed('station')
    expect(list.find((p) => p.id === created.id)).toMatchObject({ hidden: true })
    expect(list.map((p) => p.id)).toEqual(expect.arrayContaining(['st-gege-yintai', 'st-xiangfu']))
  })

  it('keeps a seeded station marked approximate until its point is moved', async () => {
    const gege = (await managed('station')).find((p) => p.id === 'st-gege-yintai')!
    const form = {
      ...stationForm,
      id: gege.id,
      name: gege.name,
      address: gege.address,
      location: gege.location,
      hours: gege.hours,
      amenities: gege.amenities,
    }
    await saved('saveStation', form)
    expect((await h.store().collection('stations').get('st-gege-yintai'))?.coordsApproximate).toBe(true)
    await saved('saveStation', { ...form, location: HERE })
    expect((await h.store().collection('stations').get('st-gege-yintai'))?.coordsApproximate).toBe(false)
  })

  it('creates and edits meals and rooms, and marks a room’s units', async () => {
    const meal = await saved('saveMeal', mealForm)
    expect(meal).toMatchObject({ kind: 'meal', priceFen: 990, dailyQuota: 100, dish: '一荤两素' })
    expect(meal.id).toMatch(/^meal_[0-9a-f]{32}$/)
    const cheaper = await saved('saveMeal', { ...mealForm, id: meal.id, priceFen: 0, dailyQuota: undefined })
    expect(cheaper.priceFen).toBe(0)
    expect(cheaper.dailyQuota).toBeUndefined()
    expect((await managed('meal')).map((p) => p.id)).toEqual([meal.id])

    const room = await saved('saveRoom', roomForm)
    expect(room.id).toMatch(/^room_[0-9a-f]{32}$/)
    const rooms = async () =>
      NearbyRoomsOutput.parse(
        await ok('demo-courier', 'nearbyRooms', { location: HERE, limit: 1, availableOnly: true }),
      ).rooms
    expect(await rooms()).toMatchObject([{ id: room.id, savingFen: 60_000, unitsAvailable: 3 }])
    expect(await saved('setRoomUnits', { roomId: room.id, unitsAvailable: 0 })).toMatchObject({
      id: room.id,
      unitsAvailable: 0,
    })
    expect((await rooms()).map((r) => r.id)).not.toContain(room.id)
    // the seeded rooms belong to 吴家墩: their secretary marks them
    expect(await saved('setRoomUnits', { roomId: 'room-fengle', unitsAvailable: 4 }, WUJIADUN_SECRETARY)).toMatchObject(
      { unitsAvailable: 4 },
    )
    expect((await h.store().collection('rooms').get('room-fengle'))?.unitsAvailable).toBe(4)
  })

  it.each([
    [
      'overlapping windows on a weekday',
      'saveStation',
      { hours: windows([[1, 2, 3], '08:00', '12:00'], [[3], '11:00', '14:00']) },
      'BAD_REQUEST',
      '营业时间有重叠：周三 08:00–12:00 与 周三 11:00–14:00',
    ],
    [
      'a night window running into the next day’s',
      'saveStation',
      { hours: windows([[1], '22:00', '02:00'], [[2], '01:00', '05:00']) },
      'BAD_REQUEST',
      '营业时间有重叠：周一 22:00–次日02:00 与 周二 01:00–05:00',
    ],
    [
      'Sunday night running into Monday morning',
      'saveMeal',
      { hours: windows([[7], '23:00', '03:00'], [[1], '02:00', '04:00']) },
      'BAD_REQUEST',
      '营业时间有重叠：周日 23:00–次日03:00 与 周一 02:00–04:00',
    ],
    ['a window of no length', 'saveStation', { hours: windows([[1], '08:00', '08:00']) }, 'BAD_REQUEST', '没有时长'],
    [
      'a window starting at 24:00',
      'saveStation',
      { hours: windows([[1], '24:00', '02:00']) },
      'BAD_REQUEST',
      '开始时间不能是 24:00',
    ],
    [
      'a malformed time',
      'saveStation',
      { hours: windows([[1], '8:00', '12:00']) },
      'BAD_REQUEST',
      '时间格式应为 HH:mm',
    ],
    [
      'coordinates outside China',
      'saveStation',
      { location: { lat: 51.5, lng: -0.12 } },
      'BAD_REQUEST',
      '请求格式不正确',
    ],
    ['swapped coordinates', 'saveRoom', { location: { lat: 120.11, lng: 30.3 } }, 'BAD_REQUEST', '请求格式不正确'],
    ['a negative price', 'saveMeal', { priceFen: -1 }, 'BAD_REQUEST', '请求格式不正确'],
    ['a price in yuan with decimals', 'saveMeal', { priceFen: 9.9 }, 'BAD_REQUEST', '请求格式不正确'],
    [
      'a rent above the market rent',
      'saveRoom',
      { monthlyRentFen: 200_000 },
      'BAD_REQUEST',
      '优惠租金不能高于市场租金',
    ],
    ['negative units', 'saveRoom', { unitsAvailable: -1 }, 'BAD_REQUEST', '空房数不能为负'],
    ['a place of another community', 'saveRoom', { id: 'room-fengle' }, 'NOT_FOUND', '该社区没有这个房源'],
    ['an id that does not exist', 'saveMeal', { id: 'meal_not_there' }, 'NOT_FOUND', '该社区没有这个骑士餐'],
  ])('refuses %s with a clear message and writes nothing', async (_what, action, change, expected, message) => {
    const form = action === 'saveStation' ? stationForm : action === 'saveMeal' ? mealForm : roomForm
    const before = await h.dump()
    const reply = await h.call('services', { action, ...form, ...change }, 'demo-secretary')
    expect(reply).toMatchObject({ ok: false, error: { code: expected, message: expect.stringContaining(message) } })
    expect(await h.dump()).toEqual(before)
  })

  it.each([
    ['a window crossing midnight', windows([[1, 2, 3, 4, 5, 6, 7], '22:00', '02:00'])],
    ['the whole day 00:00–24:00', windows([[1, 2, 3, 4, 5, 6, 7], '00:00', '24:00'])],
    ['windows that touch', windows([[1], '08:00', '12:00'], [[1], '12:00', '24:00'], [[2], '00:00', '06:00'])],
    ['a window ending at midnight written 00:00', windows([[7], '20:00', '00:00'], [[1], '00:00', '08:00'])],
    ['open round the clock', { kind: 'always' }],
  ])('accepts %s', async (_what, hours) => {
    expect((await saved('saveStation', { ...stationForm, hours })).hours).toEqual(hours)
  })

  it('lets only a secretary of the owning community (or an admin) manage its places', async () => {
    const before = await h.dump()
    const others = ['demo-courier', 'demo-guard', 'demo-manager', 'o6_visitor_never_seen_000001', WUJIADUN_SECRETARY]
    for (const openid of others) {
      for (const [action, body] of [
        ['saveStation', stationForm],
        ['saveMeal', mealForm],
        ['saveRoom', roomForm],
        ['listManaged', { communityId: 'ruanjiaqiao', kind: 'station' }],
      ] as const) {
        const reply = await h.call('services', { action, ...body }, openid)
        expect({ openid, action, reply }).toMatchObject({
          openid,
          action,
          reply: { ok: false, error: { code: 'FORBIDDEN' } },
        })
      }
    }
    // 阮家桥's secretary may not mark 吴家墩's rooms
    expect(
      await h.call('services', { action: 'setRoomUnits', roomId: 'room-fengle', unitsAvailable: 0 }, 'demo-secretary'),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '你不是该社区的工作人员，无法进行此操作' },
    })
    expect(
      code(
        await h.call(
          'services',
          { action: 'setRoomUnits', roomId: 'room-not-there', unitsAvailable: 0 },
          'demo-secretary',
        ),
      ),
    ).toBe('NOT_FOUND')
    expect(await h.dump()).toEqual(before)
    // an admin acts everywhere, but not for a community that does not exist
    expect(
      code(
        await h.call('services', { action: 'setRoomUnits', roomId: 'room-fengle', unitsAvailable: 1 }, 'demo-admin'),
      ),
    ).toBe('OK')
    expect(
      await h.call('services', { action: 'saveStation', ...stationForm, communityId: 'nowhere' }, 'demo-admin'),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '没有这个社区' },
    })
  })
})
