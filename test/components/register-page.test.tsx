import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import RegisterPage from '../../src/courier/pages/register'
import type { ActionOutput, MeOutput } from '../../types'
import {
  chooseDemoIdentity,
  deferred,
  failReply,
  mockActions,
  okReply,
  sentRequests,
  sentUploads,
  typeInto,
  VISITOR,
  type ActionHandler,
  type FakeResponse,
  type FileHandlers,
} from './helpers'

const COMMUNITIES: ActionOutput<'account', 'listCommunities'> = {
  communities: [
    { id: 'ruanjiaqiao', name: '阮家桥社区', street: '祥符街道', district: '拱墅区', city: '杭州' },
    { id: 'wujiadun', name: '吴家墩社区', street: '康桥街道', district: '拱墅区', city: '杭州' },
  ],
}

const REJECTED: MeOutput = {
  ...VISITOR,
  isNew: false,
  roles: [{ role: 'courier' }],
  courier: {
    status: 'rejected',
    statusReason: '骑手编号不符',
    communityId: 'ruanjiaqiao',
    communityName: '阮家桥社区',
  },
}

const FACE_REF = 'local:FaceOfTheNewRider00001'
const jpeg = () => new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9])], { type: 'image/jpeg' })
/** h5's picker gives a blob URL; the local cloud keeps the photo and answers its reference. */
const FACE_FILES: FileHandlers = {
  blobs: { 'blob:face': jpeg(), 'blob:face2': jpeg() },
  upload: () => okReply({ photo: FACE_REF }),
}
const mockPage = (handlers: Record<string, ActionHandler>, files: FileHandlers = FACE_FILES) =>
  mockActions(handlers, files)
const pickedImage = (path: string) =>
  ({ tempFilePaths: [path], tempFiles: [{ path, size: 9, type: 'image/jpeg' }], errMsg: 'chooseImage:ok' }) as never

let toast: jest.SpyInstance
let chooseImage: jest.SpyInstance
let switchTab: jest.SpyInstance
let scroll: jest.SpyInstance

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('o-visitor')
  toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
  scroll = jest.spyOn(Taro, 'pageScrollTo').mockResolvedValue({ errMsg: 'pageScrollTo:ok' })
  chooseImage = jest.spyOn(Taro, 'chooseImage').mockResolvedValue(pickedImage('blob:face'))
})

afterEach(() => jest.restoreAllMocks())

function fieldError(container: HTMLElement, field: string): string | null {
  return container.querySelector(`[data-field="${field}"] .field-error`)?.textContent ?? null
}

async function takePhoto(container: HTMLElement) {
  fireEvent.click(container.querySelector('#register-photo')!)
  await screen.findByText('照片已上传')
}

async function fillValidForm(container: HTMLElement) {
  await takePhoto(container)
  typeInto(container.querySelector('#register-name'), ' 刘小强 ')
  typeInto(container.querySelector('#register-phone'), '13800138000')
  fireEvent.click(screen.getByText('饿了么'))
  typeInto(container.querySelector('#register-rider-id'), 'ELM-123')
  fireEvent.click(screen.getByText('吴家墩社区'))
  fireEvent.click(container.querySelector('#consent-privacy')!)
  fireEvent.click(container.querySelector('#consent-movement')!)
}

