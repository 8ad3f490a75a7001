import { chinaClockFace, chinaIsoWeekKey, isOpenOn, NEARBY_DEFAULT_LIMIT, type Station } from '../../types'
import type { Handler } from '../shared/handler'
import { searchNearby } from './nearby-search'
import { communityNames, publishedThemes, stationSummary } from './views'

/**
 * Visible stations nearest to the caller, optionally only those open now (China time) and those with every
 * amenity asked for, each with this week's published theme (本周主题) when it has one.
 */
export const nearbyStations: Handler<'services', 'nearbyStations'> = async ({ ctx, input }) => {
  const now = ctx.clock.now()
  const face = chinaClockFace(now)
  const wanted = input.amenities ?? []
  const accept = (s: Station) =>
    (!input.openNow || isOpenOn(s.hours, face)) && wanted.every((a) => s.amenities.includes(a))
  const { nearest } = await searchNearby({
    collection: ctx.store.collection('stations'),
    origin: input.location,
    limit: input.limit ?? NEARBY_DEFAULT_LIMIT,
    filter: { hidden: false },
    accept,
  })
  const [names, themes] = await Promise.all([
    communityNames(
      ctx,
      nearest.map((n) => n.place.communityId),
    ),
    publishedThemes(
      ctx,
      nearest.map((n) => n.place._id),
      chinaIsoWeekKey(now),
    ),
  ])
  return {
    origin: input.location,
    stations: nearest.map(({ place, distanceM }) => ({
      ...stationSummary(place, names.get(place.communityId) ?? '', face, themes.get(place._id)),
      distanceM: Math.round(distanceM),
    })),
  }
}
