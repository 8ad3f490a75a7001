import { cloudbaseTimer } from '../shared/cloudbase-main'
import { purgeExpiredRecords } from './purge-expired'

/**
 * CloudBase entry of the daily purge: its timer trigger (config.json) is the only caller it answers; a call
 * from the mini-program is refused. Its own function, so its timeout fits the work (cloudbaserc.json).
 */
export const main = cloudbaseTimer(({ store, clock, config }) =>
  purgeExpiredRecords(store, clock.now(), config.accessLogRetentionDays),
)
