import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import StaffThemesPage from '../../src/staff/pages/themes'
import type { ManagedPlace, ThemeView } from '../../types'
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
import { THEME } from './place-fixtures'

/** Thursday 2026-11-26 10:00 in China: this week is 2026-W48 (23–29 November), next week 2026-W49. */
const NOW = Date.parse('2026-11-26T10:00:00+08:00')

const station = (id: string, name: string): ManagedPlace => ({
  kind: 'station',
  id,
  name,
  address: '杭州市拱墅区',
  location: { lat: 30.3036, lng: 120.1113 },
  hours: { kind: 'always' },
  hidden: false,
  amenities: [],
  updatedAt: 1,
})
const STATIONS = [station('st-gege-yintai', '哥哥驿站（城西银泰城）'), station('st-xiangfu', '祥符街道小哥驿站')]
const DRAFT: ThemeView = { ...THEME, status: 'draft' }

function handlers(theme: ThemeView | null, extra: Record<string, ActionHandler> = {}): Record<string, ActionHandler> {
  return {
    'account.me': () => okReply(SECRETARY),
    'services.listManaged': () => okReply({ places: STATIONS }),
    'services.getTheme': () => okReply({ theme }),
    ...extra,
  }
}

/** The cloud's answer to a save: the theme as sent, with the status it asked for. */
const saved = (body: Record<string, unknown>): ThemeView => ({
  ...THEME,
  title: String(body.title),
  description: String(body.description),
  slots: body.slots as ThemeView['slots'],
  status: body.publish ? 'published' : 'draft',
})

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-secretary')
  jest.spyOn(Date, 'now').mockReturnValue(NOW)
})
afterEach(() => jest.restoreAllMocks())

const status = (container: HTMLElement) => container.querySelector('.theme-editor__status')?.textContent
const click = (container: HTMLElement, selector: string) => {
  const el = container.querySelector(selector)
  if (!el) throw new Error(`nothing matches ${selector}`)
  fireEvent.click(el)
}
async function typeDescription(container: HTMLElement, value: string) {
  // Taro's h5 <Textarea> is a web component: its <textarea> arrives a moment later.
  await waitFor(() => expect(container.querySelector('#theme-description textarea')).not.toBeNull())
  typeInto(container.querySelector('#theme-description textarea'), value)
}

