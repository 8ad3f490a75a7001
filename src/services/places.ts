import type {
  ActionOutput,
  Amenity,
  GeoPoint,
  NearbyMealsOutput,
  NearbyRoomsOutput,
  NearbyStationsOutput,
  PlaceKind,
} from '../../types'
import { call } from './cloud'

/*
 * What a courier sees of the services near them: stations (驿站), rider meals (骑士餐) and rooms (暖心房), nearest
 * first, and one place in full. Only lat/lng are sent (labels stay on the device), and a filter is sent only when
 * it narrows the list, so an unfiltered request is just `{ action, location }`.
 */

export type MealView = NearbyMealsOutput['meals'][number]
export type RoomView = NearbyRoomsOutput['rooms'][number]
export type PlaceDetail = ActionOutput<'services', 'placeDetail'>

export interface StationFilters {
  openNow?: boolean
  amenities?: Amenity[]
}

export interface MealFilters {
  openNow?: boolean
  maxPriceFen?: number
}

export interface RoomFilters {
  maxPriceFen?: number
  availableOnly?: boolean
}

const point = (location: GeoPoint): GeoPoint => ({ lat: location.lat, lng: location.lng })

const narrowing = (filters: {
  openNow?: boolean
  amenities?: Amenity[]
  maxPriceFen?: number
  availableOnly?: boolean
}) => ({
  ...(filters.openNow ? { openNow: true } : {}),
  ...(filters.amenities && filters.amenities.length > 0 ? { amenities: filters.amenities } : {}),
  ...(filters.maxPriceFen !== undefined ? { maxPriceFen: filters.maxPriceFen } : {}),
  ...(filters.availableOnly ? { availableOnly: true } : {}),
})

export function fetchNearbyStations(location: GeoPoint, filters: StationFilters = {}): Promise<NearbyStationsOutput> {
  return call('services', { action: 'nearbyStations', location: point(location), ...narrowing(filters) })
}

export function fetchNearbyMeals(location: GeoPoint, filters: MealFilters = {}): Promise<NearbyMealsOutput> {
  return call('services', { action: 'nearbyMeals', location: point(location), ...narrowing(filters) })
}

export function fetchNearbyRooms(location: GeoPoint, filters: RoomFilters = {}): Promise<NearbyRoomsOutput> {
  return call('services', { action: 'nearbyRooms', location: point(location), ...narrowing(filters) })
}

/** One place for its detail page; with `location`, its distance from there. A station comes with this week's theme. */
export function fetchPlaceDetail(kind: PlaceKind, id: string, location?: GeoPoint): Promise<PlaceDetail> {
  return call('services', { action: 'placeDetail', kind, id, ...(location ? { location: point(location) } : {}) })
}
