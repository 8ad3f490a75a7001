import type { GeoPoint, Meal, OpeningHours, Room, Station } from '../../types'
import { AppError } from '../shared/errors'
import type { Context, Handler } from '../shared/handler'
import { newId } from '../shared/ids'
import { scopedDoc } from '../shared/scope'
import { MAX_LIMIT } from '../shared/store/port'
import { checkPlace, type PlaceFacts } from './domain/place-rules'
import { managedPlace } from './views'

/** A community's places of one kind for its secretary, hidden ones included, most recently changed first. */
export const listManaged: Handler<'services', 'listManaged'> = async ({ ctx, input }) => {
  const filter = { communityId: input.communityId }
  const options = { limit: MAX_LIMIT }
  const newestFirst = <T extends { _id: string; updatedAt: number }>(list: T[]) =>
    [...list].sort((a, b) => b.updatedAt - a.updatedAt || (a._id < b._id ? -1 : 1))
  switch (input.kind) {
    case 'station':
      return {
        places: newestFirst(await ctx.store.collection('stations').find(filter, options)).map((p) =>
          managedPlace('station', p),
        ),
      }
    case 'meal':
      return {
        places: newestFirst(await ctx.store.collection('meals').find(filter, options)).map((p) =>
          managedPlace('meal', p),
        ),
      }
    case 'room':
      return {
        places: newestFirst(await ctx.store.collection('rooms').find(filter, options)).map((p) =>
          managedPlace('room', p),
        ),
      }
  }
}

/** The form fields every place shares, as the contract parsed them. */
interface PlaceForm {
  communityId: string
  id?: string
  name: string
  address: string
  location: GeoPoint
  hours: OpeningHours
  phone?: string
  note?: string
  hidden?: boolean
}

type Existing = Station | Meal | Room

/**
 * Everything a save checks before it writes (the policy has already admitted a secretary of the community and,
 * for an edit, loaded the place of that community): the form passes the domain rules and the community exists.
 * Returns the shared fields of the document to store. Nothing is written unless all of this holds.
 */
async function prepare<C extends 'stations' | 'meals' | 'rooms'>(
  ctx: Context,
  form: PlaceForm,
  facts: Omit<PlaceFacts, 'location' | 'hours'>,
  collection: C,
  prefix: string,
) {
  const checked = checkPlace({ location: form.location, hours: form.hours, ...facts })
  if (!checked.ok) throw new AppError('BAD_REQUEST', checked.message)
  if (!(await ctx.store.collection('communities').get(form.communityId)))
    throw new AppError('NOT_FOUND', '没有这个社区')
  const existing: Existing | null = form.id !== undefined ? scopedDoc(ctx.scope, collection) : null
  const sameSpot =
    existing && existing.location.lat === form.location.lat && existing.location.lng === form.location.lng
  return {
    existing,
    fields: {
      _id: existing?._id ?? `${prefix}_${newId()}`,
      name: form.name,
      communityId: form.communityId,
      address: form.address,
      location: form.location,
      // hand-placed seed coordinates stay marked until a secretary sets the point
      coordsApproximate: sameSpot ? existing.coordsApproximate : false,
      hours: checked.value,
      ...(form.phone ? { phone: form.phone } : {}),
      ...(form.note ? { note: form.note } : {}),
      hidden: form.hidden ?? existing?.hidden ?? false,
      updatedAt: ctx.clock.now(),
    },
  }
}

/** Creates a station (no id) or replaces one of the community's with the form (secretary of the community). */
export const saveStation: Handler<'services', 'saveStation'> = async ({ ctx, input }) => {
  const stations = ctx.store.collection('stations')
  const { existing, fields } = await prepare(ctx, input, {}, 'stations', 'st')
  const station: Station = { ...fields, amenities: [...new Set(input.amenities)] }
  await (existing ? stations.put(station) : stations.insert(station))
  return { place: managedPlace('station', station) }
}

export const saveMeal: Handler<'services', 'saveMeal'> = async ({ ctx, input }) => {
  const meals = ctx.store.collection('meals')
  const { existing, fields } = await prepare(ctx, input, { priceFen: input.priceFen }, 'meals', 'meal')
  const meal: Meal = {
    ...fields,
    dish: input.dish,
    priceFen: input.priceFen,
    ...(input.dailyQuota !== undefined ? { dailyQuota: input.dailyQuota } : {}),
  }
  await (existing ? meals.put(meal) : meals.insert(meal))
  return { place: managedPlace('meal', meal) }
}

export const saveRoom: Handler<'services', 'saveRoom'> = async ({ ctx, input }) => {
  const rooms = ctx.store.collection('rooms')
  const facts = { monthlyRentFen: input.monthlyRentFen, marketRentFen: input.marketRentFen }
  const { existing, fields } = await prepare(ctx, input, facts, 'rooms', 'room')
  const room: Room = {
    ...fields,
    unitType: input.unitType,
    monthlyRentFen: input.monthlyRentFen,
    marketRentFen: input.marketRentFen,
    unitsAvailable: input.unitsAvailable,
    conditions: input.conditions,
  }
  await (existing ? rooms.put(room) : rooms.insert(room))
  return { place: managedPlace('room', room) }
}

/** Marks how many units of a room are available now (secretary of the room's community). */
export const setRoomUnits: Handler<'services', 'setRoomUnits'> = async ({ ctx, input }) => {
  const rooms = ctx.store.collection('rooms')
  const room = scopedDoc(ctx.scope, 'rooms')
  const updated: Room = { ...room, unitsAvailable: input.unitsAvailable, updatedAt: ctx.clock.now() }
  await rooms.update(room._id, { set: { unitsAvailable: input.unitsAvailable, updatedAt: updated.updatedAt } })
  return { place: managedPlace('room', updated) }
}
