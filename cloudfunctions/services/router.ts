import { createRouter } from '../shared/handler'
import { nearbyStations } from './nearby-stations'

/** services: stations, meals, rooms and weekly service themes. */
export const servicesRouter = createRouter('services', { nearbyStations })
