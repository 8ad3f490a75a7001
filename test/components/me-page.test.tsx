import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MePage from '../../src/pages/me'
import type { MeOutput } from '../../types'
import {
  chooseDemoIdentity,
  failReply,
  mockActions,
  mockFetch,
  okReply,
  sentBody,
  sentRequests,
  VISITOR,
} from './helpers'

const COURIER: MeOutput = {
  openid: 'demo-courier',
  nickname: '王小哥',
  isNew: false,
  roles: [{ role: 'courier', communityId: 'c-ruanjiaqiao', communityName: '阮家桥社区' }],
  courier: { status: 'approved', communityId: 'c-ruanjiaqiao', communityName: '阮家桥社区' },
}

const SUSPENDED: MeOutput = {
  ...COURIER,
  courier: {
    status: 'suspended',
    statusReason: '多次被投诉',
    communityId: 'c-ruanjiaqiao',
    communityName: '阮家桥社区',
  },
}

const SECRETARY: MeOutput = {
  openid: 'demo-secretary',
  nickname: '孙书记',
  isNew: false,
  roles: [{ role: 'secretary', communityId: 'c-ruanjiaqiao', communityName: '阮家桥社区' }, { role: 'admin' }],
  courier: null,
}

function texts(container: HTMLElement, selector: string): string[] {
  return Array.from(container.querySelectorAll(selector)).map((el) => el.textContent ?? '')
}

beforeEach(() => {
  localStorage.clear()
})

