import type { ActionOutput, ExchangeItem, LedgerEntry, PointsAccount, Redemption, RedemptionView } from '../../types'
import { AppError } from '../shared/errors'
import { withEarlyReads, type Context, type Handler } from '../shared/handler'
import { newId } from '../shared/ids'
import { maskName } from '../shared/mask'
import { pickupNotice } from '../shared/notice-messages'
import { notify } from '../shared/notify'
import { admittedCourier, scopedCommunity, scopedDoc } from '../shared/scope'
import type { CounterHold } from '../shared/store/collections'
import { StoreError } from '../shared/store/port'
import { newPickupCode, pickupClaimId, redeemEntryId, redemptionId, refundEntryId } from './domain/keys'
import { discardRefused, openTake, owedIn, settleSoon, settleTakeIn, takeInFlight, takeUnit } from './holds'
import { appendEntry, appendNewEntry } from './ledger'

const MAX_ITEMS = 200
const PICKUP_CODE_ATTEMPTS = 5

/** Station names by id; hidden stations only when `includeHidden`. */
async function stationNames(ctx: Context, ids: string[], includeHidden = true): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  const stations = unique.length
    ? await ctx.store.collection('stations').find({ _id: { in: unique } }, { limit: 1000 })
    : []
  return new Map(stations.filter((s) => includeHidden || !s.hidden).map((s) => [s._id, s.name]))
}

function redemptionView(r: Redemption, stationName: string): RedemptionView {
  return {
    id: r._id,
    itemName: r.itemName,
    stationName,
    cost: r.cost,
    pickupCode: r.pickupCode,
    status: r.status,
    at: r.at,
    ...(r.closedAt ? { closedAt: r.closedAt } : {}),
  }
}

/** The catalogue of a community's exchange stations (hidden items only for its secretaries). */
export const listItems: Handler<'points', 'listItems'> = async ({ ctx, input }) => {
  const communityId = scopedCommunity(ctx.scope)
  const staff = ctx.scope.as === 'staff'
  const items = await ctx.store
    .collection('exchangeItems')
    .find(
      { communityId, ...(input.includeHidden && staff ? {} : { hidden: false }) },
      { orderBy: [['createdAt', 'asc']], limit: MAX_ITEMS },
    )
  const names = await stationNames(
    ctx,
    items.map((i) => i.stationId),
    staff,
  )
  return {
    communityId,
    // an item of a hidden station is offered to its secretaries only
    items: items
      .filter((i) => staff || names.has(i.stationId))
      .map((i) => ({
        id: i._id,
        stationId: i.stationId,
        stationName: names.get(i.stationId) ?? '兑换站',
        name: i.name,
        cost: i.cost,
        stock: i.stock,
        hidden: i.hidden,
      })),
  }
}

