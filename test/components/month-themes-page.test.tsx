import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MonthThemesPage from '../../src/courier/pages/themes'
import type { MonthThemesOutput, ThemeView } from '../../types'
import { chooseDemoIdentity, failReply, mockActions, okReply, sentRequests } from './helpers'
import { THEME } from './place-fixtures'

/** Thursday 2026-11-26 10:00 in China: week 48 is this week. */
const NOW = Date.parse('2026-11-26T10:00:00+08:00')

const XIANGFU: ThemeView = {
  ...THEME,
  id: 'th-2026-W48-st-xiangfu',
  stationId: 'st-xiangfu',
  stationName: '祥符街道小哥驿站',
  title: '电动车安全检修',
  description: '',
  slots: [{ date: '2026-11-24', start: '15:00', end: '18:00', title: '刹车、灯光免费检查' }],
}
const LAST_WEEK: ThemeView = {
  ...THEME,
  id: 'th-2026-W47-st-gege-yintai',
  week: '2026-W47',
  weekStart: Date.parse('2026-11-16T00:00:00+08:00'),
  title: '爱心理发',
  slots: [],
}

function openedWith(params: Record<string, string>) {
  jest
    .spyOn(Taro, 'getCurrentInstance')
    .mockReturnValue({ router: { params } } as unknown as ReturnType<typeof Taro.getCurrentInstance>)
}

const month = (m: string, themes: ThemeView[]): MonthThemesOutput => ({ month: m, themes })

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-courier')
  jest.spyOn(Date, 'now').mockReturnValue(NOW)
})
afterEach(() => jest.restoreAllMocks())

describe('月月换主题 month view', () => {
  it('lists this month’s themes of the courier’s community by week, each with its station and slots', async () => {
    openedWith({})
    const fetchMock = mockActions({
      'services.monthThemes': () => okReply(month('2026-11', [LAST_WEEK, THEME, XIANGFU])),
    })
    const { container } = render(<MonthThemesPage />)
    await screen.findByText('电动车安全检修')
    expect(sentRequests(fetchMock).map((r) => r.body)).toEqual([{ action: 'monthThemes', month: '2026-11' }])
    expect(container.querySelector('.month-themes__month')?.textContent).toBe('2026年11月')
    expect(container.querySelector('.month-themes__scope')?.textContent).toBe('本社区驿站')

    const weeks = Array.from(container.querySelectorAll('.month-week'))
    expect(weeks.map((w) => w.querySelector('.month-week__title')?.textContent)).toEqual(['第47周', '第48周（本周）'])
    expect(weeks[1].querySelector('.month-week__range')?.textContent).toBe('11月23日–11月29日')
    expect(Array.from(weeks[1].querySelectorAll('.month-theme__station')).map((s) => s.textContent)).toEqual([
      '哥哥驿站（城西银泰城） ›',
      '祥符街道小哥驿站 ›',
    ])
    const xiangfu = weeks[1].querySelector('.month-theme[data-station-id="st-xiangfu"]')!
    expect(xiangfu.querySelector('.theme-slots__when')?.textContent).toBe('周二 11月24日 15:00–18:00')
    expect(xiangfu.querySelector('.month-theme__description')).toBeNull()

    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    fireEvent.click(xiangfu.querySelector('.month-theme__station')!)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/courier/pages/place/index?kind=station&id=st-xiangfu' })
  })

  it('上月 and 下月 ask for the months before and after, across a year', async () => {
    openedWith({})
    const fetchMock = mockActions({ 'services.monthThemes': (body) => okReply(month(String(body.month), [])) })
    const { container } = render(<MonthThemesPage />)
    await screen.findByText('2026年11月暂无主题')
    fireEvent.click(container.querySelector('#month-next')!)
    await screen.findByText('2026年12月暂无主题')
    fireEvent.click(container.querySelector('#month-next')!)
    await screen.findByText('2027年1月暂无主题')
    expect(container.querySelector('.month-themes__month')?.textContent).toBe('2027年1月')
    fireEvent.click(container.querySelector('#month-prev')!)
    fireEvent.click(container.querySelector('#month-prev')!)
    fireEvent.click(container.querySelector('#month-prev')!)
    await screen.findByText('2026年10月暂无主题')
    expect(sentRequests(fetchMock).map((r) => r.body.month)).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2026-12',
      '2026-11',
      '2026-10',
    ])
    expect(sentRequests(fetchMock).at(-1)?.body).toEqual({ action: 'monthThemes', month: '2026-10' })
  })

  it('opened from a station shows that station’s themes only, without repeating its name', async () => {
    openedWith({ stationId: 'st-gege-yintai', stationName: encodeURIComponent('哥哥驿站（城西银泰城）') })
    const fetchMock = mockActions({ 'services.monthThemes': () => okReply(month('2026-11', [LAST_WEEK, THEME])) })
    const { container } = render(<MonthThemesPage />)
    await screen.findByText('免费义诊周')
    expect(sentRequests(fetchMock)[0].body).toEqual({
      action: 'monthThemes',
      month: '2026-11',
      stationId: 'st-gege-yintai',
    })
    expect(container.querySelector('.month-themes__scope')?.textContent).toBe('哥哥驿站（城西银泰城）')
    expect(container.querySelectorAll('.month-theme__station')).toHaveLength(0)
    expect(Array.from(container.querySelectorAll('.month-theme__title')).map((t) => t.textContent)).toEqual([
      '爱心理发',
      '免费义诊周',
    ])
  })

  it('tells someone without a community where to look, and shows other failures with 重试', async () => {
    openedWith({})
    mockActions({ 'services.monthThemes': () => failReply('NOT_FOUND', '请先选择社区或驿站') })
    const first = render(<MonthThemesPage />)
    await screen.findByText('还没有所属社区')
    expect(screen.queryByText('重试')).toBeNull()
    first.unmount()

    let calls = 0
    mockActions({
      'services.monthThemes': () => (++calls === 1 ? failReply('INTERNAL') : okReply(month('2026-11', [THEME]))),
    })
    render(<MonthThemesPage />)
    await screen.findByText('加载失败')
    fireEvent.click(screen.getByText('重试'))
    await waitFor(() => expect(screen.getByText('免费义诊周')).toBeTruthy())
  })
})
