import type { ActionInput, ManagedPlace, PlaceKind } from '../../types'
import { call } from './cloud'

/* A secretary's management of the community's stations, meals and rooms (hidden ones included). */

export type SaveStationRequest = ActionInput<'services', 'saveStation'>
export type SaveMealRequest = ActionInput<'services', 'saveMeal'>
export type SaveRoomRequest = ActionInput<'services', 'saveRoom'>

/** What a place form sends: the kind decides the action. */
export type SavePlaceRequest =
  | { kind: 'station'; input: SaveStationRequest }
  | { kind: 'meal'; input: SaveMealRequest }
  | { kind: 'room'; input: SaveRoomRequest }

export async function listManaged(communityId: string, kind: PlaceKind): Promise<ManagedPlace[]> {
  return (await call('services', { action: 'listManaged', communityId, kind })).places
}

/** Creates a place (no `id`) or replaces one of the community's. */
export async function savePlace(request: SavePlaceRequest): Promise<ManagedPlace> {
  switch (request.kind) {
    case 'station':
      return (await call('services', { action: 'saveStation', ...request.input })).place
    case 'meal':
      return (await call('services', { action: 'saveMeal', ...request.input })).place
    case 'room':
      return (await call('services', { action: 'saveRoom', ...request.input })).place
  }
}

/** How many units of a room are free now. */
export async function setRoomUnits(roomId: string, unitsAvailable: number): Promise<ManagedPlace> {
  return (await call('services', { action: 'setRoomUnits', roomId, unitsAvailable })).place
}