/** The stations of a community, by name: where exchange items are kept and wishes are made. */
export const listStations: Handler<'points', 'listStations'> = async ({ ctx }) => {
  const communityId = scopedCommunity(ctx.scope)
  const staff = ctx.scope.as === 'staff'
  const stations = await ctx.store
    .collection('stations')
    .find({ communityId, ...(staff ? {} : { hidden: false }) }, { limit: 100 })
  return {
    communityId,
    stations: stations
      .map((s) => ({ id: s._id, name: s.name, address: s.address }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  }
}

/** Adds an item to a station's catalogue or edits one (secretary of the station's community). */
export const saveItem: Handler<'points', 'saveItem'> = async ({ ctx, input }) => {
  const station = scopedDoc(ctx.scope, 'stations')
  const now = ctx.clock.now()
  const items = ctx.store.collection('exchangeItems')
  const fields = { name: input.name, cost: input.cost, hidden: input.hidden ?? false, updatedAt: now }
  let item: ExchangeItem
  if (input.itemId) {
    const current = await items.get(input.itemId)
    if (!current || current.stationId !== station._id) throw new AppError('NOT_FOUND', '该兑换站没有这个物品')
    // The stock moves by what the secretary changed, never to the number the form loaded: units redeemed since
    // stay taken. A cut below what is left now is refused rather than clamped.
    const delta = input.stock - (input.stockWas ?? input.stock)
    const guard = delta < 0 ? { stock: { gt: -delta - 1 } } : undefined
    if (!(await items.update(current._id, { set: fields, ...(delta ? { inc: { stock: delta } } : {}) }, guard))) {
      const latest = await items.get(current._id)
      throw new AppError('INVALID_STATE', `库存已变化（现在还剩 ${latest?.stock ?? 0} 件），请刷新后再改`)
    }
    item = (await items.get(current._id)) ?? { ...current, ...fields }
  } else {
    if ((await items.count({ communityId: station.communityId })) >= MAX_ITEMS)
      throw new AppError('INVALID_STATE', `一个社区最多 ${MAX_ITEMS} 件兑换物品`)
    item = {
      _id: `item_${newId()}`,
      stationId: station._id,
      communityId: station.communityId,
      ...fields,
      stock: input.stock,
      createdAt: now,
    }
    await items.insert(item)
  }
  return {
    item: {
      id: item._id,
      stationId: item.stationId,
      stationName: station.name,
      name: item.name,
      cost: item.cost,
      stock: item.stock,
      hidden: item.hidden,
    },
  }
}

/**
 * A courier redeems an item. One unit of stock is taken first, by a guarded decrement of the item alone (atomic
 * on its own, never below zero, with no transaction for everyone to conflict on: of many couriers racing for the
 * last units exactly the stock succeed). Then one transaction on the courier's own documents takes the points
 * (a ledger entry and the balance together, never below zero), records the redemption under an id made from
 * the request key and claims a pickup code unique among the station's open redemptions. The unit moves through
 * a hold (holds.ts), settled in that same transaction: whatever dies when, the unit ends up with the redemption
 * or back in stock, once. The same request key again answers the same redemption and changes nothing.
 */
/** The redemption a request key names and the courier's account, read beside the caller's user record. */
interface RedeemReads {
  id: string
  earlier: Promise<Redemption | null>
  account: Promise<PointsAccount | null>
}

type RedeemAnswer = ActionOutput<'points', 'redeem'>

/**
 * Refusals that a copy of the same request, running at the same moment, can cause by succeeding first: it spent
 * the points or took the last unit. The answer to such a copy is the redemption, not the refusal.
 */
const EXPLAINED_BY_A_COPY: ReadonlySet<string> = new Set(['POINTS_INSUFFICIENT', 'OUT_OF_STOCK'])

/**
 * A courier redeems points for an item. In sequence: the caller, the item, their courier record, an earlier
 * redemption under the same request key and their account (read together, see `withEarlyReads`); the station,
 * read while the take's hold is written (a closed station drops the hold again); the unit taken; the
 * transaction that takes the points and records the redemption with its pickup code and settles the hold;
 * the hold's clean-up. One request key gives one redemption, however often and however concurrently it is sent.
 */
export const redeem = withEarlyReads<'points', 'redeem', RedeemReads>(
  ({ openid, input, store }) => {
    // A courier's record is keyed by their OPENID, so this is the admitted courier's redemption id.
    const id = redemptionId(openid, input.requestKey)
    return {
      id,
      earlier: store.collection('redemptions').get(id),
      account: store.collection('pointsAccounts').get(openid),
    }
  },
  async ({ ctx, early }) => {
    const courier = admittedCourier(ctx.scope)
    const item = scopedDoc(ctx.scope, 'exchangeItems')
    const replay = async (read: Promise<Redemption | null>): Promise<RedeemAnswer | null> => {
      const existing = await read
      if (!existing) return null
      // A request key answers only the request it was made for: reused for another item, it is refused.
      if (existing.itemId !== item._id)
        throw new AppError('BAD_REQUEST', `这个请求编号已用于兑换「${existing.itemName}」，请重新提交`)
      const [names, account] = await Promise.all([
        stationNames(ctx, [existing.stationId]),
        ctx.store.collection('pointsAccounts').get(courier._id),
      ])
      return {
        redemption: redemptionView(existing, names.get(existing.stationId) ?? '兑换站'),
        balance: account?.balance ?? 0,
      }
    }
    const earlier = await replay(early.earlier)
    if (earlier) return earlier
    let refusal: AppError | null = null
    try {
      const recorded = await takeAndRecord(ctx, item, courier._id, early.id, await early.account)
      if (recorded) return recorded // (null: a copy of this request recorded it first)
    } catch (error) {
      if (!(error instanceof AppError && EXPLAINED_BY_A_COPY.has(error.code))) throw error
      refusal = error
    }
    // In this order: a copy whose hold is no longer open has recorded the redemption (or given up) by then.
    const inFlight = refusal !== null && (await takeInFlight(ctx.store, { collection: 'redemptions', id: early.id }))
    const answer = await replay(ctx.store.collection('redemptions').get(early.id))
    if (answer) return answer
    if (inFlight) throw new AppError('CONFLICT', '这笔兑换正在处理中，请稍后在「我的兑换」查看')
    throw refusal ?? new AppError('INTERNAL')
  },
)

/**
 * Checks the item, the station and the balance, takes the unit under a hold and runs the redemption's
 * transaction. The answer, or null when a copy of the same request recorded the redemption first (this one's
 * unit then goes back); refusals are thrown.
 */
async function takeAndRecord(
  ctx: Context,
  item: ExchangeItem,
  courierId: string,
  id: string,
  account: PointsAccount | null,
): Promise<RedeemAnswer | null> {
  const now = ctx.clock.now()
  if (item.hidden) throw new AppError('NOT_FOUND', '没有这个兑换物品')
  if ((account?.balance ?? 0) < item.cost)
    throw new AppError('POINTS_INSUFFICIENT', `积分不足：需要 ${item.cost} 分，你有 ${account?.balance ?? 0} 分`)

  const [stationRead, opened] = await Promise.allSettled([
    ctx.store.collection('stations').get(item.stationId),
    openTake(
      ctx.store,
      { collection: 'exchangeItems', id: item._id, field: 'stock', delta: -1 },
      { collection: 'redemptions', id },
      now,
    ),
  ])
  if (opened.status === 'rejected') throw opened.reason
  const hold = opened.value
  const station = stationRead.status === 'fulfilled' ? stationRead.value : null
  if (!station || station.hidden) {
    await discardRefused(ctx.store, hold) // nothing was taken under it
    if (stationRead.status === 'rejected') throw stationRead.reason
    throw new AppError('NOT_FOUND', '这个兑换站暂停服务，不能兑换')
  }

  let taken: boolean
  try {
    taken = await takeUnit(ctx.store, hold, { stock: { gte: 1 }, hidden: false })
  } catch (error) {
    await settleSoon(ctx.store, hold) // the update may have been applied: the mark tells
    throw error
  }
  if (!taken) {
    await discardRefused(ctx.store, hold)
    throw new AppError('OUT_OF_STOCK', `「${item.name}」已兑完`)
  }
  let outcome: Recorded
  try {
    outcome = await takePointsAndRecord(ctx, item, courierId, id, now, hold)
  } catch (error) {
    // Refused, or unsure what happened: the hold decides (a redemption committed after all keeps its unit).
    await settleSoon(ctx.store, hold)
    throw error
  }
  if (outcome.state === 'repeat') {
    await settleSoon(ctx.store, hold) // still open: released, the unit goes back
    return null
  }
  await settleSoon(ctx.store, hold, 'recorded')
  // Recorded just now (never on a repeat, which returned above or replays): the unit is set aside at the
  // station and the code claimed, so the item is ready to pick up, and the courier gets the code in WeChat too.
  await notify(ctx, pickupNotice(courierId, outcome.redemption, station.name))
  // What this request wrote is the answer (no second read).
  return { redemption: redemptionView(outcome.redemption, station.name), balance: outcome.balance }
}

type Recorded = { state: 'recorded'; redemption: Redemption; balance: number } | { state: 'repeat' }

/** Which unique id a failed insert of the redemption's transaction ran into. */
class TakenId extends Error {
  constructor(readonly what: 'pickupCode' | 'request') {
    super(what)
  }
}

async function insertUnique<T>(insert: Promise<T>, what: TakenId['what']): Promise<T> {
  try {
    return await insert
  } catch (error) {
    if (error instanceof StoreError && error.kind === 'DUPLICATE') throw new TakenId(what)
    throw error
  }
}

/**
 * The redemption's transaction: `recorded` with what it wrote and the balance after it, or `repeat` when the
 * same request recorded it meanwhile (its ledger entry or redemption id exists: the store's unique ids refuse
 * the second, which aborts this transaction). A pickup code in use at the station is drawn again. Every read
 * it needs is the account's; the hold is settled in it (`settleTakeIn`).
 */
async function takePointsAndRecord(
  ctx: Context,
  item: ExchangeItem,
  courierId: string,
  id: string,
  now: number,
  hold: CounterHold,
): Promise<Recorded> {
  for (let attempt = 1; ; attempt++) {
    const pickupCode = newPickupCode()
    try {
      return await ctx.store.transaction(async (tx) => {
        const account = await tx.collection('pointsAccounts').get(courierId)
        if ((account?.balance ?? 0) < item.cost)
          throw new AppError('POINTS_INSUFFICIENT', `积分不足：需要 ${item.cost} 分`)
        const entry: LedgerEntry = {
          _id: redeemEntryId(id),
          courierId,
          communityId: item.communityId,
          delta: -item.cost,
          kind: 'redeem',
          ref: id,
          title: `兑换「${item.name}」`,
          by: courierId,
          at: now,
        }
        await insertUnique(appendNewEntry(tx, entry, account), 'request')
        const redemption: Redemption = {
          _id: id,
          courierId,
          communityId: item.communityId,
          stationId: item.stationId,
          itemId: item._id,
          itemName: item.name,
          cost: item.cost,
          pickupCode,
          status: 'reserved',
          at: now,
        }
        await insertUnique(tx.collection('redemptions').insert(redemption), 'request')
        const claimId = pickupClaimId(item.stationId, pickupCode)
        await insertUnique(tx.collection('pickupCodes').insert({ _id: claimId, redemptionId: id }), 'pickupCode')
        await settleTakeIn(tx, hold, 'recorded')
        return { state: 'recorded' as const, redemption, balance: (account?.balance ?? 0) - item.cost }
      })
    } catch (error) {
      if (!(error instanceof TakenId)) throw error
      if (error.what === 'request') return { state: 'repeat' }
      if (attempt >= PICKUP_CODE_ATTEMPTS) throw new AppError('CONFLICT', '取货码暂时分配不出，请稍后重试')
    }
  }
}

/** The courier's redemptions, newest first. */
export const myRedemptions: Handler<'points', 'myRedemptions'> = async ({ ctx, input }) => {
  const found = await ctx.store
    .collection('redemptions')
    .find(
      { courierId: ctx.caller.openid, ...(input.before ? { at: { lt: input.before } } : {}) },
      { orderBy: [['at', 'desc']], limit: input.limit ?? 20 },
    )
  const names = await stationNames(
    ctx,
    found.map((r) => r.stationId),
  )
  return { redemptions: found.map((r) => redemptionView(r, names.get(r.stationId) ?? '兑换站')) }
}

/** Closes an open redemption: picked up (by station staff) or cancelled (points and stock go back). */
async function closeRedemption(
  ctx: Context,
  redemption: Redemption,
  to: 'picked_up' | 'cancelled',
): Promise<Redemption> {
  const now = ctx.clock.now()
  // The item is not in this transaction (it is the busiest document of all): a cancellation owes its unit
  // back by a hold written here, and gives it right after.
  const owed = await ctx.store.transaction(async (tx) => {
    const redemptions = tx.collection('redemptions')
    const current = await redemptions.get(redemption._id)
    if (!current || current.status !== 'reserved')
      throw new AppError('INVALID_STATE', current?.status === 'picked_up' ? '该兑换已取货' : '该兑换已取消')
    await redemptions.update(current._id, { set: { status: to, closedAt: now, closedBy: ctx.caller.openid } })
    await tx.collection('pickupCodes').remove(pickupClaimId(current.stationId, current.pickupCode))
    if (to === 'cancelled') {
      await appendEntry(tx, {
        _id: refundEntryId(current._id),
        courierId: current.courierId,
        communityId: current.communityId,
        delta: current.cost,
        kind: 'refund',
        ref: current._id,
        title: `取消兑换「${current.itemName}」`,
        by: ctx.caller.openid,
        at: now,
      })
      return owedIn(
        tx,
        { collection: 'exchangeItems', id: current.itemId, field: 'stock', delta: -1 },
        { collection: 'redemptions', id: current._id },
        now,
      )
    }
    return null
  })
  if (owed) await settleSoon(ctx.store, owed)
  return { ...redemption, status: to, closedAt: now, closedBy: ctx.caller.openid }
}

/** Station staff confirm a pickup by its 6-digit code. */
export const confirmPickup: Handler<'points', 'confirmPickup'> = async ({ ctx, input }) => {
  const station = scopedDoc(ctx.scope, 'stations')
  const claim = await ctx.store.collection('pickupCodes').get(pickupClaimId(station._id, input.pickupCode))
  const redemption = claim ? await ctx.store.collection('redemptions').get(claim.redemptionId) : null
  if (!redemption || redemption.stationId !== station._id)
    throw new AppError('NOT_FOUND', '没有待取货的兑换使用这个取货码')
  const closed = await closeRedemption(ctx, redemption, 'picked_up')
  const courier = await ctx.store.collection('couriers').get(redemption.courierId)
  return { redemption: redemptionView(closed, station.name), maskedName: courier ? maskName(courier.name) : '' }
}

/** Cancels an unclaimed redemption: the courier their own, or staff of the station's community. */
export const cancelRedemption: Handler<'points', 'cancelRedemption'> = async ({ ctx }) => {
  const redemption = scopedDoc(ctx.scope, 'redemptions')
  const closed = await closeRedemption(ctx, redemption, 'cancelled')
  const names = await stationNames(ctx, [closed.stationId])
  return { redemption: redemptionView(closed, names.get(closed.stationId) ?? '兑换站') }
}
