import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import StaffPlacesPage from '../../src/staff/pages/places'
import type { ManagedPlace } from '../../types'
import {
  chooseDemoIdentity,
  failReply,
  mockActions,
  okReply,
  SECRETARY,
  sentRequests,
  type ActionHandler,
  typeInto,
  VISITOR,
} from './helpers'

const base = { location: { lat: 30.3036, lng: 120.1113 }, hidden: false, updatedAt: 1 }
const GEGE: ManagedPlace = {
  ...base,
  kind: 'station',
  id: 'st-gege-yintai',
  name: '哥哥驿站（城西银泰城）',
  address: '杭州市拱墅区城西银泰城广场',
  hours: { kind: 'always' },
  amenities: ['空调', '热水'],
}
const OLD: ManagedPlace = { ...GEGE, id: 'st-old', name: '旧驿站', hidden: true, amenities: [] }
const MEAL: ManagedPlace = {
  ...base,
  kind: 'meal',
  id: 'meal-1',
  name: '阮家桥社区食堂',
  address: '阮家桥社区 2 幢',
  hours: { kind: 'windows', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '11:00', end: '13:30' }] },
  dish: '一荤两素',
  priceFen: 990,
  dailyQuota: 50,
}
const ROOM: ManagedPlace = {
  ...base,
  kind: 'room',
  id: 'room-1',
  name: '阮家桥小哥公寓',
  address: '阮家桥社区 5 幢',
  hours: { kind: 'windows', windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:30' }] },
  unitType: '单间',
  monthlyRentFen: 120000,
  marketRentFen: 160000,
  unitsAvailable: 1,
  conditions: '新就业群体',
}

function handlers(extra: Record<string, ActionHandler> = {}): Record<string, ActionHandler> {
  return {
    'account.me': () => okReply(SECRETARY),
    'services.listManaged': (body) =>
      okReply({ places: body.kind === 'station' ? [GEGE, OLD] : body.kind === 'meal' ? [MEAL] : [ROOM] }),
    ...extra,
  }
}

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-secretary')
})
afterEach(() => jest.restoreAllMocks())

const row = (container: HTMLElement, id: string) => {
  const found = container.querySelector<HTMLElement>(`.managed-place[data-place-id="${id}"]`)
  if (!found) throw new Error(`no place ${id}`)
  return found
}
const fieldError = (container: HTMLElement, field: string) =>
  container.querySelector(`.field[data-field="${field}"] .field-error`)?.textContent ?? null
const fill = (container: HTMLElement, values: Record<string, string>) => {
  for (const [id, value] of Object.entries(values)) typeInto(container.querySelector(`#${id}`), value)
}
const click = (container: HTMLElement, selector: string) => {
  const el = container.querySelector(selector)
  if (!el) throw new Error(`nothing matches ${selector}`)
  fireEvent.click(el)
}

