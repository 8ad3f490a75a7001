/**
 * Serialises use of one synchronous SQLite connection around asynchronous transactions.
 *
 * better-sqlite3 runs every statement synchronously, so plain operations never interleave. A transaction,
 * though, spans awaits: without a gate, another request's statement could run between two of them, land
 * inside the open transaction and be rolled back with it. So while a transaction holds the gate, every
 * other operation (and every other transaction) waits, in arrival order.
 *
 * When nobody holds the gate, `run` executes the operation synchronously and returns a settled promise:
 * the common case pays no queueing cost.
 */
export class Gate {
  private held = false
  private readonly waiting: Array<() => void> = []

  get isHeld(): boolean {
    return this.held
  }

  run<T>(op: () => T): Promise<T> {
    if (!this.held) return settle(op)
    return new Promise<T>((resolve, reject) => {
      this.waiting.push(() => void settle(op).then(resolve, reject))
    })
  }

  /** Holds the gate (exclusively) while `fn` runs; released however `fn` ends. */
  async hold<T>(fn: () => Promise<T>): Promise<T> {
    if (this.held) {
      await new Promise<void>((resolve) => {
        this.waiting.push(() => {
          this.held = true // taken synchronously, so operations arriving meanwhile keep waiting
          resolve()
        })
      })
    } else {
      this.held = true
    }
    try {
      return await fn()
    } finally {
      this.release()
    }
  }

  private release(): void {
    this.held = false
    // Run waiting operations in order until one of them is a transaction that takes the gate again.
    while (!this.held) {
      const next = this.waiting.shift()
      if (!next) break
      next()
    }
  }
}

function settle<T>(op: () => T): Promise<T> {
  try {
    return Promise.resolve(op())
  } catch (error) {
    return Promise.reject(error)
  }
}
