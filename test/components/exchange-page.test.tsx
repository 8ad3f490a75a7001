import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import ExchangePage from '../../src/courier/pages/exchange'
import type { ItemView, RedemptionView, StationView, WishView } from '../../src/services/points'
import {
  chooseDemoIdentity,
  deferred,
  failReply,
  mockActions,
  okReply,
  sentRequests,
  typeInto,
  type ActionHandler,
  type FakeResponse,
} from './helpers'

const at = (text: string) => Date.parse(`${text}+08:00`)

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

const ITEMS: ItemView[] = [
  item('soap', '洗衣液 1 瓶'),
  item('rice', '大米 5 斤', { cost: 60 }),
  item('towel', '毛巾', { cost: 10, stock: 0 }),
  item('water', '矿泉水一箱', { stationId: 'st-xiangfu', stationName: '祥符街道小哥驿站', cost: 15 }),
]

function redemption(id: string, extra: Partial<RedemptionView> = {}): RedemptionView {
  return {
    id,
    itemName: '洗衣液 1 瓶',
    stationName: '哥哥驿站（城西银泰城）',
    cost: 20,
    pickupCode: '408615',
    status: 'reserved',
    at: at('2026-11-23T10:00:00'),
    ...extra,
  }
}

const BALANCE = 42

function handlers(extra: Record<string, ActionHandler> = {}): Record<string, ActionHandler> {
  return {
    'points.listItems': () => okReply({ communityId: 'ruanjiaqiao', items: ITEMS }),
    'points.myPoints': () => okReply({ balance: BALANCE, earned: 60, entries: [] }),
    'points.myRedemptions': () => okReply({ redemptions: [] }),
    ...extra,
  }
}

beforeEach(() => {
  localStorage.clear()
  chooseDemoIdentity('demo-courier')
})

const row = (container: HTMLElement, id: string) => {
  const found = container.querySelector<HTMLElement>(`.exchange-item[data-item-id="${id}"]`)
  if (!found) throw new Error(`no item ${id}`)
  return found
}

async function openRedeem(container: HTMLElement, id: string) {
  await screen.findByText('洗衣液 1 瓶')
  fireEvent.click(row(container, id).querySelector('.exchange-item__redeem')!)
  await screen.findByText('确认兑换')
}

