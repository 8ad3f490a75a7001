import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import StaffExchangePage from '../../src/staff/pages/exchange'
import type { ItemView, RedemptionView, WishView } from '../../src/services/points'
import type { ListStationsOutput } from '../../types/contract/points'
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

const STATIONS: ListStationsOutput = {
  communityId: 'ruanjiaqiao',
  stations: [
    { id: 'st-gege-yintai', name: '哥哥驿站（城西银泰城）', address: '丰潭路 380 号' },
    { id: 'st-xiangfu', name: '祥符街道小哥驿站', address: '祥符街道' },
  ],
}

const WISHES: WishView[] = [
  { stationId: 'st-xiangfu', stationName: '祥符街道小哥驿站', name: '充电宝', count: 7, mine: false },
  { stationId: 'st-gege-yintai', stationName: '哥哥驿站（城西银泰城）', name: '护膝', count: 3, mine: false },
  { stationId: 'st-gege-yintai', stationName: '哥哥驿站（城西银泰城）', name: '雨衣', count: 3, mine: false },
  { stationId: 'st-xiangfu', stationName: '祥符街道小哥驿站', name: '保温杯', count: 1, mine: false },
]

function item(id: string, name: string, extra: Partial<ItemView> = {}): ItemView {
  return {
    id,
    stationId: 'st-gege-yintai',
    stationName: '哥哥驿站（城西银泰城）',
    name,
    cost: 20,
    stock: 5,
    hidden: false,
    ...extra,
  }
}

const ITEMS = [item('soap', '洗衣液 1 瓶'), item('towel', '毛巾', { hidden: true, stock: 0, cost: 10 })]

const PICKED: RedemptionView = {
  id: 'r1',
  itemName: '洗衣液 1 瓶',
  stationName: '哥哥驿站（城西银泰城）',
  cost: 20,
  pickupCode: '408615',
  status: 'picked_up',
  at: Date.parse('2026-11-23T10:00:00+08:00'),
  closedAt: Date.parse('2026-11-23T15:00:00+08:00'),
}

function handlers(extra: Record<string, ActionHandler> = {}): Record<string, ActionHandler> {
  return {
    'account.me': () => okReply(SECRETARY),
    'points.listItems': () => okReply({ communityId: 'ruanjiaqiao', items: ITEMS }),
    'points.listStations': () => okReply(STATIONS),
    'points.listWishes': () => okReply({ communityId: 'ruanjiaqiao', wishes: WISHES }),
    ...extra,
  }
}

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-secretary')
})

async function shown(extra: Record<string, ActionHandler> = {}) {
  const fetchMock = mockActions(handlers(extra))
  const view = render(<StaffExchangePage />)
  await screen.findByText('取货码')
  return { fetchMock, ...view }
}

const stationChoices = (container: HTMLElement, block: string) =>
  Array.from(container.querySelectorAll(`.${block}__option`)).map((el) => el.getAttribute('data-value'))

