import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import PointsPage from '../../src/courier/pages/points'
import type { LedgerView, MyPoints } from '../../src/services/points'
import { chooseDemoIdentity, failReply, mockActions, okReply, sentRequests } from './helpers'

const at = (text: string) => Date.parse(`${text}+08:00`)

function entry(id: string, extra: Partial<LedgerView> = {}): LedgerView {
  return {
    id,
    delta: 5,
    kind: 'activity',
    title: '平安夜巡·祥符片区',
    byStaff: true,
    at: at('2026-11-23T20:15:00'),
    ...extra,
  }
}

const reply = (entries: LedgerView[], balance = 37, earned = 42) => okReply<MyPoints>({ balance, earned, entries })

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-courier')
})

afterEach(() => jest.restoreAllMocks())

describe('points page (我的积分)', () => {
  it('shows the balance big, the points ever earned, and the ledger with who made each change', async () => {
    const fetchMock = mockActions({
      'points.myPoints': () =>
        reply([
          entry('l3', {
            delta: -10,
            kind: 'redeem',
            title: '洗衣液 1 瓶',
            byStaff: false,
            at: at('2026-11-24T09:00:00'),
          }),
          entry('l2'),
          entry('l1', { delta: 10, kind: 'refund', title: '大米 5 斤', byStaff: false, at: at('2026-11-22T08:00:00') }),
        ]),
    })
    const { container } = render(<PointsPage />)
    await screen.findByText('37')
    expect(sentRequests(fetchMock, 'points.myPoints').map((r) => r.body)).toEqual([{ action: 'myPoints', limit: 20 }])
    expect(container.querySelector('.points-page__balance')?.textContent).toBe('37')
    expect(container.querySelector('.points-page__earned')?.textContent).toBe('累计获得 42 分')

    const rows = Array.from(container.querySelectorAll('.ledger-entry'))
    expect(rows.map((row) => row.querySelector('.ledger-entry__delta')?.textContent)).toEqual(['-10', '+5', '+10'])
    expect(rows[0].querySelector('.ledger-entry__delta')?.className).toContain('ledger-entry__delta--minus')
    expect(rows[0].querySelector('.ledger-entry__meta')?.textContent).toBe('积分兑换 · 自己兑换')
    expect(rows[1].querySelector('.ledger-entry__title')?.textContent).toBe('平安夜巡·祥符片区')
    expect(rows[1].querySelector('.ledger-entry__meta')?.textContent).toBe('志愿活动 · 工作人员确认')
    expect(rows[1].querySelector('.ledger-entry__time')?.textContent).toBe('2026-11-23 20:15')
    expect(rows[2].querySelector('.ledger-entry__meta')?.textContent).toBe('兑换取消 · 自己取消')
  })

  it('links to the exchange and the 先锋榜', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    mockActions({ 'points.myPoints': () => reply([entry('l1')]) })
    render(<PointsPage />)
    await screen.findByText('积分兑换')
    fireEvent.click(screen.getByText('积分兑换'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/courier/pages/exchange/index' })
    fireEvent.click(screen.getByText('先锋榜'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/courier/pages/ranking/index' })
  })

  it('pages back through the ledger with 加载更多, before the last entry shown', async () => {
    const first = Array.from({ length: 20 }, (_, i) => entry(`n${i}`, { at: 1_000_000 - i }))
    const fetchMock = mockActions({
      'points.myPoints': (body) =>
        reply(body.before === undefined ? first : [entry('old', { title: '随手拍：井盖破损', kind: 'report', at: 5 })]),
    })
    const { container } = render(<PointsPage />)
    await screen.findByText('加载更多')
    fireEvent.click(screen.getByText('加载更多'))
    await screen.findByText('随手拍：井盖破损')
    expect(sentRequests(fetchMock, 'points.myPoints')[1].body).toEqual({
      action: 'myPoints',
      limit: 20,
      before: 1_000_000 - 19,
    })
    expect(container.querySelectorAll('.ledger-entry')).toHaveLength(21)
    expect(screen.queryByText('加载更多')).toBeNull()
  })

  it('says how to earn points when there is no entry yet', async () => {
    mockActions({ 'points.myPoints': () => reply([], 0, 0) })
    const { container } = render(<PointsPage />)
    await screen.findByText('还没有积分记录')
    expect(container.querySelector('.points-page__balance')?.textContent).toBe('0')
    expect(screen.getByText('去看看志愿活动')).toBeTruthy()
  })

  it('tells a visitor the page is for couriers and offers to register, instead of a 重试 that cannot help', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    mockActions({ 'points.myPoints': () => failReply('FORBIDDEN') })
    render(<PointsPage />)
    await screen.findByText('注册成为小哥后可用')
    expect(screen.queryByText('重试')).toBeNull()
    fireEvent.click(screen.getByText('注册成为小哥'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/courier/pages/register/index' })
    navigateTo.mockRestore()
  })

  it('offers 重试 for a failure a retry can fix, and loads on it', async () => {
    let calls = 0
    mockActions({ 'points.myPoints': () => (++calls === 1 ? failReply('INTERNAL') : reply([entry('l1')])) })
    render(<PointsPage />)
    await screen.findByText('服务开小差了，请稍后再试')
    fireEvent.click(screen.getByText('重试'))
    await screen.findByText('平安夜巡·祥符片区')
  })
})
