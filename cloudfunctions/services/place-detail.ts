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
import { scopedDoc } from '../shared/scope'
import { communityNames, mealSummary, publishedThemes, roomSummary, stationSummary, themeView } from './views'

const NOT_FOUND_MESSAGES = {
  station: '没有找到这个驿站',
  meal: '没有找到这份骑士餐',
  room: '没有找到这个房源',
} as const

/**
 * Whether the caller may see the place the request's scope loaded: a hidden place exists only for the staff the
 * policy admitted to its community (its secretaries and admins); for everyone else it is simply not found.
 */
export function visibleTo(ctx: Context, place: Station | Meal | Room): boolean {
  return !place.hidden || ctx.scope.as === 'staff'
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
      const station = scopedDoc(ctx.scope, 'stations')
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
      const meal = scopedDoc(ctx.scope, 'meals')
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
      const room = scopedDoc(ctx.scope, 'rooms')
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
