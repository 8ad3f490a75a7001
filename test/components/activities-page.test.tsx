import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ActivitiesPage from '../../src/courier/pages/activities'
import type { ActivityView } from '../../src/services/points'
import {
  chooseDemoIdentity,
  deferred,
  failReply,
  mockActions,
  okReply,
  sentRequests,
  type FakeResponse,
} from './helpers'

const at = (text: string) => Date.parse(`${text}+08:00`)

function activity(id: string, extra: Partial<ActivityView> = {}): ActivityView {
  return {
    id,
    communityId: 'ruanjiaqiao',
    title: '平安夜巡·祥符片区',
    kind: '平安夜巡',
    description: '晚上七点在党群服务中心集合',
    place: '阮家桥社区党群服务中心',
    startAt: at('2026-11-23T19:00:00'),
    endAt: at('2026-11-23T21:00:00'),
    capacity: 20,
    points: 5,
    signedUp: 3,
    phase: 'upcoming',
    attendanceOpen: false,
    mine: 'none',
    ...extra,
  }
}

const listed = (activities: ActivityView[]): FakeResponse => okReply({ communityId: 'ruanjiaqiao', activities })

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-courier')
})

afterEach(() => jest.restoreAllMocks())

const card = (container: HTMLElement, id: string) => {
  const found = container.querySelector<HTMLElement>(`.activity[data-activity-id="${id}"]`)
  if (!found) throw new Error(`no activity ${id}`)
  return found
}

