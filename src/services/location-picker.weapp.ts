import Taro from '@tarojs/taro'
import { GeoPoint } from '../../types'
import type { PickedPlace } from './location-picker'

export type { PickedPlace } from './location-picker'

/**
 * weapp build of location-picker.ts: WeChat's map picker (chooseLocation, GCJ-02 like every WeChat location;
 * declared in requiredPrivateInfos). Closing the map resolves null.
 */
export async function pickPlace(near?: GeoPoint): Promise<PickedPlace | null> {
  try {
    const picked = await Taro.chooseLocation(near ? { latitude: near.lat, longitude: near.lng } : {})
    const location = GeoPoint.safeParse({ lat: picked.latitude, lng: picked.longitude })
    if (!location.success) return null
    return {
      location: location.data,
      ...(picked.name ? { name: picked.name } : {}),
      ...(picked.address ? { address: picked.address } : {}),
    }
  } catch {
    return null // closed the map, or no permission: the form keeps what it had
  }
}

export const CAN_PICK_ON_MAP = true
