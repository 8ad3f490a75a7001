import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import PlacePage from '../../src/courier/pages/place'
import { DEFAULT_LOCATION } from '../../types'
import { chooseDemoIdentity, failReply, mockActions, okReply, sentRequests } from './helpers'
import { MEAL_DETAIL, ROOM_DETAIL, STATION_DETAIL } from './place-fixtures'

function openedWith(params: Record<string, string>) {
  return jest
    .spyOn(Taro, 'getCurrentInstance')
    .mockReturnValue({ router: { params } } as unknown as ReturnType<typeof Taro.getCurrentInstance>)
}

const text = (container: HTMLElement, selector: string) => container.querySelector(selector)?.textContent ?? null

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-courier')
})
afterEach(() => jest.restoreAllMocks())

describe('place detail page', () => {
  it('shows a station in full with this week’s theme and its dated slots', async () => {
    openedWith({ kind: 'station', id: 'st-gege-yintai', lat: '30.319600', lng: '120.141600' })
    const fetchMock = mockActions({ 'services.placeDetail': () => okReply(STATION_DETAIL) })
    const { container } = render(<PlacePage />)
    await screen.findByText('免费义诊周')
    expect(sentRequests(fetchMock).map((r) => r.body)).toEqual([
      { action: 'placeDetail', kind: 'station', id: 'st-gege-yintai', location: { lat: 30.3196, lng: 120.1416 } },
    ])
    expect(text(container, '.place-detail__name')).toBe('哥哥驿站（城西银泰城）')
    expect(text(container, '.place-detail__distance')).toBe('3.1公里')
    expect(text(container, '.place-detail__badge')).toBe('营业中')
    expect(text(container, '.place-detail__hours')).toBe('24小时营业')
    expect(text(container, '.place-detail__address')).toBe('杭州市拱墅区城西银泰城广场')
    expect(text(container, '.place-detail__approx')).toContain('近似')
    expect(Array.from(container.querySelectorAll('.place-detail__amenities .tag')).map((t) => t.textContent)).toEqual([
      '空调',
      '热水',
      '换电',
    ])
    expect(text(container, '.place-theme__description')).toBe('社区卫生服务站医生到驿站坐诊：量血压、测血糖。')
    const slots = Array.from(container.querySelectorAll('.theme-slots__slot')).map((s) => [
      s.querySelector('.theme-slots__when')?.textContent,
      s.querySelector('.theme-slots__title')?.textContent,
    ])
    expect(slots).toEqual([
      ['周三 11月25日 14:00–17:00', '免费义诊：血压血糖检测'],
      ['周六 11月28日 09:00–11:30', '骑行劳损与颈腰椎咨询'],
    ])
    expect(text(container, '.place-detail__note')).toBe('门口电站可换电瓶')
  })

  it('in h5 offers the phone as a tel: link and the coordinates instead of 导航', async () => {
    openedWith({ kind: 'station', id: 'st-gege-yintai' })
    mockActions({ 'services.placeDetail': () => okReply(STATION_DETAIL) })
    const { container } = render(<PlacePage />)
    await screen.findByText('免费义诊周')
    expect(container.querySelector('a.place-contact__phone')?.getAttribute('href')).toBe('tel:0571-88888888')
    expect(text(container, '.place-contact__coords')).toBe('坐标（GCJ-02）：30.303600, 120.111300')
    expect(container.querySelector('#place-navigate')).toBeNull()
    expect(container.querySelector('#place-call')).toBeNull()
  })

  it('sends the h5 default location when opened without one, and links to the station’s month of themes', async () => {
    openedWith({ kind: 'station', id: 'st-gege-yintai' })
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    const fetchMock = mockActions({ 'services.placeDetail': () => okReply({ ...STATION_DETAIL, theme: null }) })
    const { container } = render(<PlacePage />)
    await screen.findByText('本周暂无主题服务')
    expect(sentRequests(fetchMock)[0].body.location).toEqual({ lat: DEFAULT_LOCATION.lat, lng: DEFAULT_LOCATION.lng })
    expect(container.querySelectorAll('.theme-slots__slot')).toHaveLength(0)
    fireEvent.click(container.querySelector('#place-month-themes')!)
    expect(navigateTo).toHaveBeenCalledWith({
      url: `/courier/pages/themes/index?stationId=st-gege-yintai&stationName=${encodeURIComponent('哥哥驿站（城西银泰城）')}`,
    })
  })

  it('shows a meal’s dish, price, quota and whether it is being served', async () => {
    openedWith({ kind: 'meal', id: 'meal-dayunhe' })
    const fetchMock = mockActions({ 'services.placeDetail': () => okReply(MEAL_DETAIL) })
    const { container } = render(<PlacePage />)
    await screen.findByText('大运河社区食堂')
    expect(sentRequests(fetchMock)[0].body).toMatchObject({ kind: 'meal', id: 'meal-dayunhe' })
    expect(text(container, '.place-meal__price')).toBe('¥9.90')
    expect(text(container, '.place-meal__dish')).toBe('骑士餐盲盒：一荤两素')
    expect(text(container, '.place-meal__quota')).toBe('每日限量 50 份')
    expect(text(container, '.place-detail__badge')).toBe('未到供餐时间')
    expect(container.textContent).toContain('供餐时间')
    expect(text(container, '.place-detail__hours')).toBe('每天 11:00–13:30')
    expect(text(container, '.place-contact__no-phone')).toBe('暂无联系电话')
    expect(container.querySelector('.place-theme')).toBeNull()
  })

  it('shows a room’s rent against the market rent, the saving, free units and conditions', async () => {
    openedWith({ kind: 'room', id: 'room-wujiadun' })
    mockActions({ 'services.placeDetail': () => okReply(ROOM_DETAIL) })
    const { container } = render(<PlacePage />)
    await screen.findByText('吴家墩社区小哥专属房源')
    expect(text(container, '.place-room__rent')).toBe('¥1200.00/月')
    expect(text(container, '.place-room__market')).toBe('市场价 ¥1600.00')
    expect(text(container, '.place-room__saving')).toBe('每月省 ¥400.00')
    expect(text(container, '.place-room__type')).toBe('单间')
    expect(text(container, '.place-room__units')).toBe('空房 6 间')
    expect(text(container, '.place-room__conditions')).toBe('面向外卖骑手、快递员等新就业群体')
    expect(text(container, '.place-detail__hours')).toBe('周一至周五 09:00–17:30')
    expect(container.querySelector('.place-detail__distance')).toBeNull()
    expect(container.querySelector('a.place-contact__phone')?.getAttribute('href')).toBe('tel:0571-86666666')
  })

  it('asks for nothing when the page names no place', async () => {
    openedWith({ kind: 'shop', id: 'x' })
    const fetchMock = mockActions({})
    render(<PlacePage />)
    await screen.findByText('没有找到这个地点')
    await act(async () => undefined)
    expect(fetchMock).not.toHaveBeenCalled()
    expect(screen.queryByText('重试')).toBeNull()
  })

  it('shows the cloud’s message for a hidden or unknown place, and 重试 asks again', async () => {
    openedWith({ kind: 'station', id: 'st-gone' })
    let calls = 0
    const fetchMock = mockActions({
      'services.placeDetail': () => (++calls === 1 ? failReply('NOT_FOUND', '没有这个驿站') : okReply(STATION_DETAIL)),
    })
    render(<PlacePage />)
    await screen.findByText('没有这个驿站')
    fireEvent.click(screen.getByText('重试'))
    await screen.findByText('免费义诊周')
    expect(sentRequests(fetchMock)).toHaveLength(2)
  })
})
