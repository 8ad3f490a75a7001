// The detail page with the weapp build's navigation service (navigation.weapp.ts): WeChat dials and navigates.
import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import PlacePage from '../../src/courier/pages/place'
import { chooseDemoIdentity, mockActions, okReply } from './helpers'
import { STATION_DETAIL } from './place-fixtures'

jest.mock('../../src/services/navigation', () => jest.requireActual('../../src/services/navigation.weapp'))

const taro = Taro as unknown as { openLocation: typeof Taro.openLocation; makePhoneCall: typeof Taro.makePhoneCall }

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-courier')
  jest
    .spyOn(Taro, 'getCurrentInstance')
    .mockReturnValue({ router: { params: { kind: 'station', id: 'st-gege-yintai' } } } as unknown as ReturnType<
      typeof Taro.getCurrentInstance
    >)
})
afterEach(() => jest.restoreAllMocks())

describe('place detail page in weapp', () => {
  it('导航 opens WeChat’s map at the place with its name and address (GCJ-02)', async () => {
    const openLocation = jest.spyOn(taro, 'openLocation').mockResolvedValue({ errMsg: 'openLocation:ok' })
    mockActions({ 'services.placeDetail': () => okReply(STATION_DETAIL) })
    const { container } = render(<PlacePage />)
    await screen.findByText('免费义诊周')
    expect(container.querySelector('.place-contact__coords')).toBeNull()
    fireEvent.click(container.querySelector('#place-navigate')!)
    expect(openLocation).toHaveBeenCalledWith({
      latitude: 30.3036,
      longitude: 120.1113,
      name: '哥哥驿站（城西银泰城）',
      address: '杭州市拱墅区城西银泰城广场',
      scale: 17,
    })
  })

  it('拨打 dials the number; a cancelled call is not an error', async () => {
    const makePhoneCall = jest.spyOn(taro, 'makePhoneCall').mockRejectedValue({ errMsg: 'makePhoneCall:fail cancel' })
    mockActions({ 'services.placeDetail': () => okReply(STATION_DETAIL) })
    const { container } = render(<PlacePage />)
    await screen.findByText('免费义诊周')
    expect(container.querySelector('a.place-contact__phone')).toBeNull()
    const call = container.querySelector('#place-call')!
    expect(call.textContent).toBe('拨打 0571-88888888')
    fireEvent.click(call)
    expect(makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0571-88888888' })
  })
})
