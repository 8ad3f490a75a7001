import { boundingBox, distanceMeters, type GeoPoint } from '../../../types'

export interface Located {
  _id: string
  location: GeoPoint
}

export interface Ranked<T> {
  place: T
  distanceM: number
}

/** Nearest first; equal distances ordered by id so ties are stable whatever order the store answered in. */
export function byDistanceThenId<T extends Located>(a: Ranked<T>, b: Ranked<T>): number {
  return a.distanceM - b.distanceM || (a.place._id < b.place._id ? -1 : a.place._id > b.place._id ? 1 : 0)
}

/** Places with their distance from `origin`, nearest first; equal distances ordered by id so ties are stable. */
export function nearestFirst<T extends Located>(places: T[], origin: GeoPoint): Array<Ranked<T>> {
  return places.map((place) => ({ place, distanceM: distanceMeters(origin, place.location) })).sort(byDistanceThenId)
}

/**
 * The `limit` nearest of `kept` and `more` together (both any order), nearest first. Keeping only these is
 * enough while a search widens: a place with `limit` nearer matches already found can never be in the answer.
 */
export function keepNearest<T extends Located>(
  kept: Array<Ranked<T>>,
  more: Array<Ranked<T>>,
  limit: number,
): Array<Ranked<T>> {
  if (more.length === 0) return kept
  return [...kept, ...more].sort(byDistanceThenId).slice(0, limit)
}

/**
 * Search radii: the first box is small, since a city centre holds dozens of places per square kilometre and
 * reading a big box costs more than a second round; the last covers all of China.
 */
export const SEARCH_START_M = 1_000
export const SEARCH_MAX_M = 5_000_000
/** Growth bounds of the adaptive search, and the margin it aims over the places still wanted. */
const MIN_GROWTH = 1.25
const MAX_GROWTH = 4
const MARGIN = 1.5

/**
 * The radius of the next ring of a widening search that wants `wanted` matching places and has found
 * `matchesInBox` in the box around the circle of `radiusM` (the whole box, corners included: more places,
 * a steadier estimate). The radius is sized from the density of matches seen so far, aiming at MARGIN times
 * what is wanted, and grows at least 1.25× and at most 4× a round, never past SEARCH_MAX_M. Null when the
 * search has covered all of China.
 */
export function widenRadius(radiusM: number, matchesInBox: number, wanted: number): number | null {
  if (radiusM >= SEARCH_MAX_M) return null
  // the box is (2r)² and the circle wanted is π r'²; an empty box counts as half a match
  const factor = Math.sqrt((MARGIN * wanted * 4) / (Math.PI * Math.max(matchesInBox, 0.5)))
  return Math.min(SEARCH_MAX_M, radiusM * Math.min(MAX_GROWTH, Math.max(MIN_GROWTH, factor)))
}

/** A lat/lng rectangle, bounds inclusive. */
export interface Rect {
  minLat: number
  maxLat: number
  minLng: number
  maxLng: number
}

export function boxAround(origin: GeoPoint, radiusM: number): Rect {
  return boundingBox(origin, radiusM)
}

/**
 * The part of `outer` not inside `inner` (which it contains) as up to four rectangles: the strips north and
 * south at full width, and west and east between them. Edges are shared (bounds are inclusive), so a place
 * exactly on one may come back twice: callers de-duplicate by id.
 */
export function ringRects(inner: Rect, outer: Rect): Rect[] {
  const rects: Rect[] = [
    { minLat: inner.maxLat, maxLat: outer.maxLat, minLng: outer.minLng, maxLng: outer.maxLng },
    { minLat: outer.minLat, maxLat: inner.minLat, minLng: outer.minLng, maxLng: outer.maxLng },
    { minLat: inner.minLat, maxLat: inner.maxLat, minLng: outer.minLng, maxLng: inner.minLng },
    { minLat: inner.minLat, maxLat: inner.maxLat, minLng: inner.maxLng, maxLng: outer.maxLng },
  ]
  return rects.filter((r) => r.maxLat > r.minLat && r.maxLng > r.minLng)
}

/** Below this size (about 1 m) a rectangle is not split further: its places are read page by page instead. */
export const MIN_SPLIT_DEGREES = 1e-5

/** Two halves of a rectangle, cut across its longer side (in degrees; the halves share the cut edge). */
export function splitRect(rect: Rect): [Rect, Rect] | null {
  const latSpan = rect.maxLat - rect.minLat
  const lngSpan = rect.maxLng - rect.minLng
  if (Math.max(latSpan, lngSpan) < MIN_SPLIT_DEGREES) return null
  if (latSpan >= lngSpan) {
    const mid = rect.minLat + latSpan / 2
    return [
      { ...rect, maxLat: mid },
      { ...rect, minLat: mid },
    ]
  }
  const mid = rect.minLng + lngSpan / 2
  return [
    { ...rect, maxLng: mid },
    { ...rect, minLng: mid },
  ]
}