describe('activities page (志愿活动)', () => {
  it('shows loading, then my community’s upcoming activities with China-time window, place, points and places', async () => {
    const answer = deferred<FakeResponse>()
    const fetchMock = mockActions({ 'points.listActivities': () => answer.promise })
    const { container } = render(<ActivitiesPage />)
    expect(container.querySelector('.state-view--loading')).not.toBeNull()
    answer.resolve(
      listed([
        activity('a1'),
        activity('a2', { title: '食安监督·菜场', kind: '食安监督', signedUp: 10, capacity: 10 }),
      ]),
    )
    await screen.findByText('平安夜巡·祥符片区')
    expect(sentRequests(fetchMock, 'points.listActivities').map((r) => r.body)).toEqual([
      { action: 'listActivities', when: 'upcoming', limit: 50 },
    ])
    const first = card(container, 'a1')
    expect(first.querySelector('.activity__kind')?.textContent).toBe('平安夜巡')
    expect(first.querySelector('.activity__time')?.textContent).toBe('时间：11月23日 周一 19:00–21:00')
    expect(first.querySelector('.activity__place')?.textContent).toBe('地点：阮家桥社区党群服务中心')
    expect(first.querySelector('.activity__points')?.textContent).toBe('+5 积分')
    expect(first.querySelector('.activity__signups')?.textContent).toBe('已报名 3/20')
    expect(first.querySelector('.activity__state')?.textContent).toBe('报名中')
    expect(first.querySelector('.activity__sign-up')?.textContent).toBe('报名参加')

    const full = card(container, 'a2')
    expect(full.querySelector('.activity__state')?.textContent).toBe('已满')
    expect(full.querySelector('.activity__sign-up')).toBeNull()
    expect(full.querySelector('.activity__full')?.textContent).toBe('名额已满')
  })

  it('names the end day of an activity that runs past midnight', async () => {
    mockActions({
      'points.listActivities': () =>
        listed([activity('night', { startAt: at('2026-11-23T22:00:00'), endAt: at('2026-11-24T02:00:00') })]),
    })
    const { container } = render(<ActivitiesPage />)
    await screen.findByText('平安夜巡·祥符片区')
    expect(card(container, 'night').querySelector('.activity__time')?.textContent).toBe(
      '时间：11月23日 周一 22:00–11月24日 02:00',
    )
  })

  it('signs up with the activity id and shows the answer’s new state', async () => {
    const fetchMock = mockActions({
      'points.listActivities': () => listed([activity('a1')]),
      'points.signUp': () => okReply({ activity: activity('a1', { signedUp: 4, mine: 'signed' }) }),
    })
    const { container } = render(<ActivitiesPage />)
    await screen.findByText('报名参加')
    fireEvent.click(screen.getByText('报名参加'))
    await screen.findByText('我已报名')
    expect(sentRequests(fetchMock, 'points.signUp').map((r) => r.body)).toEqual([
      { action: 'signUp', activityId: 'a1' },
    ])
    const signed = card(container, 'a1')
    expect(signed.querySelector('.activity__signups')?.textContent).toBe('已报名 4/20')
    expect(signed.querySelector('.activity__withdraw')?.textContent).toBe('取消报名')
  })

  it('withdraws a sign-up', async () => {
    const fetchMock = mockActions({
      'points.listActivities': () => listed([activity('a1', { mine: 'signed' })]),
      'points.withdraw': () => okReply({ activity: activity('a1', { signedUp: 2, mine: 'withdrawn' }) }),
    })
    const { container } = render(<ActivitiesPage />)
    await screen.findByText('取消报名')
    fireEvent.click(screen.getByText('取消报名'))
    await screen.findByText('报名参加')
    expect(sentRequests(fetchMock, 'points.withdraw').map((r) => r.body)).toEqual([
      { action: 'withdraw', activityId: 'a1' },
    ])
    expect(card(container, 'a1').querySelector('.activity__mine')).toBeNull()
  })

  it('shows the cloud’s refusal in Chinese on the activity (名额已满)', async () => {
    mockActions({
      'points.listActivities': () => listed([activity('a1')]),
      'points.signUp': () => failReply('ACTIVITY_FULL'),
    })
    const { container } = render(<ActivitiesPage />)
    await screen.findByText('报名参加')
    fireEvent.click(screen.getByText('报名参加'))
    await screen.findByText('活动名额已满')
    expect(card(container, 'a1').querySelector('.activity__message')?.getAttribute('role')).toBe('alert')
    expect(screen.queryByText('我已报名')).toBeNull()
  })

  it('offers no sign-up on ongoing, ended or cancelled activities, and says which they are', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    mockActions({
      'points.listActivities': () =>
        listed([
          activity('on', { phase: 'ongoing', attendanceOpen: true, mine: 'signed' }),
          activity('off', { phase: 'cancelled', cancelReason: '天气原因改期' }),
          activity('done', { phase: 'ended', mine: 'attended' }),
        ]),
    })
    const { container } = render(<ActivitiesPage />)
    await screen.findByText('进行中')
    expect(container.querySelectorAll('.activity__sign-up, .activity__withdraw, .activity__full')).toHaveLength(0)
    expect(card(container, 'off').querySelector('.activity__state')?.textContent).toBe('已取消')
    expect(card(container, 'off').querySelector('.activity__cancel-reason')?.textContent).toBe('取消原因：天气原因改期')
    expect(card(container, 'done').querySelector('.activity__state')?.textContent).toBe('已结束')
    expect(card(container, 'done').querySelector('.activity__mine')?.textContent).toBe('已到场，获得 5 积分')
    // Signed up and on now: show the 小哥码 to the secretary.
    fireEvent.click(card(container, 'on').querySelector('.activity__show-pass')!)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pass/pages/pass-code/index' })
  })

  it('switches to past activities, with 暂无活动 when there are none upcoming', async () => {
    const fetchMock = mockActions({
      'points.listActivities': (body) =>
        listed(body.when === 'past' ? [activity('old', { phase: 'ended', title: '文明宣传进楼道' })] : []),
    })
    const { container } = render(<ActivitiesPage />)
    await screen.findByText('暂无活动')
    fireEvent.click(container.querySelector('.activities-when__option[data-value="past"]')!)
    await screen.findByText('文明宣传进楼道')
    expect(sentRequests(fetchMock, 'points.listActivities').map((r) => r.body.when)).toEqual(['upcoming', 'past'])
    expect(sentRequests(fetchMock, 'points.listActivities')[1].body.limit).toBe(20)
  })

  it('shows a failed load with 重试', async () => {
    let calls = 0
    mockActions({ 'points.listActivities': () => (++calls === 1 ? failReply('NETWORK') : listed([activity('a1')])) })
    render(<ActivitiesPage />)
    await screen.findByText('网络不给力，请检查网络后重试')
    fireEvent.click(screen.getByText('重试'))
    await screen.findByText('平安夜巡·祥符片区')
    await waitFor(() => expect(calls).toBe(2))
  })
})