describe('exchange page (积分兑换)', () => {
  it('lists my community’s items by station with cost and stock, and my balance', async () => {
    const fetchMock = mockActions(handlers())
    const { container } = render(<ExchangePage />)
    await screen.findByText('洗衣液 1 瓶')
    expect(sentRequests(fetchMock, 'points.listItems').map((r) => r.body)).toEqual([{ action: 'listItems' }])
    expect(container.querySelector('.exchange-page__balance-value')?.textContent).toBe('42')
    const stations = Array.from(container.querySelectorAll('.exchange-station__name')).map((el) => el.textContent)
    expect(stations).toEqual(['哥哥驿站（城西银泰城）', '祥符街道小哥驿站'])

    const soap = row(container, 'soap')
    expect(soap.querySelector('.exchange-item__cost')?.textContent).toBe('20 积分')
    expect(soap.querySelector('.exchange-item__stock')?.textContent).toBe('库存 5')
    expect(soap.querySelector('.exchange-item__redeem')?.textContent).toBe('兑换')
    // More than my 42 points, and none left.
    expect(row(container, 'rice').querySelector('.exchange-item__redeem')?.textContent).toBe('积分不足')
    expect(row(container, 'towel').querySelector('.exchange-item__stock')?.textContent).toBe('已兑完')
    expect(row(container, 'towel').querySelector('.exchange-item__redeem')?.textContent).toBe('已兑完')
  })

  it('does nothing on a tap at an item I cannot redeem', async () => {
    const fetchMock = mockActions(handlers())
    const { container } = render(<ExchangePage />)
    await screen.findByText('大米 5 斤')
    fireEvent.click(row(container, 'rice').querySelector('.exchange-item__redeem')!)
    fireEvent.click(row(container, 'towel').querySelector('.exchange-item__redeem')!)
    expect(container.querySelector('.exchange-dialog')).toBeNull()
    expect(sentRequests(fetchMock, 'points.redeem')).toHaveLength(0)
  })

  it('asks for confirmation, redeems with a request key, and shows the pickup code and the balance left', async () => {
    const fetchMock = mockActions(
      handlers({ 'points.redeem': () => okReply({ redemption: redemption('r1'), balance: 22 }) }),
    )
    const { container } = render(<ExchangePage />)
    await openRedeem(container, 'soap')
    expect(container.querySelector('.exchange-dialog__cost')?.textContent).toBe('消耗 20 积分，兑换后剩余 22 积分')
    expect(sentRequests(fetchMock, 'points.redeem')).toHaveLength(0)

    fireEvent.click(screen.getByText('确定兑换'))
    await screen.findByText('兑换成功')
    const [sent] = sentRequests(fetchMock, 'points.redeem').map((r) => r.body)
    expect(sent.itemId).toBe('soap')
    expect(sent.requestKey).toMatch(/^[A-Za-z0-9_-]{16,40}$/)
    expect(container.querySelector('.exchange-done__code')?.textContent).toBe('408 615')
    expect(container.querySelector('.exchange-done__code')?.getAttribute('data-code')).toBe('408615')
    expect(container.querySelector('.exchange-done__balance')?.textContent).toBe('剩余积分 22')

    fireEvent.click(screen.getByText('完成'))
    expect(container.querySelector('.exchange-dialog')).toBeNull()
    expect(container.querySelector('.exchange-page__balance-value')?.textContent).toBe('22')
    expect(row(container, 'soap').querySelector('.exchange-item__stock')?.textContent).toBe('库存 4')
    // 22 points left: the 15-point water is still within reach, nothing over 22 is.
    expect(row(container, 'water').querySelector('.exchange-item__redeem')?.textContent).toBe('兑换')
  })

  it('retries a failed redemption with the same request key, and uses a new key for the next one', async () => {
    let calls = 0
    const fetchMock = mockActions(
      handlers({
        'points.redeem': () =>
          ++calls === 1
            ? failReply('NETWORK')
            : okReply({ redemption: redemption(`r${calls}`), balance: 42 - 20 * (calls - 1) }),
      }),
    )
    const { container } = render(<ExchangePage />)
    await openRedeem(container, 'soap')
    fireEvent.click(screen.getByText('确定兑换'))
    await screen.findByText('网络不给力，请检查网络后重试')
    expect(container.querySelector('.exchange-dialog__error')?.getAttribute('role')).toBe('alert')
    fireEvent.click(screen.getByText('重试'))
    await screen.findByText('兑换成功')

    fireEvent.click(screen.getByText('完成'))
    await openRedeem(container, 'soap')
    fireEvent.click(screen.getByText('确定兑换'))
    await waitFor(() => expect(sentRequests(fetchMock, 'points.redeem')).toHaveLength(3))
    await screen.findByText('兑换成功')

    const keys = sentRequests(fetchMock, 'points.redeem').map((r) => r.body.requestKey)
    expect(keys[1]).toBe(keys[0])
    expect(keys[2]).not.toBe(keys[0])
  })

  it('keeps the key of a failed request when the dialog is closed and the same item is tapped again', async () => {
    let calls = 0
    const fetchMock = mockActions(
      handlers({
        'points.redeem': () =>
          ++calls === 1 ? failReply('INTERNAL') : okReply({ redemption: redemption('r1'), balance: 22 }),
      }),
    )
    const { container } = render(<ExchangePage />)
    await openRedeem(container, 'soap')
    fireEvent.click(screen.getByText('确定兑换'))
    await screen.findByText('服务开小差了，请稍后再试')
    fireEvent.click(screen.getByText('取消'))
    await openRedeem(container, 'soap')
    fireEvent.click(screen.getByText('确定兑换'))
    await screen.findByText('兑换成功')
    const keys = sentRequests(fetchMock, 'points.redeem').map((r) => r.body.requestKey)
    expect(keys).toHaveLength(2)
    expect(keys[1]).toBe(keys[0])
  })

  it('sends one request for a double tap', async () => {
    const answer = deferred<FakeResponse>()
    const fetchMock = mockActions(handlers({ 'points.redeem': () => answer.promise }))
    const { container } = render(<ExchangePage />)
    await openRedeem(container, 'soap')
    const confirm = container.querySelector('.exchange-dialog__confirm')!
    fireEvent.click(confirm)
    fireEvent.click(confirm)
    await screen.findByText('正在兑换…')
    fireEvent.click(container.querySelector('.exchange-dialog__confirm')!)
    answer.resolve(okReply({ redemption: redemption('r1'), balance: 22 }))
    await screen.findByText('兑换成功')
    expect(sentRequests(fetchMock, 'points.redeem')).toHaveLength(1)
  })

  it('shows 已兑完 after the cloud says the item ran out', async () => {
    mockActions(handlers({ 'points.redeem': () => failReply('OUT_OF_STOCK') }))
    const { container } = render(<ExchangePage />)
    await openRedeem(container, 'soap')
    fireEvent.click(screen.getByText('确定兑换'))
    await screen.findByText('该物品已兑完')
    fireEvent.click(screen.getByText('取消'))
    expect(row(container, 'soap').querySelector('.exchange-item__redeem')?.textContent).toBe('已兑完')
  })

  it('lists my redemptions with their pickup codes and states, and cancels one not picked up', async () => {
    let listItemsCalls = 0
    const fetchMock = mockActions(
      handlers({
        'points.listItems': () => {
          listItemsCalls++
          return okReply({ communityId: 'ruanjiaqiao', items: ITEMS })
        },
        'points.myRedemptions': () =>
          okReply({
            redemptions: [
              redemption('r3'),
              redemption('r2', {
                itemName: '毛巾',
                pickupCode: '120044',
                status: 'picked_up',
                closedAt: at('2026-11-22T18:00:00'),
              }),
              redemption('r1', {
                itemName: '矿泉水一箱',
                pickupCode: '777001',
                status: 'cancelled',
                closedAt: at('2026-11-21T18:00:00'),
              }),
            ],
          }),
        'points.cancelRedemption': () =>
          okReply({ redemption: redemption('r3', { status: 'cancelled', closedAt: at('2026-11-23T11:00:00') }) }),
      }),
    )
    const { container } = render(<ExchangePage />)
    await screen.findByText('洗衣液 1 瓶')
    fireEvent.click(container.querySelector('.exchange-tab__option[data-value="mine"]')!)
    await screen.findByText('408 615')
    expect(sentRequests(fetchMock, 'points.myRedemptions').map((r) => r.body)).toEqual([
      { action: 'myRedemptions', limit: 20 },
    ])
    const states = Array.from(container.querySelectorAll('.redemption__status')).map((el) => el.textContent)
    expect(states).toEqual(['待取货', '已取货', '已取消'])
    expect(container.querySelectorAll('.redemption__cancel')).toHaveLength(1)

    fireEvent.click(screen.getByText('取消兑换'))
    expect(sentRequests(fetchMock, 'points.cancelRedemption')).toHaveLength(0)
    fireEvent.click(screen.getByText('确定取消'))
    await waitFor(() =>
      expect(container.querySelector('.redemption[data-redemption-id="r3"] .redemption__status')?.textContent).toBe(
        '已取消',
      ),
    )
    expect(sentRequests(fetchMock, 'points.cancelRedemption').map((r) => r.body)).toEqual([
      { action: 'cancelRedemption', redemptionId: 'r3' },
    ])
    expect(container.querySelectorAll('.redemption__cancel')).toHaveLength(0)
    // The points and the stock came back: the catalogue and balance are loaded again.
    await waitFor(() => expect(listItemsCalls).toBe(2))
  })

  it('says so when there is nothing to redeem, or no redemption yet', async () => {
    mockActions(handlers({ 'points.listItems': () => okReply({ communityId: 'ruanjiaqiao', items: [] }) }))
    const { container } = render(<ExchangePage />)
    fireEvent.click(container.querySelector('.exchange-tab__option[data-value="mine"]')!)
    await screen.findByText('还没有兑换记录')
    fireEvent.click(container.querySelector('.exchange-tab__option[data-value="items"]')!)
    await screen.findByText('暂无可兑换的物品')
  })
})

