import type { Handler } from '../shared/handler'

/** The courier's balance, points earned, and ledger history (newest first, paged by `before`). */
export const myPoints: Handler<'points', 'myPoints'> = async ({ ctx, input }) => {
  const courierId = ctx.caller.openid
  const account = await ctx.store.collection('pointsAccounts').get(courierId)
  const entries = await ctx.store
    .collection('ledger')
    .find(
      { courierId, ...(input.before ? { at: { lt: input.before } } : {}) },
      { orderBy: [['at', 'desc']], limit: input.limit ?? 20 },
    )
  return {
    balance: account?.balance ?? 0,
    earned: account?.earned ?? 0,
    entries: entries.map((e) => ({
      id: e._id,
      delta: e.delta,
      kind: e.kind,
      title: e.title,
      byStaff: e.by !== courierId,
      at: e.at,
    })),
  }
}
