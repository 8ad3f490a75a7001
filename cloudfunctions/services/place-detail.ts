import {
  chinaClockFace,
  chinaIsoWeekKey,
  distanceMeters,
  type GeoPoint,
  type Meal,
  type Room,
  type Station,
} from '../../types'
import { AppError } from '../shared/errors'
import type { Context, Handler } from '../shared/handler'
import { hasCommunityRole } from '../shared/policy'
import { communityNames, mealSummary, publishedThemes, roomSummary, stationSummary, themeView } from './views'

const NOT_FOUND_MESSAGES = {
  station: '没有找到这个驿站',
  meal: '没有找到这份骑士餐',
  room: '没有找到这个房源',
} as const

/**
 * A place that couriers may see: hidden places exist only for the secretaries of their community (and admins);
 * for everyone else they are simply not found.
 */
export function visibleTo<T extends Station | Meal | Room>(ctx: Context, place: T | null): place is T {
  return place !== null && (!place.hidden || hasCommunityRole(ctx.caller, ['secretary'], place.communityId))
}

function distanceFrom(location: GeoPoint | undefined, place: { location: GeoPoint }) {
  return location ? { distanceM: Math.round(distanceMeters(location, place.location)) } : {}
}

/** One place in full for its detail page; a station with this week's published theme and its slots. */
export const placeDetail: Handler<'services', 'placeDetail'> = async ({ ctx, input }) => {
  const now = ctx.clock.now()
  const face = chinaClockFace(now)
  const notFound = () => new AppError('NOT_FOUND', NOT_FOUND_MESSAGES[input.kind])
  const name = async (communityId: string) => (await communityNames(ctx, [communityId])).get(communityId) ?? ''
  const note = (place: { note?: string }) => (place.note ? { note: place.note } : {})

  switch (input.kind) {
    case 'station': {
      const station = await ctx.store.collection('stations').get(input.id)
      if (!visibleTo(ctx, station)) throw notFound()
      const theme = (await publishedThemes(ctx, [station._id], chinaIsoWeekKey(now))).get(station._id)
      return {
        kind: 'station',
        station: {
          ...stationSummary(station, await name(station.communityId), face, theme),
          ...distanceFrom(input.location, station),
          ...note(station),
        },
        theme: theme ? themeView(theme, station.name) : null,
      }
    }
    case 'meal': {
      const meal = await ctx.store.collection('meals').get(input.id)
      if (!visibleTo(ctx, meal)) throw notFound()
      return {
        kind: 'meal',
        meal: {
          ...mealSummary(meal, await name(meal.communityId), face),
          ...distanceFrom(input.location, meal),
          ...note(meal),
        },
      }
    }
    case 'room': {
      const room = await ctx.store.collection('rooms').get(input.id)
      if (!visibleTo(ctx, room)) throw notFound()
      return {
        kind: 'room',
        room: {
          ...roomSummary(room, await name(room.communityId), face),
          ...distanceFrom(input.location, room),
          ...note(room),
        },
      }
    }
  }
}
