import { createRouter } from '../shared/handler'
import { cancelActivity, listActivities, saveActivity } from './activities'
import { attend } from './attend'
import { cancelRedemption, confirmPickup, listItems, myRedemptions, redeem, saveItem } from './exchange'
import { myPoints } from './my-points'
import { ranking } from './ranking'
import { listSignups, signUp, withdraw } from './signups'

/** points: volunteer activities, attendance, the ledger, the exchange and the 先锋榜. */
export const pointsRouter = createRouter('points', {
  listActivities,
  saveActivity,
  cancelActivity,
  signUp,
  withdraw,
  listSignups,
  attend,
  myPoints,
  listItems,
  saveItem,
  redeem,
  myRedemptions,
  confirmPickup,
  cancelRedemption,
  ranking,
})