describe('staff places page (服务管理)', () => {
  it('lists the community’s places of each kind, hidden ones marked 已隐藏', async () => {
    const fetchMock = mockActions(handlers())
    const { container } = render(<StaffPlacesPage />)
    await screen.findByText('哥哥驿站（城西银泰城）')
    expect(row(container, 'st-gege-yintai').querySelector('.managed-place__hidden')).toBeNull()
    expect(row(container, 'st-old').querySelector('.managed-place__hidden')?.textContent).toBe('已隐藏')
    expect(row(container, 'st-gege-yintai').querySelector('.managed-place__facts')?.textContent).toBe('空调、热水')

    click(container, '.places-kind__option[data-value="meal"]')
    await screen.findByText('阮家桥社区食堂')
    expect(row(container, 'meal-1').querySelector('.managed-place__facts')?.textContent).toBe('¥9.90 · 一荤两素')
    expect(screen.getByText('新增骑士餐')).toBeTruthy()
    expect(sentRequests(fetchMock, 'services.listManaged').map((r) => r.body)).toEqual([
      { action: 'listManaged', communityId: 'ruanjiaqiao', kind: 'station' },
      { action: 'listManaged', communityId: 'ruanjiaqiao', kind: 'meal' },
    ])
  })

  it('adds a station: checks the form first, then sends coordinates, 24 小时, amenities and hidden', async () => {
    const fetchMock = mockActions(
      handlers({
        'services.saveStation': (body) =>
          okReply({ place: { ...GEGE, id: 'st-new', name: String(body.name), hidden: true } }),
      }),
    )
    const { container } = render(<StaffPlacesPage />)
    await screen.findByText('新增驿站')
    click(container, '#place-new')
    click(container, '#place-save')
    expect(fieldError(container, 'place-name')).toBe('请填写名称（2–40 个字）')
    expect(fieldError(container, 'place-lat')).toBe('请填写纬度（小数），如 30.3036')
    expect(container.querySelector('.place-form__notice')?.textContent).toBe('请填写名称（2–40 个字）')

    fill(container, {
      'place-name': '阮家桥新驿站',
      'place-address': '阮家桥社区 1 幢',
      'place-lat': '60.1',
      'place-lng': '120.1113',
    })
    click(container, '#place-save')
    expect(fieldError(container, 'place-lat')).toBe('纬度须在 3.8–53.6 之间（中国境内）')
    expect(fieldError(container, 'place-name')).toBeNull()

    fill(container, { 'place-lat': '30.3036', 'place-phone': '0571-88888888' })
    click(container, '.hours-mode__option[data-value="always"]')
    expect(container.querySelector('.hours-window')).toBeNull()
    click(container, '.place-amenities__option[data-value="充电"]')
    click(container, '.place-amenities__option[data-value="热水"]')
    click(container, '.place-visibility__option[data-value="hidden"]')
    expect(sentRequests(fetchMock, 'services.saveStation')).toHaveLength(0)
    click(container, '#place-save')

    await screen.findByText('已保存：阮家桥新驿站（已隐藏）')
    expect(sentRequests(fetchMock, 'services.saveStation').map((r) => r.body)).toEqual([
      {
        action: 'saveStation',
        communityId: 'ruanjiaqiao',
        name: '阮家桥新驿站',
        address: '阮家桥社区 1 幢',
        location: { lat: 30.3036, lng: 120.1113 },
        hours: { kind: 'always' },
        phone: '0571-88888888',
        hidden: true,
        amenities: ['热水', '充电'],
      },
    ])
    expect(sentRequests(fetchMock, 'services.listManaged')).toHaveLength(2)
  })

  it('edits a meal: yuan become fen, an empty quota is dropped, hours windows are read leniently', async () => {
    const fetchMock = mockActions(handlers({ 'services.saveMeal': () => okReply({ place: MEAL }) }))
    const { container } = render(<StaffPlacesPage />)
    await screen.findByText('哥哥驿站（城西银泰城）')
    click(container, '.places-kind__option[data-value="meal"]')
    await screen.findByText('阮家桥社区食堂')
    click(row(container, 'meal-1'), '.managed-place__edit')
    expect((container.querySelector('#place-price') as HTMLInputElement).value).toBe('9.90')
    expect((container.querySelector('#place-quota') as HTMLInputElement).value).toBe('50')
    expect((container.querySelector('#hours-0-start') as HTMLInputElement).value).toBe('11:00')

    fill(container, { 'place-price': '12.5', 'place-quota': '', 'hours-0-start': '9:30' })
    // weekends off: 六 and 日 unchosen
    click(container, '.hours-window[data-index="0"] .hours-days__option[data-value="6"]')
    click(container, '.hours-window[data-index="0"] .hours-days__option[data-value="7"]')
    click(container, '#hours-add')
    fill(container, { 'hours-1-start': '17:00', 'hours-1-end': '19:30' })
    click(container, '#place-save')
    await screen.findByText('已保存：阮家桥社区食堂')
    const [sent] = sentRequests(fetchMock, 'services.saveMeal').map((r) => r.body)
    expect(sent).toMatchObject({
      action: 'saveMeal',
      id: 'meal-1',
      communityId: 'ruanjiaqiao',
      dish: '一荤两素',
      priceFen: 1250,
    })
    expect(sent).not.toHaveProperty('dailyQuota')
    expect(sent.hours).toEqual({
      kind: 'windows',
      windows: [
        { days: [1, 2, 3, 4, 5], start: '09:30', end: '13:30' },
        { days: [1, 2, 3, 4, 5, 6, 7], start: '17:00', end: '19:30' },
      ],
    })
  })

  it('refuses malformed hours and prices before sending, and shows the cloud’s refusal of overlapping windows', async () => {
    const overlap = '营业时间有重叠：周一 11:00–13:30 与 周一 12:00–14:00'
    const fetchMock = mockActions(handlers({ 'services.saveMeal': () => failReply('BAD_REQUEST', overlap) }))
    const { container } = render(<StaffPlacesPage />)
    await screen.findByText('哥哥驿站（城西银泰城）')
    click(container, '.places-kind__option[data-value="meal"]')
    await screen.findByText('阮家桥社区食堂')
    click(row(container, 'meal-1'), '.managed-place__edit')

    fill(container, { 'hours-0-end': '25:00', 'place-price': '9.999' })
    click(container, '#place-save')
    expect(fieldError(container, 'hours')).toBe('第 1 个时段的结束时间格式应为 HH:mm，如 20:00')
    expect(fieldError(container, 'place-price')).toBe('请填写价格（元，最多两位小数），如 9.9')

    fill(container, { 'hours-0-end': '13:30', 'place-price': '9.9' })
    click(container, '#hours-add')
    fill(container, { 'hours-1-start': '12:00', 'hours-1-end': '14:00' })
    click(container, '#place-save')
    await screen.findByText(overlap)
    expect(sentRequests(fetchMock, 'services.saveMeal')).toHaveLength(1)
    // still on the form, with what was typed
    expect((container.querySelector('#hours-1-start') as HTMLInputElement).value).toBe('12:00')
    expect(container.querySelector('#place-save')?.textContent).toBe('保存')
  })

  it('checks a room’s rent against the market rent as the contract does', async () => {
    const fetchMock = mockActions(handlers())
    const { container } = render(<StaffPlacesPage />)
    await screen.findByText('哥哥驿站（城西银泰城）')
    click(container, '.places-kind__option[data-value="room"]')
    await screen.findByText('阮家桥小哥公寓')
    click(row(container, 'room-1'), '.managed-place__edit')
    expect((container.querySelector('#place-rent') as HTMLInputElement).value).toBe('1200.00')
    fill(container, { 'place-rent': '1700', 'place-units': 'x' })
    click(container, '#place-save')
    expect(fieldError(container, 'place-rent')).toBe('优惠租金不能高于市场租金')
    expect(fieldError(container, 'place-units')).toBe('空房数请填整数（间）')
    expect(sentRequests(fetchMock, 'services.saveRoom')).toHaveLength(0)
  })

  it('marks a room’s free units with the stepper at once, and never below zero', async () => {
    let units = 1
    const fetchMock = mockActions(
      handlers({
        'services.setRoomUnits': (body) => {
          units = Number(body.unitsAvailable)
          return okReply({ place: { ...ROOM, unitsAvailable: units } })
        },
      }),
    )
    const { container } = render(<StaffPlacesPage />)
    await screen.findByText('哥哥驿站（城西银泰城）')
    click(container, '.places-kind__option[data-value="room"]')
    await screen.findByText('阮家桥小哥公寓')
    const stepper = row(container, 'room-1').querySelector('.units-stepper')!
    expect(stepper.querySelector('.units-stepper__value')?.textContent).toBe('1')

    fireEvent.click(stepper.querySelector('.units-stepper__plus')!)
    await waitFor(() => expect(stepper.querySelector('.units-stepper__value')?.textContent).toBe('2'))
    fireEvent.click(stepper.querySelector('.units-stepper__minus')!)
    await waitFor(() => expect(stepper.querySelector('.units-stepper__value')?.textContent).toBe('1'))
    fireEvent.click(stepper.querySelector('.units-stepper__minus')!)
    await waitFor(() => expect(stepper.querySelector('.units-stepper__value')?.textContent).toBe('0'))
    fireEvent.click(stepper.querySelector('.units-stepper__minus')!)
    await screen.findByText('阮家桥小哥公寓：空房 0 间')
    expect(sentRequests(fetchMock, 'services.setRoomUnits').map((r) => r.body)).toEqual([
      { action: 'setRoomUnits', roomId: 'room-1', unitsAvailable: 2 },
      { action: 'setRoomUnits', roomId: 'room-1', unitsAvailable: 1 },
      { action: 'setRoomUnits', roomId: 'room-1', unitsAvailable: 0 },
    ])
  })

  it('shows why the stepper could not save', async () => {
    mockActions(handlers({ 'services.setRoomUnits': () => failReply('FORBIDDEN', '只有本社区书记可以修改') }))
    const { container } = render(<StaffPlacesPage />)
    await screen.findByText('哥哥驿站（城西银泰城）')
    click(container, '.places-kind__option[data-value="room"]')
    await screen.findByText('阮家桥小哥公寓')
    click(container, '.units-stepper__plus')
    await screen.findByText('只有本社区书记可以修改')
    expect(container.querySelector('.units-stepper__value')?.textContent).toBe('1')
  })

  it('tells someone without a community that only secretaries manage places', async () => {
    const fetchMock = mockActions({ 'account.me': () => okReply(VISITOR) })
    render(<StaffPlacesPage />)
    await screen.findByText('你没有可管理的社区')
    expect(sentRequests(fetchMock, 'services.listManaged')).toHaveLength(0)
  })
})
