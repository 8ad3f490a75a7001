/**
 * The production store adapter: wx-server-sdk's `cloud.database()` behind the store port.
 *
 * The SDK's own typings are loose (results typed `Promise<…> | void | string`, `any` everywhere), so this
 * file declares the few parts it uses and checks the shape of every result before trusting it.
 *
 * Must not import the SQLite adapter (cloud function bundles must not pull in better-sqlite3).
 */
import { matchesConditions } from './match'
import {
  StoreError,
  type Collection,
  type CollectionMap,
  type Document,
  type DocumentOps,
  type Filter,
  type FindOptions,
  type Store,
  type Transaction,
} from './port'
import {
  checkCollectionName,
  checkDocument,
  checkId,
  invalid,
  isPlainObject,
  normalizeChange,
  normalizeFilter,
  normalizeFind,
  type Condition,
  type NormalizedChange,
} from './validate'

// ---- The parts of wx-server-sdk this adapter uses (wx-server-sdk's DB.Database satisfies them) ----

/** What the SDK's promise-returning methods are typed as. */
export type SdkResult = Promise<unknown> | void | string

export interface CloudBaseQueryCommand {
  and(...commands: CloudBaseQueryCommand[]): CloudBaseQueryCommand
}

export interface CloudBaseCommand {
  eq(value: unknown): CloudBaseQueryCommand
  neq(value: unknown): CloudBaseQueryCommand
  gt(value: unknown): CloudBaseQueryCommand
  gte(value: unknown): CloudBaseQueryCommand
  lt(value: unknown): CloudBaseQueryCommand
  lte(value: unknown): CloudBaseQueryCommand
  in(values: unknown[]): CloudBaseQueryCommand
  set(value: unknown): object
  inc(amount: number): object
  remove(): object
}

export interface CloudBaseQuery {
  where(condition: Record<string, unknown>): CloudBaseQuery
  remove(): SdkResult
  orderBy(field: string, order: string): CloudBaseQuery
  skip(offset: number): CloudBaseQuery
  limit(max: number): CloudBaseQuery
  get(): SdkResult
  count(): SdkResult
  update(options: { data: Record<string, unknown> }): SdkResult
}

export interface CloudBaseDocumentRef {
  get(): SdkResult
  set(options: { data: Record<string, unknown> }): SdkResult
  update(options: { data: Record<string, unknown> }): SdkResult
  remove(): SdkResult
}

export interface CloudBaseCollectionRef extends CloudBaseQuery {
  doc(id: string): CloudBaseDocumentRef
  add(options: { data: Record<string, unknown> }): SdkResult
}

/** Inside `runTransaction` CloudBase offers only by-id document operations and `add`. */
export interface CloudBaseTransaction {
  collection(name: string): Pick<CloudBaseCollectionRef, 'doc' | 'add'>
}

export interface CloudBaseDatabase {
  readonly command: CloudBaseCommand
  collection(name: string): CloudBaseCollectionRef
  runTransaction(run: (transaction: CloudBaseTransaction) => Promise<unknown>, retries?: number): Promise<unknown>
}

// ---- The adapter ----

/** removeWhere's bound on requests, against a service that keeps answering "removed some". */
const MAX_REMOVE_ROUNDS = 1000

/** Attempts per transaction when CloudBase reports a write conflict (it runs with snapshot isolation). */
const TRANSACTION_ATTEMPTS = 5

