/** Time comes from an injectable clock so rules about "now" (expiry, open now, this week) are testable. */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

/** A clock that stands still until moved: for tests and benchmarks. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current
  }
  set(epochMs: number): void {
    this.current = epochMs
  }
  advance(ms: number): void {
    this.current += ms
  }
}
