import { boundingBox, isOpenAt, NEARBY_DEFAULT_LIMIT, type GeoPoint, type Station } from '../../types'
import type { Handler } from '../shared/handler'
import type { AppStore } from '../shared/store/collections'
import { MAX_LIMIT } from '../shared/store/port'
import { SEARCH_START_M, nearestFirst, nextRadius } from './domain/nearby'

const MAX_ROUNDS = 12

/**
 * Visible stations nearest to `origin`. Each round is one index-friendly bounding-box query (latitude range
 * on an index, longitude range filtered), so neither SQLite nor CloudBase scans the whole collection.
 */
async function findNearest(store: AppStore, origin: GeoPoint, limit: number) {
  let radius = SEARCH_START_M
  let best: ReturnType<typeof nearestFirst<Station>> = []
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const box = boundingBox(origin, radius)
    const found = await store.collection('stations').find(
      {
        'location.lat': { gte: box.minLat, lte: box.maxLat },
        'location.lng': { gte: box.minLng, lte: box.maxLng },
        hidden: false,
      },
      { limit: MAX_LIMIT },
    )
    const truncated = found.length >= MAX_LIMIT
    const within = nearestFirst(found, origin).filter((s) => s.distanceM <= radius)
    if (!truncated) best = within
    const next = nextRadius(radius, truncated, within.length, limit)
    if (next === null) break
    radius = next
  }
  return best.slice(0, limit)
}

export const nearbyStations: Handler<'services', 'nearbyStations'> = async ({ ctx, input }) => {
  const limit = input.limit ?? NEARBY_DEFAULT_LIMIT
  const nearest = await findNearest(ctx.store, input.location, limit)
  const communityIds = [...new Set(nearest.map((n) => n.place.communityId))]
  const communities =
    communityIds.length > 0 ? await ctx.store.collection('communities').find({ _id: { in: communityIds } }) : []
  const now = ctx.clock.now()

  return {
    origin: input.location,
    stations: nearest.map(({ place, distanceM }) => ({
      id: place._id,
      name: place.name,
      address: place.address,
      communityName: communities.find((c) => c._id === place.communityId)?.name ?? '',
      location: place.location,
      coordsApproximate: place.coordsApproximate,
      distanceM: Math.round(distanceM),
      hours: place.hours,
      openNow: isOpenAt(place.hours, now),
      amenities: place.amenities,
      phone: place.phone,
    })),
  }
}
