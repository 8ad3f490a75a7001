import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import StaffReportsPage from '../../src/staff/pages/reports'
import type { ReportStatus, ReportView } from '../../src/services/points'
import {
  chooseDemoIdentity,
  deferred,
  failReply,
  mockActions,
  okReply,
  SECRETARY,
  sentRequests,
  type ActionHandler,
  type FakeResponse,
  typeInto,
} from './helpers'

const at = (text: string) => Date.parse(`${text}+08:00`)

function report(id: string, extra: Partial<ReportView> = {}): ReportView {
  return {
    id,
    category: '消防通道堵塞',
    text: '3 幢楼道堆放纸箱，堵住了消防通道',
    status: 'pending',
    createdAt: at('2026-11-20T09:15:00'),
    maskedName: '张*明',
    ...extra,
  }
}

const PENDING: ReportView[] = [
  report('r1', { location: { lat: 30.3036, lng: 120.1113 }, photo: '/local/files/AbCdEfGhIjKlMnOpQrStUv?e=1&t=x' }),
  report('r2', {
    category: '电动车违规充电',
    text: '楼道里飞线充电',
    maskedName: '李*伟',
    createdAt: at('2026-11-20T10:40:00'),
  }),
]
const ACCEPTED: ReportView[] = [
  report('r0', { category: '环境卫生', text: '垃圾桶满了没人清', status: 'accepted', points: 5 }),
]

function queue(lists: Partial<Record<ReportStatus, ReportView[]>>): ActionHandler {
  return (body) => okReply({ reports: lists[(body.status as ReportStatus | undefined) ?? 'pending'] ?? [] })
}

function handlers(extra: Record<string, ActionHandler> = {}): Record<string, ActionHandler> {
  return {
    'account.me': () => okReply(SECRETARY),
    'points.listReports': queue({ pending: PENDING, accepted: ACCEPTED }),
    // As the cloud answers: the decided report, without the reporter's name.
    'points.reviewReport': (body) => {
      const { maskedName: _, ...decided } = report(String(body.reportId))
      return okReply({
        report:
          body.decision === 'accept'
            ? { ...decided, status: 'accepted', points: Number(body.points) }
            : { ...decided, status: 'rejected', reason: String(body.reason) },
      })
    },
    ...extra,
  }
}

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-secretary')
})

async function shown(extra: Record<string, ActionHandler> = {}) {
  const fetchMock = mockActions(handlers(extra))
  const view = render(<StaffReportsPage />)
  await screen.findByText('楼道里飞线充电')
  return { fetchMock, ...view }
}

const card = (container: HTMLElement, id: string) =>
  container.querySelector<HTMLElement>(`.report[data-report-id="${id}"]`)
const ids = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('.report')).map((el) => el.getAttribute('data-report-id'))

