/**
 * A sliding-window rate limit over the times of the calls it let through: in any `windowMs` at most `limit`.
 * (A count per clock minute lets twice the limit through across a minute's turn; this does not.) Pure: the
 * caller stores `times` and writes them back only when the call is allowed.
 */
export interface WindowDecision {
  allowed: boolean
  /** The times still inside the window, with `now` added when allowed: what to store. */
  times: number[]
  /** Refused: how long until the oldest call leaves the window. */
  retryAfterMs: number
}

export function slideWindow(times: readonly number[], now: number, windowMs: number, limit: number): WindowDecision {
  const kept = times.filter((t) => t > now - windowMs && t <= now).sort((a, b) => a - b)
  if (kept.length >= limit) {
    return { allowed: false, times: kept, retryAfterMs: kept[kept.length - limit] + windowMs - now }
  }
  return { allowed: true, times: [...kept, now], retryAfterMs: 0 }
}
