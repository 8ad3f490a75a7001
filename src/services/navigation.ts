import type { GeoPoint } from '../../types'

/*
 * Calling a place and navigating to it. The h5 (default) build has neither WeChat's dialler nor its map: the page
 * shows the number as a tel: link and the coordinates as text instead. navigation.weapp.ts does both in WeChat.
 */

/** Whether this build can open the phone's map at a place (`openNavigation`). */
export const NAVIGATION_AVAILABLE: boolean = false
/** Whether this build dials a number itself (`callPhone`); otherwise pages offer a tel: link. */
export const PHONE_CALL_AVAILABLE: boolean = false

export interface Destination {
  name: string
  address: string
  location: GeoPoint
}

export async function openNavigation(_place: Destination): Promise<void> {}

export async function callPhone(_phone: string): Promise<void> {}
