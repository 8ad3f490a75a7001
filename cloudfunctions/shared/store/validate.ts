/**
 * Validation and normalisation of what callers hand to the store, shared by both adapters so that they
 * reject exactly the same inputs with StoreError('INVALID_QUERY'). Pure: no I/O, no adapter imports.
 */
import {
  DEFAULT_LIMIT,
  MAX_LIMIT,
  StoreError,
  type Change,
  type FieldOps,
  type Filter,
  type FindOptions,
  type Scalar,
  type SortDirection,
} from './port'

export type Op = 'eq' | 'ne' | 'in' | 'gt' | 'gte' | 'lt' | 'lte'

/** One condition on one field; a Filter becomes a list of these, all ANDed. */
export type Condition =
  | { path: string; op: 'eq' | 'ne'; value: Scalar }
  | { path: string; op: 'in'; value: Scalar[] }
  | { path: string; op: 'gt' | 'gte' | 'lt' | 'lte'; value: number | string }

export interface NormalizedFind {
  orderBy: Array<[string, SortDirection]>
  limit: number
  skip: number
}

export interface NormalizedChange {
  /** Values are JSON-serialisable; `undefined` entries were dropped (as JSON and the CloudBase SDK do). */
  set: Array<[string, unknown]>
  inc: Array<[string, number]>
  unset: string[]
}

const OPS: readonly Op[] = ['eq', 'ne', 'in', 'gt', 'gte', 'lt', 'lte']
// Collection names end up as SQLite table names and CloudBase collection names: keep to the common subset.
const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/
// Segments must not start with a digit: `items.0` means "array element 0" to CloudBase (MongoDB) but
// "key '0'" to SQLite's JSON paths, so such paths cannot mean the same thing on both and are refused.
const PATH_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/
const MAX_PATH_DEPTH = 8

export function invalid(message: string): StoreError {
  return new StoreError('INVALID_QUERY', message)
}

export function checkCollectionName(name: unknown): string {
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name) || /^sqlite_/i.test(name)) {
    throw invalid(`invalid collection name: ${describe(name)}`)
  }
  return name
}

export function checkFieldPath(path: unknown): string {
  if (typeof path !== 'string') throw invalid(`invalid field path: ${describe(path)}`)
  const segments = path.split('.')
  if (segments.length > MAX_PATH_DEPTH || !segments.every((s) => PATH_SEGMENT.test(s))) {
    throw invalid(`invalid field path: ${describe(path)}`)
  }
  if (segments[0] === '_id' && segments.length > 1) throw invalid(`_id has no nested fields: ${path}`)
  return path
}

export function checkId(id: unknown): string {
  if (typeof id !== 'string') throw invalid(`document id must be a string, got ${describe(id)}`)
  return id
}

/** A document to write: a plain object with a non-empty string `_id`. */
export function checkDocument(doc: unknown): { _id: string } & Record<string, unknown> {
  if (!isPlainObject(doc)) throw invalid('a document must be a plain object')
  const id = doc._id
  if (typeof id !== 'string' || id === '') throw invalid('a document needs a non-empty string _id')
  return { ...doc, _id: id }
}

export function normalizeFilter(filter: Filter | undefined): Condition[] {
  if (filter === undefined) return []
  if (!isPlainObject(filter)) throw invalid('a filter must be a plain object')
  const conditions: Condition[] = []
  for (const [path, condition] of Object.entries(filter)) {
    checkFieldPath(path)
    // An undefined value is refused rather than ignored: `{ ownerId: maybeUndefined }` silently matching
    // every document is the kind of bug that leaks data.
    if (condition === undefined) throw invalid(`filter value for ${path} is undefined`)
    if (isScalar(condition)) {
      conditions.push({ path, op: 'eq', value: checkScalar(path, condition) })
      continue
    }
    if (!isPlainObject(condition)) throw invalid(`unsupported filter value for ${path}`)
    const entries = Object.entries(condition as FieldOps)
    if (entries.length === 0) throw invalid(`empty condition for ${path}`)
    for (const [op, value] of entries) {
      conditions.push(normalizeOp(path, op, value))
    }
  }
  return conditions
}

