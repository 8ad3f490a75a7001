import { AppError } from '../shared/errors'
import type { AppStore, RateLimitCounter } from '../shared/store/collections'
import { StoreError } from '../shared/store/port'
import { slideWindow } from './domain/rate-window'

export const RATE_WINDOW_MS = 60_000
const ATTEMPTS = 5

export interface RateLimit {
  /** Whose calls are counted: the document id (a guard's OPENID, or a prefix and a courier's). */
  key: string
  /** Calls allowed in any 60 s. */
  limit: number
  /** The refusal, given the seconds to wait. */
  message: (waitSeconds: number) => string
}

/**
 * Counts a call against a sliding 60-second window, refusing it past the limit; a refused call writes nothing.
 * One small document per key holds the times of the calls let through in the last minute, written back with a
 * guard on its version, so two instances counting at once cannot both take the last place (the loser reads
 * again). Under contention that outlasts the retries the call is refused as too frequent, never let through.
 * `firstRead` is the key's document when the caller read it already (alongside other reads): the guarded write
 * makes a stale one harmless, it only costs another attempt.
 */
export async function countAgainstRateLimit(
  store: AppStore,
  rate: RateLimit,
  now: number,
  firstRead?: Promise<RateLimitCounter | null>,
): Promise<void> {
  const counters = store.collection('rateLimits')
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const counter = await (attempt === 1 && firstRead ? firstRead : counters.get(rate.key))
    const decision = slideWindow(counter?.times ?? [], now, RATE_WINDOW_MS, rate.limit)
    if (!decision.allowed) throw new AppError('RATE_LIMITED', rate.message(Math.ceil(decision.retryAfterMs / 1000)))
    const version = counter?.version ?? 0
    if (counter) {
      const guard = counter.version === undefined ? { version: null } : { version }
      if (await counters.update(rate.key, { set: { times: decision.times, version: version + 1 } }, guard)) return
      continue
    }
    try {
      await counters.insert({ _id: rate.key, times: decision.times, version: 1 })
      return
    } catch (error) {
      if (!(error instanceof StoreError && error.kind === 'DUPLICATE')) throw error
    }
  }
  throw new AppError('RATE_LIMITED', rate.message(1))
}