describe('me page (我的)', () => {
  it('links to 我的数据 for anyone the system knows, not for a visitor', async () => {
    chooseDemoIdentity('demo-courier')
    mockFetch(() => okReply(COURIER))
    const { container, unmount } = render(<MePage />)
    await screen.findByText('王小哥')
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    fireEvent.click(container.querySelector('.me-page__my-data')!)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/courier/pages/my-data/index' })
    unmount()
    mockFetch(() => okReply({ ...COURIER, isNew: true, roles: [], courier: null }))
    const visitor = render(<MePage />)
    await screen.findByText('王小哥')
    expect(visitor.container.querySelector('.me-page__my-data')).toBeNull()
  })

  it('asks the account function who I am', async () => {
    chooseDemoIdentity('demo-courier')
    const fetchMock = mockFetch(() => okReply(COURIER))
    render(<MePage />)
    await screen.findByText('王小哥')
    expect(fetchMock.mock.calls[0][0]).toBe('/fn/account')
    expect(sentBody(fetchMock)).toEqual({ action: 'me' })
  })

  it('shows a visitor as not yet registered, with no roles', async () => {
    mockFetch(() => okReply(VISITOR))
    const { container } = render(<MePage />)
    await screen.findByText('尚未注册为小哥')
    expect(screen.getByText('微信用户')).toBeTruthy()
    expect(screen.getByText('暂无角色')).toBeTruthy()
    expect(container.querySelectorAll('.me-page__role')).toHaveLength(0)
  })

  it('shows a courier with role, community and review status in Chinese', async () => {
    mockFetch(() => okReply(COURIER))
    const { container } = render(<MePage />)
    await screen.findByText('王小哥')
    expect(texts(container, '.me-page__role')).toEqual(['小哥 · 阮家桥社区'])
    expect(container.querySelector('.me-page__courier-status')?.textContent).toBe('已通过')
    expect(screen.getByText('所属社区：阮家桥社区')).toBeTruthy()
    expect(screen.queryByText('尚未注册为小哥')).toBeNull()
  })

  it('shows why a courier is suspended', async () => {
    mockFetch(() => okReply(SUSPENDED))
    const { container } = render(<MePage />)
    await screen.findByText('说明：多次被投诉')
    expect(container.querySelector('.me-page__courier-status')?.textContent).toBe('已暂停')
  })

  it('lists staff roles with their communities, and a role without one alone', async () => {
    mockFetch(() => okReply(SECRETARY))
    const { container } = render(<MePage />)
    await screen.findByText('孙书记')
    expect(texts(container, '.me-page__role')).toEqual(['社区书记 · 阮家桥社区', '管理员'])
  })

  it('shows the error message from the cloud and retries', async () => {
    let calls = 0
    mockFetch(() => (++calls === 1 ? failReply('UNAUTHENTICATED') : okReply(COURIER)))
    render(<MePage />)
    await screen.findByText('未识别到用户身份，请重新进入小程序')
    fireEvent.click(screen.getByText('重试'))
    await screen.findByText('王小哥')
  })

  it('offers 切换演示身份 in the h5 demo, which opens the demo login page', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    mockFetch(() => okReply(COURIER))
    render(<MePage />)
    await screen.findByText('王小哥')
    fireEvent.click(screen.getByText('切换演示身份'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/demo-login/index' })
    navigateTo.mockRestore()
  })

  describe('entry points by role', () => {
    const entries = (container: HTMLElement) =>
      Array.from(container.querySelectorAll('.me-page__entry-label')).map((el) => el.textContent)

    async function shown(me: MeOutput) {
      mockFetch(() => okReply(me))
      const view = render(<MePage />)
      await screen.findByText(me.nickname || '微信用户')
      return view
    }

    let navigateTo: jest.SpyInstance
    beforeEach(() => {
      navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    })
    afterEach(() => navigateTo.mockRestore())

    it('an approved courier shows their 小哥码 or scans a gate’s 场所码', async () => {
      const { container } = await shown(COURIER)
      expect(entries(container)).toEqual(['出示小哥码', '扫场所码进门'])
      fireEvent.click(container.querySelector('.me-page__entry--pass')!)
      expect(navigateTo).toHaveBeenCalledWith({ url: '/pass/pages/pass-code/index' })
      fireEvent.click(container.querySelector('.me-page__entry--place-scan')!)
      expect(navigateTo).toHaveBeenCalledWith({ url: '/gate/pages/place-scan/index' })
    })

    it('a pending or suspended courier still opens the code page, which explains why there is no code', async () => {
      const { container } = await shown(SUSPENDED)
      expect(entries(container)).toEqual(['出示小哥码', '扫场所码进门'])
    })

    it('a visitor registers', async () => {
      const { container } = await shown(VISITOR)
      expect(entries(container)).toEqual(['注册小哥'])
      fireEvent.click(container.querySelector('.me-page__entry--register')!)
      expect(navigateTo).toHaveBeenCalledWith({ url: '/courier/pages/register/index' })
    })

    it('a rejected courier registers again', async () => {
      const rejected: MeOutput = {
        ...COURIER,
        courier: {
          status: 'rejected',
          statusReason: '骑手编号不符',
          communityId: 'c-ruanjiaqiao',
          communityName: '阮家桥社区',
        },
      }
      const { container } = await shown(rejected)
      expect(entries(container)).toEqual(['重新注册小哥'])
      expect(screen.getByText('未通过')).toBeTruthy()
      expect(screen.getByText('说明：骑手编号不符')).toBeTruthy()
    })

    it('a guard scans at the gate', async () => {
      const guard: MeOutput = {
        ...VISITOR,
        nickname: '王师傅',
        roles: [{ role: 'guard', communityId: 'c-ruanjiaqiao', gateId: 'gate-n', communityName: '阮家桥社区' }],
      }
      const { container } = await shown(guard)
      expect(entries(container)).toEqual(['扫码核验'])
      fireEvent.click(container.querySelector('.me-page__entry--scan')!)
      expect(navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/gate-scan/index' })
    })

    it('a secretary (or admin) reviews couriers and reads the access log', async () => {
      const { container } = await shown(SECRETARY)
      expect(entries(container)).toEqual(['小哥审核', '通行记录', '门岗管理', '人员管理', '社区管理'])
      fireEvent.click(container.querySelector('.me-page__entry--review')!)
      expect(navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/review/index' })
      fireEvent.click(container.querySelector('.me-page__entry--access-log')!)
      expect(navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/access-log/index' })
      fireEvent.click(container.querySelector('.me-page__entry--gates')!)
      expect(navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/gates/index' })
    })

    it('a manager reads the access log and manages the gates', async () => {
      const manager: MeOutput = {
        ...VISITOR,
        nickname: '赵经理',
        roles: [{ role: 'manager', communityId: 'c-ruanjiaqiao', communityName: '阮家桥社区' }],
      }
      const { container } = await shown(manager)
      expect(entries(container)).toEqual(['通行记录', '门岗管理', '人员管理'])
    })
  })
})

describe('me page: volunteer points (志愿积分)', () => {
  const tiles = (container: HTMLElement) =>
    Array.from(container.querySelectorAll('.me-page__tile-label')).map((el) => el.textContent)

  let navigateTo: jest.SpyInstance
  beforeEach(() => {
    navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  })
  afterEach(() => navigateTo.mockRestore())

  it('gives a courier activities, points, the exchange and the 先锋榜', async () => {
    mockFetch(() => okReply(COURIER))
    const { container } = render(<MePage />)
    await screen.findByText('王小哥')
    expect(tiles(container)).toEqual(['志愿活动', '我的积分', '积分兑换', '先锋榜'])
    const urls: Array<[string, string]> = [
      ['activities', '/courier/pages/activities/index'],
      ['points', '/courier/pages/points/index'],
      ['exchange', '/courier/pages/exchange/index'],
      ['ranking', '/courier/pages/ranking/index'],
    ]
    for (const [key, url] of urls) {
      fireEvent.click(container.querySelector(`.me-page__tile--${key}`)!)
      expect(navigateTo).toHaveBeenLastCalledWith({ url })
    }
  })

  it('gives a secretary activity and exchange management in the staff subpackage', async () => {
    mockFetch(() => okReply(SECRETARY))
    const { container } = render(<MePage />)
    await screen.findByText('孙书记')
    expect(tiles(container)).toEqual(['活动管理', '兑换管理'])
    fireEvent.click(container.querySelector('.me-page__tile--staff-activities')!)
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/staff/pages/activities/index' })
    fireEvent.click(container.querySelector('.me-page__tile--staff-exchange')!)
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/staff/pages/exchange/index' })
  })

  it('gives a courier 随手拍 under the tiles, and a secretary 随手拍审核', async () => {
    const links = (container: HTMLElement) =>
      Array.from(container.querySelectorAll('.me-page__points-link-label')).map((el) => el.textContent)
    mockFetch(() => okReply(COURIER))
    const courier = render(<MePage />)
    await screen.findByText('王小哥')
    expect(links(courier.container)).toEqual(['随手拍'])
    fireEvent.click(courier.container.querySelector('.me-page__points-link--report')!)
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/courier/pages/report/index' })
    courier.unmount()

    mockFetch(() => okReply(SECRETARY))
    const secretary = render(<MePage />)
    await screen.findByText('孙书记')
    expect(links(secretary.container)).toEqual(['随手拍审核'])
    fireEvent.click(secretary.container.querySelector('.me-page__points-link--staff-reports')!)
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/staff/pages/reports/index' })
  })

  it('shows nothing of it to a visitor, a rejected courier or a guard', async () => {
    const rejected: MeOutput = {
      ...COURIER,
      courier: { status: 'rejected', communityId: 'c-ruanjiaqiao', communityName: '阮家桥社区' },
    }
    const guard: MeOutput = {
      ...VISITOR,
      nickname: '王师傅',
      roles: [{ role: 'guard', communityId: 'c-ruanjiaqiao', gateId: 'g' }],
    }
    for (const me of [VISITOR, rejected, guard]) {
      mockFetch(() => okReply(me))
      const { container, unmount } = render(<MePage />)
      await screen.findByText(me.nickname || '微信用户')
      expect(container.querySelector('.me-page__points')).toBeNull()
      unmount()
    }
  })
})

describe('me page notices (新消息)', () => {
  const NOTICES = {
    unread: 1,
    notices: [
      {
        id: 'n1',
        kind: 'activity_cancelled',
        title: '活动「平安夜巡」已取消',
        body: '原因：暴雨预警',
        at: Date.parse('2026-11-23T09:00:00+08:00'),
        read: false,
      },
      {
        id: 'n0',
        kind: 'activity_changed',
        title: '旧消息',
        body: '已读过',
        at: Date.parse('2026-11-20T09:00:00+08:00'),
        read: true,
      },
    ],
  }

  it('shows a courier’s unread notices, and 知道了 marks them read and hides the card', async () => {
    const fetchMock = mockActions({
      'account.me': () => okReply(COURIER),
      'points.myNotices': () => okReply(NOTICES),
      'points.markNoticesRead': () => okReply({ marked: 1 }),
    })
    const { container } = render(<MePage />)
    await screen.findByText('新消息（1）')
    expect(Array.from(container.querySelectorAll('.notice-item__title')).map((n) => n.textContent)).toEqual([
      '活动「平安夜巡」已取消',
    ])
    expect(container.querySelector('.notice-item__body')?.textContent).toBe('原因：暴雨预警')
    fireEvent.click(container.querySelector('.notices-card__ack')!)
    await waitFor(() => expect(container.querySelector('.notices-card')).toBeNull())
    expect(sentRequests(fetchMock, 'points.markNoticesRead')).toHaveLength(1)
  })

  it('shows nothing when there is nothing unread, and never asks for notices of a non-courier', async () => {
    const fetchMock = mockActions({
      'account.me': () => okReply(SECRETARY),
      'points.myNotices': () => okReply(NOTICES),
    })
    const { container } = render(<MePage />)
    await screen.findByText('活动管理')
    expect(container.querySelector('.notices-card')).toBeNull()
    expect(sentRequests(fetchMock, 'points.myNotices')).toHaveLength(0)
  })
})

describe('me page: community services (社区服务)', () => {
  let navigateTo: jest.SpyInstance
  beforeEach(() => {
    navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  })
  afterEach(() => navigateTo.mockRestore())

  const links = (container: HTMLElement) =>
    Array.from(container.querySelectorAll('.me-page__service-link-label')).map((el) => el.textContent)

  it('gives a secretary (or admin) 本周主题 and 服务管理 in the staff subpackage', async () => {
    mockFetch(() => okReply(SECRETARY))
    const { container } = render(<MePage />)
    await screen.findByText('孙书记')
    expect(links(container)).toEqual(['本周主题', '服务管理'])
    fireEvent.click(container.querySelector('.me-page__service-link--staff-themes')!)
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/staff/pages/themes/index' })
    fireEvent.click(container.querySelector('.me-page__service-link--staff-places')!)
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/staff/pages/places/index' })
  })

  it('shows nothing of it to a courier, a visitor or a manager', async () => {
    const manager: MeOutput = {
      ...VISITOR,
      nickname: '赵经理',
      roles: [{ role: 'manager', communityId: 'c-ruanjiaqiao' }],
    }
    for (const me of [COURIER, VISITOR, manager]) {
      mockFetch(() => okReply(me))
      const { container, unmount } = render(<MePage />)
      await screen.findByText(me.nickname || '微信用户')
      expect(container.querySelector('.me-page__services')).toBeNull()
      unmount()
    }
  })
})
