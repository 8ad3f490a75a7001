import type { GeoPoint } from '../../types'
import { distanceMeters } from '../../types'
import { MAX_LIMIT, type Collection, type Filter } from '../shared/store/port'
import {
  boxAround,
  keepNearest,
  ringRects,
  SEARCH_START_M,
  splitRect,
  widenRadius,
  type Located,
  type Ranked,
  type Rect,
} from './domain/nearby'

export interface NearbySearch<T extends Located> {
  collection: Collection<T>
  origin: GeoPoint
  limit: number
  /** Conditions on scalar fields, sent to the store with every box query (hidden, price ceiling…). */
  filter: Filter
  /** Conditions only code can judge (opening hours, amenity lists); applied to what the store returns. */
  accept?: (place: T) => boolean
}

export interface NearbyResult<T> {
  /** At most `limit` matching places, nearest first, ties by id. */
  nearest: Array<Ranked<T>>
  /** What the search cost: store queries and documents they returned (a box read again in halves counts twice). */
  queries: number
  read: number
}

/**
 * A safety valve for pathological data (hundreds of thousands of places and a filter almost none match):
 * past this many store queries the search answers with what it has.
 */
const MAX_QUERIES = 300

/**
 * The `limit` places nearest to `origin` that pass the filters, nearest first.
 *
 * It never scans a whole collection: each round reads one ring of the map — first the box around the
 * circle of SEARCH_START_M, then the part of a bigger box not read yet — with index-friendly range queries
 * (latitude range on the location index, longitude range checked from the same index), which the SQLite
 * and the CloudBase adapters both serve. A box that holds more than the store's read cap is cut in halves
 * until each part fits, so a dense city centre is read completely rather than sampled. The search widens,
 * at a pace set by the density of matches seen so far, until `limit` matches lie within the circle read
 * (anything unread is farther away than that circle) or it has covered all of China. Filters therefore
 * never make the answer short: they only make the search go further.
 */
export async function searchNearby<T extends Located>(search: NearbySearch<T>): Promise<NearbyResult<T>> {
  const { collection, origin, limit, filter } = search
  const accept = search.accept ?? (() => true)
  const seen = new Set<string>()
  let kept: Array<Ranked<T>> = []
  let queries = 0
  let read = 0
  /** Matches seen so far: all inside the current box. */
  let matches = 0

  const take = (docs: T[]) => {
    const fresh: Array<Ranked<T>> = []
    for (const place of docs) {
      if (seen.has(place._id)) continue
      seen.add(place._id)
      if (accept(place)) fresh.push({ place, distanceM: distanceMeters(origin, place.location) })
    }
    matches += fresh.length
    kept = keepNearest(kept, fresh, limit)
  }

  /** One box query; `paged` orders by id and starts after `after` (for the rare box too dense to split). */
  const query = async (rect: Rect, paged?: { after: string | null }): Promise<T[]> => {
    queries++
    const box: Filter = {
      'location.lat': { gte: rect.minLat, lte: rect.maxLat },
      'location.lng': { gte: rect.minLng, lte: rect.maxLng },
      ...filter,
    }
    if (paged && paged.after !== null) box._id = { gt: paged.after }
    const found = await collection.find(
      box,
      paged ? { limit: MAX_LIMIT, orderBy: [['_id', 'asc']] } : { limit: MAX_LIMIT },
    )
    read += found.length
    return found
  }

  /** Every matching document in `rect`, however many: halves while the read cap is hit, then pages by id. */
  const readRect = async (rect: Rect): Promise<void> => {
    if (queries >= MAX_QUERIES) return
    const found = await query(rect)
    if (found.length < MAX_LIMIT) return take(found)
    const halves = splitRect(rect)
    if (halves) {
      await readRect(halves[0])
      await readRect(halves[1])
      return
    }
    // About a square metre holding over a thousand places: page through it by id.
    let after: string | null = null
    while (queries < MAX_QUERIES) {
      const page: T[] = await query(rect, { after })
      take(page)
      if (page.length < MAX_LIMIT) return
      after = page[page.length - 1]._id
    }
  }

  let radius = SEARCH_START_M
  let inner: Rect | null = null
  for (;;) {
    const outer = boxAround(origin, radius)
    const rects = inner ? ringRects(inner, outer) : [outer]
    await Promise.all(rects.map(readRect))
    const within = kept.filter((k) => k.distanceM <= radius).length
    if (within >= limit || queries >= MAX_QUERIES) break
    const next = widenRadius(radius, matches, limit)
    if (next === null) break
    inner = outer
    radius = next
  }
  return { nearest: kept, queries, read }
}
