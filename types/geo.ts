import { z } from './zod'

/**
 * Coordinates are GCJ-02, as WeChat's getLocation({ type: 'gcj02' }) returns and Taro.openLocation expects.
 * The bounds are a generous box around China; anything outside is refused as input.
 */
export const CHINA_BOUNDS = { minLat: 3.8, maxLat: 53.6, minLng: 73.5, maxLng: 135.1 } as const

export const GeoPoint = z.object({
  lat: z.number().check(z.gte(CHINA_BOUNDS.minLat), z.lte(CHINA_BOUNDS.maxLat)),
  lng: z.number().check(z.gte(CHINA_BOUNDS.minLng), z.lte(CHINA_BOUNDS.maxLng)),
})
export type GeoPoint = z.infer<typeof GeoPoint>
/** A point sent to the functions: `{ lat, lng }` and nothing else (answers keep GeoPoint, which drops extras). */
export const GeoPointInput = z.strictObject(GeoPoint.shape)

/** 拱墅区人民政府 (Gongshu district government), approximate: the default location when none is known. */
export const DEFAULT_LOCATION: GeoPoint & { label: string } = {
  lat: 30.3196,
  lng: 120.1416,
  label: '拱墅区（默认位置）',
}

const EARTH_RADIUS_M = 6_371_008.8
const toRad = (deg: number) => (deg * Math.PI) / 180

/**
 * Great-circle distance in metres (haversine). GCJ-02 shifts points by a few hundred metres at most, nearly
 * uniformly over a city, so distances between two GCJ-02 points are as good as between WGS-84 ones.
 */
export function distanceMeters(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRad(b.lat - a.lat)
  const dLng = toRad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** A lat/lng box that contains every point within `radiusM` of `center` (for index-friendly range queries). */
export function boundingBox(center: GeoPoint, radiusM: number) {
  const dLat = (radiusM / EARTH_RADIUS_M) * (180 / Math.PI)
  const cos = Math.max(Math.cos(toRad(center.lat)), 0.01)
  const dLng = dLat / cos
  return {
    minLat: center.lat - dLat,
    maxLat: center.lat + dLat,
    minLng: center.lng - dLng,
    maxLng: center.lng + dLng,
  }
}

/** "350米" / "1.2公里" / "1180公里" */
export function formatDistance(meters: number): string {
  if (meters < 1000) return `${Math.round(meters)}米`
  if (meters < 100_000) return `${(meters / 1000).toFixed(1)}公里`
  return `${Math.round(meters / 1000)}公里`
}
