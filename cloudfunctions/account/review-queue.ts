import { COURIER_STATUSES, type CourierStatus } from '../../types'
import type { Handler } from '../shared/handler'
import { requireCommunityRole } from '../shared/policy'
import { phoneTail } from '../shared/mask'

/** A secretary's list of registrations in their community, newest first, with counts per status. */
export const reviewQueue: Handler<'account', 'reviewQueue'> = async ({ ctx, input }) => {
  requireCommunityRole(ctx.caller, ['secretary'], input.communityId)
  const couriers = ctx.store.collection('couriers')
  const status = input.status ?? 'pending'
  const items = await couriers.find(
    {
      communityId: input.communityId,
      status,
      ...(input.before !== undefined ? { createdAt: { lt: input.before } } : {}),
    },
    { orderBy: [['createdAt', 'desc']], limit: input.limit ?? 20 },
  )
  const counts = {} as Record<CourierStatus, number>
  for (const s of COURIER_STATUSES) counts[s] = await couriers.count({ communityId: input.communityId, status: s })
  return {
    counts,
    items: items.map((c) => ({
      courierId: c._id,
      name: c.name,
      phoneTail: phoneTail(c.phone),
      platform: c.platform,
      riderId: c.riderId,
      status: c.status,
      statusReason: c.statusReason,
      photoUrl: c.photoUrl,
      createdAt: c.createdAt,
    })),
  }
}
