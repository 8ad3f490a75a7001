import { fireEvent, render, screen } from '@testing-library/react'
import AccessLogPage from '../../src/staff/pages/access-log'
import type { AccessLogOutput, MeOutput } from '../../types'
import { chooseDemoIdentity, failReply, mockActions, okReply, sentRequests, type FakeResponse } from './helpers'

type Entry = AccessLogOutput['entries'][number]

const MANAGER: MeOutput = {
  openid: 'demo-manager',
  nickname: '赵经理',
  isNew: false,
  roles: [{ role: 'manager', communityId: 'ruanjiaqiao', communityName: '阮家桥社区' }],
  courier: null,
}

const TODAY = { allowed: 12, refused: 3, suspectedShared: 1 }

function entry(id: string, at: number, extra: Partial<Entry> = {}): Entry {
  return {
    id,
    at,
    gateName: '北门',
    allowed: true,
    code: 'OK',
    reason: '',
    maskedName: '张*明',
    suspectedShared: false,
    viaPlaceCode: false,
    offline: false,
    lateRefusal: false,
    ...extra,
  }
}

/** 2026-11-23 in China; the fake clock says 18:00 that day. */
const NOW = Date.parse('2026-11-23T18:00:00+08:00')
const at = (hhmmss: string) => Date.parse(`2026-11-23T${hhmmss}+08:00`)

function page(entries: Entry[]): FakeResponse {
  const reply: AccessLogOutput = { entries, today: TODAY }
  return okReply(reply)
}

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-manager')
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

const times = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('.access-log-entry__time')).map((el) => el.textContent)