describe('staff reports page (随手拍审核)', () => {
  it('lists the community’s pending reports, oldest first, with who, what, where, when and the photo', async () => {
    const { container, fetchMock } = await shown()
    expect(sentRequests(fetchMock, 'points.listReports').map((r) => r.body)).toEqual([
      { action: 'listReports', communityId: 'ruanjiaqiao', status: 'pending', limit: 20 },
    ])
    expect(ids(container)).toEqual(['r1', 'r2'])
    const first = card(container, 'r1')!
    expect(first.querySelector('.report__category')?.textContent).toBe('消防通道堵塞')
    expect(first.querySelector('.report__who')?.textContent).toBe('张*明')
    expect(first.querySelector('.report__text')?.textContent).toBe('3 幢楼道堆放纸箱，堵住了消防通道')
    expect(first.querySelector('.report__time')?.textContent).toBe('提交于 2026-11-20 09:15')
    expect(first.querySelector('.report__location')?.textContent).toBe('位置：30.30360, 120.11130')
    expect(first.querySelector('.report__photo img')?.getAttribute('src')).toBe(
      '/local/files/AbCdEfGhIjKlMnOpQrStUv?e=1&t=x',
    )
    expect(first.querySelector('.staff-report__accept')?.textContent).toBe('采纳')
    expect(first.querySelector('.staff-report__reject')?.textContent).toBe('驳回')
    expect(card(container, 'r2')!.querySelector('.report__location')).toBeNull()
  })

  it('accepts with 5 points by default, or as many as the stepper says; the report leaves the list with a notice', async () => {
    const { container, fetchMock } = await shown()
    fireEvent.click(card(container, 'r1')!.querySelector('.staff-report__accept')!)
    expect((container.querySelector('#report-points') as HTMLInputElement).value).toBe('5')
    fireEvent.click(container.querySelector('.stepper__plus')!)
    fireEvent.click(container.querySelector('.stepper__plus')!)
    expect((container.querySelector('#report-points') as HTMLInputElement).value).toBe('7')
    expect(container.querySelector('#report-decision-confirm')?.textContent).toBe('确定采纳 +7 分')
    fireEvent.click(container.querySelector('#report-decision-confirm')!)
    await screen.findByText('已采纳 张*明 的随手拍，+7 分')
    expect(sentRequests(fetchMock, 'points.reviewReport').map((r) => r.body)).toEqual([
      { action: 'reviewReport', reportId: 'r1', decision: 'accept', points: 7 },
    ])
    expect(ids(container)).toEqual(['r2'])
    expect(container.querySelector('.decision')).toBeNull()
    // Left without loading the queue again.
    expect(sentRequests(fetchMock, 'points.listReports')).toHaveLength(1)
  })

  it('keeps the points between 1 and 50', async () => {
    const { container, fetchMock } = await shown()
    fireEvent.click(card(container, 'r2')!.querySelector('.staff-report__accept')!)
    const input = () => container.querySelector('#report-points') as HTMLInputElement
    typeInto(input(), '1')
    fireEvent.click(container.querySelector('.stepper__minus')!)
    expect(input().value).toBe('1')
    typeInto(input(), '50')
    fireEvent.click(container.querySelector('.stepper__plus')!)
    expect(input().value).toBe('50')
    typeInto(input(), '60')
    fireEvent.click(container.querySelector('#report-decision-confirm')!)
    expect(container.querySelector('.decision__error')?.textContent).toBe('积分须为 1–50 的整数')
    typeInto(input(), '')
    fireEvent.click(container.querySelector('#report-decision-confirm')!)
    expect(container.querySelector('.decision__error')?.textContent).toBe('积分须为 1–50 的整数')
    expect(sentRequests(fetchMock, 'points.reviewReport')).toHaveLength(0)
  })

  it('rejects only with a reason, which is sent trimmed', async () => {
    const { container, fetchMock } = await shown()
    fireEvent.click(card(container, 'r2')!.querySelector('.staff-report__reject')!)
    fireEvent.click(container.querySelector('#report-decision-confirm')!)
    expect(container.querySelector('.decision__error')?.textContent).toBe('请填写驳回原因，小哥会看到它')
    typeInto(container.querySelector('#report-reason'), '好')
    fireEvent.click(container.querySelector('#report-decision-confirm')!)
    expect(container.querySelector('.decision__error')?.textContent).toBe('原因至少 2 个字')
    expect(sentRequests(fetchMock, 'points.reviewReport')).toHaveLength(0)

    typeInto(container.querySelector('#report-reason'), ' 已有人报过，物业已处理 ')
    fireEvent.click(container.querySelector('#report-decision-confirm')!)
    await screen.findByText('已驳回 李*伟 的随手拍')
    expect(sentRequests(fetchMock, 'points.reviewReport').map((r) => r.body)).toEqual([
      { action: 'reviewReport', reportId: 'r2', decision: 'reject', reason: '已有人报过，物业已处理' },
    ])
    expect(ids(container)).toEqual(['r1'])
  })

  it('closes without deciding', async () => {
    const { container, fetchMock } = await shown()
    fireEvent.click(card(container, 'r1')!.querySelector('.staff-report__reject')!)
    fireEvent.click(screen.getByText('取消'))
    expect(container.querySelector('.decision')).toBeNull()
    expect(ids(container)).toEqual(['r1', 'r2'])
    expect(sentRequests(fetchMock, 'points.reviewReport')).toHaveLength(0)
  })

  it('keeps the dialog open for a retry when the network fails, and sends one request for a double tap', async () => {
    const answer = deferred<FakeResponse>()
    let calls = 0
    const { container, fetchMock } = await shown({
      'points.reviewReport': () => (++calls === 1 ? failReply('NETWORK') : answer.promise),
    })
    fireEvent.click(card(container, 'r1')!.querySelector('.staff-report__accept')!)
    fireEvent.click(container.querySelector('#report-decision-confirm')!)
    await screen.findByText('网络不给力，请检查网络后重试')
    expect(ids(container)).toEqual(['r1', 'r2'])
    fireEvent.click(container.querySelector('#report-decision-confirm')!)
    fireEvent.click(container.querySelector('#report-decision-confirm')!)
    await screen.findByText('正在提交…')
    answer.resolve(okReply({ report: { ...report('r1', { maskedName: undefined }), status: 'accepted', points: 5 } }))
    await screen.findByText('已采纳 张*明 的随手拍，+5 分')
    expect(sentRequests(fetchMock, 'points.reviewReport')).toHaveLength(2)
  })

  it('says so when another secretary decided first, and loads the queue again', async () => {
    let decided = false
    const { container, fetchMock } = await shown({
      'points.listReports': (body) => queue({ pending: decided ? [PENDING[1]] : PENDING })(body),
      'points.reviewReport': () => {
        decided = true
        return failReply('INVALID_STATE', '这条随手拍已经处理过了')
      },
    })
    fireEvent.click(card(container, 'r1')!.querySelector('.staff-report__accept')!)
    fireEvent.click(container.querySelector('#report-decision-confirm')!)
    await screen.findByText('这条随手拍已经处理过了')
    expect(container.querySelector('.staff-reports__notice')?.getAttribute('role')).toBe('alert')
    expect(container.querySelector('.decision')).toBeNull()
    await waitFor(() => expect(ids(container)).toEqual(['r2']))
    expect(sentRequests(fetchMock, 'points.listReports')).toHaveLength(2)
  })

  it('shows accepted and rejected reports by status, with nothing left to decide', async () => {
    const { container, fetchMock } = await shown()
    fireEvent.click(container.querySelector('.report-status__option[data-value="accepted"]')!)
    await screen.findByText('垃圾桶满了没人清')
    expect(sentRequests(fetchMock, 'points.listReports')[1].body).toEqual({
      action: 'listReports',
      communityId: 'ruanjiaqiao',
      status: 'accepted',
      limit: 20,
    })
    expect(card(container, 'r0')!.querySelector('.report__status')?.textContent).toBe('已采纳 +5 分')
    expect(container.querySelector('.staff-report__accept')).toBeNull()
    fireEvent.click(container.querySelector('.report-status__option[data-value="rejected"]')!)
    await screen.findByText('没有未采纳的随手拍')
  })

  it('pages through a long queue: the next page starts after the last report shown', async () => {
    const first = Array.from({ length: 20 }, (_, i) =>
      report(`p${i}`, { createdAt: at('2026-11-20T08:00:00') + i * 60_000 }),
    )
    const fetchMock = mockActions(
      handlers({
        'points.listReports': (body) =>
          okReply({ reports: body.before === undefined ? first : [report('p20', { text: '第二页的随手拍' })] }),
      }),
    )
    const { container } = render(<StaffReportsPage />)
    await screen.findByText('加载更多')
    fireEvent.click(screen.getByText('加载更多'))
    await screen.findByText('第二页的随手拍')
    expect(sentRequests(fetchMock, 'points.listReports')[1].body).toEqual({
      action: 'listReports',
      communityId: 'ruanjiaqiao',
      status: 'pending',
      limit: 20,
      before: first[19].createdAt,
    })
    expect(container.querySelectorAll('.report')).toHaveLength(21)
    expect(screen.queryByText('加载更多')).toBeNull()
  })

  it('marks what WeChat’s content security flagged, and offers no 采纳 for a risky or unchecked-yet photo', async () => {
    const { container } = await shown({
      'points.listReports': queue({
        pending: [
          report('c1', {
            text: '楼道里飞线充电',
            photo: '/local/files/AbCdEfGhIjKlMnOpQrStUv?e=1&t=x',
            photoCheck: 'risky',
          }),
          report('c2', { text: '垃圾桶满了', photo: 'local:AbCdEfGhIjKlMnOpQrStUw', photoCheck: 'checking' }),
          report('c3', { text: '井盖松动', textCheck: 'review', photoCheck: 'unchecked' }),
          report('c4', { text: '路灯不亮', textCheck: 'unchecked' }),
          report('c5', { text: '消防通道堵塞' }),
        ],
      }),
    })
    const flags = (id: string) =>
      Array.from(card(container, id)!.querySelectorAll('.content-flag')).map((el) => el.textContent)
    expect(flags('c1')).toEqual(['照片疑似违规，仅工作人员可见，不能采纳'])
    expect(flags('c2')).toEqual(['照片正在进行内容安全检测，完成后才能采纳'])
    expect(flags('c3')).toEqual(['文字需人工复核（微信内容安全提示）', '照片未经微信内容安全检测，请人工确认'])
    expect(flags('c4')).toEqual(['文字未经微信内容安全检测，请人工确认'])
    expect(card(container, 'c5')!.querySelector('.content-flags')).toBeNull()
    expect(card(container, 'c1')!.querySelector('.content-flag--risky')).not.toBeNull()
    // staff still see the risky photo, to judge it; they can only reject
    expect(card(container, 'c1')!.querySelector('.report__photo')).not.toBeNull()
    const actions = (id: string) =>
      Array.from(card(container, id)!.querySelectorAll('.staff-report__actions .btn')).map((el) => el.textContent)
    expect(actions('c1')).toEqual(['驳回'])
    expect(actions('c2')).toEqual(['驳回'])
    expect(actions('c3')).toEqual(['驳回', '采纳'])
    expect(actions('c4')).toEqual(['驳回', '采纳'])
  })

  it('says so when nothing is waiting', async () => {
    mockActions(handlers({ 'points.listReports': queue({}) }))
    const { container } = render(<StaffReportsPage />)
    await screen.findByText('没有待审核的随手拍')
    expect(container.querySelectorAll('.report')).toHaveLength(0)
  })

  it('says so when the caller reviews no community, and asks for no reports', async () => {
    const fetchMock = mockActions(
      handlers({
        'account.me': () => okReply({ ...SECRETARY, roles: [{ role: 'manager', communityId: 'ruanjiaqiao' }] }),
      }),
    )
    render(<StaffReportsPage />)
    await screen.findByText('你没有可审核的社区')
    expect(sentRequests(fetchMock, 'points.listReports')).toHaveLength(0)
  })
})
