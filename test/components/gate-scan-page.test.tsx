import { fireEvent, render, screen } from '@testing-library/react'
import GateScanPage from '../../src/staff/pages/gate-scan'
import { PASS_REFUSALS, type VerifyOutput } from '../../types'
import { chooseDemoIdentity, failReply, mockActions, okReply, sentRequests, typeInto } from './helpers'

/** 2026-11-23 18:30:05 China time. */
const CHECKED_AT = Date.parse('2026-11-23T18:30:05+08:00')

const ALLOWED: VerifyOutput = {
  allowed: true,
  courier: {
    maskedName: '张*明',
    platform: '美团',
    approvedSince: Date.parse('2024-07-01T08:00:00+08:00'),
    entriesToday: 3,
  },
  destination: '3幢2单元',
  suspectedShared: false,
  gateName: '北门',
  checkedAt: CHECKED_AT,
}

const SHARED: VerifyOutput = { ...ALLOWED, suspectedShared: true, destination: undefined }

const EXPIRED: VerifyOutput = {
  allowed: false,
  code: 'PASS_EXPIRED',
  message: PASS_REFUSALS.PASS_EXPIRED,
  gateName: '北门',
  checkedAt: CHECKED_AT,
}

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-guard')
})

function paste(container: HTMLElement, text: string) {
  typeInto(container.querySelector('#scan-input'), text)
  fireEvent.click(container.querySelector('#scan-submit')!)
}

describe('gate scan page (扫码核验), h5 fallback', () => {
  it('offers a paste field instead of the camera (h5 has no scanner)', () => {
    mockActions({})
    const { container } = render(<GateScanPage />)
    expect(container.querySelector('#scan-input')).not.toBeNull()
    expect(container.querySelector('#scan-submit')?.textContent).toBe('核验')
    expect(container.querySelector('#scan-camera')).toBeNull()
  })

  it('shows the courier’s photo large on the green card, from the URL the cloud answered', async () => {
    const url = '/local/files/FaceOfTheCourier000001?e=1795400000&t=abc'
    const courier = { maskedName: '张*明', platform: '美团', approvedSince: 0, entriesToday: 1, photoUrl: url }
    mockActions({ 'pass.verify': () => okReply({ ...ALLOWED, courier }) })
    const { container } = render(<GateScanPage />)
    paste(container, 'XG1.token')
    await screen.findByText('通过')
    const photo = container.querySelector('.verify-result--allowed .verify-result__photo')
    expect(photo?.querySelector('img')?.getAttribute('src')).toBe(url)
    expect(container.querySelector('.verify-result__no-photo')).toBeNull()
  })

  it('verifies the pasted code and shows the green card with only what the guard needs', async () => {
    const fetchMock = mockActions({ 'pass.verify': () => okReply(ALLOWED) })
    const { container } = render(<GateScanPage />)
    paste(container, '  XG1.token  ')
    await screen.findByText('通过')
    // (the page also fetches the offline keys and list in the background)
    expect(sentRequests(fetchMock, 'pass.verify')).toEqual([
      { fn: 'pass', body: { action: 'verify', token: 'XG1.token' } },
    ])
    const card = container.querySelector('.verify-result')!
    expect(card.className).toContain('verify-result--allowed')
    expect(card.className).not.toContain('verify-result--shared')
    expect(card.querySelector('.verify-result__name')?.textContent).toBe('张*明')
    expect(card.querySelector('.verify-result__platform')?.textContent).toBe('美团')
    expect(card.querySelector('.verify-result__since')?.textContent).toBe('认证时间：2024-07-01')
    expect(card.querySelector('.verify-result__entries')?.textContent).toBe('今日进入：3 次')
    expect(card.querySelector('.verify-result__destination')?.textContent).toBe('送往：3幢2单元')
    expect(card.querySelector('.verify-result__meta')?.textContent).toBe('北门 · 18:30:05 核验')
    expect(card.querySelector('.verify-result__shared')).toBeNull()
    // No photo on file: the guard is told to check an ID instead.
    expect(card.querySelector('.verify-result__photo img')).toBeNull()
    expect(card.querySelector('.verify-result__no-photo')?.textContent).toBe('无照片，请核对证件')
    // Ready for the next courier.
    expect((container.querySelector('#scan-input') as HTMLInputElement).value).toBe('')
  })

  it('shows the photo when the courier has one', async () => {
    const withPhoto: VerifyOutput = {
      ...ALLOWED,
      courier: { ...ALLOWED.courier, photoUrl: 'https://example.com/p.jpg' },
    }
    mockActions({ 'pass.verify': () => okReply(withPhoto) })
    const { container } = render(<GateScanPage />)
    paste(container, 'XG1.token')
    await screen.findByText('通过')
    expect(container.querySelector('.verify-result__photo')).not.toBeNull()
  })

  it('warns 疑似共享 in orange on a pass that was used at another gate', async () => {
    mockActions({ 'pass.verify': () => okReply(SHARED) })
    const { container } = render(<GateScanPage />)
    paste(container, 'XG1.token')
    await screen.findByText('疑似共享')
    const card = container.querySelector('.verify-result')!
    expect(card.className).toContain('verify-result--allowed')
    expect(card.className).toContain('verify-result--shared')
    expect(card.querySelector('.verify-result__shared')?.textContent).toContain('此码刚在其他门岗用过')
    expect(card.querySelector('.verify-result__destination')).toBeNull()
  })

  it('shows a refusal as the red card with the reason in plain Chinese', async () => {
    mockActions({ 'pass.verify': () => okReply(EXPIRED) })
    const { container } = render(<GateScanPage />)
    paste(container, 'XG1.old')
    await screen.findByText('不通过')
    const card = container.querySelector('.verify-result')!
    expect(card.className).toContain('verify-result--refused')
    expect(card.getAttribute('data-code')).toBe('PASS_EXPIRED')
    expect(card.querySelector('.verify-result__message')?.textContent).toBe('小哥码已过期，请让小哥刷新后重试')
    expect(card.querySelector('.verify-result__name')).toBeNull()
  })

  it('shows a failed check (not a guard, too many checks) as an error with the cloud’s message', async () => {
    mockActions({ 'pass.verify': () => failReply('RATE_LIMITED') })
    const { container } = render(<GateScanPage />)
    paste(container, 'XG1.token')
    await screen.findByText('操作过于频繁，请稍后再试')
    expect(screen.getByText('核验失败')).toBeTruthy()
    expect(container.querySelector('.verify-result')).toBeNull()

    mockActions({ 'pass.verify': () => failReply('FORBIDDEN') })
    paste(container, 'XG1.token')
    await screen.findByText('没有权限进行此操作')
  })

  it('asks for a code before sending anything, and refuses text far too long to be one', () => {
    const fetchMock = mockActions({})
    const { container } = render(<GateScanPage />)
    paste(container, '   ')
    expect(container.querySelector('.gate-scan__input-error')?.textContent).toBe('请先粘贴小哥码内容')
    paste(container, 'x'.repeat(801))
    expect(container.querySelector('.gate-scan__input-error')?.textContent).toBe('这不是有效的小哥码')
    expect(sentRequests(fetchMock, 'pass.verify')).toHaveLength(0)
  })
})