const STATIONS: StationView[] = [
  { id: 'st-gege-yintai', name: '哥哥驿站（城西银泰城）', address: '丰潭路 380 号' },
  { id: 'st-xiangfu', name: '祥符街道小哥驿站', address: '祥符街道' },
]

function wish(name: string, count: number, extra: Partial<WishView> = {}): WishView {
  return { stationId: 'st-gege-yintai', stationName: '哥哥驿站（城西银泰城）', name, count, mine: false, ...extra }
}

const WISHES: WishView[] = [
  wish('充电宝', 7, { stationId: 'st-xiangfu', stationName: '祥符街道小哥驿站' }),
  wish('护膝', 3, { mine: true }),
  wish('雨衣', 3),
  wish('保温杯', 1),
]

function wishHandlers(extra: Record<string, ActionHandler> = {}): Record<string, ActionHandler> {
  return handlers({
    'points.listStations': () => okReply({ communityId: 'ruanjiaqiao', stations: STATIONS }),
    'points.listWishes': () => okReply({ communityId: 'ruanjiaqiao', wishes: WISHES }),
    ...extra,
  })
}

async function openWishes(extra: Record<string, ActionHandler> = {}) {
  const fetchMock = mockActions(wishHandlers(extra))
  const view = render(<ExchangePage />)
  fireEvent.click(view.container.querySelector('.exchange-tab__option[data-value="wishes"]')!)
  await screen.findByText('充电宝')
  return { fetchMock, ...view }
}

