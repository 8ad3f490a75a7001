import { chinaDateText } from '../../types'
import { ALIAS_KEEP_DAYS } from '../pass/aliases'
import type { AppStore } from '../shared/store/collections'

const DAY_MS = 86_400_000

/**
 * Entry records are movement data (行踪轨迹): they are kept `retentionDays` and then deleted, by the daily
 * timer of this function on CloudBase (a timer in the local cloud). One server-side delete by query on the
 * `at` index, however many entries have expired: the service deletes them, not one round trip per entry.
 */
export async function purgeExpiredRecords(store: AppStore, now: number, retentionDays: number) {
  const cutoff = now - retentionDays * DAY_MS
  const accessLogs = await store.collection('accessLogs').removeWhere({ at: { lt: cutoff } })
  // The per-day aliases inside 小哥码 are looked up only around their own day (late offline uploads included).
  const aliasCutoff = chinaDateText(now - ALIAS_KEEP_DAYS * DAY_MS)
  const passAliases = await store.collection('passAliases').removeWhere({ day: { lt: aliasCutoff } })
  // Who read a courier's review card is kept as long as the entries it sits beside on 我的数据.
  const dataReads = await store.collection('dataReads').removeWhere({ at: { lt: cutoff } })
  return { accessLogs, passAliases, dataReads }
}