export function createCloudBaseStore<M extends CollectionMap>(db: CloudBaseDatabase): Store<M> {
  const _ = db.command

  function collection<T extends Document>(name: string): Collection<T> {
    const ref = () => db.collection(checkCollectionName(name))
    return {
      get: (id) =>
        attempt(async () => {
          const where = toWhere(_, [{ path: '_id', op: 'eq', value: checkId(id) }])
          const data = readList(await settle(ref().where(where).limit(1).get()))
          return data.length ? toDocument<T>(name, data[0]) : null
        }),
      insert: (doc) =>
        attempt(async () => {
          await settle(ref().add({ data: checkDocument(doc) }))
        }),
      put: (doc) =>
        attempt(async () => {
          const { _id, ...fields } = checkDocument(doc)
          if (Object.keys(fields).length === 0) {
            // `set` refuses empty data; replace atomically with remove + add instead.
            await db.runTransaction(async (t) => {
              await settle(t.collection(name).doc(_id).remove())
              await settle(t.collection(name).add({ data: { _id } }))
            }, 3)
            return
          }
          await settle(ref().doc(_id).set({ data: fields }))
        }),
      update: (id, change, guard) =>
        attempt(async () => {
          const data = toUpdateData(_, normalizeChange(change))
          const where = toWhere(_, [{ path: '_id', op: 'eq', value: checkId(id) }, ...normalizeFilter(guard)])
          // One conditional update: atomic on the server, which is what makes guarded decrements safe.
          return readStat(await settle(ref().where(where).update({ data })), 'updated') > 0
        }),
      remove: (id) => attempt(async () => readStat(await settle(ref().doc(checkId(id)).remove()), 'removed') > 0),
      find: (filter, options) => attempt(() => find<T>(name, ref, filter, options)),
      count: (filter) =>
        attempt(async () => {
          const query = ref().where(toWhere(_, normalizeFilter(filter)))
          return readNumber(await settle(query.count()), 'total')
        }),
      removeWhere: (filter) =>
        attempt(async () => {
          const conditions = normalizeFilter(filter)
          if (conditions.length === 0) throw invalid('removeWhere needs a filter')
          // `where().remove()` deletes on the server; repeated in case the service caps one request.
          let removed = 0
          for (let round = 0; round < MAX_REMOVE_ROUNDS; round++) {
            const batch = readStat(await settle(ref().where(toWhere(_, conditions)).remove()), 'removed')
            removed += batch
            if (batch === 0) break
          }
          return removed
        }),
    }
  }

  async function find<T>(
    name: string,
    ref: () => CloudBaseCollectionRef,
    filter?: Filter,
    options?: FindOptions,
  ): Promise<T[]> {
    const conditions = normalizeFilter(filter)
    const { orderBy, limit, skip } = normalizeFind(options)
    let query: CloudBaseQuery = ref().where(toWhere(_, conditions))
    for (const [field, direction] of orderBy) query = query.orderBy(field, direction)
    if (skip > 0) query = query.skip(skip)
    // Always explicit: the SDK would silently clamp anything above 1,000 (normalizeFind refuses it).
    query = query.limit(limit)
    const docs = readList(await settle(query.get())).map((doc) => toDocument<T>(name, doc))
    return docs.filter((doc): doc is T => doc !== null)
  }

  async function transaction<R>(fn: (tx: Transaction<M>) => Promise<R>): Promise<R> {
    for (let attemptNo = 1; ; attemptNo++) {
      const state: AttemptState = { failure: null, finished: false }
      let outcome: { value: R } | undefined
      try {
        // Retries are ours (times = 0 for the SDK): the SDK only retries conflicts reported by commit,
        // while conflicts reported by an operation reach us wrapped without their code.
        await db.runTransaction(async (t) => {
          const value = await fn(transactionHandle(t, state))
          if (state.failure) throw state.failure.error
          outcome = { value }
        }, 0)
      } catch (error) {
        const conflict = isConflict(error) || (state.failure !== null && isConflict(state.failure.error))
        if (!conflict) throw error
        if (attemptNo >= TRANSACTION_ATTEMPTS) {
          const message = `transaction still conflicting after ${attemptNo} attempts`
          throw new StoreError('CONFLICT', message, { cause: error })
        }
        await sleep(attemptNo * 15 + Math.random() * 25)
        continue
      } finally {
        state.finished = true
      }
      if (!outcome) throw new StoreError('UNAVAILABLE', 'runTransaction resolved without running the transaction')
      return outcome.value
    }
  }

  function transactionHandle(t: CloudBaseTransaction, state: AttemptState): Transaction<M> {
    const op = async <T>(run: () => Promise<T>): Promise<T> => {
      if (state.finished) throw invalid('this transaction has already finished')
      try {
        return await run()
      } catch (error) {
        const mapped = toStoreError(error)
        // The first failed operation dooms the attempt even if the caller catches it: CloudBase (MongoDB)
        // aborts a transaction whose operation failed, and SQLite is made to behave the same.
        state.failure ??= { error: mapped }
        throw mapped
      }
    }
    return {
      collection: <K extends keyof M & string>(name: K): DocumentOps<M[K]> => {
        const ref = () => t.collection(checkCollectionName(name))
        const read = async (id: string): Promise<M[K] | null> => {
          let result: Record<string, unknown>
          try {
            result = await settle(ref().doc(checkId(id)).get())
          } catch (error) {
            if (isNotFound(error)) return null
            throw error
          }
          // In a transaction `data` is the document (or null); outside it is a list.
          const data: unknown = Array.isArray(result.data) ? result.data[0] : result.data
          return data === undefined || data === null ? null : toDocument<M[K]>(name, data)
        }
        return {
          get: (id) => op(() => read(id)),
          insert: (doc) =>
            op(async () => {
              await settle(ref().add({ data: checkDocument(doc) }))
            }),
          put: (doc) =>
            op(async () => {
              const { _id, ...fields } = checkDocument(doc)
              if (Object.keys(fields).length === 0) {
                await settle(ref().doc(_id).remove())
                await settle(ref().add({ data: { _id } }))
                return
              }
              await settle(ref().doc(_id).set({ data: fields }))
            }),
          update: (id, change, guard) =>
            op(async () => {
              const data = toUpdateData(_, normalizeChange(change))
              const conditions = normalizeFilter(guard)
              // No `where` inside a CloudBase transaction: read, check the guard here, update by id. Snapshot
              // isolation makes this safe: if the document changed meanwhile, the update conflicts and we retry.
              const current = await read(id)
              if (current === null || !matchesConditions(current, conditions)) return false
              return readStat(await settle(ref().doc(id).update({ data })), 'updated') > 0
            }),
          remove: (id) => op(async () => readStat(await settle(ref().doc(checkId(id)).remove()), 'removed') > 0),
        }
      },
    }
  }

  return {
    collection: <K extends keyof M & string>(name: K) => collection<M[K]>(name),
    transaction,
    // The SDK keeps no connection of its own to close.
    close: async () => undefined,
  }
}