describe('staff exchange page (兑换管理)', () => {
  it('offers the community’s stations as points.listStations lists them, without asking where the secretary is', async () => {
    const { container, fetchMock } = await shown()
    expect(sentRequests(fetchMock, 'points.listItems').map((r) => r.body)).toEqual([
      { action: 'listItems', communityId: 'ruanjiaqiao', includeHidden: true },
    ])
    expect(sentRequests(fetchMock, 'points.listStations').map((r) => r.body)).toEqual([
      { action: 'listStations', communityId: 'ruanjiaqiao' },
    ])
    expect(sentRequests(fetchMock, 'services.nearbyStations')).toHaveLength(0)
    expect(stationChoices(container, 'pickup-station')).toEqual(['st-gege-yintai', 'st-xiangfu'])
  })

  it('still offers a stocked station the station list lacks', async () => {
    const { container } = await shown({
      'points.listStations': () => okReply({ communityId: 'ruanjiaqiao', stations: [STATIONS.stations[1]] }),
    })
    expect(stationChoices(container, 'pickup-station')).toEqual(['st-xiangfu', 'st-gege-yintai'])
  })

  it('confirms a pickup by station and 6-digit code, and shows what to hand over to whom', async () => {
    const { container, fetchMock } = await shown({
      'points.confirmPickup': () => okReply({ redemption: PICKED, maskedName: '张*明' }),
    })
    fireEvent.click(container.querySelector('.pickup-station__option[data-value="st-gege-yintai"]')!)
    typeInto(container.querySelector('#pickup-code'), '408615')
    fireEvent.click(container.querySelector('#pickup-submit')!)
    await screen.findByText('核销成功，请交付物品')
    expect(sentRequests(fetchMock, 'points.confirmPickup').map((r) => r.body)).toEqual([
      { action: 'confirmPickup', stationId: 'st-gege-yintai', pickupCode: '408615' },
    ])
    expect(container.querySelector('.pickup-result__item')?.textContent).toBe('洗衣液 1 瓶')
    expect(container.querySelector('.pickup-result__who')?.textContent).toBe('张*明 · 20 积分')
    expect((container.querySelector('#pickup-code') as HTMLInputElement).value).toBe('')
  })

  it('checks the station and the code before sending anything', async () => {
    const { container, fetchMock } = await shown()
    typeInto(container.querySelector('#pickup-code'), '408615')
    fireEvent.click(container.querySelector('#pickup-submit')!)
    expect(container.querySelector('.pickup__problem')?.textContent).toBe('请先选择取货驿站')
    fireEvent.click(container.querySelector('.pickup-station__option[data-value="st-xiangfu"]')!)
    typeInto(container.querySelector('#pickup-code'), '40861')
    fireEvent.click(container.querySelector('#pickup-submit')!)
    expect(container.querySelector('.pickup__problem')?.textContent).toBe('取货码为 6 位数字')
    expect(sentRequests(fetchMock, 'points.confirmPickup')).toHaveLength(0)
  })

  it('shows why a pickup was refused', async () => {
    const { container } = await shown({
      'points.confirmPickup': () => failReply('NOT_FOUND', '没有这个取货码，或已取货、已取消'),
    })
    fireEvent.click(container.querySelector('.pickup-station__option[data-value="st-gege-yintai"]')!)
    typeInto(container.querySelector('#pickup-code'), '000000')
    fireEvent.click(container.querySelector('#pickup-submit')!)
    await screen.findByText('没有这个取货码，或已取货、已取消')
    expect(container.querySelector('.pickup-result--error')?.getAttribute('role')).toBe('alert')
  })

  it('lists the catalogue by station, hidden items marked', async () => {
    const { container } = await shown()
    fireEvent.click(container.querySelector('.staff-exchange-tab__option[data-value="items"]')!)
    const names = Array.from(container.querySelectorAll('.staff-station__name')).map((el) => el.textContent)
    expect(names).toEqual(['哥哥驿站（城西银泰城）', '祥符街道小哥驿站'])
    const towel = container.querySelector('.staff-item[data-item-id="towel"]')!
    expect(towel.querySelector('.staff-item__tag--hidden')?.textContent).toBe('已下架')
    expect(towel.querySelector('.staff-item__facts')?.textContent).toBe('10 积分 · 库存 0')
    expect(
      container.querySelector('.staff-station[data-station-id="st-xiangfu"] .staff-station__empty')?.textContent,
    ).toBe('还没有物品')
  })

  it('adds an item, checking it first, then loads the catalogue again', async () => {
    const { container, fetchMock } = await shown({
      'points.saveItem': (body) =>
        okReply({ item: item('rice', String(body.name), { stationId: String(body.stationId) }) }),
    })
    fireEvent.click(container.querySelector('.staff-exchange-tab__option[data-value="items"]')!)
    fireEvent.click(screen.getByText('添加物品'))
    fireEvent.click(container.querySelector('#item-save')!)
    const errors = Array.from(container.querySelectorAll('.item-form .field-error')).map((el) => el.textContent)
    expect(errors).toEqual(['请选择驿站', '请填写物品名称', '请填写兑换积分（整数）', '请填写库存（整数）'])
    expect(sentRequests(fetchMock, 'points.saveItem')).toHaveLength(0)

    fireEvent.click(container.querySelector('.item-station__option[data-value="st-xiangfu"]')!)
    typeInto(container.querySelector('#item-name'), ' 大米 5 斤 ')
    typeInto(container.querySelector('#item-cost'), '60')
    typeInto(container.querySelector('#item-stock'), '8')
    fireEvent.click(container.querySelector('#item-save')!)
    await screen.findByText('已保存：大米 5 斤')
    expect(sentRequests(fetchMock, 'points.saveItem').map((r) => r.body)).toEqual([
      { action: 'saveItem', stationId: 'st-xiangfu', name: '大米 5 斤', cost: 60, stock: 8, hidden: false },
    ])
    await waitFor(() => expect(sentRequests(fetchMock, 'points.listItems')).toHaveLength(2))
  })

  it('puts a hidden item back on the shelf', async () => {
    const { container, fetchMock } = await shown({ 'points.saveItem': () => okReply({ item: item('towel', '毛巾') }) })
    fireEvent.click(container.querySelector('.staff-exchange-tab__option[data-value="items"]')!)
    fireEvent.click(container.querySelector('.staff-item[data-item-id="towel"] .staff-item__edit')!)
    expect((container.querySelector('#item-name') as HTMLInputElement).value).toBe('毛巾')
    typeInto(container.querySelector('#item-stock'), '12')
    fireEvent.click(container.querySelector('.item-shelf__option[data-value="shown"]')!)
    fireEvent.click(container.querySelector('#item-save')!)
    await screen.findByText('已保存：毛巾')
    expect(sentRequests(fetchMock, 'points.saveItem').map((r) => r.body)).toEqual([
      {
        action: 'saveItem',
        stationId: 'st-gege-yintai',
        itemId: 'towel',
        name: '毛巾',
        cost: 10,
        stock: 12,
        // the stock the form opened with, so the cloud moves the stock by the change (redemptions meanwhile stay)
        stockWas: 0,
        hidden: false,
      },
    ])
  })

  it('chooses the only station already', async () => {
    const { container } = await shown({
      'points.listStations': () => okReply({ communityId: 'ruanjiaqiao', stations: [STATIONS.stations[0]] }),
    })
    expect(stationChoices(container, 'pickup-station')).toEqual(['st-gege-yintai'])
    expect(container.querySelector('.pickup-station__option--active')?.getAttribute('data-value')).toBe(
      'st-gege-yintai',
    )
  })

  it('shows why the stations could not be loaded, and loads again on 重试', async () => {
    let calls = 0
    const fetchMock = mockActions(
      handlers({ 'points.listStations': () => (++calls === 1 ? failReply('NETWORK') : okReply(STATIONS)) }),
    )
    const { container } = render(<StaffExchangePage />)
    await screen.findByText('网络不给力，请检查网络后重试')
    fireEvent.click(screen.getByText('重试'))
    await screen.findByText('取货码')
    expect(stationChoices(container, 'pickup-station')).toEqual(['st-gege-yintai', 'st-xiangfu'])
    expect(sentRequests(fetchMock, 'points.listStations')).toHaveLength(2)
  })

  it('ranks the couriers’ wishes, ties sharing a place, loaded only when the tab is opened', async () => {
    const { container, fetchMock } = await shown()
    expect(sentRequests(fetchMock, 'points.listWishes')).toHaveLength(0)
    fireEvent.click(container.querySelector('.staff-exchange-tab__option[data-value="wishes"]')!)
    await screen.findByText('充电宝')
    expect(sentRequests(fetchMock, 'points.listWishes').map((r) => r.body)).toEqual([
      { action: 'listWishes', communityId: 'ruanjiaqiao' },
    ])
    const rows = Array.from(container.querySelectorAll('.staff-wish')).map((row) => [
      row.querySelector('.staff-wish__rank')?.textContent,
      row.querySelector('.staff-wish__name')?.textContent,
      row.querySelector('.staff-wish__station')?.textContent,
      row.querySelector('.staff-wish__count')?.textContent,
    ])
    expect(rows).toEqual([
      ['1', '充电宝', '祥符街道小哥驿站', '7 人想要'],
      ['2', '护膝', '哥哥驿站（城西银泰城）', '3 人想要'],
      ['2', '雨衣', '哥哥驿站（城西银泰城）', '3 人想要'],
      ['4', '保温杯', '祥符街道小哥驿站', '1 人想要'],
    ])
  })

  it('stocks a wished-for item: the form starts with its station and name', async () => {
    const { container, fetchMock } = await shown({
      'points.saveItem': (body) =>
        okReply({ item: item('powerbank', String(body.name), { stationId: String(body.stationId) }) }),
    })
    fireEvent.click(container.querySelector('.staff-exchange-tab__option[data-value="wishes"]')!)
    await screen.findByText('充电宝')
    fireEvent.click(container.querySelector('.staff-wish[data-name="充电宝"] .staff-wish__stock')!)
    expect((container.querySelector('#item-name') as HTMLInputElement).value).toBe('充电宝')
    expect(container.querySelector('.item-station__option--active')?.getAttribute('data-value')).toBe('st-xiangfu')
    typeInto(container.querySelector('#item-cost'), '40')
    typeInto(container.querySelector('#item-stock'), '5')
    fireEvent.click(container.querySelector('#item-save')!)
    await screen.findByText('已保存：充电宝')
    expect(sentRequests(fetchMock, 'points.saveItem').map((r) => r.body)).toEqual([
      { action: 'saveItem', stationId: 'st-xiangfu', name: '充电宝', cost: 40, stock: 5, hidden: false },
    ])
    // Back on the catalogue, which is loaded again.
    await waitFor(() =>
      expect(container.querySelector('.staff-exchange-tab__option--active')?.getAttribute('data-value')).toBe('items'),
    )
    await waitFor(() => expect(sentRequests(fetchMock, 'points.listItems')).toHaveLength(2))
  })

  it('says so when nobody has wished for anything yet', async () => {
    const { container } = await shown({
      'points.listWishes': () => okReply({ communityId: 'ruanjiaqiao', wishes: [] }),
    })
    fireEvent.click(container.querySelector('.staff-exchange-tab__option[data-value="wishes"]')!)
    await screen.findByText('还没有心愿')
  })

  it('says so when the caller manages no community', async () => {
    const fetchMock = mockActions({
      'account.me': () =>
        okReply({ ...SECRETARY, roles: [{ role: 'guard', communityId: 'ruanjiaqiao', gateId: 'g1' }] }),
    })
    render(<StaffExchangePage />)
    await screen.findByText('你没有可管理的社区')
    expect(sentRequests(fetchMock, 'points.listItems')).toHaveLength(0)
  })
})
