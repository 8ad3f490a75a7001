import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import PassCodePage from '../../src/pass/pages/pass-code'
import { PASS_SUPPLY_CODES, type IssueOutput, type IssueSupplyOutput, type MeOutput } from '../../types'
import {
  chooseDemoIdentity,
  failReply,
  mockActions,
  okReply,
  sentRequests,
  typeInto,
  VISITOR,
  type FakeResponse,
} from './helpers'

const PENDING: MeOutput = {
  openid: 'demo-courier-pending',
  nickname: '李大伟',
  isNew: false,
  roles: [{ role: 'courier' }],
  courier: { status: 'pending', communityId: 'ruanjiaqiao', communityName: '阮家桥社区' },
}

const SUSPENDED: MeOutput = {
  ...PENDING,
  courier: { status: 'suspended', statusReason: '多次被投诉', communityId: 'ruanjiaqiao', communityName: '阮家桥社区' },
}

/** What pass.issue answers at the (fake) current time: valid 60 s, refresh after 30 s. */
function issued(token: string): FakeResponse {
  const now = Date.now()
  const reply: IssueOutput = { token, issuedAt: now, expiresAt: now + 60_000, refreshAt: now + 30_000 }
  return okReply(reply)
}

/** Answers pass.issue with XG1.t1, XG1.t2, … in turn. */
function issuingTokens(extra: Record<string, () => FakeResponse> = {}) {
  let n = 0
  return mockActions({ 'pass.issue': () => issued(`XG1.t${++n}`), ...extra })
}

/** The token the QR canvas is drawn from (the e2e suite decodes the drawn pixels in Chromium). */
const token = (container: HTMLElement) =>
  container.querySelector('.pass-code__qr .qr-code')?.getAttribute('data-value') ?? null
const countdown = (container: HTMLElement) => container.querySelector('.pass-code__countdown')?.textContent ?? null

async function advance(ms: number) {
  await act(async () => {
    jest.advanceTimersByTime(ms)
  })
}

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-courier')
  jest.useFakeTimers({ now: new Date('2026-11-23T02:00:00Z') })
})

afterEach(() => {
  jest.useRealTimers()
  jest.restoreAllMocks()
})

