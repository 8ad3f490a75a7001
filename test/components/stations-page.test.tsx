import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import StationsPage from '../../src/pages/stations'
import { DEFAULT_LOCATION, ERROR_MESSAGES } from '../../types'
import {
  chooseDemoIdentity,
  deferred,
  failReply,
  mockFetch,
  nearby,
  okReply,
  sentBody,
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
    const [gege, wjd] = Array.from(container.querySelectorAll('.station-card')) as HTMLElement[]

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
