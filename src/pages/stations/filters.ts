import type { Amenity } from '../../../types'
import type { MealFilters, RoomFilters, StationFilters } from '../../services/places'

/** The three lists of the 服务 tab. */
export type ServiceKind = 'station' | 'meal' | 'room'

export const KIND_CHOICES: Array<{ value: ServiceKind; label: string }> = [
  { value: 'station', label: '驿站' },
  { value: 'meal', label: '骑士餐' },
  { value: 'room', label: '暖心房' },
]

/** A price ceiling chip: 'any' or a whole number of fen. */
export type Ceiling = string

export const MEAL_CEILINGS: Array<{ value: Ceiling; label: string }> = [
  { value: 'any', label: '不限' },
  { value: '1000', label: '¥10以内' },
  { value: '1500', label: '¥15以内' },
  { value: '2000', label: '¥20以内' },
]

export const ROOM_CEILINGS: Array<{ value: Ceiling; label: string }> = [
  { value: 'any', label: '不限' },
  { value: '80000', label: '¥800以内' },
  { value: '100000', label: '¥1000以内' },
  { value: '150000', label: '¥1500以内' },
]

/** Every filter of the tab; each list keeps its own, so switching lists and back keeps them. */
export interface ServiceFilters {
  stationsOpenNow: boolean
  amenities: Amenity[]
  mealsOpenNow: boolean
  mealCeiling: Ceiling
  roomCeiling: Ceiling
  availableOnly: boolean
}

export const NO_FILTERS: ServiceFilters = {
  stationsOpenNow: false,
  amenities: [],
  mealsOpenNow: false,
  mealCeiling: 'any',
  roomCeiling: 'any',
  availableOnly: false,
}

const fen = (ceiling: Ceiling): number | undefined => (ceiling === 'any' ? undefined : Number(ceiling))

export function stationFilters(f: ServiceFilters): StationFilters {
  return { openNow: f.stationsOpenNow, amenities: f.amenities }
}

export function mealFilters(f: ServiceFilters): MealFilters {
  return { openNow: f.mealsOpenNow, maxPriceFen: fen(f.mealCeiling) }
}

export function roomFilters(f: ServiceFilters): RoomFilters {
  return { maxPriceFen: fen(f.roomCeiling), availableOnly: f.availableOnly }
}

/** Whether any filter of this list narrows it (an empty list then says "loosen the filters"). */
export function isFiltered(kind: ServiceKind, f: ServiceFilters): boolean {
  if (kind === 'station') return f.stationsOpenNow || f.amenities.length > 0
  if (kind === 'meal') return f.mealsOpenNow || f.mealCeiling !== 'any'
  return f.roomCeiling !== 'any' || f.availableOnly
}

/** This list's filters back to none; the other lists keep theirs. */
export function clearFilters(kind: ServiceKind, f: ServiceFilters): ServiceFilters {
  if (kind === 'station') return { ...f, stationsOpenNow: false, amenities: [] }
  if (kind === 'meal') return { ...f, mealsOpenNow: false, mealCeiling: 'any' }
  return { ...f, roomCeiling: 'any', availableOnly: false }
}

/** What identifies one list as loaded: a change loads it again. */
export function listKey(kind: ServiceKind, f: ServiceFilters): string {
  const relevant = kind === 'station' ? stationFilters(f) : kind === 'meal' ? mealFilters(f) : roomFilters(f)
  return `${kind}:${JSON.stringify(relevant)}`
}
