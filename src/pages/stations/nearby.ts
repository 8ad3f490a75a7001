import type { GeoPoint, NearbyStationsOutput } from '../../../types'
import {
  fetchNearbyMeals,
  fetchNearbyRooms,
  fetchNearbyStations,
  type MealView,
  type RoomView,
} from '../../services/places'
import { mealFilters, roomFilters, stationFilters, type ServiceFilters, type ServiceKind } from './filters'

/** One list of the 服务 tab as loaded, nearest first. */
export type NearbyList =
  | { kind: 'station'; stations: NearbyStationsOutput['stations'] }
  | { kind: 'meal'; meals: MealView[] }
  | { kind: 'room'; rooms: RoomView[] }

export async function loadNearby(kind: ServiceKind, here: GeoPoint, filters: ServiceFilters): Promise<NearbyList> {
  if (kind === 'station') return { kind, stations: (await fetchNearbyStations(here, stationFilters(filters))).stations }
  if (kind === 'meal') return { kind, meals: (await fetchNearbyMeals(here, mealFilters(filters))).meals }
  return { kind, rooms: (await fetchNearbyRooms(here, roomFilters(filters))).rooms }
}

export function listLength(list: NearbyList): number {
  return list.kind === 'station' ? list.stations.length : list.kind === 'meal' ? list.meals.length : list.rooms.length
}

const NOUN: Record<ServiceKind, string> = { station: '驿站', meal: '骑士餐', room: '暖心房' }

/** What an empty list says: nothing near at all, or nothing that passes the filters. */
export function emptyText(kind: ServiceKind, filtered: boolean): { text: string; hint: string } {
  return filtered
    ? { text: `附近没有符合条件的${NOUN[kind]}`, hint: '试试放宽筛选' }
    : { text: `附近暂无${NOUN[kind]}`, hint: '换个位置再看看，或下拉刷新' }
}

/** The detail page of a place; `from` (the courier's position) lets it show the distance again. */
export function placeUrl(detailPath: string, kind: ServiceKind, id: string, from: GeoPoint | null): string {
  const query = [`kind=${kind}`, `id=${encodeURIComponent(id)}`]
  if (from) query.push(`lat=${from.lat.toFixed(6)}`, `lng=${from.lng.toFixed(6)}`)
  return `${detailPath}?${query.join('&')}`
}
