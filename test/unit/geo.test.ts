import { boundingBox, distanceMeters, formatDistance, GeoPoint } from '../../types'
import { vincentyMeters } from '../support/vincenty'

const PAIRS: Array<[string, GeoPoint, GeoPoint]> = [
  ['two Gongshu stations ~1 km apart', { lat: 30.3036, lng: 120.1113 }, { lat: 30.3101, lng: 120.1182 }],
  ['Gongshu to Shangcheng across town', { lat: 30.3196, lng: 120.1416 }, { lat: 30.2918, lng: 120.1931 }],
  ['Hangzhou to Yangzhou', { lat: 30.3036, lng: 120.1113 }, { lat: 32.3815, lng: 119.3862 }],
  ['Beijing to Lanzhou', { lat: 39.9087, lng: 116.3975 }, { lat: 36.0611, lng: 103.8343 }],
  ['Harbin to Sanya', { lat: 45.8038, lng: 126.535 }, { lat: 18.2528, lng: 109.512 }],
]

describe('distanceMeters (haversine on GCJ-02)', () => {
  it.each(PAIRS)('is within 0.5%% of the WGS-84 geodesic: %s', (_name, a, b) => {
    const reference = vincentyMeters(a.lat, a.lng, b.lat, b.lng)
    expect(Math.abs(distanceMeters(a, b) - reference) / reference).toBeLessThan(0.005)
  })

  it('is symmetric and zero for the same point', () => {
    const [, a, b] = PAIRS[1]
    expect(distanceMeters(a, b)).toBeCloseTo(distanceMeters(b, a), 6)
    expect(distanceMeters(a, a)).toBe(0)
  })
})

describe('boundingBox', () => {
  it('contains every point within the radius, in every direction', () => {
    const center = { lat: 30.3196, lng: 120.1416 }
    const radius = 5000
    const box = boundingBox(center, radius)
    for (let bearing = 0; bearing < 360; bearing += 15) {
      // walk outwards along the bearing until just inside the radius
      const rad = (bearing * Math.PI) / 180
      const p = { lat: center.lat + 0.0449 * Math.cos(rad), lng: center.lng + 0.0519 * Math.sin(rad) }
      if (distanceMeters(center, p) <= radius) {
        expect(p.lat).toBeGreaterThanOrEqual(box.minLat)
        expect(p.lat).toBeLessThanOrEqual(box.maxLat)
        expect(p.lng).toBeGreaterThanOrEqual(box.minLng)
        expect(p.lng).toBeLessThanOrEqual(box.maxLng)
      }
    }
    expect(distanceMeters(center, { lat: box.maxLat, lng: center.lng })).toBeCloseTo(radius, -1)
    expect(distanceMeters(center, { lat: center.lat, lng: box.maxLng })).toBeGreaterThanOrEqual(radius * 0.999)
  })
})

describe('GeoPoint', () => {
  it('refuses coordinates outside China and swapped lat/lng', () => {
    expect(GeoPoint.safeParse({ lat: 30.3, lng: 120.1 }).success).toBe(true)
    expect(GeoPoint.safeParse({ lat: 120.1, lng: 30.3 }).success).toBe(false)
    expect(GeoPoint.safeParse({ lat: 51.5, lng: -0.12 }).success).toBe(false)
  })
})

describe('formatDistance', () => {
  it('uses 米 under a kilometre and 公里 above', () => {
    expect(formatDistance(349.6)).toBe('350米')
    expect(formatDistance(1234)).toBe('1.2公里')
    expect(formatDistance(263_000)).toBe('263公里')
  })
})
