import { createRouter } from '../shared/handler'

/** points: activities, attendance, the ledger, the exchange (actions arrive with the points issue). */
export const pointsRouter = createRouter('points', {})
