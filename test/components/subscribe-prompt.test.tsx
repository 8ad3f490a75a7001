import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import SubscribePrompt from '../../src/components/subscribe-prompt'
import OutboxCard from '../../src/components/outbox-card'
import { chooseDemoIdentity, failReply, mockFetch, okReply } from './helpers'

// The weapp variant of the service, as the mini-program build resolves it; the ids are those of
// test/support/taro-h5/setup.js (what defineConstants gives the real build).
jest.mock('../../src/services/subscribe', () => jest.requireActual('../../src/services/subscribe.weapp'))

const taro = Taro as unknown as { requestSubscribeMessage?: jest.Mock }
afterEach(() => {
  delete taro.requestSubscribeMessage
  jest.restoreAllMocks()
})

describe('SubscribePrompt (开启微信通知)', () => {
  it('asks WeChat for the configured template ids only when tapped, and says it is on when accepted', async () => {
    taro.requestSubscribeMessage = jest.fn().mockResolvedValue({
      errMsg: 'requestSubscribeMessage:ok',
      'tmpl-activity-00001': 'accept',
    })
    render(<SubscribePrompt templates={['activity']} when='活动有变动或取消时' />)
    expect(screen.getByText('活动有变动或取消时在微信里通知你')).toBeTruthy()
    expect(taro.requestSubscribeMessage).not.toHaveBeenCalled()
    fireEvent.click(screen.getByText('开启微信通知'))
    await screen.findByText('已开启，会通过微信「服务通知」告诉你')
    expect(taro.requestSubscribeMessage).toHaveBeenCalledTimes(1)
    expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-activity-00001'] })
  })

  it('takes a refusal calmly: the flow goes on and the app still shows its own messages', async () => {
    taro.requestSubscribeMessage = jest.fn().mockResolvedValue({ 'tmpl-review-0000001': 'reject' })
    render(<SubscribePrompt templates={['review']} when='审核结果出来时' />)
    fireEvent.click(screen.getByText('开启微信通知'))
    await screen.findByText('没有开启也没关系，消息会显示在小程序里')
  })

  it('disappears when WeChat fails (e.g. all subscribe messages switched off), without an error', async () => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    taro.requestSubscribeMessage = jest
      .fn()
      .mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail', errCode: 20004 })
    const { container } = render(<SubscribePrompt templates={['pickup']} when='兑换成功后把取货码' />)
    fireEvent.click(screen.getByText('开启微信通知'))
    await waitFor(() => expect(container.querySelector('.subscribe-prompt')).toBeNull())
    expect(taro.requestSubscribeMessage).toHaveBeenCalledTimes(1)
  })
})

describe('OutboxCard (微信通知（演示）)', () => {
  beforeEach(() => localStorage.clear())

  it('shows the demo identity’s messages from /local/outbox, sending the identity header', async () => {
    chooseDemoIdentity('demo-courier')
    const fetchMock = mockFetch(() =>
      okReply({
        messages: [
          {
            template: 'pickup',
            page: 'courier/pages/exchange/index',
            data: { thing1: { value: '毛巾' }, character_string3: { value: '123456' }, thing2: { value: '哥哥驿站' } },
            at: Date.UTC(2026, 0, 5, 2, 0),
          },
        ],
      }),
    )
    render(<OutboxCard refreshKey={0} />)
    await screen.findByText('兑换可取货通知')
    expect(screen.getByText('毛巾 · 哥哥驿站 · 123456')).toBeTruthy()
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit]
    expect(url).toBe('/local/outbox')
    expect((init.headers as Record<string, string>)['x-openid']).toBe('demo-courier')
  })

  it('says 还没有通知 when there is none, and hides itself when the outbox cannot be read', async () => {
    chooseDemoIdentity('demo-courier')
    mockFetch(() => okReply({ messages: [] }))
    const { unmount } = render(<OutboxCard refreshKey={0} />)
    await screen.findByText('还没有通知')
    unmount()
    const failing = mockFetch(() => failReply('UNAUTHENTICATED'))
    const { container } = render(<OutboxCard refreshKey={1} />)
    await waitFor(() => expect(failing).toHaveBeenCalled())
    await act(() => new Promise((resolve) => setTimeout(resolve, 0))) // the failed load settles
    expect(container.querySelector('.outbox-card')).toBeNull()
  })
})
