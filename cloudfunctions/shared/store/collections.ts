import type { Community, Courier, Meal, Room, Station, User } from '../../../types'
import type { Store } from './port'

/** Every collection the functions use, with the document type it holds. */
export interface Collections {
  users: User
  couriers: Courier
  communities: Community
  stations: Station
  meals: Meal
  rooms: Room
  [name: string]: { _id: string }
}

export type AppStore = Store<Collections>

/**
 * Fields that are queried, per collection: the SQLite adapter creates an index for each, and the CloudBase
 * setup script creates the same indexes. A composite index lists several fields.
 */
export const INDEXES: Record<string, string[][]> = {
  users: [],
  couriers: [['communityId', 'status']],
  communities: [],
  stations: [['location.lat'], ['communityId']],
  meals: [['location.lat'], ['communityId']],
  rooms: [['location.lat'], ['communityId']],
}
