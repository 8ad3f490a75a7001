import type { AppStore } from '../shared/store/collections'
import { MAX_LIMIT } from '../shared/store/port'

const DAY_MS = 86_400_000
/** Token-use records only matter within a token's lifetime; rate counters within their minute. */
const PASS_USE_KEEP_MS = 10 * 60_000
const RATE_COUNTER_KEEP_MS = 5 * 60_000
const MAX_ROUNDS = 50

async function removeOlderThan(store: AppStore, name: 'accessLogs' | 'passUses' | 'rateLimits', cutoff: number) {
  const docs = store.collection(name)
  let removed = 0
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const old = await docs.find({ at: { lt: cutoff } }, { limit: MAX_LIMIT })
    for (const doc of old) if (await docs.remove(doc._id)) removed++
    if (old.length < MAX_LIMIT) break
  }
  return removed
}

/**
 * Entry records are movement data (行踪轨迹): they are kept `retentionDays` and then deleted, with the
 * short-lived bookkeeping of the gate checks. Runs daily (CloudBase timer trigger; a timer in the local cloud).
 */
export async function purgeExpiredRecords(store: AppStore, now: number, retentionDays: number) {
  return {
    accessLogs: await removeOlderThan(store, 'accessLogs', now - retentionDays * DAY_MS),
    passUses: await removeOlderThan(store, 'passUses', now - PASS_USE_KEEP_MS),
    rateLimits: await removeOlderThan(store, 'rateLimits', now - RATE_COUNTER_KEEP_MS),
  }
}