describe('pass code page (小哥码)', () => {
  it('shows the issued token as a QR code on a canvas, and nowhere as text', async () => {
    const fetchMock = issuingTokens()
    const { container } = render(<PassCodePage />)
    await waitFor(() => expect(token(container)).toBe('XG1.t1'))
    expect(container.querySelector('.pass-code__qr')?.getAttribute('data-token')).toBe('XG1.t1')
    // The canvas the code is drawn on (a web component in h5, a canvas 2d node in weapp).
    expect(container.querySelector('#pass-qr')).not.toBeNull()
    expect(container.textContent).not.toContain('XG1.t1')
    expect(sentRequests(fetchMock, 'pass.issue').map((r) => r.body)).toEqual([{ action: 'issue' }])
  })

  it('counts down to expiry second by second, ending no later than the gate stops accepting the code', async () => {
    issuingTokens()
    const { container } = render(<PassCodePage />)
    await waitFor(() => expect(token(container)).toBe('XG1.t1'))
    // 60 s of life, less the second the server may have rounded its issue time down by
    expect(countdown(container)).toBe('59 秒后失效')
    await advance(1_000)
    expect(countdown(container)).toBe('58 秒后失效')
    await advance(10_000)
    expect(countdown(container)).toBe('48 秒后失效')
  })

  it('refreshes the code at refreshAt, every 30 seconds', async () => {
    const fetchMock = issuingTokens()
    const { container } = render(<PassCodePage />)
    await waitFor(() => expect(token(container)).toBe('XG1.t1'))
    await advance(29_000)
    expect(sentRequests(fetchMock, 'pass.issue')).toHaveLength(1)
    expect(token(container)).toBe('XG1.t1')

    await advance(1_000)
    await waitFor(() => expect(token(container)).toBe('XG1.t2'))
    expect(countdown(container)).toBe('59 秒后失效')
    expect(container.querySelector('.pass-code__qr')?.getAttribute('data-token')).toBe('XG1.t2')

    await advance(30_000)
    await waitFor(() => expect(token(container)).toBe('XG1.t3'))
    expect(sentRequests(fetchMock, 'pass.issue')).toHaveLength(3)
  })

  it('puts 送往 into the next code at once and into every refresh after it', async () => {
    const fetchMock = issuingTokens()
    const { container } = render(<PassCodePage />)
    await waitFor(() => expect(token(container)).toBe('XG1.t1'))
    typeInto(container.querySelector('#pass-destination'), ' 3幢2单元 ')
    fireEvent.click(screen.getByText('更新'))
    await waitFor(() => expect(token(container)).toBe('XG1.t2'))
    expect(screen.getByText('送往：3幢2单元')).toBeTruthy()

    await advance(30_000)
    await waitFor(() => expect(token(container)).toBe('XG1.t3'))
    expect(sentRequests(fetchMock, 'pass.issue').map((r) => r.body)).toEqual([
      { action: 'issue' },
      { action: 'issue', destination: '3幢2单元' },
      { action: 'issue', destination: '3幢2单元' },
    ])
  })

  it('refuses a destination longer than the token can carry, with the contract’s message', async () => {
    const fetchMock = issuingTokens()
    const { container } = render(<PassCodePage />)
    await waitFor(() => expect(token(container)).toBe('XG1.t1'))
    typeInto(container.querySelector('#pass-destination'), '阮家桥社区十二幢三单元')
    fireEvent.click(screen.getByText('更新'))
    expect(container.querySelector('.pass-code__destination-error')?.textContent).toBe(
      '送往地址最多 8 个汉字或 24 个字母数字',
    )
    expect(sentRequests(fetchMock, 'pass.issue')).toHaveLength(1)
  })

  it('shows a pending courier why there is no code, and stops asking', async () => {
    const fetchMock = mockActions({
      'pass.issue': () => failReply('NOT_APPROVED'),
      'account.me': () => okReply(PENDING),
    })
    const { container } = render(<PassCodePage />)
    await screen.findByText('暂时无法出示小哥码')
    expect(screen.getByText('当前状态：待审核')).toBeTruthy()
    expect(screen.getByText('你的注册正在等待社区审核，审核通过后即可出示小哥码。')).toBeTruthy()
    expect(container.querySelector('.pass-code__qr')).toBeNull()
    await advance(120_000)
    expect(sentRequests(fetchMock, 'pass.issue')).toHaveLength(1)
  })

  it('shows a suspended courier the reason', async () => {
    mockActions({ 'pass.issue': () => failReply('NOT_APPROVED'), 'account.me': () => okReply(SUSPENDED) })
    render(<PassCodePage />)
    await screen.findByText('当前状态：已暂停')
    expect(screen.getByText('说明：多次被投诉')).toBeTruthy()
    expect(screen.queryByText('去注册')).toBeNull()
  })

  it('says a withdrawn entry consent stops the code, drops the kept codes and leads to 我的数据', async () => {
    Taro.setStorageSync('passSupply', { codes: ['x'] })
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    const fetchMock = mockActions({ 'pass.issue': () => failReply('CONSENT_REQUIRED') })
    const { container } = render(<PassCodePage />)
    await screen.findByText('你已撤回“进出记录”授权：小哥码会在门岗留下进出记录，重新授权后才能出示')
    expect(container.querySelector('.pass-code__qr')).toBeNull()
    expect(Taro.getStorageSync('passSupply')).toBe('')
    await advance(120_000)
    expect(sentRequests(fetchMock, 'pass.issue')).toHaveLength(1)
    fireEvent.click(screen.getByText('去“我的数据”重新授权'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/courier/pages/my-data/index' })
  })

  it('sends a visitor to registration', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    mockActions({ 'pass.issue': () => failReply('FORBIDDEN'), 'account.me': () => okReply(VISITOR) })
    render(<PassCodePage />)
    await screen.findByText('你还没有注册为小哥。注册并通过社区审核后，就能在这里出示小哥码。')
    fireEvent.click(screen.getByText('去注册'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/courier/pages/register/index' })
  })

  it('keeps a still-valid code when a refresh fails, retries, and says so', async () => {
    let n = 0
    const fetchMock = mockActions({ 'pass.issue': () => (++n === 2 ? failReply('NETWORK') : issued(`XG1.t${n}`)) })
    const { container } = render(<PassCodePage />)
    await waitFor(() => expect(token(container)).toBe('XG1.t1'))
    await advance(30_000)
    await screen.findByText('刷新失败：网络不给力，请检查网络后重试，正在重试')
    expect(token(container)).toBe('XG1.t1')
    await advance(5_000)
    await waitFor(() => expect(token(container)).toBe('XG1.t3'))
    expect(screen.queryByText(/刷新失败/)).toBeNull()
    expect(sentRequests(fetchMock, 'pass.issue')).toHaveLength(3)
  })

  it('takes the code off the screen once it expires without a fresh one, and 重试 gets a new one', async () => {
    let failing = false
    let n = 0
    mockActions({ 'pass.issue': () => (failing ? failReply('NETWORK') : issued(`XG1.t${++n}`)) })
    const { container } = render(<PassCodePage />)
    await waitFor(() => expect(token(container)).toBe('XG1.t1'))
    failing = true
    await advance(61_000)
    await screen.findByText('网络不给力，请检查网络后重试')
    expect(container.querySelector('.pass-code__qr')).toBeNull()
    expect(container.querySelector('.pass-code__qr')).toBeNull()
    failing = false
    fireEvent.click(screen.getByText('重试'))
    await waitFor(() => expect(token(container)).toBe('XG1.t2'))
  })

  it('shows a first failure as an error with 重试', async () => {
    let n = 0
    mockActions({ 'pass.issue': () => (++n === 1 ? failReply('INTERNAL') : issued('XG1.ok')) })
    const { container } = render(<PassCodePage />)
    await screen.findByText('服务开小差了，请稍后再试')
    fireEvent.click(screen.getByText('重试'))
    await waitFor(() => expect(token(container)).toBe('XG1.ok'))
  })

  it('shows valid codes from the phone’s supply for 30 minutes without network, says so, and comes back by itself', async () => {
    let online = true
    let n = 0
    let supply: IssueSupplyOutput | null = null
    mockActions({
      'pass.issue': () => (online ? issued(`XG1.live${++n}`) : failReply('NETWORK')),
      'pass.issueSupply': () => {
        const now = Date.now()
        supply = {
          issuedAt: now,
          codes: Array.from({ length: PASS_SUPPLY_CODES }, (_, i) => ({
            token: `XG1.s${i}`,
            validFrom: now + i * 30_000,
            expiresAt: now + i * 30_000 + 60_000,
          })),
        }
        return okReply(supply)
      },
    })
    const { container } = render(<PassCodePage />)
    await waitFor(() => expect(token(container)).toBe('XG1.live1'))
    await waitFor(() => expect(supply).not.toBeNull())
    online = false
    await advance(61_000)
    await screen.findByText('离线模式')
    const shown = new Set<string>()
    for (let t = 61_000; t <= 30 * 60_000; t += 30_000) {
      const now = Date.now()
      const code = supply!.codes.find((c) => c.token === token(container))
      expect(code).toBeDefined() // a stored code, never nothing, never a dead one
      expect(code!.validFrom).toBeLessThanOrEqual(now)
      expect(code!.expiresAt).toBeGreaterThan(now)
      expect(container.querySelector('.pass-code__offline')).not.toBeNull()
      shown.add(token(container)!)
      await advance(30_000)
    }
    expect(shown.size).toBeGreaterThanOrEqual(57) // a new one every 30 s
    online = true
    await advance(5_000)
    await waitFor(() => expect(token(container)).toMatch(/^XG1\.live/))
    expect(container.querySelector('.pass-code__offline')).toBeNull()
  })

  it('forgets the supply once the courier is refused, so a suspended courier shows nothing offline', async () => {
    let refused = false
    mockActions({
      'pass.issue': () => (refused ? failReply('NOT_APPROVED') : issued('XG1.live')),
      'pass.issueSupply': () => {
        const now = Date.now()
        return okReply({ issuedAt: now, codes: [{ token: 'XG1.s0', validFrom: now, expiresAt: now + 60_000 }] })
      },
      'account.me': () => okReply(SUSPENDED),
    })
    const { container } = render(<PassCodePage />)
    await waitFor(() => expect(token(container)).toBe('XG1.live'))
    await waitFor(() => expect(localStorage.getItem('passSupply')).not.toBeNull())
    refused = true
    await advance(30_000)
    await screen.findByText('你的小哥码已被暂停使用，如有疑问请联系社区。')
    expect(localStorage.getItem('passSupply')).toBeNull()
  })

  it('stops refreshing when the page is closed', async () => {
    const fetchMock = issuingTokens()
    const { container, unmount } = render(<PassCodePage />)
    await waitFor(() => expect(token(container)).toBe('XG1.t1'))
    unmount()
    await advance(120_000)
    expect(sentRequests(fetchMock, 'pass.issue')).toHaveLength(1)
  })
})