interface AttemptState {
  failure: { error: unknown } | null
  finished: boolean
}

// ---- Translation to the SDK's query and update objects ----

/** Conditions → a `where` object: dotted keys for nested fields, several commands on one field ANDed. */
function toWhere(_: CloudBaseCommand, conditions: readonly Condition[]): Record<string, unknown> {
  const byPath = new Map<string, Condition[]>()
  for (const c of conditions) byPath.set(c.path, [...(byPath.get(c.path) ?? []), c])
  const where: Record<string, unknown> = {}
  for (const [path, list] of byPath) {
    if (list.length === 1 && list[0].op === 'eq') {
      where[path] = list[0].value // a plain value is equality (null also matches a missing field)
      continue
    }
    const [first, ...rest] = list.map((c) => toCommand(_, c))
    where[path] = rest.length ? first.and(...rest) : first
  }
  return where
}

function toCommand(_: CloudBaseCommand, c: Condition): CloudBaseQueryCommand {
  switch (c.op) {
    case 'eq':
      return _.eq(c.value)
    case 'ne':
      return _.neq(c.value)
    case 'in':
      return _.in(c.value)
    case 'gt':
      return _.gt(c.value)
    case 'gte':
      return _.gte(c.value)
    case 'lt':
      return _.lt(c.value)
    case 'lte':
      return _.lte(c.value)
  }
}

function toUpdateData(_: CloudBaseCommand, change: NormalizedChange): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  for (const [path, value] of change.set) {
    // The SDK flattens plain objects in update data into dotted paths (a merge, and `{}` vanishes) and
    // arrays into `path.0`, `path.1`…; `_.set` makes the value replace the field whole, like $set.
    data[path] = typeof value === 'object' && value !== null ? _.set(value) : value
  }
  for (const [path, amount] of change.inc) data[path] = _.inc(amount)
  for (const path of change.unset) data[path] = _.remove()
  return data
}

