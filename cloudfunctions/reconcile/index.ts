import { reconcileHolds } from '../points/holds'
import { remindSignedUp } from '../points/reminders'
import { cloudbaseTimer } from '../shared/cloudbase-main'

/**
 * CloudBase entry of the reconciliation timer (every minute, config.json): the counter holds whose request
 * died half-way (points/holds.ts) are settled, so a unit of stock or an activity place a crash left held is
 * back within a few minutes; and the couriers signed up for an activity starting within a day are reminded
 * (points/reminders.ts, subscribe messages). Only its timer trigger may call it. Its own function, so its timeout (30 s,
 * cloudbaserc.json) stays well inside a hold's lease.
 */
export const main = cloudbaseTimer(async ({ store, clock, notifier }) => {
  const settled = await reconcileHolds(store, clock.now())
  // Reminders after the holds: a failure to remind never keeps a unit of stock held.
  const { reminded } = await remindSignedUp(store, notifier, clock.now())
  return { ...settled, reminded }
})
