import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import StaffActivitiesPage from '../../src/staff/pages/activities'
import type { ActivityView, SignupView } from '../../src/services/points'
import {
  chooseDemoIdentity,
  failReply,
  mockActions,
  okReply,
  SECRETARY,
  sentRequests,
  type ActionHandler,
  typeInto,
} from './helpers'

const at = (text: string) => Date.parse(`${text}+08:00`)
/** The fake clock: Friday 2026-11-20 10:00 in China. */
const NOW = at('2026-11-20T10:00:00')

function activity(id: string, extra: Partial<ActivityView> = {}): ActivityView {
  return {
    id,
    communityId: 'ruanjiaqiao',
    title: '平安夜巡·祥符片区',
    kind: '平安夜巡',
    description: '',
    place: '阮家桥社区党群服务中心',
    startAt: at('2026-11-23T19:00:00'),
    endAt: at('2026-11-23T21:00:00'),
    capacity: 20,
    points: 5,
    signedUp: 2,
    phase: 'upcoming',
    attendanceOpen: false,
    mine: 'none',
    ...extra,
  }
}

function signup(courierId: string, name: string, status: SignupView['status'] = 'signed'): SignupView {
  return { courierId, name, phoneTail: '0001', status, at: at('2026-11-19T12:30:00') }
}

const ONGOING = activity('live', { title: '食安监督·菜场', kind: '食安监督', phase: 'ongoing', attendanceOpen: true })

function handlers(extra: Record<string, ActionHandler> = {}): Record<string, ActionHandler> {
  return {
    'account.me': () => okReply(SECRETARY),
    'points.listActivities': (body) =>
      okReply({ communityId: 'ruanjiaqiao', activities: body.when === 'past' ? [] : [activity('a1'), ONGOING] }),
    ...extra,
  }
}

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-secretary')
  // Only the clock is fixed: Taro's h5 <Textarea> (a Stencil web component) renders on animation frames.
  jest.spyOn(Date, 'now').mockReturnValue(NOW)
})

afterEach(() => jest.restoreAllMocks())

const card = (container: HTMLElement, id: string) => {
  const found = container.querySelector<HTMLElement>(`.activity[data-activity-id="${id}"]`)
  if (!found) throw new Error(`no activity ${id}`)
  return found
}
const fieldError = (container: HTMLElement, field: string) =>
  container.querySelector(`.field[data-field="${field}"] .field-error`)?.textContent ?? null

/** Types into the fields by id; Taro's h5 <Textarea> carries the id on a wrapper around the real <textarea>. */
function fillForm(container: HTMLElement, values: Record<string, string>) {
  for (const [id, value] of Object.entries(values)) {
    const field = container.querySelector(`#${id}`)
    typeInto(field?.matches('input, textarea') ? field : (field?.querySelector('textarea') ?? null), value)
  }
}

