import { AppError } from '../shared/errors'
import type { Collections } from '../shared/store/collections'
import type { Transaction } from '../shared/store/port'

/**
 * Counts one call against `limit` per caller and clock minute, inside the caller's transaction, so the count
 * is shared by every function instance and a refused call writes nothing.
 */
export async function countAgainstRateLimit(
  tx: Transaction<Collections>,
  caller: string,
  limit: number,
  now: number,
): Promise<void> {
  const counters = tx.collection('rateLimits')
  const id = `${caller}-${Math.floor(now / 60_000)}`
  const counter = await counters.get(id)
  if (!counter) return counters.insert({ _id: id, count: 1, at: now })
  if (counter.count >= limit) throw new AppError('RATE_LIMITED', `核验过于频繁（每分钟最多 ${limit} 次），请稍后再试`)
  await counters.update(id, { inc: { count: 1 } })
}
