import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MePage from '../../src/pages/me'
import type { MeOutput } from '../../types'
import { chooseDemoIdentity, failReply, mockActions, okReply, sentRequests, sentUploads } from './helpers'

/** 本人照片 on 我的: the courier's own photo, its review state, and 更换照片. */
const OLD = '/local/files/OldFaceOfTheCourier001?e=1&t=a'
const NEW = '/local/files/NewFaceOfTheCourier001?e=1&t=b'
const NEW_REF = 'local:NewFaceOfTheCourier001'

function courier(status: 'approved' | 'pending' | 'suspended', photo?: NonNullable<MeOutput['courier']>['photo']) {
  const me: MeOutput = {
    openid: 'demo-courier',
    nickname: '王小哥',
    isNew: false,
    roles: [{ role: 'courier', communityId: 'c-ruanjiaqiao', communityName: '阮家桥社区' }],
    courier: { status, communityId: 'c-ruanjiaqiao', communityName: '阮家桥社区', ...(photo ? { photo } : {}) },
  }
  return me
}

const jpeg = () => new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 0xff, 0xd9])], { type: 'image/jpeg' })
const picked = { tempFilePaths: ['blob:new'], tempFiles: [{ path: 'blob:new', size: 7, type: 'image/jpeg' }] }

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-courier')
  jest.spyOn(Taro, 'chooseImage').mockResolvedValue({ ...picked, errMsg: 'chooseImage:ok' })
})
afterEach(() => jest.restoreAllMocks())

describe('me page: 本人照片', () => {
  it('shows an approved courier the photo the guard sees, and sends a new one for review', async () => {
    const fetchMock = mockActions(
      {
        'account.me': () => okReply(courier('approved', { url: OLD })),
        'account.replacePhoto': () => okReply({ photo: { url: OLD, pendingUrl: NEW } }),
      },
      { blobs: { 'blob:new': jpeg() }, upload: () => okReply({ photo: NEW_REF }) },
    )
    const { container } = render(<MePage />)
    await screen.findByText('本人照片')
    expect(container.querySelector('.me-photo__current img')?.getAttribute('src')).toBe(OLD)
    fireEvent.click(screen.getByText('更换照片（需社区审核）'))
    await screen.findByText('新照片审核中，通过前门岗仍显示原照片')
    expect(container.querySelector('.me-photo__pending img')?.getAttribute('src')).toBe(NEW)
    expect(sentUploads(fetchMock).map((u) => u.url)).toEqual(['/local/upload?for=face'])
    expect(sentRequests(fetchMock, 'account.replacePhoto').map((r) => r.body)).toEqual([
      { action: 'replacePhoto', photo: NEW_REF },
    ])
  })

  it('says why the last replacement was rejected, and that the gate asks for an ID without a photo', async () => {
    mockActions({ 'account.me': () => okReply(courier('approved', { rejected: { at: 1, reason: '照片模糊' } })) })
    const { container } = render(<MePage />)
    await screen.findByText('新照片未通过审核：照片模糊，请重新上传')
    expect(screen.getByText('没有照片时，门岗会要求核对证件')).toBeTruthy()
    expect(container.querySelector('.me-photo__none')?.textContent).toBe('暂无照片')
  })

  it('shows the cloud’s refusal in Chinese', async () => {
    mockActions(
      {
        'account.me': () => okReply(courier('pending', { url: OLD })),
        'account.replacePhoto': () => failReply('NOT_APPROVED', '你的注册未通过审核或已被暂停'),
      },
      { blobs: { 'blob:new': jpeg() }, upload: () => okReply({ photo: NEW_REF }) },
    )
    render(<MePage />)
    fireEvent.click(await screen.findByText('更换照片'))
    await screen.findByText('你的注册未通过审核或已被暂停')
  })

  it('is not offered to a suspended courier', async () => {
    mockActions({ 'account.me': () => okReply(courier('suspended', { url: OLD })) })
    const { container } = render(<MePage />)
    await screen.findByText('王小哥')
    expect(container.querySelector('#me-photo')).toBeNull()
  })
})
