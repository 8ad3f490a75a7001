import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ReportPage from '../../src/courier/pages/report'
import type { ReportView } from '../../src/services/points'
import { getUserLocation } from '../../src/services/location'
import { DEFAULT_LOCATION } from '../../types'
import {
  chooseDemoIdentity,
  deferred,
  failReply,
  mockActions,
  okReply,
  sentRequests,
  sentUploads,
  typeInto,
  type ActionHandler,
  type FakeResponse,
  type FileHandlers,
} from './helpers'

// The h5 location service always answers the district default; a phone's real position is stood in for here.
jest.mock('../../src/services/location', () => ({ getUserLocation: jest.fn() }))
const locate = getUserLocation as jest.Mock

const at = (text: string) => Date.parse(`${text}+08:00`)
const PHOTO_REF = 'local:AbCdEfGhIjKlMnOpQrStUv'

function report(id: string, extra: Partial<ReportView> = {}): ReportView {
  return {
    id,
    category: '消防通道堵塞',
    text: '3 幢楼道堆放纸箱，堵住了消防通道',
    status: 'pending',
    createdAt: at('2026-11-20T09:15:00'),
    ...extra,
  }
}

const MINE: ReportView[] = [
  report('r3', { location: { lat: 30.3036, lng: 120.1113 }, photo: '/local/files/AbCdEfGhIjKlMnOpQrStUv?e=1&t=x' }),
  report('r2', { category: '电动车违规充电', text: '楼道里飞线充电', status: 'accepted', points: 5 }),
  report('r1', { category: '环境卫生', text: '垃圾桶满了没人清', status: 'rejected', reason: '照片看不清' }),
]

function handlers(extra: Record<string, ActionHandler> = {}): Record<string, ActionHandler> {
  return {
    'points.listReports': () => okReply({ reports: MINE }),
    'points.submitReport': (body) =>
      okReply({
        report: report('new', { category: body.category as ReportView['category'], text: String(body.text).trim() }),
      }),
    ...extra,
  }
}

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-courier')
  locate.mockReset().mockResolvedValue({ ...DEFAULT_LOCATION })
})

afterEach(() => jest.restoreAllMocks())

async function shown(extra: Record<string, ActionHandler> = {}, files: FileHandlers = {}) {
  const fetchMock = mockActions(handlers(extra), files)
  const view = render(<ReportPage />)
  await screen.findByText('楼道里飞线充电')
  // The h5 <Textarea> is a web component: its <textarea> arrives a moment later.
  await waitFor(() => expect(view.container.querySelector('#report-text textarea')).not.toBeNull())
  return { fetchMock, ...view }
}

const textarea = (container: HTMLElement) => container.querySelector('#report-text textarea')
const fieldError = (container: HTMLElement, field: string) =>
  container.querySelector(`.field[data-field="${field}"] .field-error`)?.textContent ?? null
const card = (container: HTMLElement, id: string) => {
  const found = container.querySelector<HTMLElement>(`.report[data-report-id="${id}"]`)
  if (!found) throw new Error(`no report ${id}`)
  return found
}

function fill(container: HTMLElement, category: string, text: string) {
  fireEvent.click(container.querySelector(`.report-category__option[data-value="${category}"]`)!)
  typeInto(textarea(container), text)
}

