import Taro from '@tarojs/taro'
import { DEFAULT_LOCATION, GeoPoint } from '../../types'
import type { UserLocation } from './location'

export type { UserLocation } from './location'

/**
 * weapp: the phone's position in GCJ-02. A refused permission, a failure, or a point outside China (e.g. a
 * simulator default) falls back to the district default, labelled as such, so the list still shows.
 */
export async function getUserLocation(): Promise<UserLocation> {
  try {
    const { latitude, longitude } = await Taro.getLocation({ type: 'gcj02' })
    const point = GeoPoint.safeParse({ lat: latitude, lng: longitude })
    if (point.success) return { ...point.data, label: '当前位置' }
  } catch {
    // permission refused or location unavailable: fall through to the default
  }
  return { ...DEFAULT_LOCATION }
}
