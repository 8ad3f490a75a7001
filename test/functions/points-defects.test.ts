import type { Envelope, HazardReport } from '../../types'
import { FUNCTION_ADAPTERS, type FunctionHarness } from '../support/function-harness'
import { TEST_NOW } from '../support/clock'

/**
 * Defects an outside review found in the points function (issue 12), each shown on both stores: a stale stock
 * written back over redemptions, a request key answering another item's redemption, and points awarded to a
 * suspended courier for a 随手拍.
 */
describe.each(FUNCTION_ADAPTERS)('points defects — %s', (_name, open) => {
  let h: FunctionHarness
  beforeAll(async () => {
    h = await open()
  })
  afterAll(() => h.close())
  beforeEach(() => h.reset())

  const call = (openid: string, action: string, body: Record<string, unknown> = {}) =>
    h.call('points', { action, ...body }, openid)
  async function ok<T>(openid: string, action: string, body: Record<string, unknown> = {}): Promise<T> {
    const reply = await call(openid, action, body)
    if (!reply.ok) throw new Error(`points.${action} as ${openid}: ${reply.error.code} ${reply.error.message}`)
    return reply.data as T
  }
  const code = (reply: Envelope<unknown>) => (reply.ok ? 'OK' : reply.error.code)
  const stockOf = async (itemId: string) => (await h.store().collection('exchangeItems').get(itemId))?.stock

  describe('saveItem', () => {
    const towel = { stationId: 'st-gege-yintai', itemId: 'item-demo-towel', cost: 10 }

    it('keeps a unit redeemed while the form was open taken: a rename never hands out a 21st towel', async () => {
      // the secretary opens the form (stock 20); meanwhile a courier redeems one
      expect(await stockOf('item-demo-towel')).toBe(20)
      await ok('demo-courier', 'redeem', { itemId: 'item-demo-towel', requestKey: 'defect-towel-0001' })
      expect(await stockOf('item-demo-towel')).toBe(19)
      // ...and saves the rename with the stock the form showed
      const saved = await ok<{ item: { stock: number; name: string } }>('demo-secretary', 'saveItem', {
        ...towel,
        name: '纯棉毛巾',
        stock: 20,
        stockWas: 20,
      })
      expect(saved.item).toMatchObject({ name: '纯棉毛巾', stock: 19 })
      expect(await stockOf('item-demo-towel')).toBe(19)
      // adding ten to what the form showed adds ten to what is there
      await ok('demo-secretary', 'saveItem', { ...towel, name: '纯棉毛巾', stock: 30, stockWas: 20 })
      expect(await stockOf('item-demo-towel')).toBe(29)
    })

    it('refuses a cut below what is left now, and an edit without the stock it was made from, writing nothing', async () => {
      await ok('demo-courier', 'redeem', { itemId: 'item-demo-water', requestKey: 'defect-water-0001' })
      const before = await h.dump()
      const water = { stationId: 'st-gege-yintai', itemId: 'item-demo-water', name: '矿泉水一瓶', cost: 2 }
      // the form showed 50 and the secretary takes all 50 away, but one was redeemed meanwhile: 49 are left
      expect(await call('demo-secretary', 'saveItem', { ...water, stock: 0, stockWas: 50 })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_STATE', message: expect.stringContaining('现在还剩 49 件') },
      })
      expect(code(await call('demo-secretary', 'saveItem', { ...water, stock: 3 }))).toBe('BAD_REQUEST')
      expect(await h.dump()).toEqual(before)
    })
  })

  describe('redeem', () => {
    it('refuses a request key already used for another item, changing nothing; the same item replays', async () => {
      const first = await ok<{ redemption: { id: string } }>('demo-courier', 'redeem', {
        itemId: 'item-demo-water',
        requestKey: 'defect-key-0001',
      })
      const before = await h.dump()
      expect(
        await call('demo-courier', 'redeem', { itemId: 'item-demo-towel', requestKey: 'defect-key-0001' }),
      ).toEqual({
        ok: false,
        error: { code: 'BAD_REQUEST', message: expect.stringContaining('矿泉水一瓶') },
      })
      expect(await h.dump()).toEqual(before)
      const again = await ok<{ redemption: { id: string } }>('demo-courier', 'redeem', {
        itemId: 'item-demo-water',
        requestKey: 'defect-key-0001',
      })
      expect(again.redemption.id).toBe(first.redemption.id)
      expect(await h.dump()).toEqual(before)
    })
  })

  describe('reviewReport', () => {
    const report: HazardReport = {
      _id: 'rp_defect_suspended',
      courierId: 'demo-courier',
      communityId: 'ruanjiaqiao',
      category: '消防通道堵塞',
      text: '3 幢楼道堆放纸箱，堵住了消防通道',
      status: 'pending',
      createdAt: TEST_NOW,
    }

    it('awards no points to a suspended courier, as attendance does not; rejecting still works', async () => {
      await h.load('reports', [report])
      await h
        .store()
        .collection('couriers')
        .update('demo-courier', { set: { status: 'suspended' } })
      const before = await h.dump()
      expect(
        await call('demo-secretary', 'reviewReport', { reportId: report._id, decision: 'accept', points: 5 }),
      ).toMatchObject({ ok: false, error: { code: 'NOT_APPROVED', message: expect.stringContaining('不能记分') } })
      expect(await h.dump()).toEqual(before)
      expect(
        await ok('demo-secretary', 'reviewReport', { reportId: report._id, decision: 'reject', reason: '已处理' }),
      ).toMatchObject({ report: { status: 'rejected' } })
    })

    it('awards an approved courier as before', async () => {
      await h.load('reports', [report])
      expect(
        await ok('demo-secretary', 'reviewReport', { reportId: report._id, decision: 'accept', points: 5 }),
      ).toMatchObject({ report: { status: 'accepted', points: 5 } })
    })
  })
})
