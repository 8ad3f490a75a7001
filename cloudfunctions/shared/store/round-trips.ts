import type { Collection, CollectionMap, DocumentOps, Store, Transaction } from './port'

/**
 * Store calls as CloudBase pays for them: every call is a network round trip (inside a transaction too, plus
 * one to start it and one to commit it). `calls` is how many a request made; `depth` how many it waited for one
 * after another — calls running together (Promise.all) count once in the depth. A call's place in the chain is
 * one more than the deepest call that had finished when it started.
 */
export interface RoundTrips {
  calls: number
  depth: number
}

export interface CountingStore<M extends CollectionMap> {
  store: Store<M>
  counted: () => RoundTrips
}

/** Wraps a store so that its calls are counted (and, with `latencyMs`, each waits that long, as a network does). */
export function countRoundTrips<M extends CollectionMap>(
  inner: Store<M>,
  { latencyMs = 0 }: { latencyMs?: number } = {},
): CountingStore<M> {
  let calls = 0
  let finished = 0
  let depth = 0
  const trip = async <T>(run: () => Promise<T>): Promise<T> => {
    const level = finished + 1
    calls++
    depth = Math.max(depth, level)
    try {
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs))
      return await run()
    } finally {
      finished = Math.max(finished, level)
    }
  }
  const ops = <T extends { _id: string }>(real: DocumentOps<T>): DocumentOps<T> => ({
    get: (id) => trip(() => real.get(id)),
    insert: (doc) => trip(() => real.insert(doc)),
    put: (doc) => trip(() => real.put(doc)),
    update: (id, change, guard) => trip(() => real.update(id, change, guard)),
    remove: (id) => trip(() => real.remove(id)),
  })
  const collection = <T extends { _id: string }>(real: Collection<T>): Collection<T> => ({
    ...ops(real),
    find: (filter, options) => trip(() => real.find(filter, options)),
    count: (filter) => trip(() => real.count(filter)),
    removeWhere: (filter) => trip(() => real.removeWhere(filter)),
  })
  const store: Store<M> = {
    collection: (name) => collection(inner.collection(name)),
    async transaction(fn) {
      await trip(() => Promise.resolve()) // start
      const result = await inner.transaction((tx) => {
        const handle: Transaction<M> = { collection: (name) => ops(tx.collection(name)) }
        return fn(handle)
      })
      await trip(() => Promise.resolve()) // commit
      return result
    },
    close: () => inner.close(),
  }
  return { store, counted: () => ({ calls, depth }) }
}
