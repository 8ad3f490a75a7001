import type { AppStore, Collections } from '../../cloudfunctions/shared/store/collections'
import {
  StoreError,
  type Collection,
  type Document,
  type DocumentOps,
  type Store,
  type Transaction,
} from '../../cloudfunctions/shared/store/port'

/**
 * Fault injection for the store: wraps an AppStore, numbers every store operation a caller makes (get, find,
 * count, insert, put, update, remove, removeWhere, each operation inside a transaction, and the transaction's
 * commit as a step of its own) and makes step `at` go wrong in one of these ways:
 *
 * - `kill`: the process dies just before the step: it is not applied, and neither is anything after it (every
 *   later operation fails too), as after `kill -9`. An open transaction is not committed.
 * - `fail`: the step is not applied and its caller sees an error; the process lives on (a refused request).
 * - `lost`: the step **is** applied but its caller sees an error, as CloudBase answers a call that timed out
 *   after the service did the work. For a commit: the transaction committed, the caller is told it failed.
 * - `lost-then-fail`: as `lost`, and the next step fails as well (the caller cannot even read what happened).
 *
 * A step inside a transaction that goes wrong dooms the transaction (it rolls back), as on CloudBase.
 * Without a plan the wrapper only counts: run an action once to learn how many steps it takes.
 */
export type FaultMode = 'kill' | 'fail' | 'lost' | 'lost-then-fail'
export const FAULT_MODES: readonly FaultMode[] = ['kill', 'fail', 'lost', 'lost-then-fail']

export interface FaultPlan {
  /** 1-based number of the step that goes wrong. */
  at: number
  mode: FaultMode
}

export class InjectedFault extends StoreError {
  constructor(message: string) {
    super('UNAVAILABLE', message)
    this.name = 'InjectedFault'
  }
}

export interface FaultyStore {
  store: AppStore
  /** How many steps were made so far. */
  steps(): number
  /** What each step was, e.g. `update exchangeItems/item-demo-water` (index 0 is step 1). */
  log: string[]
  /** Whether the planned fault happened. */
  tripped(): boolean
}

export function faultyStore(inner: AppStore, plan?: FaultPlan): FaultyStore {
  const log: string[] = []
  let dead = false
  let tripped = false
  let failNext = false

  /**
   * Numbers one step and decides its fate: `run` applies it. Returns the step's result, or throws the
   * injected fault (before or after applying it, by the plan).
   */
  async function step<T>(label: string, run: () => Promise<T>): Promise<T> {
    log.push(label)
    const n = log.length
    if (dead) throw new InjectedFault(`step ${n} (${label}): the process is dead`)
    if (failNext) {
      failNext = false
      throw new InjectedFault(`step ${n} (${label}): failed after a lost reply`)
    }
    if (!plan || n !== plan.at) return run()
    tripped = true
    switch (plan.mode) {
      case 'kill':
        dead = true
        throw new InjectedFault(`step ${n} (${label}): killed before it`)
      case 'fail':
        throw new InjectedFault(`step ${n} (${label}): failed, not applied`)
      case 'lost':
      case 'lost-then-fail':
        await run()
        if (plan.mode === 'lost-then-fail') failNext = true
        throw new InjectedFault(`step ${n} (${label}): applied, reply lost`)
    }
  }

  function documentOps<T extends Document>(name: string, ops: DocumentOps<T>, where: string, onFault?: () => void) {
    const guarded = <R>(label: string, run: () => Promise<R>) =>
      step(`${where}${label}`, run).catch((error: unknown) => {
        if (error instanceof InjectedFault) onFault?.()
        throw error
      })
    const wrapped: DocumentOps<T> = {
      get: (id) => guarded(`get ${name}/${id}`, () => ops.get(id)),
      insert: (doc) => guarded(`insert ${name}/${doc._id}`, () => ops.insert(doc)),
      put: (doc) => guarded(`put ${name}/${doc._id}`, () => ops.put(doc)),
      update: (id, change, guard) => guarded(`update ${name}/${id}`, () => ops.update(id, change, guard)),
      remove: (id) => guarded(`remove ${name}/${id}`, () => ops.remove(id)),
    }
    return wrapped
  }

  function collection<T extends Document>(name: string, real: Collection<T>): Collection<T> {
    return {
      ...documentOps(name, real, ''),
      find: (filter, options) => step(`find ${name}`, () => real.find(filter, options)),
      count: (filter) => step(`count ${name}`, () => real.count(filter)),
      removeWhere: (filter) => step(`removeWhere ${name}`, () => real.removeWhere(filter)),
    }
  }

  async function transaction<R>(fn: (tx: Transaction<Collections>) => Promise<R>): Promise<R> {
    // (boxes: the closures below set them, which TypeScript's narrowing of a plain `let` does not see)
    const commit: { lost: InjectedFault | null } = { lost: null }
    const value = await inner.transaction(async (tx) => {
      const doom: { fault: InjectedFault | null } = { fault: null }
      const handle: Transaction<Collections> = {
        collection: (name) =>
          documentOps(name, tx.collection(name), 'tx ', () => {
            doom.fault ??= new InjectedFault('a step of this transaction failed: it rolls back')
          }),
      }
      const result = await fn(handle)
      if (doom.fault) throw doom.fault
      // The commit is a step too: killed or failed before it, the transaction rolls back; "lost", it commits
      // and the caller is told otherwise.
      await step('commit', async () => undefined).catch((error: unknown) => {
        if (!(error instanceof InjectedFault)) throw error
        if (plan && log.length === plan.at && (plan.mode === 'lost' || plan.mode === 'lost-then-fail')) {
          commit.lost = error
          return
        }
        throw error
      })
      return result
    })
    if (commit.lost) throw commit.lost
    return value
  }

  const store: Store<Collections> = {
    collection: (name) => collection(name, inner.collection(name)),
    transaction,
    close: () => inner.close(),
  }
  return { store, steps: () => log.length, log, tripped: () => tripped }
}
