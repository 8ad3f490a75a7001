/**
 * Translation of normalised filters, orderings and changes into SQLite SQL over `(id TEXT, doc BLOB)` (JSONB)
 * tables holding JSON documents.
 *
 * Every field is read as `json_extract(doc,'$.<path>')`, the same text the indexes are created on, so
 * SQLite's planner can use those expression indexes. Paths are validated (letters, digits, `_`, dots)
 * before they are spliced into SQL; values are always bound parameters.
 *
 * json_extract turns JSON true/false into 1/0 and JSON objects/arrays into text, so each comparison also
 * checks `json_type` to keep CloudBase's (MongoDB's) rule that values only match values of the same type.
 */
import type { Scalar, SortDirection } from './port'
import { invalid, type Condition, type NormalizedChange } from './validate'

export type SqlValue = string | number | bigint | null

export interface Sql {
  text: string
  params: SqlValue[]
}

const NUMBER_TYPES = "('integer','real')"

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

function jsonPath(path: string): string {
  return `'$.${path}'`
}

/** The SQL expression for a field; `_id` is the primary-key column. */
export function fieldExpr(path: string): string {
  return path === '_id' ? 'id' : `json_extract(doc,${jsonPath(path)})`
}

function jsonType(path: string): string {
  return `json_type(doc,${jsonPath(path)})`
}

export function indexSql(table: string, fields: readonly string[]): string {
  // Each field is indexed with its JSON type, so filters (which check both) are answered from the index alone.
  // The `_typed` suffix tells these apart from the value-only indexes of databases made before.
  const name = quoteIdent(`idx_${table}_${fields.join('_').replace(/\./g, '_')}_typed`)
  const columns = fields.flatMap((f) => (f === '_id' ? ['id'] : [fieldExpr(f), jsonType(f)]))
  return `CREATE INDEX IF NOT EXISTS ${name} ON ${quoteIdent(table)}(${columns.join(', ')})`
}

export function whereSql(conditions: readonly Condition[]): Sql {
  if (conditions.length === 0) return { text: '1', params: [] }
  const parts = conditions.map(conditionSql)
  return { text: parts.map((p) => p.text).join(' AND '), params: parts.flatMap((p) => p.params) }
}

export function orderSql(orderBy: ReadonlyArray<[string, SortDirection]>): string {
  if (orderBy.length === 0) return ''
  return ` ORDER BY ${orderBy.map(([path, dir]) => `${fieldExpr(path)} ${dir === 'asc' ? 'ASC' : 'DESC'}`).join(', ')}`
}

function conditionSql(condition: Condition): Sql {
  const { path } = condition
  switch (condition.op) {
    case 'eq':
      return equalsSql(path, condition.value)
    case 'ne':
      if (condition.value === null) return { text: `${fieldExpr(path)} IS NOT NULL`, params: [] }
      // `IS NOT 1` (not `NOT (...)`): the equality yields NULL for a missing field, which must count as "not equal".
      return wrap(equalsSql(path, condition.value), (t) => `(${t}) IS NOT 1`)
    case 'in':
      return inSql(path, condition.value)
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return rangeSql(path, condition.op, condition.value)
  }
}

function equalsSql(path: string, value: Scalar): Sql {
  const e = fieldExpr(path)
  if (path === '_id') return typeof value === 'string' ? { text: 'id = ?', params: [value] } : never()
  if (value === null) return { text: `${e} IS NULL`, params: [] }
  if (typeof value === 'string') return { text: `(${e} = ? AND ${jsonType(path)} = 'text')`, params: [value] }
  if (typeof value === 'number') return { text: `(${e} = ? AND ${jsonType(path)} IN ${NUMBER_TYPES})`, params: [value] }
  // Booleans: `e = 1` lets an index on the field be used; json_type tells true from the number 1.
  return { text: `(${e} = ? AND ${jsonType(path)} = '${value ? 'true' : 'false'}')`, params: [value ? 1 : 0] }
}

function inSql(path: string, values: readonly Scalar[]): Sql {
  const e = fieldExpr(path)
  const strings = values.filter((v): v is string => typeof v === 'string')
  if (path === '_id') return strings.length ? { text: `id IN (${marks(strings)})`, params: strings } : never()
  const numbers = values.filter((v): v is number => typeof v === 'number')
  const parts: Sql[] = []
  if (strings.length)
    parts.push({ text: `(${e} IN (${marks(strings)}) AND ${jsonType(path)} = 'text')`, params: strings })
  if (numbers.length) {
    parts.push({ text: `(${e} IN (${marks(numbers)}) AND ${jsonType(path)} IN ${NUMBER_TYPES})`, params: numbers })
  }
  for (const b of [true, false]) if (values.includes(b)) parts.push(equalsSql(path, b))
  if (values.includes(null)) parts.push(equalsSql(path, null))
  if (parts.length === 0) return never()
  return { text: `(${parts.map((p) => p.text).join(' OR ')})`, params: parts.flatMap((p) => p.params) }
}

const RANGE_OPS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const

function rangeSql(path: string, op: keyof typeof RANGE_OPS, bound: number | string): Sql {
  const sqlOp = RANGE_OPS[op]
  if (path === '_id') return typeof bound === 'string' ? { text: `id ${sqlOp} ?`, params: [bound] } : never()
  const type = typeof bound === 'number' ? `IN ${NUMBER_TYPES}` : "= 'text'"
  return { text: `(${fieldExpr(path)} ${sqlOp} ? AND ${jsonType(path)} ${type})`, params: [bound] }
}

/**
 * The expression computing the changed document from `doc`. json_set evaluates its path/value pairs left
 * to right against the original `doc`, which is fine because normalizeChange refuses overlapping paths;
 * it creates missing intermediate objects, as MongoDB's $set and $inc do.
 */
export function changeSql(change: NormalizedChange): Sql {
  let text = 'doc'
  const params: SqlValue[] = []
  const pairs: string[] = []
  for (const [path, value] of change.set) {
    pairs.push(`${jsonPath(path)}, json(?)`)
    params.push(toJsonText(path, value))
  }
  for (const [path, amount] of change.inc) {
    // A missing field counts as 0, as with $inc. Integers are bound as integers so `5 + 1` stays `6`, not `6.0`.
    pairs.push(`${jsonPath(path)}, COALESCE(${fieldExpr(path)}, 0) + ?`)
    params.push(Number.isSafeInteger(amount) ? BigInt(amount) : amount)
  }
  if (pairs.length) text = `jsonb_set(${text}, ${pairs.join(', ')})`
  if (change.unset.length) text = `jsonb_remove(${text}, ${change.unset.map(jsonPath).join(', ')})`
  return { text, params }
}

function toJsonText(path: string, value: unknown): string {
  let text: string | undefined
  try {
    text = JSON.stringify(value)
  } catch {
    text = undefined
  }
  if (text === undefined) throw invalid(`value for ${path} is not JSON`)
  return text
}

function marks(values: readonly unknown[]): string {
  return values.map(() => '?').join(',')
}

function wrap(sql: Sql, f: (text: string) => string): Sql {
  return { text: f(sql.text), params: sql.params }
}

/** A condition that can never hold (e.g. `_id` compared with a number). */
function never(): Sql {
  return { text: '0', params: [] }
}
