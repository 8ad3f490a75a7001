import { defineFunction } from './define'

/** Volunteer activities, attendance, the ledger and the exchange arrive with the points issue. */
export const pointsContract = defineFunction({})
