import { createRouter } from '../shared/handler'
import { cancelActivity, listActivities, saveActivity } from './activities'
import { attend } from './attend'
import { cancelRedemption, confirmPickup, listItems, listStations, myRedemptions, redeem, saveItem } from './exchange'
import { myPoints } from './my-points'
import { markNoticesRead, myNotices } from './notices'
import { ranking } from './ranking'
import { listReports, reviewReport, submitReport } from './reports'
import { listSignups, signUp, withdraw } from './signups'
import { addWish, listWishes } from './wishes'

/** points: volunteer activities, attendance, 随手拍 reports, the ledger, the exchange, wishes and the 先锋榜. */
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
  submitReport,
  listReports,
  reviewReport,
  addWish,
  listWishes,
  listStations,
  myNotices,
  markNoticesRead,
})
