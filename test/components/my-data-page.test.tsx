import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MyDataPage from '../../src/courier/pages/my-data'
import type { MyDataOutput } from '../../types'
import { chooseDemoIdentity, failReply, mockActions, okReply, sentRequests } from './helpers'

const AT = Date.parse('2026-11-20T09:30:00+08:00')

function data(over: Partial<MyDataOutput> = {}): MyDataOutput {
  return {
    profile: {
      name: '张三丰',
      phone: '13811112222',
      platform: '美团',
      riderId: 'MT-77',
      communityName: '阮家桥社区',
      status: 'approved',
      photoUrl: '/local/files/FacePhotoRefForTheTest0001?e=1&t=sig',
      hasPendingPhoto: false,
      registeredAt: AT,
    },
    consents: { privacyAt: AT, movementAt: AT, movementWithdrawnAt: null },
    entries: Array.from({ length: 7 }, (_, i) => ({
      at: AT + i * 60_000,
      gateName: i === 0 ? '南门' : '北门',
      allowed: i !== 0,
      reason: i === 0 ? '该小哥已暂停' : '通过',
      offline: false,
    })),
    entriesTotal: 7,
    points: { balance: 23, earned: 25, ledger: [{ at: AT, delta: 20, kind: 'activity', title: '平安夜巡' }] },
    reports: [],
    redemptions: [{ at: AT, itemName: '矿泉水一瓶', cost: 2, status: '已领取' }],
    signups: [],
    reads: [{ at: AT, who: '社区书记 陈书记', role: 'secretary', what: '查看了你的注册信息（姓名、骑手编号、照片）' }],
    deleteBlockers: [],
    ...over,
  }
}

const modal = (confirm: boolean) => ({ confirm, cancel: !confirm, errMsg: 'showModal:ok' })

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-courier')
})
afterEach(() => jest.restoreAllMocks())

describe('我的数据 page', () => {
  it('shows the profile, consents, entries folded to five, and who looked', async () => {
    mockActions({ 'account.myData': () => okReply(data()) })
    const { container } = render(<MyDataPage />)
    await screen.findByText('张三丰')
    expect(screen.getByText('MT-77')).toBeTruthy()
    expect(container.querySelector('.my-data__photo img')?.getAttribute('src')).toBe(
      '/local/files/FacePhotoRefForTheTest0001?e=1&t=sig',
    )
    expect(screen.getByText(/已授权/)).toBeTruthy()
    expect(screen.getByText('社区书记 陈书记：查看了你的注册信息（姓名、骑手编号、照片）')).toBeTruthy()
    const entryRows = () => container.querySelectorAll('.my-data__row-text')
    const before = entryRows().length
    fireEvent.click(screen.getByText('展开全部 7 条'))
    expect(entryRows().length).toBe(before + 2)
    expect(screen.getByText('该小哥已暂停')).toBeTruthy()
  })

  it('withdraws the entry consent only after saying what it stops, and drops the codes kept for no signal', async () => {
    Taro.setStorageSync('passSupply', { codes: ['x'] })
    const fetchMock = mockActions({
      'account.myData': () => okReply(data()),
      'account.setMovementConsent': () => okReply({ movementAt: null, movementWithdrawnAt: AT + 1 }),
    })
    const showModal = jest.spyOn(Taro, 'showModal')
    showModal.mockResolvedValueOnce(modal(false))
    render(<MyDataPage />)
    fireEvent.click(await screen.findByText('撤回进出记录授权'))
    await waitFor(() => expect(showModal).toHaveBeenCalledTimes(1))
    expect(String(showModal.mock.calls[0][0]?.content)).toContain('不能出示小哥码')
    expect(sentRequests(fetchMock, 'account.setMovementConsent')).toHaveLength(0)

    showModal.mockResolvedValueOnce(modal(true))
    fireEvent.click(screen.getByText('撤回进出记录授权'))
    await waitFor(() => expect(sentRequests(fetchMock, 'account.setMovementConsent')).toHaveLength(1))
    expect(sentRequests(fetchMock, 'account.setMovementConsent')[0].body).toEqual({
      action: 'setMovementConsent',
      given: false,
    })
    await waitFor(() => expect(Taro.getStorageSync('passSupply')).toBe(''))
  })

  it('says the code is stopped while the consent is withdrawn, and offers to give it again', async () => {
    mockActions({
      'account.myData': () => okReply(data({ consents: { privacyAt: AT, movementAt: null, movementWithdrawnAt: AT } })),
    })
    render(<MyDataPage />)
    expect(await screen.findByText(/已撤回/)).toBeTruthy()
    expect(screen.getByText('小哥码已停用：重新授权后才能出示小哥码进门。')).toBeTruthy()
    expect(screen.getByText('重新授权进出记录')).toBeTruthy()
  })

  it('deletes the account only once 注销 is typed, then returns to 我的', async () => {
    const fetchMock = mockActions({
      'account.myData': () => okReply(data()),
      'account.deleteMyAccount': () => okReply({ deleted: true }),
    })
    jest.spyOn(Taro, 'showModal').mockResolvedValue(modal(true))
    const reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    const { container } = render(<MyDataPage />)
    await screen.findByText('张三丰')
    fireEvent.click(container.querySelector('.my-data__delete') as HTMLElement)
    const confirm = () => container.querySelector('.my-data__confirm-delete') as HTMLElement
    expect(confirm().classList.contains('btn--disabled')).toBe(true)
    fireEvent.click(confirm())
    expect(sentRequests(fetchMock, 'account.deleteMyAccount')).toHaveLength(0)
    const input = container.querySelector(
      '.my-data__confirm-input input, input.my-data__confirm-input',
    ) as HTMLInputElement
    fireEvent.input(input, { target: { value: '注销' } })
    await waitFor(() => expect(confirm().classList.contains('btn--disabled')).toBe(false))
    fireEvent.click(confirm())
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/me/index' }))
    expect(sentRequests(fetchMock, 'account.deleteMyAccount')[0].body).toEqual({
      action: 'deleteMyAccount',
      confirm: '注销',
    })
  })

  it('lists what blocks a deletion and keeps the button off; a refusal is shown in Chinese', async () => {
    mockActions({
      'account.myData': () =>
        okReply(data({ deleteBlockers: ['你还有 1 件兑换未领取，请先到驿站领取或在“积分兑换”里取消'] })),
    })
    const { container } = render(<MyDataPage />)
    expect(await screen.findByText(/1 件兑换未领取/)).toBeTruthy()
    expect(container.querySelector('.my-data__delete')?.classList.contains('btn--disabled')).toBe(true)
    fireEvent.click(container.querySelector('.my-data__delete') as HTMLElement)
    expect(container.querySelector('.my-data__confirm')).toBeNull()
  })

  it('exports the CSV through the download, and shows a failure', async () => {
    const fetchMock = mockActions({
      'account.myData': () => okReply(data()),
      'account.exportMyData': () => failReply('INTERNAL'),
    })
    render(<MyDataPage />)
    fireEvent.click(await screen.findByText('导出表格（CSV）'))
    expect(await screen.findByText('服务开小差了，请稍后再试')).toBeTruthy()
    expect(sentRequests(fetchMock, 'account.exportMyData')).toHaveLength(1)
  })
})
