import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ReviewPage from '../../src/staff/pages/review'
import type { ActionOutput, CourierStatus, MeOutput, ReviewItem } from '../../types'
import {
  chooseDemoIdentity,
  failReply,
  mockActions,
  okReply,
  SECRETARY,
  sentRequests,
  type FakeResponse,
  typeInto,
} from './helpers'

type Queue = ActionOutput<'account', 'reviewQueue'>

const ADMIN: MeOutput = {
  openid: 'demo-admin',
  nickname: '系统管理员',
  isNew: false,
  roles: [{ role: 'admin' }],
  courier: null,
}

const COMMUNITIES: ActionOutput<'account', 'listCommunities'> = {
  communities: [
    { id: 'ruanjiaqiao', name: '阮家桥社区', street: '祥符街道', district: '拱墅区', city: '杭州' },
    { id: 'wujiadun', name: '吴家墩社区', street: '康桥街道', district: '拱墅区', city: '杭州' },
  ],
}

function item(courierId: string, name: string, status: CourierStatus, extra: Partial<ReviewItem> = {}): ReviewItem {
  return {
    courierId,
    name,
    phoneTail: '0002',
    platform: '饿了么',
    riderId: `ELM-${courierId}`,
    status,
    createdAt: Date.parse('2026-11-20T09:15:00+08:00'),
    ...extra,
  }
}

const COUNTS = { pending: 2, approved: 1, suspended: 1, rejected: 0 }

/** A review queue answering by status (or, asked for `photos`, the replacement photos) from `lists`. */
function queue(lists: Partial<Record<CourierStatus | 'photos', ReviewItem[]>>) {
  return (body: Record<string, unknown>): FakeResponse => {
    const key = body.photos ? 'photos' : (body.status as CourierStatus)
    const reply: Queue = { items: lists[key] ?? [], counts: COUNTS, photosPending: lists.photos?.length ?? 0 }
    return okReply(reply)
  }
}

let toast: jest.SpyInstance

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-secretary')
  toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})

afterEach(() => jest.restoreAllMocks())

const names = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('.review-item__name')).map((el) => el.textContent)

function card(container: HTMLElement, courierId: string): HTMLElement {
  const found = container.querySelector<HTMLElement>(`.review-item[data-courier-id="${courierId}"]`)
  if (!found) throw new Error(`no review item ${courierId}`)
  return found
}

