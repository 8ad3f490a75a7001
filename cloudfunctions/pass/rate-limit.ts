import { AppError } from '../shared/errors'
import type { AppStore } from '../shared/store/collections'
import { StoreError } from '../shared/store/port'

/**
 * At most `limit` calls per caller and clock minute, counted in the store so every function instance shares
 * the count: a guarded increment, or the minute's first call creates the counter.
 */
export async function enforceRateLimit(store: AppStore, caller: string, limit: number, now: number): Promise<void> {
  const counters = store.collection('rateLimits')
  const id = `${caller}-${Math.floor(now / 60_000)}`
  if (await counters.update(id, { inc: { count: 1 } }, { count: { lt: limit } })) return
  try {
    await counters.insert({ _id: id, count: 1, at: now })
    return
  } catch (error) {
    if (!(error instanceof StoreError && error.kind === 'DUPLICATE')) throw error
  }
  if (await counters.update(id, { inc: { count: 1 } }, { count: { lt: limit } })) return
  throw new AppError('RATE_LIMITED', `核验过于频繁（每分钟最多 ${limit} 次），请稍后再试`)
}
