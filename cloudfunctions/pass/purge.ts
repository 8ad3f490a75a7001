import type { AppStore } from '../shared/store/collections'
import { MAX_LIMIT } from '../shared/store/port'

const DAY_MS = 86_400_000
const MAX_ROUNDS = 50

/**
 * Entry records are movement data (行踪轨迹): they are kept `retentionDays` and then deleted. Runs daily
 * (CloudBase timer trigger; a timer in the local cloud), at most MAX_ROUNDS × MAX_LIMIT entries per community
 * and run.
 */
export async function purgeExpiredRecords(store: AppStore, now: number, retentionDays: number) {
  const logs = store.collection('accessLogs')
  const cutoff = now - retentionDays * DAY_MS
  // Community by community (paged by id), on the (communityId, at) index the access-log page uses.
  let removed = 0
  let after = ''
  for (;;) {
    const communities = await store
      .collection('communities')
      .find(after ? { _id: { gt: after } } : {}, { orderBy: [['_id', 'asc']], limit: MAX_LIMIT })
    for (const community of communities) {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const old = await logs.find({ communityId: community._id, at: { lt: cutoff } }, { limit: MAX_LIMIT })
        for (const entry of old) if (await logs.remove(entry._id)) removed++
        if (old.length < MAX_LIMIT) break
      }
    }
    if (communities.length < MAX_LIMIT) break
    after = communities[communities.length - 1]._id
  }
  return { accessLogs: removed }
}