describe('staff activities page (活动管理)', () => {
  it('lists the community’s activities with what can be done to each', async () => {
    const fetchMock = mockActions(handlers())
    const { container } = render(<StaffActivitiesPage />)
    await screen.findByText('平安夜巡·祥符片区')
    expect(sentRequests(fetchMock, 'points.listActivities').map((r) => r.body)).toEqual([
      { action: 'listActivities', communityId: 'ruanjiaqiao', when: 'upcoming', limit: 50 },
    ])
    const upcoming = card(container, 'a1')
    expect(upcoming.querySelector('.activity__roster')?.textContent).toBe('报名名单')
    expect(upcoming.querySelector('.activity__edit')).not.toBeNull()
    const live = card(container, 'live')
    expect(live.querySelector('.activity__roster')?.textContent).toBe('签到记分')
    expect(live.querySelector('.activity__edit')).toBeNull()
    expect(live.querySelector('.activity__cancel')).not.toBeNull()

    fireEvent.click(container.querySelector('.activities-when__option[data-value="past"]')!)
    await screen.findByText('暂无往期活动')
  })

  it('publishes an activity with its China-time window, then lists again', async () => {
    const fetchMock = mockActions(
      handlers({
        'points.saveActivity': (body) => okReply({ activity: activity('new', { title: String(body.title) }) }),
      }),
    )
    const { container } = render(<StaffActivitiesPage />)
    await screen.findByText('发布新活动')
    fireEvent.click(screen.getByText('发布新活动'))
    // A new form starts tomorrow evening.
    expect((container.querySelector('#activity-start-date') as HTMLInputElement).value).toBe('2026-11-21')
    // The h5 <Textarea> is a web component: its <textarea> arrives a moment later.
    await waitFor(() => expect(container.querySelector('#activity-description textarea')).not.toBeNull())
    fillForm(container, {
      'activity-title': ' 文明宣传进楼道 ',
      'activity-place': '阮家桥社区 3 幢',
      'activity-description': '发放宣传单',
      'activity-start-date': '2026-11-28',
      'activity-start-time': '22:00',
      'activity-end-date': '2026-11-29',
      'activity-end-time': '01:30',
      'activity-capacity': '12',
      'activity-points': '8',
    })
    fireEvent.click(container.querySelector('.activity-kind__option[data-value="文明宣传"]')!)
    fireEvent.click(container.querySelector('#activity-save')!)
    await screen.findByText('已发布：文明宣传进楼道')
    expect(sentRequests(fetchMock, 'points.saveActivity').map((r) => r.body)).toEqual([
      {
        action: 'saveActivity',
        communityId: 'ruanjiaqiao',
        title: '文明宣传进楼道',
        kind: '文明宣传',
        description: '发放宣传单',
        place: '阮家桥社区 3 幢',
        startAt: at('2026-11-28T22:00:00'),
        endAt: at('2026-11-29T01:30:00'),
        capacity: 12,
        points: 8,
      },
    ])
    expect(sentRequests(fetchMock, 'points.listActivities')).toHaveLength(2)
  })

  it('refuses an end before the start, and sends nothing', async () => {
    const fetchMock = mockActions(handlers())
    const { container } = render(<StaffActivitiesPage />)
    await screen.findByText('发布新活动')
    fireEvent.click(screen.getByText('发布新活动'))
    fillForm(container, {
      'activity-title': '平安夜巡',
      'activity-place': '北门',
      'activity-start-date': '2026-11-28',
      'activity-start-time': '19:00',
      'activity-end-date': '2026-11-28',
      'activity-end-time': '18:00',
    })
    fireEvent.click(container.querySelector('.activity-kind__option[data-value="平安夜巡"]')!)
    fireEvent.click(container.querySelector('#activity-save')!)
    expect(fieldError(container, 'activity-end')).toBe('结束时间须晚于开始时间')
    expect(container.querySelector('.activity-form__notice')?.textContent).toBe('结束时间须晚于开始时间')
    expect(sentRequests(fetchMock, 'points.saveActivity')).toHaveLength(0)
  })

  it('says what is missing or malformed, field by field', async () => {
    const fetchMock = mockActions(handlers())
    const { container } = render(<StaffActivitiesPage />)
    await screen.findByText('发布新活动')
    fireEvent.click(screen.getByText('发布新活动'))
    fillForm(container, {
      'activity-start-date': '2026/11/28',
      'activity-end-time': '25:00',
      'activity-capacity': '0',
      'activity-points': '',
    })
    fireEvent.click(container.querySelector('#activity-save')!)
    expect(fieldError(container, 'activity-title')).toBe('请填写活动名称')
    expect(fieldError(container, 'activity-kind')).toBe('请选择活动类型')
    expect(fieldError(container, 'activity-place')).toBe('请填写活动地点')
    expect(fieldError(container, 'activity-start')).toBe('开始日期格式应为 YYYY-MM-DD，如 2026-11-23')
    expect(fieldError(container, 'activity-end')).toBe('结束时间格式应为 HH:mm，如 21:00')
    expect(fieldError(container, 'activity-capacity')).toBe('人数至少 1 人')
    expect(fieldError(container, 'activity-points')).toBe('请填写积分（整数）')
    expect(sentRequests(fetchMock, 'points.saveActivity')).toHaveLength(0)

    // A start already past is refused too.
    fillForm(container, {
      'activity-start-date': '2026-11-19',
      'activity-end-date': '2026-11-19',
      'activity-end-time': '21:00',
    })
    fireEvent.click(container.querySelector('#activity-save')!)
    expect(fieldError(container, 'activity-start')).toBe('开始时间已过，请选择以后的时间')
  })

  it('edits an upcoming activity in place, sending its id', async () => {
    const fetchMock = mockActions(
      handlers({
        'points.saveActivity': (body) => okReply({ activity: activity('a1', { capacity: Number(body.capacity) }) }),
      }),
    )
    const { container } = render(<StaffActivitiesPage />)
    await screen.findByText('平安夜巡·祥符片区')
    fireEvent.click(card(container, 'a1').querySelector('.activity__edit')!)
    expect((container.querySelector('#activity-title') as HTMLInputElement).value).toBe('平安夜巡·祥符片区')
    expect((container.querySelector('#activity-start-time') as HTMLInputElement).value).toBe('19:00')
    expect(container.querySelector('.activity-kind__option--active')?.textContent).toBe('平安夜巡')
    typeInto(container.querySelector('#activity-capacity'), '30')
    fireEvent.click(container.querySelector('#activity-save')!)
    await screen.findByText('已保存修改：平安夜巡·祥符片区')
    const [sent] = sentRequests(fetchMock, 'points.saveActivity').map((r) => r.body)
    expect(sent).toMatchObject({
      activityId: 'a1',
      capacity: 30,
      startAt: at('2026-11-23T19:00:00'),
      endAt: at('2026-11-23T21:00:00'),
    })
  })

  it('shows the cloud’s refusal of a change in the form', async () => {
    mockActions(handlers({ 'points.saveActivity': () => failReply('ACTIVITY_CLOSED') }))
    const { container } = render(<StaffActivitiesPage />)
    await screen.findByText('平安夜巡·祥符片区')
    fireEvent.click(card(container, 'a1').querySelector('.activity__edit')!)
    fireEvent.click(container.querySelector('#activity-save')!)
    await screen.findByText('活动已开始、结束或取消，不能再报名或修改')
    expect(container.querySelector('.activity-form')).not.toBeNull()
  })

  it('cancels an activity only with a reason, and says how many couriers are told', async () => {
    const fetchMock = mockActions(
      handlers({
        'points.cancelActivity': () => okReply({ activity: activity('a1', { phase: 'cancelled' }), signupsToTell: 2 }),
      }),
    )
    const { container } = render(<StaffActivitiesPage />)
    await screen.findByText('平安夜巡·祥符片区')
    fireEvent.click(card(container, 'a1').querySelector('.activity__cancel')!)
    expect(screen.getByText('已报名的 2 位小哥会收到通知和取消原因')).toBeTruthy()
    fireEvent.click(screen.getByText('确定取消活动'))
    expect(container.querySelector('.staff-dialog__error')?.textContent).toBe('请填写取消原因')
    expect(sentRequests(fetchMock, 'points.cancelActivity')).toHaveLength(0)
    typeInto(container.querySelector('#cancel-reason'), ' 天气原因改期 ')
    fireEvent.click(screen.getByText('确定取消活动'))
    await screen.findByText('已取消「平安夜巡·祥符片区」，将通知 2 位已报名的小哥')
    expect(sentRequests(fetchMock, 'points.cancelActivity').map((r) => r.body)).toEqual([
      { action: 'cancelActivity', activityId: 'a1', reason: '天气原因改期' },
    ])
    expect(container.querySelector('.staff-dialog')).toBeNull()
  })

  describe('roster and attendance (报名名单、签到)', () => {
    const roster = () =>
      okReply({
        activity: ONGOING,
        signups: [signup('c2', '刘小强', 'withdrawn'), signup('c1', '张小明'), signup('c3', '王大力', 'attended')],
      })

    async function openRoster(extra: Record<string, ActionHandler>) {
      const fetchMock = mockActions(handlers({ 'points.listSignups': roster, ...extra }))
      const view = render(<StaffActivitiesPage />)
      await screen.findByText('食安监督·菜场')
      fireEvent.click(card(view.container, 'live').querySelector('.activity__roster')!)
      await screen.findByText('张小明')
      return { fetchMock, ...view }
    }
    const row = (container: HTMLElement, id: string) =>
      container.querySelector<HTMLElement>(`.signup[data-courier-id="${id}"]`)!

    it('lists who signed up, and confirms a courier picked from the list', async () => {
      const { container, fetchMock } = await openRoster({
        'points.attend': (body) =>
          okReply({ awarded: true, points: 5, maskedName: '张*明', courierId: String(body.courierId) }),
      })
      expect(sentRequests(fetchMock, 'points.listSignups').map((r) => r.body)).toEqual([
        { action: 'listSignups', activityId: 'live' },
      ])
      expect(Array.from(container.querySelectorAll('.signup__name')).map((el) => el.textContent)).toEqual([
        '张小明',
        '王大力',
        '刘小强',
      ])
      expect(container.querySelector('.roster__counts')?.textContent).toBe('报名 2 · 到场 1')
      expect(row(container, 'c2').querySelector('.signup__attend')).toBeNull()
      expect(row(container, 'c2').querySelector('.signup__status')?.textContent).toBe('已取消报名')

      fireEvent.click(row(container, 'c1').querySelector('.signup__attend')!)
      await screen.findByText('已为 张*明 记 5 分')
      expect(sentRequests(fetchMock, 'points.attend').map((r) => r.body)).toEqual([
        { action: 'attend', activityId: 'live', courierId: 'c1' },
      ])
      expect(row(container, 'c1').querySelector('.signup__status')?.textContent).toBe('已到场')
      expect(container.querySelector('.roster__counts')?.textContent).toBe('报名 2 · 到场 2')
    })

    it('confirms by a pasted 小哥码 and says so when the points were already given', async () => {
      const { container, fetchMock } = await openRoster({
        'points.attend': () => okReply({ awarded: false, points: 5, maskedName: '王*力', courierId: 'c3' }),
      })
      typeInto(container.querySelector('#attend-input'), '  XG1.token  ')
      fireEvent.click(container.querySelector('#attend-submit')!)
      await screen.findByText('王*力 已记过分，本次未重复记分')
      expect(container.querySelector('.attend-result__title')?.textContent).toBe('已记过分')
      expect(sentRequests(fetchMock, 'points.attend').map((r) => r.body)).toEqual([
        { action: 'attend', activityId: 'live', token: 'XG1.token' },
      ])
    })

    it('shows why an attendance was refused', async () => {
      const { container } = await openRoster({ 'points.attend': () => failReply('NOT_SIGNED_UP') })
      typeInto(container.querySelector('#attend-input'), 'XG1.other')
      fireEvent.click(container.querySelector('#attend-submit')!)
      await screen.findByText('该小哥没有报名这个活动')
      expect(container.querySelector('.attend-result--error')).not.toBeNull()
    })

    it('offers no attendance before the activity starts', async () => {
      mockActions(
        handlers({
          'points.listSignups': () => okReply({ activity: activity('a1'), signups: [signup('c1', '张小明')] }),
        }),
      )
      const { container } = render(<StaffActivitiesPage />)
      await screen.findByText('平安夜巡·祥符片区')
      fireEvent.click(card(container, 'a1').querySelector('.activity__roster')!)
      await screen.findByText('张小明')
      expect(screen.getByText('活动开始前 30 分钟起可以签到记分')).toBeTruthy()
      expect(container.querySelector('#attend-input')).toBeNull()
      expect(container.querySelector('.signup__attend')).toBeNull()
      fireEvent.click(screen.getByText('‹ 返回活动列表'))
      await waitFor(() => expect(container.querySelector('.roster')).toBeNull())
    })
  })

  it('says so when the caller manages no community', async () => {
    const fetchMock = mockActions({ 'account.me': () => okReply({ ...SECRETARY, roles: [{ role: 'courier' }] }) })
    render(<StaffActivitiesPage />)
    await screen.findByText('你没有可管理的社区')
    expect(sentRequests(fetchMock, 'points.listActivities')).toHaveLength(0)
  })
})
