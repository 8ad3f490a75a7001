import { cloudbaseMain } from '../shared/cloudbase-main'
import { purgeExpiredRecords } from './purge'
import { passRouter } from './router'

/** CloudBase entry: `exports.main(event, context)`; the daily timer (config.json) purges expired records. */
export const main = cloudbaseMain(passRouter, ({ store, clock, config }) =>
  purgeExpiredRecords(store, clock.now(), config.accessLogRetentionDays),
)
