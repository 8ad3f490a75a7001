import { checkText } from '../shared/content-check'
import { AppError } from '../shared/errors'
import type { Handler } from '../shared/handler'
import { admittedCourier, scopedCommunity, scopedDoc } from '../shared/scope'
import { wishId, wishTallyId } from './domain/keys'

const MAX_WISHES_PER_COURIER = 30
const LISTED = 50

/**
 * 心愿清单: a courier wishes for an item at a station of their community. Each courier counts once per item;
 * the wish and the station's tally move in one transaction. The name goes through WeChat's text check first.
 */
export const addWish: Handler<'points', 'addWish'> = async ({ ctx, input }) => {
  const courier = admittedCourier(ctx.scope)
  const station = scopedDoc(ctx.scope, 'stations')
  if (station.hidden) throw new AppError('NOT_FOUND', '没有这个驿站')
  if ((await ctx.store.collection('wishes').count({ courierId: courier._id })) >= MAX_WISHES_PER_COURIER) {
    throw new AppError('INVALID_STATE', `每人最多 ${MAX_WISHES_PER_COURIER} 个心愿`)
  }
  // Wish names are shown to the whole community with nobody reviewing them: only a name WeChat passes is kept.
  await checkText(ctx, input.name, 'wish')
  const now = ctx.clock.now()
  const tallyId = wishTallyId(station._id, input.name)
  const count = await ctx.store.transaction(async (tx) => {
    const wishes = tx.collection('wishes')
    const tallies = tx.collection('wishTallies')
    const tally = await tallies.get(tallyId)
    const id = wishId(courier._id, station._id, input.name)
    if (await wishes.get(id)) return tally?.count ?? 1 // wished before: counted once
    await wishes.insert({
      _id: id,
      courierId: courier._id,
      stationId: station._id,
      communityId: station.communityId,
      name: input.name,
      at: now,
    })
    const next = (tally?.count ?? 0) + 1
    await tallies.put({
      _id: tallyId,
      stationId: station._id,
      communityId: station.communityId,
      name: tally?.name ?? input.name,
      count: next,
      updatedAt: now,
    })
    return next
  })
  return { wish: { stationId: station._id, stationName: station.name, name: input.name, count, mine: true } }
}

/** A community's wishes, most wished first, marking the caller's own. */
export const listWishes: Handler<'points', 'listWishes'> = async ({ ctx }) => {
  const communityId = scopedCommunity(ctx.scope)
  const tallies = await ctx.store
    .collection('wishTallies')
    .find({ communityId }, { orderBy: [['count', 'desc']], limit: LISTED })
  const stationIds = [...new Set(tallies.map((t) => t.stationId))]
  const stations = stationIds.length
    ? await ctx.store.collection('stations').find({ _id: { in: stationIds } }, { limit: 1000 })
    : []
  const names = new Map(stations.map((s) => [s._id, s.name]))
  const wishes = ctx.store.collection('wishes')
  return {
    communityId,
    wishes: await Promise.all(
      tallies.map(async (t) => ({
        stationId: t.stationId,
        stationName: names.get(t.stationId) ?? '兑换站',
        name: t.name,
        count: t.count,
        mine: (await wishes.get(wishId(ctx.caller.openid, t.stationId, t.name))) !== null,
      })),
    ),
  }
}
