import { fireEvent, render, screen } from '@testing-library/react'
import RankingPage from '../../src/courier/pages/ranking'
import type { Ranking } from '../../src/services/points'
import { chooseDemoIdentity, failReply, mockActions, okReply, sentRequests } from './helpers'

/** 2026-12-01 00:30 in China, still 2026-11-30 in UTC: "last month" must be November by China time. */
const NOW = Date.parse('2026-12-01T00:30:00+08:00')

const BOARD: Ranking = {
  communityId: 'ruanjiaqiao',
  month: '2026-12',
  leaders: [
    { rank: 1, maskedName: '王*强', points: 42, isMe: false },
    { rank: 2, maskedName: '张*明', points: 30, isMe: true },
    { rank: 3, maskedName: '李*', points: 12, isMe: false },
  ],
  me: { rank: 2, points: 30 },
}

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-courier')
  jest.useFakeTimers({
    now: NOW,
    doNotFake: [
      'setTimeout',
      'setInterval',
      'clearTimeout',
      'clearInterval',
      'queueMicrotask',
      'nextTick',
      'setImmediate',
      'clearImmediate',
    ],
  })
})

afterEach(() => jest.useRealTimers())

const rows = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('.ranking-row')).map((row) =>
    Array.from(row.querySelectorAll('.ranking-row__rank, .ranking-row__name, .ranking-row__points')).map(
      (el) => el.textContent,
    ),
  )

describe('ranking page (先锋榜)', () => {
  it('shows this month’s board with masked names, and highlights my own row', async () => {
    const fetchMock = mockActions({ 'points.ranking': () => okReply(BOARD) })
    const { container } = render(<RankingPage />)
    await screen.findByText('王*强')
    expect(sentRequests(fetchMock, 'points.ranking').map((r) => r.body)).toEqual([{ action: 'ranking' }])
    expect(container.querySelector('.ranking__month')?.textContent).toBe('2026年12月 先锋榜')
    expect(container.querySelector('.ranking__me')?.textContent).toBe('我的排名：第 2 名 · 30 分')
    expect(rows(container)).toEqual([
      ['1', '王*强', '42 分'],
      ['2', '张*明（我）', '30 分'],
      ['3', '李*', '12 分'],
    ])
    const mine = container.querySelectorAll('.ranking-row--me')
    expect(mine).toHaveLength(1)
    expect(mine[0].textContent).toContain('张*明')
    expect(container.querySelector('.ranking__more')).toBeNull()
  })

  it('tells me my rank when I am below the board', async () => {
    mockActions({
      'points.ranking': () => okReply({ ...BOARD, leaders: BOARD.leaders.slice(0, 1), me: { rank: 14, points: 3 } }),
    })
    const { container } = render(<RankingPage />)
    await screen.findByText('王*强')
    expect(container.querySelector('.ranking-row--me')).toBeNull()
    expect(container.querySelector('.ranking__more')?.textContent).toBe('…… 你在第 14 名')
  })

  it('asks for last month by China time', async () => {
    const fetchMock = mockActions({
      'points.ranking': (body) => okReply({ ...BOARD, month: typeof body.month === 'string' ? body.month : '2026-12' }),
    })
    const { container } = render(<RankingPage />)
    await screen.findByText('2026年12月 先锋榜')
    fireEvent.click(container.querySelector('.ranking-month__option[data-value="last"]')!)
    await screen.findByText('2026年11月 先锋榜')
    expect(sentRequests(fetchMock, 'points.ranking').map((r) => r.body)).toEqual([
      { action: 'ranking' },
      { action: 'ranking', month: '2026-11' },
    ])
  })

  it('says so when nobody has earned points this month', async () => {
    mockActions({ 'points.ranking': () => okReply({ ...BOARD, leaders: [], me: null }) })
    const { container } = render(<RankingPage />)
    await screen.findByText('本月还没有人上榜')
    expect(container.querySelector('.ranking__me')?.textContent).toBe('本月还没有获得积分，参加志愿活动就能上榜')
  })

  it('shows a failed load with 重试', async () => {
    let calls = 0
    mockActions({ 'points.ranking': () => (++calls === 1 ? failReply('NETWORK') : okReply(BOARD)) })
    render(<RankingPage />)
    await screen.findByText('网络不给力，请检查网络后重试')
    fireEvent.click(screen.getByText('重试'))
    await screen.findByText('王*强')
  })
})
