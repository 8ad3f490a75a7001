import { AppError } from '../shared/errors'
import type { AppStore } from '../shared/store/collections'

const MINUTE_MS = 60_000

/**
 * Counts a guard's check against `limit` per clock minute, refusing it past the limit; a refused check writes
 * nothing. One small document per guard holds the current minute and its count, so the common case is one
 * guarded increment shared by every function instance. Two checks at the very turn of a minute may both
 * restart the count, which can undercount by the calls in flight then; never more.
 */
export async function countAgainstRateLimit(store: AppStore, guard: string, limit: number, now: number): Promise<void> {
  const minute = Math.floor(now / MINUTE_MS)
  const counters = store.collection('rateLimits')
  if (await counters.update(guard, { inc: { count: 1 } }, { minute, count: { lt: limit } })) return
  const counter = await counters.get(guard)
  if (counter?.minute === minute)
    throw new AppError('RATE_LIMITED', `核验过于频繁（每分钟最多 ${limit} 次），请稍后再试`)
  await counters.put({ _id: guard, minute, count: 1 })
}
