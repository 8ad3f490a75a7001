import type { Handler } from '../shared/handler'
import { maskName } from '../shared/mask'
import { scopedCommunity } from '../shared/scope'
import { chinaMonth } from './domain/activity-rules'
import { monthlyEarnedId } from './domain/keys'

const LEADERS = 20

/** 先锋榜: a community's couriers ranked by points earned (not spent) in a China-time month, with the caller's rank. */
export const ranking: Handler<'points', 'ranking'> = async ({ ctx, input }) => {
  const communityId = scopedCommunity(ctx.scope)
  const month = input.month ?? chinaMonth(ctx.clock.now())
  const monthly = ctx.store.collection('monthlyEarned')
  const top = await monthly.find(
    { communityId, month, points: { gt: 0 } },
    { orderBy: [['points', 'desc']], limit: LEADERS },
  )
  const couriers = top.length
    ? await ctx.store.collection('couriers').find({ _id: { in: top.map((t) => t.courierId) } }, { limit: LEADERS })
    : []
  const names = new Map(couriers.map((c) => [c._id, c.name]))
  // Equal points share a rank (1, 2, 2, 4).
  const leaders = top.map((t) => ({
    rank: 1 + top.filter((o) => o.points > t.points).length,
    maskedName: maskName(names.get(t.courierId) ?? '小哥'),
    points: t.points,
    isMe: t.courierId === ctx.caller.openid,
  }))
  const mine = await monthly.get(monthlyEarnedId(month, communityId, ctx.caller.openid))
  const me =
    mine && mine.points > 0
      ? { rank: 1 + (await monthly.count({ communityId, month, points: { gt: mine.points } })), points: mine.points }
      : null
  return { communityId, month, leaders, me }
}
