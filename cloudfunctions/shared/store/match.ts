/**
 * A pure, in-memory evaluation of the port's Filter with CloudBase's (MongoDB's) semantics for scalar
 * fields. The CloudBase adapter uses it to check an update guard inside a transaction, where CloudBase
 * allows only by-id operations (so no `where`): read the document, test the guard here, then update.
 *
 * Semantics, matching both the SQLite translation and CloudBase:
 * - `eq: null` matches a missing field or null; `ne: null` matches a present, non-null field;
 * - `ne: x` also matches documents where the field is missing;
 * - comparisons only match values of the same type (a number bound never matches a string, and
 *   booleans are neither numbers nor strings); strings compare by code point, as MongoDB compares UTF-8;
 * - array or object fields are never equal to a scalar (no MongoDB-style element matching).
 */
import type { Filter, Scalar } from './port'
import { isPlainObject, normalizeFilter, type Condition } from './validate'

export function matches(doc: unknown, filter: Filter | undefined): boolean {
  return matchesConditions(doc, normalizeFilter(filter))
}

export function matchesConditions(doc: unknown, conditions: readonly Condition[]): boolean {
  return conditions.every((condition) => test(getPath(doc, condition.path), condition))
}

/** The value at a dotted path, or undefined when any step is missing or not an object. */
export function getPath(doc: unknown, path: string): unknown {
  let value: unknown = doc
  for (const segment of path.split('.')) {
    if (!isPlainObject(value) || !Object.prototype.hasOwnProperty.call(value, segment)) return undefined
    value = value[segment]
  }
  return value
}

function test(actual: unknown, condition: Condition): boolean {
  switch (condition.op) {
    case 'eq':
      return equals(actual, condition.value)
    case 'ne':
      return !equals(actual, condition.value)
    case 'in':
      return condition.value.some((v) => equals(actual, v))
    case 'gt':
      return compare(actual, condition.value, (c) => c > 0)
    case 'gte':
      return compare(actual, condition.value, (c) => c >= 0)
    case 'lt':
      return compare(actual, condition.value, (c) => c < 0)
    case 'lte':
      return compare(actual, condition.value, (c) => c <= 0)
  }
}

function equals(actual: unknown, expected: Scalar): boolean {
  if (expected === null) return actual === null || actual === undefined
  return typeof actual === typeof expected && actual === expected
}

function compare(actual: unknown, bound: number | string, accept: (c: number) => boolean): boolean {
  if (typeof bound === 'number') return typeof actual === 'number' && accept(Math.sign(actual - bound))
  return typeof actual === 'string' && accept(compareCodePoints(actual, bound))
}

/** Code-point order equals UTF-8 byte order, which is how MongoDB and SQLite (BINARY) order strings. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0
  const ia = a[Symbol.iterator]()
  const ib = b[Symbol.iterator]()
  for (;;) {
    const x = ia.next()
    const y = ib.next()
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1
    const d = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0)
    if (d !== 0) return Math.sign(d)
  }
}
