import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import HomePage from '../../src/pages/home'
import type { MeOutput, StaffTodoOutput } from '../../types'
import { chooseDemoIdentity, mockActions, nearby, okReply, sentRequests, station } from './helpers'

const COURIER: MeOutput = {
  openid: 'demo-courier',
  nickname: '张小明',
  isNew: false,
  roles: [{ role: 'courier' }],
  courier: { status: 'approved', communityId: 'ruanjiaqiao', communityName: '阮家桥社区' },
}
const STATIONS = nearby([
  station({
    id: 'st-a',
    name: '哥哥驿站',
    themeThisWeek: { title: '电动车安全检修', description: '免费检查刹车和电池' },
  }),
  station({ id: 'st-b', name: '祥符驿站' }),
])
const TODO: StaffTodoOutput = {
  communityId: 'ruanjiaqiao',
  pendingCouriers: 3,
  pendingReports: 0,
  openRedemptions: 2,
  stationsWithoutTheme: 0,
  gatesWithoutGuard: 1,
  openInvitations: 0,
}
const POINTS = { balance: 18, earned: 18, entries: [] }

let navigateTo: jest.SpyInstance
beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-courier')
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
})
afterEach(() => jest.restoreAllMocks())

const common = (me: MeOutput) => ({
  'account.me': () => okReply(me),
  'services.nearbyStations': () => okReply(STATIONS),
  'points.myPoints': () => okReply(POINTS),
  'account.staffTodo': () => okReply(TODO),
  'account.myCommunities': () => okReply({ isAdmin: true, communities: [] }),
})

describe('home page (首页), one per role', () => {
  it('puts 出示小哥码 first for an approved courier, with the balance and this week’s theme nearby', async () => {
    mockActions(common(COURIER))
    const { container } = render(<HomePage />)
    await screen.findByText('出示小哥码')
    expect(container.querySelector('.home-courier')?.firstElementChild?.id).toBe('home-pass')
    await waitFor(() => expect(container.querySelector('.home-balance__value')?.textContent).toBe('18'))
    await screen.findByText('电动车安全检修', { selector: '.home-theme__title' })
    expect(container.querySelectorAll('.home-tile--locked')).toHaveLength(0)
    fireEvent.click(screen.getByText('出示小哥码'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pass/pages/pass-code/index' })
  })

  it.each([
    ['pending', '审核中', '修改注册信息'],
    ['rejected', '未通过', '修改后重新注册'],
  ] as const)(
    'tells a %s courier where they stand, greys what needs approval, and offers the fix',
    async (status, title, action) => {
      const me: MeOutput = { ...COURIER, courier: { ...COURIER.courier!, status, statusReason: '骑手编号与平台不符' } }
      mockActions(common(me))
      const { container } = render(<HomePage />)
      await screen.findByText(`${title} · 阮家桥社区`)
      expect(screen.getByText('说明：骑手编号与平台不符')).toBeTruthy()
      expect(container.querySelector('#home-pass')).toBeNull()
      const locked = container.querySelectorAll('.home-tile--locked')
      expect(locked).toHaveLength(4)
      fireEvent.click(locked[0])
      expect(navigateTo).not.toHaveBeenCalled()
      expect(screen.getAllByText('审核通过后可用').length).toBeGreaterThanOrEqual(4)
      fireEvent.click(screen.getByText(action))
      expect(navigateTo).toHaveBeenCalledWith({ url: '/courier/pages/register/index' })
    },
  )

  it('opens a guard straight on the scanner of their gate', async () => {
    const guard: MeOutput = {
      ...COURIER,
      nickname: '王师傅',
      roles: [{ role: 'guard', communityId: 'ruanjiaqiao', gateId: 'gate-rjq-north', communityName: '阮家桥社区' }],
      courier: null,
    }
    mockActions(common(guard))
    render(<HomePage />)
    await screen.findByText('扫码核验')
    await waitFor(() => expect(navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/gate-scan/index' }))
    expect(navigateTo).toHaveBeenCalledTimes(1)
  })

  it('lists a secretary’s to-dos with their counts, each linked to its tool', async () => {
    const secretary: MeOutput = {
      ...COURIER,
      nickname: '陈书记',
      roles: [{ role: 'secretary', communityId: 'ruanjiaqiao', communityName: '阮家桥社区' }],
      courier: null,
    }
    const fetchMock = mockActions(common(secretary))
    const { container } = render(<HomePage />)
    await screen.findByText('阮家桥社区 · 待办')
    const items = Array.from(container.querySelectorAll('.home-todo__item')).map((el) => el.textContent)
    expect(items).toEqual(['待审核的小哥注册3›', '待审核的随手拍0›', '待取货的兑换2›'])
    expect(sentRequests(fetchMock, 'account.staffTodo').map((r) => r.body)).toEqual([
      { action: 'staffTodo', communityId: 'ruanjiaqiao' },
    ])
    fireEvent.click(container.querySelector('.home-todo__item--couriers')!)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/review/index' })
  })

  it('lets a person with several roles switch homes, and remembers the choice', async () => {
    const both: MeOutput = {
      ...COURIER,
      roles: [{ role: 'courier' }, { role: 'manager', communityId: 'ruanjiaqiao', communityName: '阮家桥社区' }],
    }
    mockActions(common(both))
    const { container, unmount } = render(<HomePage />)
    await screen.findByText('阮家桥社区 · 待办')
    fireEvent.click(container.querySelector('.home-role__option[data-value="courier"]')!)
    await screen.findByText('出示小哥码')
    unmount()
    render(<HomePage />)
    await screen.findByText('出示小哥码')
  })

  it('welcomes a visitor with the services and 注册成为小哥', async () => {
    mockActions(common({ ...COURIER, nickname: '访客', isNew: true, roles: [], courier: null }))
    render(<HomePage />)
    fireEvent.click(await screen.findByText('注册成为小哥'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/courier/pages/register/index' })
    await screen.findByText('哥哥驿站')
  })

  it('starts an admin with no community on the first-run steps', async () => {
    mockActions(common({ ...COURIER, nickname: '系统管理员', roles: [{ role: 'admin' }], courier: null }))
    render(<HomePage />)
    fireEvent.click(await screen.findByText('新建第一个社区'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/communities/index' })
  })
})
