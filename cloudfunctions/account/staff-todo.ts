import { chinaWeekStart } from '../../types'
import type { Handler } from '../shared/handler'

/**
 * A staff member's to-do for a community, as counts: registrations and 随手拍 waiting for review, redemptions
 * waiting to be picked up, stations without a published theme this week, gates nobody guards, and invitations
 * not yet accepted. Each count is one query on an index; the home page links each to its tool.
 */
export const staffTodo: Handler<'account', 'staffTodo'> = async ({ ctx, input }) => {
  const { communityId } = input
  const { store } = ctx
  const now = ctx.clock.now()
  const weekStart = chinaWeekStart(now)
  const [pendingCouriers, pendingReports, openRedemptions, stations, themes, gates, guards, openInvitations] =
    await Promise.all([
      store.collection('couriers').count({ communityId, status: 'pending' }),
      store.collection('reports').count({ communityId, status: 'pending' }),
      store.collection('redemptions').count({ communityId, status: 'reserved' }),
      store.collection('stations').find({ communityId, hidden: false }, { limit: 100 }),
      store.collection('themes').find({ communityId, weekStart }, { limit: 100 }),
      store.collection('gates').find({ communityId }, { limit: 100 }),
      store.collection('staff').find({ communityId, role: 'guard' }, { limit: 200 }),
      store.collection('invitations').count({ communityId, status: 'open', expiresAt: { gt: now } }),
    ])
  const published = new Set(themes.filter((t) => t.status === 'published').map((t) => t.stationId))
  const guarded = new Set(guards.map((g) => g.gateId))
  return {
    communityId,
    pendingCouriers,
    pendingReports,
    openRedemptions,
    stationsWithoutTheme: stations.filter((s) => !published.has(s._id)).length,
    gatesWithoutGuard: gates.filter((g) => !guarded.has(g._id)).length,
    openInvitations,
  }
}