const isOp = (text: string): text is Op => (OPS as readonly string[]).includes(text)

function normalizeOp(path: string, op: string, value: unknown): Condition {
  if (!isOp(op)) throw invalid(`unknown operator ${op} on ${path}`)
  switch (op) {
    case 'eq':
    case 'ne':
      return { path, op, value: checkScalar(path, value) }
    case 'in':
      if (!Array.isArray(value)) throw invalid(`in on ${path} needs an array`)
      return { path, op: 'in', value: value.map((v: unknown) => checkScalar(path, v)) }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const bound = checkScalar(path, value)
      if (typeof bound !== 'number' && typeof bound !== 'string') {
        throw invalid(`${op} on ${path} needs a number or a string`)
      }
      return { path, op, value: bound }
    }
  }
}

function checkScalar(path: string, value: unknown): Scalar {
  if (!isScalar(value)) throw invalid(`filter values must be strings, finite numbers, booleans or null (${path})`)
  return value
}

function isScalar(value: unknown): value is Scalar {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  )
}

export function normalizeFind(options: FindOptions | undefined): NormalizedFind {
  const orderBy: Array<[string, SortDirection]> = []
  for (const entry of options?.orderBy ?? []) {
    if (!Array.isArray(entry) || entry.length !== 2) throw invalid('orderBy entries are [field, direction]')
    const [field, direction] = entry
    if (direction !== 'asc' && direction !== 'desc') throw invalid(`invalid sort direction for ${field}`)
    orderBy.push([checkFieldPath(field), direction])
  }
  const limit = options?.limit ?? DEFAULT_LIMIT
  // CloudBase refuses (its SDK silently clamps) more than MAX_LIMIT documents per query: make it loud.
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw invalid(`limit must be an integer from 1 to ${MAX_LIMIT}, got ${describe(limit)}`)
  }
  const skip = options?.skip ?? 0
  if (!Number.isInteger(skip) || skip < 0) throw invalid(`skip must be a non-negative integer, got ${describe(skip)}`)
  return { orderBy, limit, skip }
}

export function normalizeChange(change: Change): NormalizedChange {
  if (!isPlainObject(change)) throw invalid('a change must be a plain object')
  const set: Array<[string, unknown]> = []
  const inc: Array<[string, number]> = []
  const unset: string[] = []
  if (change.set !== undefined) {
    if (!isPlainObject(change.set)) throw invalid('change.set must be a plain object')
    for (const [path, value] of Object.entries(change.set)) {
      if (value !== undefined) set.push([checkWritablePath(path), value])
    }
  }
  if (change.inc !== undefined) {
    if (!isPlainObject(change.inc)) throw invalid('change.inc must be a plain object')
    for (const [path, amount] of Object.entries(change.inc)) {
      if (typeof amount !== 'number' || !Number.isFinite(amount)) throw invalid(`inc on ${path} needs a finite number`)
      inc.push([checkWritablePath(path), amount])
    }
  }
  if (change.unset !== undefined) {
    if (!Array.isArray(change.unset)) throw invalid('change.unset must be an array of field paths')
    for (const path of change.unset) unset.push(checkWritablePath(path))
  }
  const paths = [...set.map(([p]) => p), ...inc.map(([p]) => p), ...unset]
  if (paths.length === 0) throw invalid('a change must set, inc or unset at least one field')
  // MongoDB (so CloudBase) rejects an update touching one path twice or a path and its parent; refuse it
  // up front so that SQLite, which would silently pick an order, behaves the same.
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      if (overlaps(paths[i], paths[j])) throw invalid(`conflicting paths in one change: ${paths[i]} and ${paths[j]}`)
    }
  }
  return { set, inc, unset }
}

function checkWritablePath(path: unknown): string {
  const checked = checkFieldPath(path)
  if (checked === '_id') throw invalid('_id cannot be changed')
  return checked
}

function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`)
}

/** Tag-based rather than prototype-based, so objects from another realm (jest's vm contexts) still count. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === '[object Object]'
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)
  return typeof value === 'number' ? String(value) : typeof value
}
