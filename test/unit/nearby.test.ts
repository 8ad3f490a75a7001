import { boundingBox } from '../../types'
import {
  keepNearest,
  nearestFirst,
  ringRects,
  SEARCH_MAX_M,
  splitRect,
  widenRadius,
  type Rect,
} from '../../cloudfunctions/services/domain/nearby'

const origin = { lat: 30.3, lng: 120.1 }

describe('nearestFirst', () => {
  it('orders by distance and breaks ties by id, whatever the input order', () => {
    const east = { lat: 30.3, lng: 120.11 }
    const places = [
      { _id: 'c', location: east },
      { _id: 'far', location: { lat: 30.4, lng: 120.1 } },
      { _id: 'a', location: east },
      { _id: 'b', location: east },
    ]
    expect(nearestFirst(places, origin).map((p) => p.place._id)).toEqual(['a', 'b', 'c', 'far'])
    expect(nearestFirst([...places].reverse(), origin).map((p) => p.place._id)).toEqual(['a', 'b', 'c', 'far'])
  })
})

describe('keepNearest', () => {
  it('keeps the `limit` nearest of what it had and what came, ties by id', () => {
    const at = (id: string, d: number) => ({ place: { _id: id, location: origin }, distanceM: d })
    const kept = [at('b', 10), at('d', 30)]
    expect(keepNearest(kept, [at('a', 10), at('c', 20), at('e', 40)], 3).map((k) => k.place._id)).toEqual([
      'a',
      'b',
      'c',
    ])
    expect(keepNearest(kept, [], 1)).toBe(kept)
  })
})

describe('widenRadius', () => {
  it('aims at 1.5× the places wanted from the density of matches in the box, growing 1.25× to 4× a round', () => {
    // the box is (2r)²: 5 matches in it → about 5·π/4 in the circle → radius × √(1.5·20·4 / 5π)
    expect(widenRadius(3000, 5, 20)).toBeCloseTo(3000 * Math.sqrt((1.5 * 20 * 4) / (Math.PI * 5)), 6)
    expect(widenRadius(3000, 40, 20)).toBe(3750) // nearly there: the smallest step
    expect(widenRadius(3000, 1, 20)).toBe(12000) // capped
    expect(widenRadius(3000, 0, 20)).toBe(12000) // nothing yet: the biggest step
  })
  it('stops at the radius covering all of China', () => {
    expect(widenRadius(SEARCH_MAX_M / 3, 0, 20)).toBe(SEARCH_MAX_M)
    expect(widenRadius(SEARCH_MAX_M, 3, 20)).toBeNull()
  })
})

const area = (r: Rect) => (r.maxLat - r.minLat) * (r.maxLng - r.minLng)
const inside = (r: Rect, p: { lat: number; lng: number }) =>
  p.lat >= r.minLat && p.lat <= r.maxLat && p.lng >= r.minLng && p.lng <= r.maxLng

describe('ringRects', () => {
  it('covers exactly the outer box minus the inner one', () => {
    const inner = boundingBox(origin, 3000)
    const outer = boundingBox(origin, 9000)
    const ring = ringRects(inner, outer)
    expect(ring).toHaveLength(4)
    expect(ring.reduce((sum, r) => sum + area(r), 0)).toBeCloseTo(area(outer) - area(inner), 10)
    // every sampled point of the outer box lies in the inner box or in a ring rectangle
    for (let i = 0; i <= 40; i++) {
      for (let j = 0; j <= 40; j++) {
        const p = {
          lat: outer.minLat + ((outer.maxLat - outer.minLat) * i) / 40,
          lng: outer.minLng + ((outer.maxLng - outer.minLng) * j) / 40,
        }
        expect(inside(inner, p) || ring.some((r) => inside(r, p))).toBe(true)
      }
    }
  })
})

describe('splitRect', () => {
  it('halves across the longer side and stops at about a metre', () => {
    const [a, b] = splitRect({ minLat: 30, maxLat: 30.2, minLng: 120, maxLng: 120.1 })!
    expect(a).toEqual({ minLat: 30, maxLat: 30.1, minLng: 120, maxLng: 120.1 })
    expect(b).toEqual({ minLat: 30.1, maxLat: 30.2, minLng: 120, maxLng: 120.1 })
    expect(splitRect({ minLat: 30, maxLat: 30.000001, minLng: 120, maxLng: 120.000001 })).toBeNull()
  })
})
