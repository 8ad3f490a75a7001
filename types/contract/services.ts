import { z } from 'zod'
import { Amenity, Id } from '../entities'
import { GeoPoint } from '../geo'
import { OpeningHours } from '../hours'
import { defineFunction } from './define'

export const NEARBY_DEFAULT_LIMIT = 20
export const NEARBY_MAX_LIMIT = 50

export const NearbyStationsInput = z.strictObject({
  location: GeoPoint,
  limit: z.number().int().min(1).max(NEARBY_MAX_LIMIT).optional(),
})
export type NearbyStationsInput = z.infer<typeof NearbyStationsInput>

/** What a courier sees of a station in a list: no internal fields. */
export const StationSummary = z.object({
  id: Id,
  name: z.string(),
  address: z.string(),
  communityName: z.string(),
  location: GeoPoint,
  coordsApproximate: z.boolean(),
  distanceM: z.number().int().min(0),
  hours: OpeningHours,
  openNow: z.boolean(),
  amenities: z.array(Amenity),
  phone: z.string().optional(),
})
export type StationSummary = z.infer<typeof StationSummary>

export const NearbyStationsOutput = z.object({
  origin: GeoPoint,
  /** Nearest first; ties broken by id so the order is stable. */
  stations: z.array(StationSummary),
})
export type NearbyStationsOutput = z.infer<typeof NearbyStationsOutput>

export const servicesContract = defineFunction({
  nearbyStations: { input: NearbyStationsInput, output: NearbyStationsOutput },
})