const wishRows = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('.wish')).map((row) => [
    row.querySelector('.wish__rank')?.textContent,
    row.querySelector('.wish__name')?.textContent,
    row.querySelector('.wish__count')?.textContent,
    row.querySelector('.wish__mine') ? 'mine' : '',
  ])

describe('exchange page: 心愿清单', () => {
  it('ranks my community’s wishes, ties sharing a place, and marks mine', async () => {
    const { container, fetchMock } = await openWishes()
    expect(sentRequests(fetchMock, 'points.listWishes').map((r) => r.body)).toEqual([{ action: 'listWishes' }])
    expect(sentRequests(fetchMock, 'points.listStations').map((r) => r.body)).toEqual([{ action: 'listStations' }])
    expect(wishRows(container)).toEqual([
      ['1', '充电宝', '7 人想要', ''],
      ['2', '护膝', '3 人想要', 'mine'],
      ['2', '雨衣', '3 人想要', ''],
      ['4', '保温杯', '1 人想要', ''],
    ])
    expect(container.querySelector('.wish[data-name="护膝"] .wish__mine')?.textContent).toBe('我也想要')
    expect(container.querySelector('.wish[data-name="护膝"] .wish__join')).toBeNull()
    expect(container.querySelector('.wish[data-name="充电宝"] .wish__station')?.textContent).toBe('祥符街道小哥驿站')
    const stations = Array.from(container.querySelectorAll('.wish-station__option')).map((el) =>
      el.getAttribute('data-value'),
    )
    expect(stations).toEqual(['st-gege-yintai', 'st-xiangfu'])
  })

  it('checks the station and the name before adding a wish', async () => {
    const { container, fetchMock } = await openWishes()
    fireEvent.click(container.querySelector('#wish-submit')!)
    const errors = () => Array.from(container.querySelectorAll('.wish-form .field-error')).map((el) => el.textContent)
    expect(errors()).toEqual(['请选择驿站', '请填写心愿物品'])
    fireEvent.click(container.querySelector('.wish-station__option[data-value="st-xiangfu"]')!)
    typeInto(container.querySelector('#wish-name'), '   ')
    fireEvent.click(container.querySelector('#wish-submit')!)
    expect(errors()).toEqual(['请填写心愿物品'])
    expect(sentRequests(fetchMock, 'points.addWish')).toHaveLength(0)
  })

  it('adds a wish, says how many want it, and ranks it at once', async () => {
    const { container, fetchMock } = await openWishes({
      'points.addWish': (body) =>
        okReply({
          wish: wish(String(body.name), 2, { stationId: 'st-xiangfu', stationName: '祥符街道小哥驿站', mine: true }),
        }),
    })
    fireEvent.click(container.querySelector('.wish-station__option[data-value="st-xiangfu"]')!)
    typeInto(container.querySelector('#wish-name'), ' 护目镜 ')
    fireEvent.click(container.querySelector('#wish-submit')!)
    await screen.findByText('已加入心愿清单：护目镜（2 人想要）')
    expect(sentRequests(fetchMock, 'points.addWish').map((r) => r.body)).toEqual([
      { action: 'addWish', stationId: 'st-xiangfu', name: '护目镜' },
    ])
    expect((container.querySelector('#wish-name') as HTMLInputElement).value).toBe('')
    expect(wishRows(container)).toEqual([
      ['1', '充电宝', '7 人想要', ''],
      ['2', '护膝', '3 人想要', 'mine'],
      ['2', '雨衣', '3 人想要', ''],
      ['4', '护目镜', '2 人想要', 'mine'],
      ['5', '保温杯', '1 人想要', ''],
    ])
  })

  it('joins someone else’s wish with 我也要: it counts me and moves up', async () => {
    const { container, fetchMock } = await openWishes({
      'points.addWish': (body) => okReply({ wish: wish(String(body.name), 4, { mine: true }) }),
    })
    fireEvent.click(container.querySelector('.wish[data-name="雨衣"] .wish__join')!)
    await waitFor(() => expect(container.querySelector('.wish[data-name="雨衣"] .wish__mine')).not.toBeNull())
    expect(sentRequests(fetchMock, 'points.addWish').map((r) => r.body)).toEqual([
      { action: 'addWish', stationId: 'st-gege-yintai', name: '雨衣' },
    ])
    expect(wishRows(container).slice(0, 3)).toEqual([
      ['1', '充电宝', '7 人想要', ''],
      ['2', '雨衣', '4 人想要', 'mine'],
      ['3', '护膝', '3 人想要', 'mine'],
    ])
  })

  it('counts a wish typed in other spacing or case as the same one, as the cloud does', async () => {
    mockActions(
      wishHandlers({
        'points.listWishes': () => okReply({ communityId: 'ruanjiaqiao', wishes: [wish('Power Bank', 2)] }),
        'points.addWish': (body) => okReply({ wish: wish(String(body.name), 3, { mine: true }) }),
      }),
    )
    const { container } = render(<ExchangePage />)
    fireEvent.click(container.querySelector('.exchange-tab__option[data-value="wishes"]')!)
    await screen.findByText('Power Bank')
    fireEvent.click(container.querySelector('.wish-station__option[data-value="st-gege-yintai"]')!)
    typeInto(container.querySelector('#wish-name'), ' power  bank ')
    fireEvent.click(container.querySelector('#wish-submit')!)
    await screen.findByText('已加入心愿清单：power bank（3 人想要）')
    expect(wishRows(container)).toEqual([['1', 'Power Bank', '3 人想要', 'mine']])
  })

  it('shows why a wish was refused', async () => {
    const { container } = await openWishes({ 'points.addWish': () => failReply('INVALID_STATE', '每人最多 30 个心愿') })
    fireEvent.click(container.querySelector('.wish-station__option[data-value="st-gege-yintai"]')!)
    typeInto(container.querySelector('#wish-name'), '暖宝宝')
    fireEvent.click(container.querySelector('#wish-submit')!)
    await screen.findByText('每人最多 30 个心愿')
    expect(container.querySelector('.wish-form__error')?.getAttribute('role')).toBe('alert')
    expect(container.querySelectorAll('.wish')).toHaveLength(4)
  })

  it('says so when nobody has wished for anything yet', async () => {
    mockActions(wishHandlers({ 'points.listWishes': () => okReply({ communityId: 'ruanjiaqiao', wishes: [] }) }))
    const { container } = render(<ExchangePage />)
    fireEvent.click(container.querySelector('.exchange-tab__option[data-value="wishes"]')!)
    await screen.findByText('还没有心愿')
    expect(container.querySelector('#wish-submit')).not.toBeNull()
  })
})
