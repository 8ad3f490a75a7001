import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen } from '@testing-library/react'
import PlaceScanPage from '../../src/gate/pages/place-scan'
import { PASS_REFUSALS, type EnterByPlaceOutput } from '../../types'
import { chooseDemoIdentity, failReply, mockActions, okReply, sentRequests, typeInto } from './helpers'

/** 2026-11-23 18:30:05 China time. */
const NOW = Date.parse('2026-11-23T18:30:05+08:00')

const ALLOWED: EnterByPlaceOutput = {
  allowed: true,
  communityName: '阮家桥社区',
  gateName: '南门',
  enteredAt: NOW,
  maskedName: '张*明',
  dayColor: '#2563eb',
}

const PENDING: EnterByPlaceOutput = {
  allowed: false,
  code: 'COURIER_PENDING',
  message: PASS_REFUSALS.COURIER_PENDING,
  communityName: '阮家桥社区',
  gateName: '南门',
  enteredAt: NOW,
  maskedName: '李*伟',
  dayColor: '#2563eb',
}

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-courier')
  jest.useFakeTimers({ now: NOW })
})
afterEach(() => jest.useRealTimers())

async function paste(container: HTMLElement, text: string) {
  typeInto(container.querySelector('#place-input'), text)
  fireEvent.click(container.querySelector('#place-submit')!)
}

describe('place scan page opened by a gate’s 小程序码', () => {
  function openedWith(params: Record<string, string>) {
    return jest
      .spyOn(Taro, 'getCurrentInstance')
      .mockReturnValue({ router: { params } } as unknown as ReturnType<typeof Taro.getCurrentInstance>)
  }

  it('checks the scene from the page query at once, decoded, and shows the live pass', async () => {
    const spy = openedWith({ scene: 'g%3DAbCdEfGhIjKlMnOp' })
    const fetchMock = mockActions({ 'pass.enterByPlace': () => okReply(ALLOWED) })
    render(<PlaceScanPage />)
    await screen.findByText('已登记进门')
    expect(sentRequests(fetchMock)).toEqual([
      { fn: 'pass', body: { action: 'enterByPlace', placeCode: 'g=AbCdEfGhIjKlMnOp' } },
    ])
    spy.mockRestore()
  })

  it('sends nothing when opened without a scene', async () => {
    const spy = openedWith({})
    const fetchMock = mockActions({})
    render(<PlaceScanPage />)
    await act(async () => undefined)
    expect(sentRequests(fetchMock)).toEqual([])
    spy.mockRestore()
  })
})

describe('place scan page (扫场所码进门), h5 fallback', () => {
  it('offers a paste field instead of the camera', () => {
    mockActions({})
    const { container } = render(<PlaceScanPage />)
    expect(container.querySelector('#place-input')).not.toBeNull()
    expect(container.querySelector('#place-submit')?.textContent).toBe('进门登记')
    expect(container.querySelector('#place-camera')).toBeNull()
  })

  it('sends the trimmed code and shows a live pass: community, gate, ticking clock, moving border in the day’s colour', async () => {
    const fetchMock = mockActions({ 'pass.enterByPlace': () => okReply(ALLOWED) })
    const { container } = render(<PlaceScanPage />)
    await paste(container, '  XGG1.code  ')
    await screen.findByText('已登记进门')
    expect(sentRequests(fetchMock)).toEqual([{ fn: 'pass', body: { action: 'enterByPlace', placeCode: 'XGG1.code' } }])
    const pass = container.querySelector('.live-pass') as HTMLElement
    expect(pass.getAttribute('data-color')).toBe('#2563eb')
    expect(pass.style.backgroundColor).toBe('rgb(37, 99, 235)') // the stripes (a gradient jsdom does not parse) use the same colour
    expect(pass.querySelector('.live-pass__community')?.textContent).toBe('阮家桥社区')
    expect(pass.querySelector('.live-pass__gate')?.textContent).toBe('南门')
    expect(pass.querySelector('.live-pass__name')?.textContent).toBe('张*明')
    const clock = () => pass.querySelector('.live-pass__clock')?.textContent
    expect(clock()).toBe('18:30:05')
    act(() => {
      jest.advanceTimersByTime(1_000)
    })
    expect(clock()).toBe('18:30:06')
    act(() => {
      jest.advanceTimersByTime(2_000)
    })
    expect(clock()).toBe('18:30:08')
    expect(pass.querySelector('.live-pass__entered')?.textContent).toBe('登记时间 18:30:05')
  })

  it('shows a red card with the reason when the entry is refused', async () => {
    mockActions({ 'pass.enterByPlace': () => okReply(PENDING) })
    const { container } = render(<PlaceScanPage />)
    await paste(container, 'XGG1.code')
    await screen.findByText('不能进门')
    const card = container.querySelector('.place-refused')!
    expect(card.getAttribute('data-code')).toBe('COURIER_PENDING')
    expect(card.querySelector('.place-refused__message')?.textContent).toBe('该小哥尚未通过审核')
    expect(container.querySelector('.live-pass')).toBeNull()
  })

  it('shows the cloud’s error when the request fails', async () => {
    mockActions({ 'pass.enterByPlace': () => failReply('NOT_FOUND', '这个场所码对应的门岗已不存在') })
    const { container } = render(<PlaceScanPage />)
    await paste(container, 'XGG1.code')
    await screen.findByText('登记失败')
    expect(container.querySelector('.place-error__message')?.textContent).toBe('这个场所码对应的门岗已不存在')
  })

  it('asks for a code before sending an empty one', () => {
    const fetchMock = mockActions({})
    const { container } = render(<PlaceScanPage />)
    fireEvent.click(container.querySelector('#place-submit')!)
    expect(container.querySelector('.place-scan__input-error')?.textContent).toBe('请先粘贴场所码内容')
    expect(fetchMock).not.toHaveBeenCalled()
  })
})
