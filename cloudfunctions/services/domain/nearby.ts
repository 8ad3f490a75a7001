import { distanceMeters, type GeoPoint } from '../../../types'

export interface Located {
  _id: string
  location: GeoPoint
}

/** Places with their distance from `origin`, nearest first; equal distances ordered by id so ties are stable. */
export function nearestFirst<T extends Located>(places: T[], origin: GeoPoint): Array<{ place: T; distanceM: number }> {
  return places
    .map((place) => ({ place, distanceM: distanceMeters(origin, place.location) }))
    .sort((a, b) => a.distanceM - b.distanceM || (a.place._id < b.place._id ? -1 : a.place._id > b.place._id ? 1 : 0))
}

/** Search radii, growing: most couriers find enough within a few kilometres; the last covers all of China. */
export const SEARCH_START_M = 3_000
export const SEARCH_MAX_M = 5_000_000
const GROWTH = 4
const SHRINK = 3
const MIN_RADIUS_M = 100

/**
 * Decides the next search radius from what the last bounding-box query returned. A truncated answer
 * (the store's read cap was hit) means the box was too dense to trust, so look closer; too few places
 * within the radius means look further. Returns null when the current answer is final.
 */
export function nextRadius(radiusM: number, truncated: boolean, foundWithin: number, wanted: number): number | null {
  if (truncated && radiusM > MIN_RADIUS_M) return Math.max(MIN_RADIUS_M, radiusM / SHRINK)
  if (foundWithin >= wanted || radiusM >= SEARCH_MAX_M) return null
  return Math.min(SEARCH_MAX_M, radiusM * GROWTH)
}
