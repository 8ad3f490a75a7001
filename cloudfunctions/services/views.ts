import {
  isOpenOn,
  type ChinaClockFace,
  type ManagedPlace,
  type MealSummary,
  type Meal,
  type PlaceKind,
  type Room,
  type RoomSummary,
  type Station,
  type StationSummary,
  type ThemeView,
  type WeeklyTheme,
} from '../../types'
import type { Context } from '../shared/handler'
import { savingFen } from './domain/place-rules'
import { themeId } from './domain/themes'

type Place = Station | Meal | Room

/** The fields every place shows couriers (no internal ones: hidden, updatedAt, note). */
function common(place: Place, communityName: string, face: ChinaClockFace) {
  return {
    id: place._id,
    name: place.name,
    address: place.address,
    communityName,
    location: place.location,
    coordsApproximate: place.coordsApproximate,
    hours: place.hours,
    openNow: isOpenOn(place.hours, face),
    ...(place.phone ? { phone: place.phone } : {}),
  }
}

export function themeView(theme: WeeklyTheme, stationName: string): ThemeView {
  return {
    id: theme._id,
    stationId: theme.stationId,
    stationName,
    week: theme.week,
    weekStart: theme.weekStart,
    title: theme.title,
    description: theme.description,
    slots: theme.slots,
    status: theme.status,
    updatedAt: theme.updatedAt,
  }
}

export function stationSummary(
  station: Station,
  communityName: string,
  face: ChinaClockFace,
  theme: WeeklyTheme | undefined,
): Omit<StationSummary, 'distanceM'> {
  return {
    ...common(station, communityName, face),
    amenities: station.amenities,
    ...(theme ? { themeThisWeek: { title: theme.title, description: theme.description } } : {}),
  }
}

export function mealSummary(meal: Meal, communityName: string, face: ChinaClockFace): Omit<MealSummary, 'distanceM'> {
  return {
    ...common(meal, communityName, face),
    dish: meal.dish,
    priceFen: meal.priceFen,
    ...(meal.dailyQuota !== undefined ? { dailyQuota: meal.dailyQuota } : {}),
  }
}

export function roomSummary(room: Room, communityName: string, face: ChinaClockFace): Omit<RoomSummary, 'distanceM'> {
  return {
    ...common(room, communityName, face),
    unitType: room.unitType,
    monthlyRentFen: room.monthlyRentFen,
    marketRentFen: room.marketRentFen,
    savingFen: savingFen(room),
    unitsAvailable: room.unitsAvailable,
    conditions: room.conditions,
  }
}

/** A place as its community's secretary manages it, hidden ones and internal fields included. */
export function managedPlace(kind: 'station', place: Station): ManagedPlace
export function managedPlace(kind: 'meal', place: Meal): ManagedPlace
export function managedPlace(kind: 'room', place: Room): ManagedPlace
export function managedPlace(kind: PlaceKind, place: Place): ManagedPlace
export function managedPlace(kind: PlaceKind, place: Place): ManagedPlace {
  const base: ManagedPlace = {
    kind,
    id: place._id,
    name: place.name,
    address: place.address,
    location: place.location,
    hours: place.hours,
    ...(place.phone ? { phone: place.phone } : {}),
    ...(place.note ? { note: place.note } : {}),
    hidden: place.hidden,
    updatedAt: place.updatedAt,
  }
  if ('amenities' in place) return { ...base, amenities: place.amenities }
  if ('dish' in place) {
    return {
      ...base,
      dish: place.dish,
      priceFen: place.priceFen,
      ...(place.dailyQuota !== undefined ? { dailyQuota: place.dailyQuota } : {}),
    }
  }
  return {
    ...base,
    unitType: place.unitType,
    monthlyRentFen: place.monthlyRentFen,
    marketRentFen: place.marketRentFen,
    unitsAvailable: place.unitsAvailable,
    conditions: place.conditions,
  }
}

/** Community names by id, for the communities of the places listed (one query). */
export async function communityNames(ctx: Context, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const found = await ctx.store.collection('communities').find({ _id: { in: unique } }, { limit: unique.length })
  return new Map(found.map((c) => [c._id, c.name]))
}

/** The published themes of these stations for one ISO week, by station id (one query, by id). */
export async function publishedThemes(
  ctx: Context,
  stationIds: string[],
  week: string,
): Promise<Map<string, WeeklyTheme>> {
  const unique = [...new Set(stationIds)]
  if (unique.length === 0) return new Map()
  const found = await ctx.store
    .collection('themes')
    .find({ _id: { in: unique.map((id) => themeId(id, week)) }, status: 'published' }, { limit: unique.length })
  // the id names the week, but check the fields too
  return new Map(found.filter((t) => t.week === week).map((t) => [t.stationId, t]))
}
