import { reconcileHolds } from '../points/holds'
import { cloudbaseTimer } from '../shared/cloudbase-main'

/**
 * CloudBase entry of the reconciliation timer (every minute, config.json): the counter holds whose request
 * died half-way (points/holds.ts) are settled, so a unit of stock or an activity place a crash left held is
 * back within a few minutes. Only its timer trigger may call it. Its own function, so its timeout (30 s,
 * cloudbaserc.json) stays well inside a hold's lease.
 */
export const main = cloudbaseTimer(({ store, clock }) => reconcileHolds(store, clock.now()))
