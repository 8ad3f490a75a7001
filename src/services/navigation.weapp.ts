import Taro from '@tarojs/taro'
import type { Destination } from './navigation'

export type { Destination } from './navigation'

/*
 * weapp build of navigation.ts: WeChat's built-in map (which offers route planning in the map apps installed) and
 * dialler. Coordinates are GCJ-02, as openLocation expects. A dismissed dialog is not an error.
 */

export const NAVIGATION_AVAILABLE: boolean = true
export const PHONE_CALL_AVAILABLE: boolean = true

export async function openNavigation(place: Destination): Promise<void> {
  try {
    await Taro.openLocation({
      latitude: place.location.lat,
      longitude: place.location.lng,
      name: place.name,
      address: place.address,
      scale: 17,
    })
  } catch {
    // closed, or the map could not open: the address stays on the page
  }
}

export async function callPhone(phone: string): Promise<void> {
  try {
    await Taro.makePhoneCall({ phoneNumber: phone })
  } catch {
    // the courier cancelled the call
  }
}