// ---- Reading SDK results ----

/** Awaits an SDK call whose typing admits `void | string`, and insists on an object result. */
async function settle(result: SdkResult): Promise<Record<string, unknown>> {
  if (!isThenable(result)) {
    throw new StoreError('UNAVAILABLE', 'the CloudBase SDK returned no promise (cloud.init not called?)')
  }
  const value: unknown = await result
  if (!isPlainObject(value)) throw new StoreError('UNAVAILABLE', 'unexpected CloudBase SDK result')
  return value
}

function readList(result: Record<string, unknown>): unknown[] {
  if (!Array.isArray(result.data)) throw new StoreError('UNAVAILABLE', 'CloudBase query result without a data list')
  return result.data
}

function readNumber(result: Record<string, unknown>, key: string): number {
  const value = result[key]
  if (typeof value !== 'number') throw new StoreError('UNAVAILABLE', `CloudBase result without a numeric ${key}`)
  return value
}

function readStat(result: Record<string, unknown>, key: 'updated' | 'removed'): number {
  const stats = result.stats
  return isPlainObject(stats) ? readNumber(stats, key) : readNumber({}, key)
}

/**
 * The stored document as the functions wrote it. CloudBase stamps `_openid` on every document a client (the
 * mini-program's own database API) writes, and never on a function's write. Collections are admin-only, so
 * such a document should not exist; if one does (a collection left open, a console mistake), it is a forgery
 * until proven otherwise: it is refused as if absent, and logged. A second line of defence behind the ACL.
 */
function toDocument<T>(collection: string, value: unknown): T | null {
  if (!isPlainObject(value) || typeof value._id !== 'string') {
    throw new StoreError('UNAVAILABLE', 'CloudBase returned a document without a string _id')
  }
  if (value._openid !== undefined) {
    console.error(`[store] refused ${collection}/${value._id}: written by a client (_openid), not by a function`)
    return null
  }
  // The store wrote this document from a value of type T; reading it back gives the same shape.
  return value as T
}

function isThenable(value: unknown): value is Promise<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
}

// ---- Errors ----
// wx-server-sdk rethrows server errors as `Error('<api>:fail <errCode> … <server message>')` and maps codes it
// does not know (such as DATABASE_DUPLICATE_WRITE) to -501001, so the server's code survives only in the
// message: match the code names and MongoDB's own wording.

const DUPLICATE = /DATABASE_DUPLICATE_WRITE|DuplicateWrite|E11000|duplicate key/i
// The service's own wordings, as they reach us through the SDK (-501001 with the server's text), and the
// SDK's code for a conflict reported by commit.
const CONFLICT =
  /TransactionConflict|TransactionBusy|Transaction is conflict|Transaction is busy|DATABASE_TRANSACTION_CONFLICT/i

function errorText(error: unknown): string {
  if (typeof error === 'string') return error
  if (typeof error !== 'object' || error === null) return String(error)
  const { code, errCode, message, errMsg } = error as Record<string, unknown>
  return [code, errCode, message, errMsg]
    .filter((part): part is string | number => typeof part === 'string' || typeof part === 'number')
    .join(' ')
}

function isConflict(error: unknown): boolean {
  if (error instanceof StoreError) return error.kind === 'CONFLICT'
  return CONFLICT.test(errorText(error))
}

function isNotFound(error: unknown): boolean {
  // wx-server-sdk's doc().get() throws this unless the database was created with throwOnNotFound: false.
  return /document with _id .* does not exist/.test(errorText(error))
}

function toStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error
  const text = errorText(error)
  const cause = { cause: error }
  if (DUPLICATE.test(text)) return new StoreError('DUPLICATE', 'a document with this _id already exists', cause)
  if (CONFLICT.test(text)) return new StoreError('CONFLICT', 'write conflict with a concurrent transaction', cause)
  return new StoreError('UNAVAILABLE', `CloudBase: ${text}`, cause)
}

/** Runs one operation and turns SDK failures into StoreErrors. */
async function attempt<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw toStoreError(error)
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
