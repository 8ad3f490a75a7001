import type { GeoPoint, NearbyStationsOutput } from '../../types'
import { call } from './cloud'

/** Stations nearest first from `location` (only lat/lng are sent; labels stay on the device). */
export function fetchNearbyStations(location: GeoPoint, limit?: number): Promise<NearbyStationsOutput> {
  const point = { lat: location.lat, lng: location.lng }
  return call('services', {
    action: 'nearbyStations',
    location: point,
    ...(limit === undefined ? {} : { limit }),
  })
}
