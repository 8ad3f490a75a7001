import { chinaClockFace, NEARBY_DEFAULT_LIMIT } from '../../types'
import type { Handler } from '../shared/handler'
import type { Filter } from '../shared/store/port'
import { searchNearby } from './nearby-search'
import { communityNames, roomSummary } from './views'

/**
 * Visible rooms nearest to the caller, optionally only those with a monthly rent within a ceiling and those
 * with units available. `openNow` does not filter rooms (a room is not "open"); each row still says whether
 * the letting office is open now.
 */
export const nearbyRooms: Handler<'services', 'nearbyRooms'> = async ({ ctx, input }) => {
  const face = chinaClockFace(ctx.clock.now())
  const filter: Filter = { hidden: false }
  if (input.maxPriceFen !== undefined) filter.monthlyRentFen = { lte: input.maxPriceFen }
  if (input.availableOnly) filter.unitsAvailable = { gt: 0 }
  const { nearest } = await searchNearby({
    collection: ctx.store.collection('rooms'),
    origin: input.location,
    limit: input.limit ?? NEARBY_DEFAULT_LIMIT,
    filter,
  })
  const names = await communityNames(
    ctx,
    nearest.map((n) => n.place.communityId),
  )
  return {
    origin: input.location,
    rooms: nearest.map(({ place, distanceM }) => ({
      ...roomSummary(place, names.get(place.communityId) ?? '', face),
      distanceM: Math.round(distanceM),
    })),
  }
}