describe('report page (随手拍)', () => {
  it('lists my reports newest first, each with how it was decided', async () => {
    const { container, fetchMock } = await shown()
    expect(sentRequests(fetchMock, 'points.listReports').map((r) => r.body)).toEqual([
      { action: 'listReports', limit: 20 },
    ])
    const statuses = Array.from(container.querySelectorAll('.report__status')).map((el) => el.textContent)
    expect(statuses).toEqual(['待审核', '已采纳 +5 分', '未采纳（照片看不清）'])
    const first = card(container, 'r3')
    expect(first.querySelector('.report__category')?.textContent).toBe('消防通道堵塞')
    expect(first.querySelector('.report__location')?.textContent).toBe('位置：30.30360, 120.11130')
    expect(first.querySelector('.report__time')?.textContent).toBe('提交于 2026-11-20 09:15')
    expect(first.querySelector('.report__photo img')?.getAttribute('src')).toBe(
      '/local/files/AbCdEfGhIjKlMnOpQrStUv?e=1&t=x',
    )
    expect(card(container, 'r2').querySelector('.report__photo')).toBeNull()
  })

  it('offers every category and counts what is typed', async () => {
    const { container } = await shown()
    const categories = Array.from(container.querySelectorAll('.report-category__option')).map((el) => el.textContent)
    expect(categories).toEqual([
      '消防通道堵塞',
      '电动车违规充电',
      '道路设施损坏',
      '环境卫生',
      '食品安全',
      '不文明行为',
      '其他',
    ])
    expect(container.querySelector('.report-form__count')?.textContent).toBe('0/300')
    typeInto(textarea(container), '井盖松动')
    expect(container.querySelector('.report-form__count')?.textContent).toBe('4/300')
    expect(container.querySelector('.report-form__count--short')).not.toBeNull()
  })

  it('checks the category and the text (5 characters at least) before sending anything', async () => {
    const { container, fetchMock } = await shown()
    fireEvent.click(container.querySelector('#report-submit')!)
    expect(fieldError(container, 'report-category')).toBe('请选择类别')
    expect(fieldError(container, 'report-text')).toBe('请写明看到的情况')
    fill(container, '道路设施损坏', ' 井盖松动 ')
    expect(fieldError(container, 'report-category')).toBeNull()
    fireEvent.click(container.querySelector('#report-submit')!)
    expect(fieldError(container, 'report-text')).toBe('情况说明至少 5 个字')
    expect(sentRequests(fetchMock, 'points.submitReport')).toHaveLength(0)
  })

  it('submits category and text, clears the form, says so, and lists my reports again', async () => {
    let submitted = false
    const fetchMock = mockActions(
      handlers({
        'points.listReports': () =>
          okReply({
            reports: submitted
              ? [report('new', { category: '道路设施损坏', text: '和睦路井盖松动，电动车压过会翘起' }), ...MINE]
              : MINE,
          }),
        'points.submitReport': (body) => {
          submitted = true
          return okReply({ report: report('new', { category: '道路设施损坏', text: String(body.text).trim() }) })
        },
      }),
    )
    const { container } = render(<ReportPage />)
    await screen.findByText('楼道里飞线充电')
    await waitFor(() => expect(textarea(container)).not.toBeNull())
    fill(container, '道路设施损坏', ' 和睦路井盖松动，电动车压过会翘起 ')
    fireEvent.click(container.querySelector('#report-submit')!)
    await screen.findByText('已提交，社区审核后会在下方「我的随手拍」告诉你结果')
    expect(sentRequests(fetchMock, 'points.submitReport').map((r) => r.body)).toEqual([
      { action: 'submitReport', category: '道路设施损坏', text: '和睦路井盖松动，电动车压过会翘起' },
    ])
    await waitFor(() => expect(container.querySelector('.report[data-report-id="new"]')).not.toBeNull())
    expect(sentRequests(fetchMock, 'points.listReports')).toHaveLength(2)
    expect(container.querySelector('.report-category__option--active')).toBeNull()
    expect(container.querySelector('.report-form__count')?.textContent).toBe('0/300')
  })

  it('adds the phone’s position when asked, sends it, and can take it off again', async () => {
    locate.mockResolvedValue({ lat: 30.3036, lng: 120.1113, label: '当前位置' })
    const { container, fetchMock } = await shown()
    fireEvent.click(container.querySelector('#report-locate')!)
    await screen.findByText('已添加位置：30.30360, 120.11130')
    fireEvent.click(container.querySelector('#report-location-remove')!)
    expect(container.querySelector('.report-form__location')).toBeNull()
    fireEvent.click(container.querySelector('#report-locate')!)
    await screen.findByText('已添加位置：30.30360, 120.11130')
    fill(container, '消防通道堵塞', '5 幢门口停满电动车')
    fireEvent.click(container.querySelector('#report-submit')!)
    await waitFor(() => expect(sentRequests(fetchMock, 'points.submitReport')).toHaveLength(1))
    expect(sentRequests(fetchMock, 'points.submitReport')[0].body.location).toEqual({ lat: 30.3036, lng: 120.1113 })
  })

  it('does not pass the district default off as where the hazard is', async () => {
    const { container, fetchMock } = await shown()
    fireEvent.click(container.querySelector('#report-locate')!)
    await screen.findByText('未能获取当前位置，请在情况说明里写明地点')
    expect(container.querySelector('.report-form__location')).toBeNull()
    fill(container, '消防通道堵塞', '5 幢门口停满电动车')
    fireEvent.click(container.querySelector('#report-submit')!)
    await waitFor(() => expect(sentRequests(fetchMock, 'points.submitReport')).toHaveLength(1))
    expect(sentRequests(fetchMock, 'points.submitReport')[0].body).not.toHaveProperty('location')
  })

  it('uploads a picked photo at once, shows it, and sends its reference with the report', async () => {
    const photo = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], { type: 'image/jpeg' })
    const upload = deferred<FakeResponse>()
    const pick = jest
      .spyOn(Taro as unknown as { chooseImage: typeof Taro.chooseImage }, 'chooseImage')
      .mockResolvedValue({
        tempFilePaths: ['blob:p1'],
        tempFiles: [{ path: 'blob:p1', size: photo.size, type: 'image/jpeg' }],
        errMsg: 'ok',
      })
    const { container, fetchMock } = await shown({}, { blobs: { 'blob:p1': photo }, upload: () => upload.promise })
    fireEvent.click(container.querySelector('#report-photo')!)
    await screen.findByText('正在上传…')
    expect(pick).toHaveBeenCalledWith({ count: 1, sizeType: ['compressed'] })
    expect(container.querySelector('.report-form__photo-preview img')?.getAttribute('src')).toBe('blob:p1')
    // Submitting while the photo is on its way waits for it.
    fill(container, '电动车违规充电', '地下车库有人飞线充电')
    fireEvent.click(container.querySelector('#report-submit')!)
    expect(container.querySelector('.report-form__error')?.textContent).toBe('照片还在上传，请稍候再提交')
    upload.resolve(okReply({ photo: PHOTO_REF }))
    await screen.findByText('照片已上传')
    expect(sentUploads(fetchMock)[0].body).toBe(photo)
    fireEvent.click(container.querySelector('#report-submit')!)
    await waitFor(() => expect(sentRequests(fetchMock, 'points.submitReport')).toHaveLength(1))
    expect(sentRequests(fetchMock, 'points.submitReport')[0].body).toEqual({
      action: 'submitReport',
      category: '电动车违规充电',
      text: '地下车库有人飞线充电',
      photo: PHOTO_REF,
    })
  })

  it('shows why a photo was refused, lets me pick another, and still submits without one', async () => {
    jest.spyOn(Taro as unknown as { chooseImage: typeof Taro.chooseImage }, 'chooseImage').mockResolvedValue({
      tempFilePaths: ['blob:big'],
      tempFiles: [{ path: 'blob:big', size: 3 * 1024 * 1024, type: 'image/jpeg' }],
      errMsg: 'ok',
    })
    const { container, fetchMock } = await shown()
    fireEvent.click(container.querySelector('#report-photo')!)
    await screen.findByText('照片过大（上限 2 MB），请压缩后再传')
    expect(container.querySelector('.report-form__photo-error')?.getAttribute('role')).toBe('alert')
    expect(container.querySelector('#report-photo')?.textContent).toBe('重新选择照片')
    expect(sentUploads(fetchMock)).toHaveLength(0)
    fill(container, '其他', '路灯坏了一整条街')
    fireEvent.click(container.querySelector('#report-submit')!)
    await waitFor(() => expect(sentRequests(fetchMock, 'points.submitReport')).toHaveLength(1))
    expect(sentRequests(fetchMock, 'points.submitReport')[0].body).not.toHaveProperty('photo')
  })

  it('drops a photo removed while it was uploading', async () => {
    const upload = deferred<FakeResponse>()
    jest.spyOn(Taro as unknown as { chooseImage: typeof Taro.chooseImage }, 'chooseImage').mockResolvedValue({
      tempFilePaths: ['blob:p1'],
      tempFiles: [{ path: 'blob:p1', size: 4, type: 'image/jpeg' }],
      errMsg: 'ok',
    })
    const { container } = await shown(
      {},
      { blobs: { 'blob:p1': new Blob([new Uint8Array(4)], { type: 'image/jpeg' }) }, upload: () => upload.promise },
    )
    fireEvent.click(container.querySelector('#report-photo')!)
    await screen.findByText('正在上传…')
    fireEvent.click(container.querySelector('#report-photo-remove')!)
    upload.resolve(okReply({ photo: PHOTO_REF }))
    await waitFor(() => expect(container.querySelector('#report-photo')?.textContent).toBe('添加照片'))
    expect(screen.queryByText('照片已上传')).toBeNull()
  })

  it('shows why a report was refused and keeps what was written', async () => {
    const { container } = await shown({
      'points.submitReport': () => failReply('NOT_APPROVED', '你的小哥认证尚未通过或已暂停，暂时不能参加'),
    })
    fill(container, '食品安全', '路边摊用地沟油')
    fireEvent.click(container.querySelector('#report-submit')!)
    await screen.findByText('你的小哥认证尚未通过或已暂停，暂时不能参加')
    expect(container.querySelector('.report-form__error')?.getAttribute('role')).toBe('alert')
    expect((textarea(container) as HTMLTextAreaElement).value).toBe('路边摊用地沟油')
  })

  it('sends one report for a double tap', async () => {
    const answer = deferred<FakeResponse>()
    const { container, fetchMock } = await shown({ 'points.submitReport': () => answer.promise })
    fill(container, '不文明行为', '有人往河里倒垃圾')
    fireEvent.click(container.querySelector('#report-submit')!)
    fireEvent.click(container.querySelector('#report-submit')!)
    await screen.findByText('正在提交…')
    answer.resolve(okReply({ report: report('new') }))
    await screen.findByText('已提交，社区审核后会在下方「我的随手拍」告诉你结果')
    expect(sentRequests(fetchMock, 'points.submitReport')).toHaveLength(1)
  })

  it('shows WeChat’s content refusal and keeps what was written', async () => {
    const { container } = await shown({
      'points.submitReport': () => failReply('CONTENT_REJECTED'),
    })
    fill(container, '其他', '楼道里有人乱贴小广告')
    fireEvent.click(container.querySelector('#report-submit')!)
    await screen.findByText('内容含有违规信息，请修改后再提交')
    expect(container.querySelector('.report-form__error')?.getAttribute('role')).toBe('alert')
    expect((textarea(container) as HTMLTextAreaElement).value).toBe('楼道里有人乱贴小广告')
  })

  it('says why a photo WeChat found risky is missing from my report', async () => {
    const { container } = await shown({
      'points.listReports': () =>
        okReply({ reports: [report('r9', { text: '路灯不亮已经三天了', photoCheck: 'risky' }), ...MINE] }),
    })
    const hidden = card(container, 'r9')
    expect(hidden.querySelector('.report__photo')).toBeNull()
    expect(hidden.querySelector('.my-reports__photo-hidden')?.textContent).toBe('照片未通过微信内容安全检测，已隐藏')
    expect(card(container, 'r3').querySelector('.my-reports__photo-hidden')).toBeNull()
  })

  it('says so when I have reported nothing yet', async () => {
    mockActions(handlers({ 'points.listReports': () => okReply({ reports: [] }) }))
    render(<ReportPage />)
    await screen.findByText('还没有随手拍')
  })
})
