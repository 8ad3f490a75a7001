import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import StationsPage from '../../src/pages/stations'
import { stationMarkers } from '../../src/pages/stations/map-markers'
import type { MealView, RoomView } from '../../src/services/places'
import { DEFAULT_LOCATION, ERROR_MESSAGES } from '../../types'
import {
  chooseDemoIdentity,
  deferred,
  failReply,
  mockActions,
  mockFetch,
  nearby,
  okReply,
  sentBody,
  sentRequests,
  station,
  type FakeResponse,
} from './helpers'

const GEGE = station({
  id: 'st-gege',
  name: '哥哥驿站',
  distanceM: 350,
  openNow: true,
  hours: { kind: 'always' },
  amenities: ['热水', '空调', '临时停车'],
  address: '城西银泰城',
  communityName: '阮家桥社区',
})
const WUJIADUN = station({
  id: 'st-wjd',
  name: '吴家墩暖新驿站',
  distanceM: 1240,
  openNow: false,
  hours: { kind: 'windows', windows: [{ days: [1, 2, 3, 4, 5], start: '08:00', end: '20:00' }] },
  amenities: [],
  address: '康桥街道吴家墩社区服务中心',
  communityName: '吴家墩社区',
  coordsApproximate: true,
})

let reLaunch: jest.SpyInstance

beforeEach(() => {
  localStorage.clear()
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
})

afterEach(() => {
  reLaunch.mockRestore()
})

function cardNames(container: HTMLElement): string[] {
  return Array.from(container.querySelectorAll('.station-card__name')).map((el) => el.textContent ?? '')
}

describe('stations page (服务)', () => {
  it('sends a visitor without a demo identity to the demo login page and loads nothing', async () => {
    const fetchMock = mockFetch(() => okReply(nearby([GEGE])))
    render(<StationsPage />)
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/demo-login/index' }))
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('shows loading, then the stations in the order the cloud returned them', async () => {
    chooseDemoIdentity('demo-courier')
    const answer = deferred<FakeResponse>()
    const fetchMock = mockFetch(() => answer.promise)
    const { container } = render(<StationsPage />)
    expect(screen.getByText('正在加载…')).toBeTruthy()

    answer.resolve(okReply(nearby([GEGE, WUJIADUN])))
    await screen.findByText('哥哥驿站')
    expect(screen.queryByText('正在加载…')).toBeNull()
    expect(cardNames(container)).toEqual(['哥哥驿站', '吴家墩暖新驿站'])
    expect(reLaunch).not.toHaveBeenCalled()

    // The request carried the default location (h5 has no GCJ-02 position), without its label.
    expect(sentBody(fetchMock)).toEqual({
      action: 'nearbyStations',
      location: { lat: DEFAULT_LOCATION.lat, lng: DEFAULT_LOCATION.lng },
    })
    expect(screen.getByText('拱墅区（默认位置）')).toBeTruthy()
  })

  it('shows distance, open badge, hours, amenities, address and community on each card', async () => {
    chooseDemoIdentity('demo-courier')
    mockFetch(() => okReply(nearby([GEGE, WUJIADUN])))
    const { container } = render(<StationsPage />)
    await screen.findByText('哥哥驿站')
    const [gege, wjd] = Array.from(container.querySelectorAll<HTMLElement>('.station-card'))

    expect(gege.textContent).toContain('350米')
    expect(gege.querySelector('.station-card__badge')?.textContent).toBe('营业中')
    expect(gege.textContent).toContain('24小时营业')
    expect(Array.from(gege.querySelectorAll('.tag')).map((t) => t.textContent)).toEqual(['热水', '空调', '临时停车'])
    expect(gege.textContent).toContain('城西银泰城')
    expect(gege.textContent).toContain('阮家桥社区')
    expect(gege.textContent).not.toContain('位置为近似值')

    expect(wjd.textContent).toContain('1.2公里')
    expect(wjd.querySelector('.station-card__badge')?.textContent).toBe('已打烊')
    expect(wjd.textContent).toContain('周一至周五 08:00–20:00')
    expect(wjd.querySelectorAll('.tag')).toHaveLength(0)
    expect(wjd.textContent).toContain('位置为近似值')
  })

  it('shows the Chinese error message and loads again on 重试', async () => {
    chooseDemoIdentity('demo-courier')
    let calls = 0
    const fetchMock = mockFetch(() => (++calls === 1 ? failReply('INTERNAL') : okReply(nearby([GEGE]))))
    render(<StationsPage />)

    await screen.findByText(ERROR_MESSAGES.INTERNAL)
    expect(screen.getByText('加载失败')).toBeTruthy()
    expect(screen.queryByText('哥哥驿站')).toBeNull()

    fireEvent.click(screen.getByText('重试'))
    await screen.findByText('哥哥驿站')
    expect(screen.queryByText(ERROR_MESSAGES.INTERNAL)).toBeNull()
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })

  it('shows 网络不给力 when the cloud cannot be reached', async () => {
    chooseDemoIdentity('demo-courier')
    mockFetch(() => {
      throw new TypeError('Failed to fetch')
    })
    render(<StationsPage />)
    await screen.findByText(ERROR_MESSAGES.NETWORK)
  })

  it('says 附近暂无驿站 when no station is near', async () => {
    chooseDemoIdentity('demo-courier')
    mockFetch(() => okReply(nearby([])))
    const { container } = render(<StationsPage />)
    await screen.findByText('附近暂无驿站')
    expect(container.querySelectorAll('.station-card')).toHaveLength(0)
  })
})

// ——— The three lists, their filters and the way to a place ———

const MEAL: MealView = {
  id: 'meal-dayunhe',
  name: '大运河社区食堂',
  address: '杭州市拱墅区武林街道竹竿巷社区',
  communityName: '竹竿巷社区',
  location: { lat: 30.2752, lng: 120.1598 },
  coordsApproximate: false,
  distanceM: 980,
  hours: { kind: 'windows', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '11:00', end: '13:30' }] },
  openNow: true,
  dish: '骑士餐盲盒：一荤两素',
  priceFen: 990,
  dailyQuota: 50,
}
const LATE_MEAL: MealView = {
  ...MEAL,
  id: 'meal-late',
  name: '弄杭里邻里食堂',
  distanceM: 2300,
  openNow: false,
  priceFen: 1000,
  dailyQuota: undefined,
}