describe('staff themes page (本周主题)', () => {
  it('publishes this week’s theme for the first station with a dated slot', async () => {
    const fetchMock = mockActions(handlers(null, { 'services.saveTheme': (body) => okReply({ theme: saved(body) }) }))
    const { container } = render(<StaffThemesPage />)
    await waitFor(() => expect(status(container)).toBe('未创建'))
    expect(sentRequests(fetchMock, 'services.getTheme').map((r) => r.body)).toEqual([
      { action: 'getTheme', stationId: 'st-gege-yintai', week: '2026-W48' },
    ])
    expect(container.querySelector('.theme-week__option--active')?.textContent).toContain('本周')
    expect(container.querySelector('#theme-withdraw')).toBeNull()

    typeInto(container.querySelector('#theme-title'), '免费理发周')
    await typeDescription(container, '志愿者理发师到驿站')
    click(container, '#theme-slot-add')
    // a new slot starts today
    expect(container.querySelector('.slot-date__option--active')?.getAttribute('data-value')).toBe('2026-11-26')
    expect(
      Array.from(container.querySelectorAll('.slot-date__option')).map((o) => o.getAttribute('data-value')),
    ).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'])
    click(container, '.slot-date__option[data-value="2026-11-27"]')
    typeInto(container.querySelector('#slot-0-start'), '9:00')
    typeInto(container.querySelector('#slot-0-end'), '11:30')
    typeInto(container.querySelector('#slot-0-title'), '免费理发')
    click(container, '#theme-publish')

    await screen.findByText('已发布：免费理发周')
    expect(sentRequests(fetchMock, 'services.saveTheme').map((r) => r.body)).toEqual([
      {
        action: 'saveTheme',
        stationId: 'st-gege-yintai',
        week: '2026-W48',
        title: '免费理发周',
        description: '志愿者理发师到驿站',
        slots: [{ date: '2026-11-27', start: '09:00', end: '11:30', title: '免费理发' }],
        publish: true,
      },
    ])
    expect(status(container)).toBe('已发布')
    expect(container.querySelector('#theme-publish')?.textContent).toBe('更新发布')
    expect(container.querySelector('#theme-copy')).toBeNull()
    expect(container.querySelector('#theme-withdraw')).not.toBeNull()
  })

  it('checks the title and the slots before sending anything', async () => {
    const fetchMock = mockActions(handlers(null))
    const { container } = render(<StaffThemesPage />)
    await waitFor(() => expect(status(container)).toBe('未创建'))
    typeInto(container.querySelector('#theme-title'), '诊')
    click(container, '#theme-slot-add')
    typeInto(container.querySelector('#slot-0-start'), '17:00')
    typeInto(container.querySelector('#slot-0-end'), '14:00')
    typeInto(container.querySelector('#slot-0-title'), '义诊')
    click(container, '#theme-publish')
    expect(container.querySelector('.field[data-field="theme-title"] .field-error')?.textContent).toBe(
      '请填写本周主题（2–30 个字）',
    )
    expect(container.querySelector('.field[data-field="theme-slots"] .field-error')?.textContent).toBe(
      '第 1 个时段的结束时间须晚于开始时间',
    )
    expect(container.querySelector('.theme-editor__notice')?.textContent).toBe('请填写本周主题（2–30 个字）')

    click(container, '.theme-slot__remove')
    typeInto(container.querySelector('#theme-title'), '义诊周')
    expect(container.querySelector('.field[data-field="theme-title"] .field-error')).toBeNull()
    expect(sentRequests(fetchMock, 'services.saveTheme')).toHaveLength(0)
  })

  it('loads a draft into the form and saves it again as a draft', async () => {
    const fetchMock = mockActions(handlers(DRAFT, { 'services.saveTheme': (body) => okReply({ theme: saved(body) }) }))
    const { container } = render(<StaffThemesPage />)
    await waitFor(() => expect(status(container)).toBe('草稿'))
    expect((container.querySelector('#theme-title') as HTMLInputElement).value).toBe('免费义诊周')
    expect(container.querySelectorAll('.theme-slot')).toHaveLength(2)
    expect((container.querySelector('#slot-1-title') as HTMLInputElement).value).toBe('骑行劳损与颈腰椎咨询')
    expect(
      container.querySelector('.theme-slot[data-index="1"] .slot-date__option--active')?.getAttribute('data-value'),
    ).toBe('2026-11-28')

    click(container, '#theme-save-draft')
    await screen.findByText('已保存草稿：免费义诊周')
    const [body] = sentRequests(fetchMock, 'services.saveTheme').map((r) => r.body)
    expect(body).toMatchObject({ publish: false, week: '2026-W48', slots: THEME.slots })
    expect(status(container)).toBe('草稿')
  })

  it('withdraws a published theme', async () => {
    const fetchMock = mockActions(
      handlers(THEME, { 'services.withdrawTheme': () => okReply({ theme: { ...THEME, status: 'withdrawn' } }) }),
    )
    const { container } = render(<StaffThemesPage />)
    await waitFor(() => expect(status(container)).toBe('已发布'))
    click(container, '#theme-withdraw')
    await waitFor(() => expect(status(container)).toBe('已撤回'))
    expect(sentRequests(fetchMock, 'services.withdrawTheme').map((r) => r.body)).toEqual([
      { action: 'withdrawTheme', stationId: 'st-gege-yintai', week: '2026-W48' },
    ])
    expect(container.querySelector('#theme-withdraw')).toBeNull()
    expect(container.querySelector('#theme-copy')).not.toBeNull()
  })

  it('复制上周 fills the form with the copy as a draft, or says why there is nothing to copy', async () => {
    let calls = 0
    const fetchMock = mockActions(
      handlers(null, {
        'services.copyLastWeekTheme': () =>
          ++calls === 1
            ? failReply('NOT_FOUND', '上一周（2026-W47）没有主题可以复制，请直接新建')
            : okReply({ theme: { ...DRAFT, title: '爱心理发' } }),
      }),
    )
    const { container } = render(<StaffThemesPage />)
    await waitFor(() => expect(status(container)).toBe('未创建'))
    click(container, '#theme-copy')
    await screen.findByText('上一周（2026-W47）没有主题可以复制，请直接新建')
    expect(status(container)).toBe('未创建')

    click(container, '#theme-copy')
    await waitFor(() => expect(status(container)).toBe('草稿'))
    expect((container.querySelector('#theme-title') as HTMLInputElement).value).toBe('爱心理发')
    expect(container.querySelectorAll('.theme-slot')).toHaveLength(2)
    expect(sentRequests(fetchMock, 'services.copyLastWeekTheme').at(-1)?.body).toEqual({
      action: 'copyLastWeekTheme',
      stationId: 'st-gege-yintai',
      week: '2026-W48',
    })
  })

  it('plans next week, or another station, by loading that week’s theme', async () => {
    const fetchMock = mockActions(handlers(null))
    const { container } = render(<StaffThemesPage />)
    await waitFor(() => expect(status(container)).toBe('未创建'))
    click(container, '.theme-week__option[data-value="2026-W49"]')
    await waitFor(() => expect(container.querySelector('.theme-editor')?.getAttribute('data-week')).toBe('2026-W49'))
    click(container, '#theme-slot-add')
    expect(container.querySelector('.slot-date__option--active')?.getAttribute('data-value')).toBe('2026-11-30')
    click(container, '.theme-station__option[data-value="st-xiangfu"]')
    await waitFor(() => expect(sentRequests(fetchMock, 'services.getTheme')).toHaveLength(3))
    expect(sentRequests(fetchMock, 'services.getTheme').map((r) => r.body)).toEqual([
      { action: 'getTheme', stationId: 'st-gege-yintai', week: '2026-W48' },
      { action: 'getTheme', stationId: 'st-gege-yintai', week: '2026-W49' },
      { action: 'getTheme', stationId: 'st-xiangfu', week: '2026-W49' },
    ])
  })

  it('says so when the community has no station yet', async () => {
    const fetchMock = mockActions({ ...handlers(null), 'services.listManaged': () => okReply({ places: [] }) })
    render(<StaffThemesPage />)
    await screen.findByText('本社区还没有驿站')
    expect(sentRequests(fetchMock, 'services.getTheme')).toHaveLength(0)
  })
})