describe('review page (小哥审核)', () => {
  it('lists the pending registrations of the secretary’s own community, with counts per status', async () => {
    const fetchMock = mockActions({
      'account.me': () => okReply(SECRETARY),
      'account.reviewQueue': queue({ pending: [item('c1', '李大伟', 'pending'), item('c2', '刘小强', 'pending')] }),
    })
    const { container } = render(<ReviewPage />)
    await screen.findByText('李大伟')
    expect(names(container)).toEqual(['李大伟', '刘小强'])
    expect(sentRequests(fetchMock, 'account.reviewQueue')[0].body).toEqual({
      action: 'reviewQueue',
      communityId: 'ruanjiaqiao',
      status: 'pending',
      limit: 20,
    })
    // A secretary is bound to one community: no community list is fetched.
    expect(sentRequests(fetchMock, 'account.listCommunities')).toHaveLength(0)
    expect(screen.getByText('社区：阮家桥社区')).toBeTruthy()
    const tabs = Array.from(container.querySelectorAll('.review-tab')).map((t) => t.textContent)
    expect(tabs).toEqual(['待审核2', '已通过1', '已暂停1', '未通过0', '换照片0'])
    expect(container.querySelector('.review-tab--active')?.textContent).toBe('待审核2')

    const li = card(container, 'c1')
    expect(li.textContent).toContain('手机尾号 0002')
    expect(li.textContent).toContain('骑手编号 ELM-c1')
    expect(li.textContent).toContain('饿了么')
    expect(li.textContent).toContain('提交于 2026-11-20 09:15')
    expect(li.querySelector('.review-item__approve')?.textContent).toBe('通过')
    expect(li.querySelector('.review-item__reject')?.textContent).toBe('驳回')
    expect(li.querySelector('.review-item__suspend')).toBeNull()
  })

  it('says on the card when another courier registered the same phone or rider id, and only then', async () => {
    mockActions({
      'account.me': () => okReply(SECRETARY),
      'account.reviewQueue': queue({
        pending: [
          item('c1', '李大伟', 'pending', { duplicates: ['phone'] }),
          item('c2', '刘小强', 'pending', { duplicates: ['phone', 'riderId'] }),
          item('c3', '王小二', 'pending'),
        ],
      }),
    })
    const { container } = render(<ReviewPage />)
    await screen.findByText('李大伟')
    const flags = (courierId: string) =>
      Array.from(card(container, courierId).querySelectorAll('.review-item__duplicate')).map((el) => el.textContent)
    expect(flags('c1')).toEqual(['该手机号已被其他小哥注册，请核实是否本人'])
    expect(flags('c2')).toEqual([
      '该手机号已被其他小哥注册，请核实是否本人',
      '该平台骑手编号已被其他小哥注册，请核实是否本人',
    ])
    expect(flags('c3')).toEqual([])
    expect(card(container, 'c3').querySelector('.review-item__duplicates')).toBeNull()
    // The decisions stay the secretary's: a flagged registration can still be approved.
    expect(card(container, 'c2').querySelector('.review-item__approve')).not.toBeNull()
  })

  it('approves with one tap and loads the list again', async () => {
    let pending = [item('c1', '李大伟', 'pending')]
    const fetchMock = mockActions({
      'account.me': () => okReply(SECRETARY),
      'account.reviewQueue': (body) => queue({ pending })(body),
      'account.review': () => {
        pending = []
        return okReply({ status: 'approved' })
      },
    })
    const { container } = render(<ReviewPage />)
    await screen.findByText('李大伟')
    fireEvent.click(card(container, 'c1').querySelector('.review-item__approve')!)
    await screen.findByText('没有待审核的小哥')
    expect(sentRequests(fetchMock, 'account.review').map((r) => r.body)).toEqual([
      { action: 'review', courierId: 'c1', decision: 'approve' },
    ])
    expect(sentRequests(fetchMock, 'account.reviewQueue')).toHaveLength(2)
    expect(toast).toHaveBeenCalledWith({ title: '已通过：李大伟', icon: 'none' })
  })

  it('rejects only with a reason, sent trimmed', async () => {
    const fetchMock = mockActions({
      'account.me': () => okReply(SECRETARY),
      'account.reviewQueue': queue({ pending: [item('c1', '李大伟', 'pending')] }),
      'account.review': () => okReply({ status: 'rejected' }),
    })
    const { container } = render(<ReviewPage />)
    await screen.findByText('李大伟')
    fireEvent.click(card(container, 'c1').querySelector('.review-item__reject')!)
    expect(screen.getByText('驳回 李大伟 的注册')).toBeTruthy()

    fireEvent.click(container.querySelector('.review-reason__confirm')!)
    expect(container.querySelector('.review-reason__error')?.textContent).toBe('请填写驳回原因，小哥会看到它')
    expect(sentRequests(fetchMock, 'account.review')).toHaveLength(0)

    typeInto(container.querySelector('#review-reason-input'), '  骑手编号与平台不符 ')
    fireEvent.click(container.querySelector('.review-reason__confirm')!)
    await waitFor(() => expect(container.querySelector('.review-reason')).toBeNull())
    expect(sentRequests(fetchMock, 'account.review').map((r) => r.body)).toEqual([
      { action: 'review', courierId: 'c1', decision: 'reject', reason: '骑手编号与平台不符' },
    ])
  })

  it('cancelling the reason sends nothing', async () => {
    const fetchMock = mockActions({
      'account.me': () => okReply(SECRETARY),
      'account.reviewQueue': queue({ pending: [item('c1', '李大伟', 'pending')] }),
    })
    const { container } = render(<ReviewPage />)
    await screen.findByText('李大伟')
    fireEvent.click(card(container, 'c1').querySelector('.review-item__reject')!)
    fireEvent.click(container.querySelector('.review-reason__cancel')!)
    expect(container.querySelector('.review-reason')).toBeNull()
    expect(sentRequests(fetchMock, 'account.review')).toHaveLength(0)
  })

  it('suspends an approved courier with a reason and reinstates a suspended one', async () => {
    const fetchMock = mockActions({
      'account.me': () => okReply(SECRETARY),
      'account.reviewQueue': queue({
        approved: [item('c3', '张小明', 'approved')],
        suspended: [item('c4', '王小二', 'suspended', { statusReason: '多次被投诉' })],
      }),
      'account.review': () => okReply({ status: 'approved' }),
    })
    const { container } = render(<ReviewPage />)
    await screen.findByText('没有待审核的小哥')

    fireEvent.click(container.querySelector('.review-tab--approved')!)
    await screen.findByText('张小明')
    expect(card(container, 'c3').querySelector('.review-item__approve')).toBeNull()
    fireEvent.click(card(container, 'c3').querySelector('.review-item__suspend')!)
    expect(screen.getByText('暂停 张小明 的通行')).toBeTruthy()
    typeInto(container.querySelector('#review-reason-input'), '多次被投诉')
    fireEvent.click(screen.getByText('确定暂停'))
    await waitFor(() => expect(sentRequests(fetchMock, 'account.review')).toHaveLength(1))
    // The list loads again after the decision.
    await waitFor(() => expect(sentRequests(fetchMock, 'account.reviewQueue')).toHaveLength(3))

    fireEvent.click(container.querySelector('.review-tab--suspended')!)
    await screen.findByText('王小二')
    expect(screen.getByText('原因：多次被投诉')).toBeTruthy()
    fireEvent.click(card(container, 'c4').querySelector('.review-item__reinstate')!)
    await waitFor(() => expect(sentRequests(fetchMock, 'account.review')).toHaveLength(2))
    await waitFor(() => expect(sentRequests(fetchMock, 'account.reviewQueue')).toHaveLength(5))

    expect(sentRequests(fetchMock, 'account.review').map((r) => r.body)).toEqual([
      { action: 'review', courierId: 'c3', decision: 'suspend', reason: '多次被投诉' },
      { action: 'review', courierId: 'c4', decision: 'reinstate' },
    ])
    const statuses = sentRequests(fetchMock, 'account.reviewQueue').map((r) => r.body.status)
    expect(statuses).toEqual(['pending', 'approved', 'approved', 'suspended', 'suspended'])
  })

  it('offers 通过 again for a rejected registration', async () => {
    mockActions({
      'account.me': () => okReply(SECRETARY),
      'account.reviewQueue': queue({ rejected: [item('c5', '赵小六', 'rejected', { statusReason: '照片不清' })] }),
    })
    const { container } = render(<ReviewPage />)
    await screen.findByText('没有待审核的小哥')
    fireEvent.click(container.querySelector('.review-tab--rejected')!)
    await screen.findByText('赵小六')
    expect(card(container, 'c5').querySelector('.review-item__approve')).not.toBeNull()
    expect(card(container, 'c5').querySelector('.review-item__reject')).toBeNull()
  })

  it('shows a refused decision with the cloud’s message', async () => {
    mockActions({
      'account.me': () => okReply(SECRETARY),
      'account.reviewQueue': queue({ pending: [item('c1', '李大伟', 'pending')] }),
      'account.review': () => failReply('INVALID_STATE', '该小哥当前状态下不能进行此操作，请刷新后重试'),
    })
    const { container } = render(<ReviewPage />)
    await screen.findByText('李大伟')
    fireEvent.click(card(container, 'c1').querySelector('.review-item__approve')!)
    await screen.findByText('该小哥当前状态下不能进行此操作，请刷新后重试')
    expect(container.querySelector('.review-page__error')?.getAttribute('role')).toBe('alert')
  })

  it('lets an admin pick any community', async () => {
    chooseDemoIdentity('demo-admin')
    const fetchMock = mockActions({
      'account.me': () => okReply(ADMIN),
      'account.listCommunities': () => okReply(COMMUNITIES),
      'account.reviewQueue': (body) =>
        okReply({
          items:
            body.communityId === 'wujiadun' ? [item('w1', '吴小哥', 'pending')] : [item('c1', '李大伟', 'pending')],
          counts: COUNTS,
          photosPending: 0,
        }),
    })
    const { container } = render(<ReviewPage />)
    await screen.findByText('李大伟')
    const options = Array.from(container.querySelectorAll('.community-picker__option')).map((o) => o.textContent)
    expect(options).toEqual(['阮家桥社区', '吴家墩社区'])
    fireEvent.click(screen.getByText('吴家墩社区'))
    await screen.findByText('吴小哥')
    expect(sentRequests(fetchMock, 'account.reviewQueue').map((r) => r.body.communityId)).toEqual([
      'ruanjiaqiao',
      'wujiadun',
    ])
  })

  it('says so when the caller reviews no community', async () => {
    const guard: MeOutput = { ...SECRETARY, roles: [{ role: 'guard', communityId: 'ruanjiaqiao', gateId: 'g1' }] }
    const fetchMock = mockActions({ 'account.me': () => okReply(guard) })
    render(<ReviewPage />)
    await screen.findByText('你没有可审核的社区')
    expect(sentRequests(fetchMock, 'account.reviewQueue')).toHaveLength(0)
  })

  it('loads older registrations with 加载更多, before the last one shown', async () => {
    const first = Array.from({ length: 20 }, (_, i) =>
      item(`p${i}`, `小哥${i}`, 'pending', { createdAt: 1_000_000 - i }),
    )
    const fetchMock = mockActions({
      'account.me': () => okReply(SECRETARY),
      'account.reviewQueue': (body) =>
        okReply({
          items: body.before === undefined ? first : [item('old', '老小哥', 'pending', { createdAt: 5 })],
          counts: COUNTS,
          photosPending: 0,
        }),
    })
    const { container } = render(<ReviewPage />)
    await screen.findByText('小哥19')
    fireEvent.click(screen.getByText('加载更多'))
    await screen.findByText('老小哥')
    expect(sentRequests(fetchMock, 'account.reviewQueue')[1].body.before).toBe(1_000_000 - 19)
    expect(container.querySelectorAll('.review-item')).toHaveLength(21)
    expect(screen.queryByText('加载更多')).toBeNull()
  })

  it('shows the photo reviewed with a registration, as the URL the cloud answered', async () => {
    mockActions({
      'account.me': () => okReply(SECRETARY),
      'account.reviewQueue': queue({
        pending: [
          item('c1', '李大伟', 'pending', { photoUrl: '/local/files/p1?e=1&t=x' }),
          item('c2', '王老五', 'pending'),
        ],
      }),
    })
    const { container } = render(<ReviewPage />)
    await screen.findByText('李大伟')
    expect(card(container, 'c1').querySelector('.review-item__photo img')?.getAttribute('src')).toBe(
      '/local/files/p1?e=1&t=x',
    )
    expect(card(container, 'c1').querySelector('.review-item__no-photo')).toBeNull()
    // an older registration without a photo says so, so the secretary checks the person another way
    expect(card(container, 'c2').querySelector('.review-item__no-photo')?.textContent).toContain('未上传本人照片')
  })

  it('reviews replacement photos under 换照片: the current photo beside the new one, approved with one tap', async () => {
    let photos = [
      item('c9', '张小明', 'approved', {
        photoUrl: '/local/files/old?e=1&t=a',
        photoPendingUrl: '/local/files/new?e=1&t=b',
        photoPendingAt: Date.parse('2026-11-21T10:00:00+08:00'),
      }),
    ]
    const fetchMock = mockActions({
      'account.me': () => okReply(SECRETARY),
      'account.reviewQueue': (body) => queue({ photos })(body),
      'account.reviewPhoto': () => {
        photos = []
        return okReply({ decision: 'approve' })
      },
    })
    const { container } = render(<ReviewPage />)
    await waitFor(() => expect(container.querySelector('.review-tab--photos')?.textContent).toBe('换照片1'))
    fireEvent.click(screen.getByText('换照片'))
    await screen.findByText('张小明')
    expect(sentRequests(fetchMock, 'account.reviewQueue').at(-1)?.body).toEqual({
      action: 'reviewQueue',
      communityId: 'ruanjiaqiao',
      photos: true,
      limit: 20,
    })
    const li = card(container, 'c9')
    expect(li.querySelector('.review-photo__old img')?.getAttribute('src')).toBe('/local/files/old?e=1&t=a')
    expect(li.querySelector('.review-photo__new img')?.getAttribute('src')).toBe('/local/files/new?e=1&t=b')
    expect(li.textContent).toContain('提交于 2026-11-21 10:00')
    fireEvent.click(screen.getByText('通过新照片'))
    await screen.findByText('没有待审核的新照片')
    expect(sentRequests(fetchMock, 'account.reviewPhoto').map((r) => r.body)).toEqual([
      { action: 'reviewPhoto', courierId: 'c9', decision: 'approve' },
    ])
    expect(toast).toHaveBeenCalledWith({ title: '新照片已通过：张小明', icon: 'none' })
  })
})