const ROOM: RoomView = {
  id: 'room-wujiadun',
  name: '吴家墩社区小哥专属房源',
  address: '杭州市拱墅区康桥街道吴家墩社区',
  communityName: '吴家墩社区',
  location: { lat: 30.3655, lng: 120.1638 },
  coordsApproximate: true,
  distanceM: 5400,
  hours: { kind: 'windows', windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:30' }] },
  openNow: false,
  unitType: '单间',
  monthlyRentFen: 120000,
  marketRentFen: 160000,
  savingFen: 40000,
  unitsAvailable: 6,
  conditions: '面向外卖骑手、快递员等新就业群体',
}
const FULL_ROOM: RoomView = {
  ...ROOM,
  id: 'room-full',
  name: '丰乐之家平价公寓',
  unitsAvailable: 0,
  savingFen: 0,
  marketRentFen: 120000,
}

const THEMED = station({ ...GEGE, themeThisWeek: { title: '免费义诊周', description: '医生到驿站坐诊' } })

describe('services tab: stations, meals and rooms with filters', () => {
  let navigateTo: jest.SpyInstance
  beforeEach(() => {
    chooseDemoIdentity('demo-courier')
    navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  })
  afterEach(() => navigateTo.mockRestore())

  const bodies = (fetchMock: jest.Mock, action: string) =>
    sentRequests(fetchMock, `services.${action}`).map((r) => r.body)
  const here = { lat: DEFAULT_LOCATION.lat, lng: DEFAULT_LOCATION.lng }
  const click = (container: HTMLElement, selector: string) => {
    const el = container.querySelector(selector)
    if (!el) throw new Error(`nothing matches ${selector}`)
    fireEvent.click(el)
  }

  it('shows a station’s 本周主题 and opens its detail page with the courier’s position', async () => {
    mockActions({ 'services.nearbyStations': () => okReply(nearby([THEMED, WUJIADUN])) })
    const { container } = render(<StationsPage />)
    await screen.findByText('免费义诊周')
    const [gege, wjd] = Array.from(container.querySelectorAll('.station-card'))
    expect(gege.querySelector('.station-card__theme-label')?.textContent).toBe('本周主题')
    expect(wjd.querySelector('.station-card__theme')).toBeNull()
    fireEvent.click(gege)
    expect(navigateTo).toHaveBeenCalledWith({
      url: '/courier/pages/place/index?kind=station&id=st-gege&lat=30.319600&lng=120.141600',
    })
  })

  it('只看营业中 sends openNow and reloads the list; turning it off sends no filter', async () => {
    const fetchMock = mockActions({
      'services.nearbyStations': (body) => okReply(nearby(body.openNow ? [GEGE] : [GEGE, WUJIADUN])),
    })
    const { container } = render(<StationsPage />)
    await screen.findByText('吴家墩暖新驿站')
    const toggle = container.querySelector('#filter-open-now')!
    expect(toggle.textContent).toContain('只看营业中')
    expect(toggle.getAttribute('aria-checked')).toBe('false')

    fireEvent.click(toggle)
    await waitFor(() => expect(cardNames(container)).toEqual(['哥哥驿站']))
    expect(container.querySelector('#filter-open-now')?.getAttribute('aria-checked')).toBe('true')

    fireEvent.click(container.querySelector('#filter-open-now')!)
    await screen.findByText('吴家墩暖新驿站')
    expect(bodies(fetchMock, 'nearbyStations')).toEqual([
      { action: 'nearbyStations', location: here },
      { action: 'nearbyStations', location: here, openNow: true },
      { action: 'nearbyStations', location: here },
    ])
  })

  it('amenity chips send every amenity chosen, in the catalogue’s order; 更多设施 shows the rest', async () => {
    const fetchMock = mockActions({ 'services.nearbyStations': () => okReply(nearby([GEGE])) })
    const { container } = render(<StationsPage />)
    await screen.findByText('哥哥驿站')
    expect(container.querySelector('.station-amenities__option[data-value="图书"]')).toBeNull()

    click(container, '.station-amenities__option[data-value="充电"]')
    await waitFor(() => expect(bodies(fetchMock, 'nearbyStations')).toHaveLength(2))
    click(container, '.station-amenities__option[data-value="热水"]')
    await waitFor(() => expect(bodies(fetchMock, 'nearbyStations')).toHaveLength(3))
    expect(bodies(fetchMock, 'nearbyStations').slice(1)).toEqual([
      { action: 'nearbyStations', location: here, amenities: ['充电'] },
      { action: 'nearbyStations', location: here, amenities: ['热水', '充电'] },
    ])
    expect(container.querySelector('.station-amenities__option[data-value="热水"]')?.getAttribute('aria-checked')).toBe(
      'true',
    )

    fireEvent.click(screen.getByText('更多设施'))
    expect(container.querySelector('.station-amenities__option[data-value="图书"]')).not.toBeNull()
  })

  it('says 附近没有符合条件的驿站 when the filters leave nothing, and 清除筛选 lists again unfiltered', async () => {
    const fetchMock = mockActions({
      'services.nearbyStations': (body) => okReply(nearby(body.openNow ? [] : [GEGE])),
    })
    const { container } = render(<StationsPage />)
    await screen.findByText('哥哥驿站')
    expect(container.querySelector('#filter-clear')).toBeNull()
    click(container, '#filter-open-now')
    await screen.findByText('附近没有符合条件的驿站')
    expect(screen.getByText('试试放宽筛选')).toBeTruthy()
    expect(screen.queryByText('附近暂无驿站')).toBeNull()

    click(container, '#filter-clear')
    await screen.findByText('哥哥驿站')
    expect(container.querySelector('#filter-open-now')?.getAttribute('aria-checked')).toBe('false')
    expect(bodies(fetchMock, 'nearbyStations').at(-1)).toEqual({ action: 'nearbyStations', location: here })
  })

  it('lists 骑士餐 with price in yuan, dish, serving now and quota; 只看供餐中 and a price ceiling reload it', async () => {
    const fetchMock = mockActions({
      'services.nearbyStations': () => okReply(nearby([GEGE])),
      'services.nearbyMeals': () => okReply({ origin: here, meals: [MEAL, LATE_MEAL] }),
    })
    const { container } = render(<StationsPage />)
    await screen.findByText('哥哥驿站')
    click(container, '.services-kind__option[data-value="meal"]')
    await screen.findByText('大运河社区食堂')
    expect(container.querySelectorAll('.station-card:not(.meal-card)')).toHaveLength(0)
    const [meal, late] = Array.from(container.querySelectorAll('.meal-card'))
    expect(meal.querySelector('.meal-card__price')?.textContent).toBe('¥9.90')
    expect(meal.querySelector('.meal-card__dish')?.textContent).toBe('骑士餐盲盒：一荤两素')
    expect(meal.querySelector('.meal-card__badge')?.textContent).toBe('供餐中')
    expect(meal.querySelector('.meal-card__quota')?.textContent).toBe('每日限量 50 份')
    expect(meal.textContent).toContain('每天 11:00–13:30')
    expect(meal.querySelector('.meal-card__distance')?.textContent).toBe('980米')
    expect(late.querySelector('.meal-card__badge')?.textContent).toBe('未到供餐时间')
    expect(late.querySelector('.meal-card__price')?.textContent).toBe('¥10.00')
    expect(late.querySelector('.meal-card__quota')).toBeNull()
    // stations' filters are not offered here
    expect(container.querySelector('.station-amenities')).toBeNull()
    expect(container.querySelector('#filter-open-now')?.textContent).toContain('只看供餐中')

    click(container, '.meal-price__option[data-value="1000"]')
    await waitFor(() => expect(bodies(fetchMock, 'nearbyMeals')).toHaveLength(2))
    click(container, '#filter-open-now')
    await waitFor(() => expect(bodies(fetchMock, 'nearbyMeals')).toHaveLength(3))
    expect(bodies(fetchMock, 'nearbyMeals')).toEqual([
      { action: 'nearbyMeals', location: here },
      { action: 'nearbyMeals', location: here, maxPriceFen: 1000 },
      { action: 'nearbyMeals', location: here, openNow: true, maxPriceFen: 1000 },
    ])
    await waitFor(() => expect(container.querySelectorAll('.meal-card')).toHaveLength(2))
    click(container, '.meal-card[data-meal-id="meal-dayunhe"]')
    expect(navigateTo).toHaveBeenCalledWith({
      url: '/courier/pages/place/index?kind=meal&id=meal-dayunhe&lat=30.319600&lng=120.141600',
    })
  })

  it('lists 暖心房 with rent, 市场价, 省, free units and conditions; 只看有空房 and a rent ceiling reload it', async () => {
    const fetchMock = mockActions({
      'services.nearbyStations': () => okReply(nearby([GEGE])),
      'services.nearbyRooms': (body) =>
        okReply({ origin: here, rooms: body.availableOnly ? [ROOM] : [ROOM, FULL_ROOM] }),
    })
    const { container } = render(<StationsPage />)
    await screen.findByText('哥哥驿站')
    click(container, '.services-kind__option[data-value="room"]')
    await screen.findByText('吴家墩社区小哥专属房源')
    const [room, full] = Array.from(container.querySelectorAll('.room-card'))
    expect(room.querySelector('.room-card__rent')?.textContent).toBe('¥1200.00/月')
    expect(room.querySelector('.room-card__market')?.textContent).toBe('市场价 ¥1600.00')
    expect(room.querySelector('.room-card__saving')?.textContent).toBe('省 ¥400.00')
    expect(room.querySelector('.room-card__units')?.textContent).toBe('空房 6 间')
    expect(room.querySelector('.room-card__type')?.textContent).toBe('单间')
    expect(room.querySelector('.room-card__conditions')?.textContent).toBe('面向外卖骑手、快递员等新就业群体')
    expect(room.querySelector('.room-card__distance')?.textContent).toBe('5.4公里')
    expect(room.textContent).toContain('位置为近似值')
    expect(full.querySelector('.room-card__units')?.textContent).toBe('暂无空房')
    expect(full.querySelector('.room-card__saving')).toBeNull()
    // rooms have no "open now" filter: the cloud ignores it for them
    expect(container.querySelector('#filter-open-now')).toBeNull()

    click(container, '#filter-available')
    await waitFor(() => expect(container.querySelectorAll('.room-card')).toHaveLength(1))
    click(container, '.room-price__option[data-value="100000"]')
    await waitFor(() => expect(bodies(fetchMock, 'nearbyRooms')).toHaveLength(3))
    expect(bodies(fetchMock, 'nearbyRooms')).toEqual([
      { action: 'nearbyRooms', location: here },
      { action: 'nearbyRooms', location: here, availableOnly: true },
      { action: 'nearbyRooms', location: here, maxPriceFen: 100000, availableOnly: true },
    ])
  })

  it('keeps each list’s filters when switching lists', async () => {
    const fetchMock = mockActions({
      'services.nearbyStations': () => okReply(nearby([GEGE])),
      'services.nearbyMeals': () => okReply({ origin: here, meals: [MEAL] }),
    })
    const { container } = render(<StationsPage />)
    await screen.findByText('哥哥驿站')
    click(container, '#filter-open-now')
    await waitFor(() => expect(bodies(fetchMock, 'nearbyStations')).toHaveLength(2))
    click(container, '.services-kind__option[data-value="meal"]')
    await screen.findByText('大运河社区食堂')
    expect(bodies(fetchMock, 'nearbyMeals')).toEqual([{ action: 'nearbyMeals', location: here }])
    click(container, '.services-kind__option[data-value="station"]')
    await screen.findByText('哥哥驿站')
    expect(bodies(fetchMock, 'nearbyStations').at(-1)).toEqual({
      action: 'nearbyStations',
      location: here,
      openNow: true,
    })
    expect(container.querySelector('#filter-open-now')?.getAttribute('aria-checked')).toBe('true')
  })

  it('never shows a slow answer for the list the courier has left', async () => {
    const slow = deferred<FakeResponse>()
    mockActions({
      'services.nearbyStations': () => slow.promise,
      'services.nearbyMeals': () => okReply({ origin: here, meals: [MEAL] }),
    })
    const { container } = render(<StationsPage />)
    click(container, '.services-kind__option[data-value="meal"]')
    await screen.findByText('大运河社区食堂')
    slow.resolve(okReply(nearby([GEGE])))
    await act(async () => undefined)
    expect(screen.queryByText('哥哥驿站')).toBeNull()
    expect(container.querySelectorAll('.meal-card')).toHaveLength(1)
  })

  it('says so when no meal or room is near, and shows a failed list’s message with 重试', async () => {
    let calls = 0
    mockActions({
      'services.nearbyStations': () => okReply(nearby([GEGE])),
      'services.nearbyMeals': () => okReply({ origin: here, meals: [] }),
      'services.nearbyRooms': () => (++calls === 1 ? failReply('INTERNAL') : okReply({ origin: here, rooms: [ROOM] })),
    })
    const { container } = render(<StationsPage />)
    await screen.findByText('哥哥驿站')
    click(container, '.services-kind__option[data-value="meal"]')
    await screen.findByText('附近暂无骑士餐')
    click(container, '.services-kind__option[data-value="room"]')
    await screen.findByText(ERROR_MESSAGES.INTERNAL)
    fireEvent.click(screen.getByText('重试'))
    await screen.findByText('吴家墩社区小哥专属房源')
  })

  it('links to 月月换主题 from the stations list, and offers no map in h5', async () => {
    mockActions({ 'services.nearbyStations': () => okReply(nearby([GEGE])) })
    const { container } = render(<StationsPage />)
    await screen.findByText('哥哥驿站')
    expect(container.querySelector('.stations-view')).toBeNull()
    click(container, '#month-themes-link')
    expect(navigateTo).toHaveBeenCalledWith({ url: '/courier/pages/themes/index' })
  })
})

describe('station map markers (weapp)', () => {
  it('numbers one pin per station in list order, with name, open state, distance and theme in its bubble', () => {
    const markers = stationMarkers([THEMED, WUJIADUN])
    expect(markers.map((m) => [m.id, m.latitude, m.longitude, m.title])).toEqual([
      [0, 30.3, 120.1, '哥哥驿站'],
      [1, 30.3, 120.1, '吴家墩暖新驿站'],
    ])
    expect(markers[0].callout.content).toBe('哥哥驿站\n营业中 · 350米\n本周主题：免费义诊周')
    expect(markers[1].callout.content).toBe('吴家墩暖新驿站\n已打烊 · 1.2公里')
    expect(markers[0].callout.display).toBe('ALWAYS')
    expect(markers[1].callout.display).toBe('BYCLICK')
    expect(markers.every((m) => m.iconPath === '/assets/map-pin.png')).toBe(true)
  })
})