describe('register page (注册小哥)', () => {
  it('offers the seven platforms and the communities from listCommunities', async () => {
    const fetchMock = mockPage({
      'account.me': () => okReply(VISITOR),
      'account.listCommunities': () => okReply(COMMUNITIES),
    })
    const { container } = render(<RegisterPage />)
    await screen.findByText('阮家桥社区')
    const platforms = Array.from(container.querySelectorAll('.register-platform__option')).map((el) => el.textContent)
    expect(platforms).toEqual(['美团', '饿了么', '顺丰', '京东', '闪送', '达达', '其他'])
    expect(container.querySelectorAll('.register-community__option')).toHaveLength(2)
    expect(screen.getByText('拱墅区 · 康桥街道')).toBeTruthy()
    expect(
      sentRequests(fetchMock)
        .map((r) => r.body.action)
        .sort(),
    ).toEqual(['listCommunities', 'me'])
  })

  it('asks for two separate consents, the second for entry records kept 180 days (PIPL Art. 29)', async () => {
    mockPage({ 'account.me': () => okReply(VISITOR), 'account.listCommunities': () => okReply(COMMUNITIES) })
    const { container } = render(<RegisterPage />)
    await screen.findByText('阮家桥社区')
    const privacy = container.querySelector('#consent-privacy')!
    const movement = container.querySelector('#consent-movement')!
    expect(privacy.getAttribute('aria-checked')).toBe('false')
    expect(movement.getAttribute('aria-checked')).toBe('false')
    fireEvent.click(privacy)
    expect(privacy.getAttribute('aria-checked')).toBe('true')
    expect(movement.getAttribute('aria-checked')).toBe('false')
    expect(container.textContent).toContain('第二十九条')
    expect(container.textContent).toContain('180 天后自动删除')
  })

  it('checks the form with the contract and shows each Chinese message by its field, sending nothing', async () => {
    const fetchMock = mockPage({
      'account.me': () => okReply(VISITOR),
      'account.listCommunities': () => okReply(COMMUNITIES),
    })
    const { container } = render(<RegisterPage />)
    await screen.findByText('阮家桥社区')
    typeInto(container.querySelector('#register-phone'), '12345')
    fireEvent.click(screen.getByText('提交注册'))

    expect(fieldError(container, 'register-name')).toBe('请填写真实姓名（2–20 个字）')
    expect(fieldError(container, 'register-phone')).toBe('请填写 11 位手机号')
    expect(fieldError(container, 'register-platform')).toBe('请选择所属平台')
    expect(fieldError(container, 'register-rider-id')).toBe('请填写平台骑手编号')
    expect(fieldError(container, 'register-community')).toBe('请选择常驻社区')
    expect(fieldError(container, 'register-photo')).toBe('请拍摄或选择本人照片')
    expect(screen.getByText('请阅读并同意个人信息处理规则')).toBeTruthy()
    expect(screen.getByText('请单独同意记录进出记录（行踪信息）')).toBeTruthy()
    // The first problem also as a toast, for a form taller than the screen.
    expect(toast).toHaveBeenCalledWith({ title: '请填写真实姓名（2–20 个字）', icon: 'none' })
    expect(sentRequests(fetchMock, 'account.register')).toHaveLength(0)

    // Fixing a field clears its message at once.
    typeInto(container.querySelector('#register-phone'), '13800138000')
    expect(fieldError(container, 'register-phone')).toBeNull()
  })

  it('counts characters as the contract does and lets a long name run on, red, instead of cutting it', async () => {
    mockPage({ 'account.me': () => okReply(VISITOR), 'account.listCommunities': () => okReply(COMMUNITIES) })
    const { container } = render(<RegisterPage />)
    await screen.findByText('阮家桥社区')
    const counter = (field: string) => container.querySelector(`[data-field="${field}"] .field__counter`)
    expect(counter('register-name')?.textContent).toBe('0/20')
    expect(counter('register-phone')?.textContent).toBe('0/11')
    expect(counter('register-rider-id')?.textContent).toBe('0/32')

    typeInto(container.querySelector('#register-name'), '买买提·艾力')
    expect(counter('register-name')?.textContent).toBe('6/20')
    expect(counter('register-name')?.className).not.toContain('field__counter--over')

    const long = '阿卜杜热合曼·阿卜杜克热木·买买提江·吐尔逊' // 22 characters
    typeInto(container.querySelector('#register-name'), long)
    expect(counter('register-name')?.textContent).toBe('22/20')
    expect(counter('register-name')?.className).toContain('field__counter--over')
    // Nothing was cut: the field holds all of it, and the check says what is wrong.
    expect((container.querySelector('#register-name') as HTMLInputElement).value).toBe(long)
    expect(container.querySelector('#register-name')?.getAttribute('maxlength')).toBe('-1')
    fireEvent.click(screen.getByText('提交注册'))
    expect(fieldError(container, 'register-name')).toBe('请填写真实姓名（2–20 个字）')
  })

  it('scrolls to the first field with a message, top to bottom, and that field is on the page', async () => {
    mockPage({ 'account.me': () => okReply(VISITOR), 'account.listCommunities': () => okReply(COMMUNITIES) })
    const { container } = render(<RegisterPage />)
    await screen.findByText('阮家桥社区')
    const scrolledTo = () => (scroll.mock.calls.at(-1) as [{ selector: string }])[0].selector

    fireEvent.click(screen.getByText('提交注册'))
    expect(scroll).toHaveBeenCalledTimes(1)
    expect(scrolledTo()).toBe('#register-name-field')
    expect(container.querySelector(scrolledTo())?.getAttribute('data-field')).toBe('register-name')

    typeInto(container.querySelector('#register-name'), '刘小强')
    typeInto(container.querySelector('#register-phone'), '13800138000')
    fireEvent.click(screen.getByText('提交注册'))
    expect(scrolledTo()).toBe('#register-platform-field')
    expect(container.querySelector(scrolledTo())?.textContent).toContain('请选择所属平台')

    await fillValidForm(container)
    fireEvent.click(container.querySelector('#consent-movement')!) // untick it again
    fireEvent.click(screen.getByText('提交注册'))
    expect(scrolledTo()).toBe('#consent-movement-field')
    expect(container.querySelector(scrolledTo())?.textContent).toContain('请单独同意记录进出记录（行踪信息）')
    expect(scroll).toHaveBeenCalledTimes(3)
  })

  it('shows the contract’s rules for a 真实姓名 and for each platform’s rider id by their fields', async () => {
    const fetchMock = mockPage({
      'account.me': () => okReply(VISITOR),
      'account.listCommunities': () => okReply(COMMUNITIES),
    })
    const { container } = render(<RegisterPage />)
    await screen.findByText('阮家桥社区')
    await fillValidForm(container)
    typeInto(container.querySelector('#register-name'), '刘小强2')
    fireEvent.click(screen.getByText('达达'))
    typeInto(container.querySelector('#register-rider-id'), 'DD-123')
    fireEvent.click(screen.getByText('提交注册'))
    expect(fieldError(container, 'register-name')).toBe('真实姓名不能包含数字')
    expect(fieldError(container, 'register-rider-id')).toBe('达达骑手编号为 1–12 位数字')
    expect(scroll.mock.calls.at(-1)?.[0]).toMatchObject({ selector: '#register-name-field' })
    expect(sentRequests(fetchMock, 'account.register')).toHaveLength(0)
  })

  it('refuses the form without the movement consent even when everything else is right', async () => {
    const fetchMock = mockPage({
      'account.me': () => okReply(VISITOR),
      'account.listCommunities': () => okReply(COMMUNITIES),
    })
    const { container } = render(<RegisterPage />)
    await screen.findByText('阮家桥社区')
    await fillValidForm(container)
    fireEvent.click(container.querySelector('#consent-movement')!) // untick it again
    fireEvent.click(screen.getByText('提交注册'))
    expect(screen.getByText('请单独同意记录进出记录（行踪信息）')).toBeTruthy()
    expect(sentRequests(fetchMock, 'account.register')).toHaveLength(0)
  })

  it('submits the parsed registration and shows the pending status with a way to 我的', async () => {
    const fetchMock = mockPage({
      'account.me': () => okReply(VISITOR),
      'account.listCommunities': () => okReply(COMMUNITIES),
      'account.register': () => okReply({ status: 'pending' }),
    })
    const { container } = render(<RegisterPage />)
    await screen.findByText('阮家桥社区')
    await fillValidForm(container)
    fireEvent.click(screen.getByText('提交注册'))

    await screen.findByText('注册已提交')
    expect(screen.getByText('当前状态：待审核')).toBeTruthy()
    expect(sentRequests(fetchMock, 'account.register').map((r) => r.body)).toEqual([
      {
        action: 'register',
        name: '刘小强',
        phone: '13800138000',
        platform: '饿了么',
        riderId: 'ELM-123',
        communityId: 'wujiadun',
        photoUrl: FACE_REF,
        consentPrivacy: true,
        consentMovement: true,
      },
    ])
    fireEvent.click(container.querySelector('#register-done')!)
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })
  })

  it('shows the cloud’s Chinese message when the registration is refused', async () => {
    mockPage({
      'account.me': () => okReply(VISITOR),
      'account.listCommunities': () => okReply(COMMUNITIES),
      'account.register': () => failReply('ALREADY_REGISTERED'),
    })
    const { container } = render(<RegisterPage />)
    await screen.findByText('阮家桥社区')
    await fillValidForm(container)
    fireEvent.click(screen.getByText('提交注册'))
    await screen.findByText('你已注册，无需重复提交')
    expect(container.querySelector('.register-page__error')?.getAttribute('role')).toBe('alert')
    expect(screen.getByText('提交注册')).toBeTruthy()
  })

  it('shows an already registered courier their status instead of the form', async () => {
    const pending: MeOutput = {
      ...VISITOR,
      courier: { status: 'pending', communityId: 'ruanjiaqiao', communityName: '阮家桥社区' },
    }
    mockPage({ 'account.me': () => okReply(pending), 'account.listCommunities': () => okReply(COMMUNITIES) })
    const { container } = render(<RegisterPage />)
    await screen.findByText('你已注册为小哥')
    expect(screen.getByText('当前状态：待审核')).toBeTruthy()
    expect(container.querySelector('#register-submit')).toBeNull()
  })

  it('lets a rejected courier register again, saying why the last one failed', async () => {
    mockPage({ 'account.me': () => okReply(REJECTED), 'account.listCommunities': () => okReply(COMMUNITIES) })
    const { container } = render(<RegisterPage />)
    await screen.findByText('上次注册未通过审核：骑手编号不符。请核对信息后重新提交。')
    expect(container.querySelector('#register-submit')).not.toBeNull()
  })

  it('shows a load failure with 重试', async () => {
    let calls = 0
    mockPage({
      'account.me': () => okReply(VISITOR),
      'account.listCommunities': () => (++calls === 1 ? failReply('NETWORK') : okReply(COMMUNITIES)),
    })
    render(<RegisterPage />)
    await screen.findByText('网络不给力，请检查网络后重试')
    fireEvent.click(screen.getByText('重试'))
    await waitFor(() => expect(screen.getByText('阮家桥社区')).toBeTruthy())
  })
  describe('the face photo (本人照片, required: the guard compares it at the gate)', () => {
    const handlers = {
      'account.me': () => okReply(VISITOR),
      'account.listCommunities': () => okReply(COMMUNITIES),
    }

    it('takes one, shows it at once, uploads it as a face photo, and lets the courier retake or remove it', async () => {
      const fetchMock = mockPage(handlers)
      const { container } = render(<RegisterPage />)
      await screen.findByText('阮家桥社区')
      expect(container.querySelector('#register-photo')?.textContent).toBe('拍照或从相册选择')
      await takePhoto(container)
      expect(chooseImage).toHaveBeenCalledTimes(1)
      expect(container.querySelector('.face-photo__preview img')?.getAttribute('src')).toBe('blob:face')
      expect(sentUploads(fetchMock).map((u) => u.url)).toEqual(['/local/upload?for=face'])

      chooseImage.mockResolvedValueOnce(pickedImage('blob:face2'))
      fireEvent.click(screen.getByText('重拍'))
      await waitFor(() =>
        expect(container.querySelector('.face-photo__preview img')?.getAttribute('src')).toBe('blob:face2'),
      )
      await screen.findByText('照片已上传')
      expect(sentUploads(fetchMock)).toHaveLength(2)

      fireEvent.click(screen.getByText('删除'))
      expect(container.querySelector('.face-photo__preview')).toBeNull()
      expect(container.querySelector('#register-photo')).not.toBeNull()
    })

    it('will not submit without one, or while it is still uploading', async () => {
      const upload = deferred<FakeResponse>()
      const fetchMock = mockPage(handlers, { ...FACE_FILES, upload: () => upload.promise })
      const { container } = render(<RegisterPage />)
      await screen.findByText('阮家桥社区')
      typeInto(container.querySelector('#register-name'), '刘小强')
      typeInto(container.querySelector('#register-phone'), '13800138000')
      fireEvent.click(screen.getByText('饿了么'))
      typeInto(container.querySelector('#register-rider-id'), 'ELM-123')
      fireEvent.click(screen.getByText('吴家墩社区'))
      fireEvent.click(container.querySelector('#consent-privacy')!)
      fireEvent.click(container.querySelector('#consent-movement')!)
      fireEvent.click(screen.getByText('提交注册'))
      expect(fieldError(container, 'register-photo')).toBe('请拍摄或选择本人照片')
      expect(scroll.mock.calls.at(-1)?.[0]).toMatchObject({ selector: '#register-photo-field' })

      fireEvent.click(container.querySelector('#register-photo')!)
      await screen.findByText('正在上传…')
      expect(fieldError(container, 'register-photo')).toBeNull()
      fireEvent.click(screen.getByText('提交注册'))
      expect(fieldError(container, 'register-photo')).toBe('照片还在上传，请稍候再提交')
      expect(sentRequests(fetchMock, 'account.register')).toHaveLength(0)
      upload.resolve(okReply({ photo: FACE_REF }))
      await screen.findByText('照片已上传')
    })

    it('says in Chinese why an upload was refused, and offers to try again', async () => {
      mockPage(handlers, {
        ...FACE_FILES,
        upload: () => failReply('RATE_LIMITED', '照片上传过于频繁（每小时最多 30 张），请 12 分钟后再试'),
      })
      const { container } = render(<RegisterPage />)
      await screen.findByText('阮家桥社区')
      fireEvent.click(container.querySelector('#register-photo')!)
      await screen.findByText('照片上传过于频繁（每小时最多 30 张），请 12 分钟后再试')
      expect(container.querySelector('.face-photo__error')?.getAttribute('role')).toBe('alert')
      expect(container.querySelector('#register-photo')?.textContent).toBe('重新拍照或选择')
    })

    it('keeps the page as it was when the picker is closed', async () => {
      chooseImage.mockRejectedValueOnce({ errMsg: 'chooseImage:fail cancel' })
      const fetchMock = mockPage(handlers)
      const { container } = render(<RegisterPage />)
      await screen.findByText('阮家桥社区')
      fireEvent.click(container.querySelector('#register-photo')!)
      await waitFor(() => expect(chooseImage).toHaveBeenCalled())
      expect(container.querySelector('.face-photo__error')).toBeNull()
      expect(sentUploads(fetchMock)).toHaveLength(0)
    })
  })
})
