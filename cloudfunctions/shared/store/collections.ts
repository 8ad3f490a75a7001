import type { AccessLog, Community, Courier, Gate, Meal, ReviewLog, Room, Station, User } from '../../../types'
import type { Store } from './port'

/** Every collection the functions use, with the document type it holds. */
export interface Collections {
  users: User
  couriers: Courier
  communities: Community
  stations: Station
  meals: Meal
  rooms: Room
  gates: Gate
  reviewLogs: ReviewLog
  accessLogs: AccessLog
  /** One entry per gate check; the first allowed use of a token is stored under the token's id. */
  /** Each guard's checks in the current clock minute (id = the guard's OPENID). */
  rateLimits: { _id: string; minute: number; count: number }
  [name: string]: { _id: string }
}

export type AppStore = Store<Collections>

/**
 * Fields that are queried, per collection: the SQLite adapter creates an index for each. A CloudBase
 * environment needs the same indexes (created in the console or by a setup script; none is written yet).
 * A composite index lists several fields. Every collection must be listed here (tests snapshot them all).
 */
export const INDEXES: Record<string, string[][]> = {
  users: [],
  couriers: [['communityId', 'status'], ['passId']],
  gates: [['communityId'], ['sceneKey']],
  reviewLogs: [['courierId']],
  accessLogs: [['communityId', 'at'], ['communityId', 'courierId', 'allowed', 'at']],
  rateLimits: [],
  communities: [],
  stations: [['location.lat'], ['communityId']],
  meals: [['location.lat'], ['communityId']],
  rooms: [['location.lat'], ['communityId']],
}
