import { DEFAULT_LOCATION, type GeoPoint } from '../../types'

/** Where the user is, as used to sort places by distance; `label` says how it was found. */
export interface UserLocation extends GeoPoint {
  label: string
}

/**
 * h5 (and default): the district default. Browsers give WGS-84 coordinates, not the GCJ-02 the data uses,
 * and the demo is about Gongshu anyway. The weapp build asks WeChat instead (location.weapp.ts).
 */
export async function getUserLocation(): Promise<UserLocation> {
  return { ...DEFAULT_LOCATION }
}