describe('access log page (通行记录)', () => {
  it('shows today’s counts and today’s entries of the manager’s community, in China time', async () => {
    const fetchMock = mockActions({
      'account.me': () => okReply(MANAGER),
      'pass.accessLog': () =>
        page([
          entry('e1', at('17:45:09'), { suspectedShared: true }),
          entry('e2', at('17:30:00'), {
            allowed: false,
            code: 'PASS_EXPIRED',
            reason: '小哥码已过期，请让小哥刷新后重试',
            maskedName: null,
            gateName: '南门',
          }),
          entry('e3', at('08:05:00'), { viaPlaceCode: true }),
          entry('e4', at('07:40:00'), {
            code: 'COURIER_SUSPENDED',
            reason: '该小哥的认证已被暂停',
            offline: true,
            lateRefusal: true,
          }),
        ]),
    })
    const { container } = render(<AccessLogPage />)
    await screen.findByText('17:45:09')
    expect(sentRequests(fetchMock, 'pass.accessLog')[0].body).toEqual({
      action: 'accessLog',
      communityId: 'ruanjiaqiao',
      day: '2026-11-23',
      limit: 20,
    })
    expect(container.querySelector('.access-log__count--allowed')?.textContent).toBe('12通过')
    expect(container.querySelector('.access-log__count--refused')?.textContent).toBe('3拒绝')
    expect(container.querySelector('.access-log__count--shared')?.textContent).toBe('1疑似共享')
    expect(screen.getByText('今天 11-23')).toBeTruthy()
    expect(times(container)).toEqual(['17:45:09', '17:30:00', '08:05:00', '07:40:00'])

    const [shared, refused, place, late] = Array.from(container.querySelectorAll('.access-log-entry'))
    expect(shared.className).toContain('access-log-entry--allowed')
    expect(shared.querySelector('.access-log-entry__shared')?.textContent).toBe('疑似共享')
    expect(shared.querySelector('.access-log-entry__name')?.textContent).toBe('张*明')
    expect(refused.className).toContain('access-log-entry--refused')
    expect(refused.querySelector('.access-log-entry__result')?.textContent).toBe('拒绝')
    expect(refused.querySelector('.access-log-entry__reason')?.textContent).toBe('小哥码已过期，请让小哥刷新后重试')
    expect(refused.querySelector('.access-log-entry__gate')?.textContent).toBe('南门')
    expect(refused.querySelector('.access-log-entry__name')?.textContent).toBe('未知小哥')
    expect(place.querySelector('.access-log-entry__place')?.textContent).toBe('场所码')
    expect(shared.querySelector('.access-log-entry__place')).toBeNull()
    // checked on the guard's phone without signal, let in, and found on upload to be suspended
    expect(late.querySelector('.access-log-entry__offline')?.textContent).toBe('离线核验')
    expect(late.querySelector('.access-log-entry__late')?.textContent).toBe(
      '离线放行，事后发现不应放行：该小哥的认证已被暂停',
    )
    expect(shared.querySelector('.access-log-entry__offline')).toBeNull()
    expect(shared.querySelector('.access-log-entry__late')).toBeNull()
    expect(screen.getByText('没有更多了')).toBeTruthy()
  })

  it('pages back with 加载更多, before the last entry shown, until a short page', async () => {
    const first = Array.from({ length: 20 }, (_, i) => entry(`a${i}`, at('17:00:00') - i * 60_000))
    const second = [entry('b0', at('08:00:00')), entry('b1', at('07:59:00'))]
    const fetchMock = mockActions({
      'account.me': () => okReply(MANAGER),
      'pass.accessLog': (body) => page(body.before === undefined ? first : second),
    })
    const { container } = render(<AccessLogPage />)
    await screen.findByText('17:00:00')
    expect(container.querySelectorAll('.access-log-entry')).toHaveLength(20)
    fireEvent.click(screen.getByText('加载更多'))
    await screen.findByText('07:59:00')
    expect(container.querySelectorAll('.access-log-entry')).toHaveLength(22)
    const requests = sentRequests(fetchMock, 'pass.accessLog').map((r) => r.body)
    expect(requests[1]).toEqual({
      action: 'accessLog',
      communityId: 'ruanjiaqiao',
      day: '2026-11-23',
      limit: 20,
      before: first[19].at,
    })
    expect(screen.queryByText('加载更多')).toBeNull()
    expect(screen.getByText('没有更多了')).toBeTruthy()
  })

  it('keeps the entries shown when 加载更多 fails, and says why', async () => {
    const first = Array.from({ length: 20 }, (_, i) => entry(`a${i}`, at('17:00:00') - i * 60_000))
    mockActions({
      'account.me': () => okReply(MANAGER),
      'pass.accessLog': (body) => (body.before === undefined ? page(first) : failReply('NETWORK')),
    })
    const { container } = render(<AccessLogPage />)
    await screen.findByText('17:00:00')
    fireEvent.click(screen.getByText('加载更多'))
    await screen.findByText('网络不给力，请检查网络后重试')
    expect(container.querySelectorAll('.access-log-entry')).toHaveLength(20)
    expect(screen.getByText('加载更多')).toBeTruthy()
  })

  it('filters by result and by day, starting again from the first page', async () => {
    const fetchMock = mockActions({
      'account.me': () => okReply(MANAGER),
      'pass.accessLog': (body) => page([entry(`x-${String(body.day)}-${String(body.allowed)}`, at('09:00:00'))]),
    })
    const { container } = render(<AccessLogPage />)
    await screen.findByText('09:00:00')
    fireEvent.click(container.querySelector('.access-log-result__option[data-value="refused"]')!)
    await screen.findByText('09:00:00')
    fireEvent.click(screen.getByText('前一天'))
    await screen.findByText('2026-11-22')
    fireEvent.click(container.querySelector('.access-log-result__option[data-value="allowed"]')!)
    await screen.findByText('09:00:00')
    fireEvent.click(screen.getByText('后一天'))
    await screen.findByText('今天 11-23')
    // Not past today.
    fireEvent.click(screen.getByText('后一天'))
    await screen.findByText('09:00:00')

    const asked = sentRequests(fetchMock, 'pass.accessLog').map((r) => [r.body.day, r.body.allowed])
    expect(asked).toEqual([
      ['2026-11-23', undefined],
      ['2026-11-23', false],
      ['2026-11-22', false],
      ['2026-11-22', true],
      ['2026-11-23', true],
    ])
  })

  it('says 这一天没有通行记录 for an empty day', async () => {
    mockActions({ 'account.me': () => okReply(MANAGER), 'pass.accessLog': () => page([]) })
    render(<AccessLogPage />)
    await screen.findByText('这一天没有通行记录')
  })

  it('shows a refusal to list as an error with 重试', async () => {
    let calls = 0
    mockActions({
      'account.me': () => okReply(MANAGER),
      'pass.accessLog': () => (++calls === 1 ? failReply('FORBIDDEN') : page([entry('e1', at('10:00:00'))])),
    })
    render(<AccessLogPage />)
    await screen.findByText('没有权限进行此操作')
    fireEvent.click(screen.getByText('重试'))
    await screen.findByText('10:00:00')
  })

  it('says so when the caller may see no community’s log', async () => {
    const courier: MeOutput = { ...MANAGER, roles: [{ role: 'courier' }] }
    const fetchMock = mockActions({ 'account.me': () => okReply(courier) })
    render(<AccessLogPage />)
    await screen.findByText('你没有可查看的社区')
    expect(sentRequests(fetchMock, 'pass.accessLog')).toHaveLength(0)
  })
})
