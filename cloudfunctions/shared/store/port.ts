/**
 * The store port: a small document-store interface that both the embedded SQLite adapter and the
 * CloudBase adapter implement with the same observable behaviour (one contract suite runs on both).
 *
 * It deliberately offers only what CloudBase can do:
 * - reads return at most MAX_LIMIT documents (DEFAULT_LIMIT when no limit is given);
 * - transactions may only touch single documents by id (get / insert / update / remove), never a filter;
 * - `insert` fails with DUPLICATE on an existing id, which is how idempotency keys work;
 * - `update` can be guarded by a filter on the same document (optimistic concurrency, guarded decrement)
 *   and reports whether it changed the document.
 */

export type Scalar = string | number | boolean | null

/**
 * Conditions on one field. A bare scalar means equality. Several operators on one field are ANDed.
 * Semantics are CloudBase's (MongoDB's) for scalar fields: `eq: null` matches a missing or null field,
 * `ne: x` also matches a missing field, and values only match values of the same type (`gt: 5` never
 * matches a string, `eq: true` never matches the number 1). Fields holding arrays or objects are not
 * supported in filters (MongoDB would match array elements; SQLite would not).
 */
export interface FieldOps {
  eq?: Scalar
  ne?: Scalar
  in?: Scalar[]
  gt?: number | string
  gte?: number | string
  lt?: number | string
  lte?: number | string
}
export type FieldCondition = Scalar | FieldOps

/**
 * Keys are field paths, dotted for nested fields (`location.lat`); `_id` is a field too. All entries are
 * ANDed. Path segments are letters, digits and `_`, not starting with a digit; an `undefined` value is
 * refused (StoreError INVALID_QUERY) rather than ignored.
 */
export type Filter = Record<string, FieldCondition>

export type SortDirection = 'asc' | 'desc'

export interface FindOptions {
  /** Missing values sort first ascending, last descending. The order of ties is unspecified. */
  orderBy?: Array<[field: string, direction: SortDirection]>
  /** 1..MAX_LIMIT, else INVALID_QUERY; DEFAULT_LIMIT when absent (as CloudBase does). */
  limit?: number
  skip?: number
}

export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000

/**
 * A change to one document. `set` keys may be dotted paths (missing parents are created) and an object or
 * array value replaces the field whole; `undefined` values are skipped. `inc` adds to numeric fields (a
 * missing one counts as 0). Touching `_id`, one path twice, or a path and its parent is INVALID_QUERY.
 */
export interface Change {
  set?: Record<string, unknown>
  inc?: Record<string, number>
  unset?: string[]
}

export interface Document {
  _id: string
}

/** Single-document operations: the only ones allowed inside a transaction. */
export interface DocumentOps<T extends Document> {
  get(id: string): Promise<T | null>
  /** Rejects with StoreError('DUPLICATE') when the id exists. */
  insert(doc: T): Promise<void>
  /** Replaces the whole document (creates it if missing). */
  put(doc: T): Promise<void>
  /**
   * Applies `change` to document `id` only if it exists and matches `guard` (fields of the same document),
   * atomically. Resolves true when the document was modified; false when it is missing, the guard is not
   * met, or the change would leave it as it was (CloudBase counts such an update as not updated).
   */
  update(id: string, change: Change, guard?: Filter): Promise<boolean>
  /** Resolves true when a document was removed. */
  remove(id: string): Promise<boolean>
}

export interface Collection<T extends Document> extends DocumentOps<T> {
  find(filter?: Filter, options?: FindOptions): Promise<T[]>
  count(filter?: Filter): Promise<number>
  /**
   * Removes every document matching `filter` on the server side (a batch per request, not a request per
   * document) and resolves how many went. The filter must not be empty (INVALID_QUERY): nothing removes a
   * whole collection by accident. Not atomic: it may work in batches, so a matching document inserted
   * meanwhile may or may not go. Not available inside a transaction.
   */
  removeWhere(filter: Filter): Promise<number>
}

export interface Transaction<M extends CollectionMap> {
  collection<K extends keyof M & string>(name: K): DocumentOps<M[K]>
}

export type CollectionMap = Record<string, Document>

export interface Store<M extends CollectionMap> {
  /**
   * Never throws; an invalid name (letters, digits and `_`, not starting with a digit or `sqlite_`) makes
   * every operation reject with INVALID_QUERY.
   */
  collection<K extends keyof M & string>(name: K): Collection<M[K]>
  /**
   * Runs `fn` atomically. Only single-document operations by id are available inside; use the handle,
   * not the store (the SQLite store refuses that, since it would wait for the transaction to end). The
   * function may be re-run on a write conflict (CloudBase retries), so it must not have side effects
   * outside the store; when conflicts persist it rejects with CONFLICT. A rejection from `fn` rolls
   * everything back and is re-thrown unchanged. A failed operation inside (e.g. DUPLICATE) dooms the
   * transaction even if `fn` catches it: it rolls back and rejects with that error.
   */
  transaction<R>(fn: (tx: Transaction<M>) => Promise<R>): Promise<R>
  close(): Promise<void>
}

export type StoreErrorKind = 'DUPLICATE' | 'INVALID_QUERY' | 'CONFLICT' | 'UNAVAILABLE'

export class StoreError extends Error {
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    /** `cause`: the underlying driver or SDK error, kept for logs. */
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'StoreError'
  }
}
