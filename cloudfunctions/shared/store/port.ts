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

/** Conditions on one field. A bare scalar means equality. Several operators on one field are ANDed. */
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

/** Keys are field paths, dotted for nested fields (`location.lat`). All entries are ANDed. */
export type Filter = Record<string, FieldCondition>

export type SortDirection = 'asc' | 'desc'

export interface FindOptions {
  orderBy?: Array<[field: string, direction: SortDirection]>
  /** 1..MAX_LIMIT; DEFAULT_LIMIT when absent (as CloudBase does). */
  limit?: number
  skip?: number
}

export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000

/** A change to one document. `set` keys may be dotted paths; `inc` adds to numeric fields. */
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
   * Applies `change` to document `id` only if it exists and matches `guard` (fields of the same document).
   * Resolves true when the document was changed, false otherwise (missing or guard not met).
   */
  update(id: string, change: Change, guard?: Filter): Promise<boolean>
  /** Resolves true when a document was removed. */
  remove(id: string): Promise<boolean>
}

export interface Collection<T extends Document> extends DocumentOps<T> {
  find(filter?: Filter, options?: FindOptions): Promise<T[]>
  count(filter?: Filter): Promise<number>
}

export interface Transaction<M extends CollectionMap> {
  collection<K extends keyof M & string>(name: K): DocumentOps<M[K]>
}

export type CollectionMap = Record<string, Document>

export interface Store<M extends CollectionMap> {
  collection<K extends keyof M & string>(name: K): Collection<M[K]>
  /**
   * Runs `fn` atomically. Only single-document operations by id are available inside. The function may be
   * re-run on a write conflict (CloudBase retries), so it must not have side effects outside the store.
   * A rejection from `fn` rolls everything back and is re-thrown unchanged.
   */
  transaction<R>(fn: (tx: Transaction<M>) => Promise<R>): Promise<R>
  close(): Promise<void>
}

export type StoreErrorKind = 'DUPLICATE' | 'INVALID_QUERY' | 'CONFLICT' | 'UNAVAILABLE'

export class StoreError extends Error {
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
  ) {
    super(message)
    this.name = 'StoreError'
  }
}
