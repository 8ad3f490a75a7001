import type { GeoPoint } from '../../types'

/** A place picked on a map: its point and, when the map knows them, its name and address. */
export interface PickedPlace {
  location: GeoPoint
  name?: string
  address?: string
}

/**
 * h5 (the demo): there is no map picker, so this resolves null and forms show latitude and longitude fields
 * instead. The weapp build replaces it (location-picker.weapp.ts) with WeChat's map (chooseLocation).
 */
export function pickPlace(_near?: GeoPoint): Promise<PickedPlace | null> {
  return Promise.resolve(null)
}

export const CAN_PICK_ON_MAP = false
