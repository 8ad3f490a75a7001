import { chinaClockFace, isOpenOn, NEARBY_DEFAULT_LIMIT, type Meal } from '../../types'
import type { Handler } from '../shared/handler'
import type { Filter } from '../shared/store/port'
import { searchNearby } from './nearby-search'
import { communityNames, mealSummary } from './views'

/** Visible rider meals nearest to the caller, optionally only those serving now (China time) and within a price. */
export const nearbyMeals: Handler<'services', 'nearbyMeals'> = async ({ ctx, input }) => {
  const face = chinaClockFace(ctx.clock.now())
  const filter: Filter = { hidden: false }
  if (input.maxPriceFen !== undefined) filter.priceFen = { lte: input.maxPriceFen }
  const { nearest } = await searchNearby({
    collection: ctx.store.collection('meals'),
    origin: input.location,
    limit: input.limit ?? NEARBY_DEFAULT_LIMIT,
    filter,
    // a meal's hours are its serving windows
    accept: input.openNow ? (m: Meal) => isOpenOn(m.hours, face) : undefined,
  })
  const names = await communityNames(
    ctx,
    nearest.map((n) => n.place.communityId),
  )
  return {
    origin: input.location,
    meals: nearest.map(({ place, distanceM }) => ({
      ...mealSummary(place, names.get(place.communityId) ?? '', face),
      distanceM: Math.round(distanceM),
    })),
  }
}
