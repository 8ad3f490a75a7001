/**
 * The in-memory document database behind the CloudBase stand-in (test-only). It answers the database
 * actions that @cloudbase/database (inside wx-server-sdk) sends, with CloudBase's documented behaviour:
 *
 * - collections must exist (created by `database.addCollection` or listed when the stand-in starts);
 *   anything else is DATABASE_COLLECTION_NOT_EXIST, as on CloudBase;
 * - queries are MongoDB queries (evaluated by mingo); 100 documents when no limit is sent, 1,000 at most;
 * - `insertDocument` with an existing `_id` fails with DATABASE_DUPLICATE_WRITE;
 * - `modifyDocument` reports `updated` as the number of documents actually modified (MongoDB's nModified);
 * - transactions: snapshot reads, buffered writes, first-writer-wins write conflicts. A transaction that
 *   writes a document changed since its snapshot fails with the service's TransactionConflict text, one
 *   locked by another open transaction with its TransactionBusy text, and is aborted; non-transactional
 *   writes to a document locked by an open transaction wait until it ends (as in MongoDB). Any failed
 *   operation aborts its transaction. Transactions are only by-id (`queryType: 'DOC'`) and `add`; they
 *   are aborted after 30 s, CloudBase's limit.
 *
 * Not implemented: projections, aggregation, geo queries, watch, indexes (and unique indexes other
 * than `_id`), permissions/`_openid`, request signatures.
 */
import { randomBytes } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'
import { EJSON } from 'bson'
import { Query, update as applyUpdate } from 'mingo'

export type Doc = Record<string, unknown> & { _id: string }

/** A collection's simple permission, as CloudBase names them (the console's default is PRIVATE). */
export type AclTag = 'READONLY' | 'PRIVATE' | 'ADMINWRITE' | 'ADMINONLY'

export interface IndexDefinition {
  name: string
  keys: Array<[field: string, direction: number]>
  unique: boolean
}

interface CollectionMeta {
  acl: AclTag
  indexes: IndexDefinition[]
}

const ID_INDEX: IndexDefinition = { name: '_id_', keys: [['_id', 1]], unique: true }

/** Every collection's current documents, as `snapshot()` took them. */
export type DatabaseSnapshot = ReadonlyMap<string, readonly Doc[]>
type Body = Record<string, unknown>

const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1000
const TRANSACTION_TIMEOUT_MS = 30_000

/** An error answered as `{ code, message }`, the shape the SDK turns into a thrown error. */
export class StandInError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

interface Version {
  at: number
  doc: Doc | null // null: deleted
}

interface Txn {
  id: string
  snapshot: number
  writes: Map<string, { collection: string; id: string; doc: Doc | null }>
  state: 'active' | 'committed' | 'aborted'
  abortedWith?: StandInError
  ended: Promise<void>
  end: () => void
  timer: NodeJS.Timeout
}

export class StandInDatabase {
  private readonly collections = new Map<string, Map<string, Version[]>>()
  /** Permissions and index definitions, kept for the management API (queries do not use the indexes). */
  private readonly meta = new Map<string, CollectionMeta>()
  /** Transactional writes still to fail with the service's conflict text (fault injection for tests). */
  private injectedFailures: Array<'conflict' | 'busy'> = []
  private readonly txns = new Map<string, Txn>()
  private readonly locks = new Map<string, Txn>()
  /** Recently ended transactions, so that a late commit or abort gets a meaningful answer. */
  private readonly ended = new Map<string, Txn>()
  private clock = 0

  constructor(private readonly declared: readonly string[] = []) {
    this.reset()
  }

  /** Drops all data and open transactions; declared collections exist again, empty. */
  reset(): void {
    for (const txn of this.txns.values()) this.finish(txn, 'aborted')
    this.txns.clear()
    this.locks.clear()
    this.collections.clear()
    this.meta.clear()
    this.injectedFailures = []
    for (const name of this.declared) this.createCollection(name)
  }

  // ---- management (see management.ts) ----

  hasCollection(name: string): boolean {
    return this.collections.has(name)
  }

  collectionNames(): string[] {
    return [...this.collections.keys()].sort()
  }

  /** A new, empty collection with the console's defaults: PRIVATE ("creator and admin") and the _id index. */
  createCollection(name: string): void {
    if (!this.collections.has(name)) this.collections.set(name, new Map())
    if (!this.meta.has(name)) this.meta.set(name, { acl: 'PRIVATE', indexes: [ID_INDEX] })
  }

  dropCollection(name: string): void {
    this.collections.delete(name)
    this.meta.delete(name)
  }

  indexesOf(name: string): readonly IndexDefinition[] {
    return this.metaOf(name).indexes
  }

  createIndex(name: string, index: IndexDefinition): void {
    const meta = this.metaOf(name)
    if (meta.indexes.some((i) => i.name === index.name)) {
      throw new StandInError('ResourceInUse', `index ${index.name} exists on ${name}`)
    }
    meta.indexes = [...meta.indexes, index]
  }

  dropIndex(name: string, indexName: string): void {
    const meta = this.metaOf(name)
    meta.indexes = meta.indexes.filter((i) => i.name !== indexName || i.name === ID_INDEX.name)
  }

  aclOf(name: string): AclTag {
    return this.metaOf(name).acl
  }

  setAcl(name: string, acl: AclTag): void {
    this.metaOf(name).acl = acl
  }

  /**
   * A write from the mini-program's own database API (`wx.cloud.database().collection(c).add`), which this
   * project never makes but an attacker can: allowed where the permission lets the creator write (READONLY,
   * PRIVATE), refused for ADMINWRITE and ADMINONLY, and stamped with the writer's `_openid` as CloudBase does.
   */
  clientAdd(openid: string, collection: string, doc: Doc): void {
    const acl = this.aclOf(collection)
    if (acl === 'ADMINWRITE' || acl === 'ADMINONLY') {
      throw new StandInError('DATABASE_PERMISSION_DENIED', `Permission denied: ${collection} is ${acl}`)
    }
    if (this.read(collection, doc._id)) throw duplicate(collection, doc._id)
    this.commitVersion(collection, doc._id, { ...doc, _openid: openid })
  }

  /** Makes the next `count` transactional writes fail with the service's conflict (or busy) text. */
  failTransactionalWrites(count: number, kind: 'conflict' | 'busy'): void {
    this.injectedFailures = Array.from({ length: count }, () => kind)
  }

  private metaOf(name: string): CollectionMeta {
    const meta = this.meta.get(name)
    if (!meta) throw new StandInError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`)
    return meta
  }

  /**
   * The committed state of every collection. Stored documents are never changed in place (a write stores a
   * new version), so the snapshot shares them.
   */
  snapshot(): DatabaseSnapshot {
    const snapshot = new Map<string, Doc[]>()
    for (const name of this.collections.keys()) snapshot.set(name, this.visible(name))
    return snapshot
  }

  /** Drops everything (as `reset`) and puts back the collections and documents of `snapshot`. */
  restore(snapshot: DatabaseSnapshot): void {
    this.reset()
    this.clock++
    for (const [name, docs] of snapshot) {
      this.createCollection(name)
      this.collections.set(name, new Map(docs.map((doc) => [doc._id, [{ at: this.clock, doc }]])))
    }
  }

  /** Commits documents as they would be stored after an EJSON round trip (set-up for tests). */
  load(collection: string, docs: ReadonlyArray<{ _id: string }>): void {
    for (const doc of docs) this.commitVersion(collection, doc._id, toDoc(EJSON.parse(EJSON.stringify(doc))))
  }

  async handle(action: string, body: Body): Promise<Body> {
    switch (action) {
      case 'database.addCollection': {
        const name = str(body, 'collectionName')
        if (!this.collections.has(name)) this.collections.set(name, new Map())
        return {}
      }
      case 'database.getDocument':
        return { data: this.getDocument(body) }
      case 'database.calculateDocument':
        return { data: { total: this.matching(body).length } }
      case 'database.insertDocument':
        return { data: await this.insertDocument(body) }
      case 'database.modifyDocument':
        return { data: await this.modifyDocument(body) }
      case 'database.removeDocument':
        return { data: await this.removeDocument(body) }
      case 'database.startTransaction':
        return { transactionId: this.startTransaction() }
      case 'database.commitTransaction':
        this.commit(this.txn(body, false))
        return {}
      case 'database.abortTransaction':
        this.finish(this.txn(body, false), 'aborted')
        return {}
      default:
        throw new StandInError('INVALID_ACTION', `the stand-in does not implement ${action}`)
    }
  }

  // ---- reads ----

  private getDocument(body: Body): Body {
    const txn = this.optionalTxn(body)
    if (txn) {
      const id = this.byIdQuery(body)
      const doc = this.read(str(body, 'collectionName'), id, txn)
      return { list: doc ? [encode(doc)] : [] }
    }
    const limit = Math.min(optNumber(body, 'limit') ?? DEFAULT_LIMIT, MAX_LIMIT)
    const offset = optNumber(body, 'offset') ?? 0
    const order = optString(body, 'order')
    let cursor = new Query(decodeObject(body.query)).find(this.visible(str(body, 'collectionName')))
    if (order) cursor = cursor.sort(decodeSort(order))
    const list = cursor
      .skip(offset)
      .limit(limit)
      .all()
      .map((doc) => encode(toDoc(doc)))
    return { list, limit, offset }
  }

  /** Latest committed documents matching the request's query, in insertion order. */
  private matching(body: Body): Doc[] {
    if (this.optionalTxn(body)) throw notById()
    const query = new Query(decodeObject(body.query))
    return this.visible(str(body, 'collectionName')).filter((doc) => query.test(doc))
  }

  private visible(collection: string): Doc[] {
    const docs: Doc[] = []
    for (const versions of this.table(collection).values()) {
      const doc = versions[versions.length - 1].doc
      if (doc) docs.push(doc)
    }
    return docs
  }

  /** A document as a transaction sees it: its own writes, else the version current at its snapshot. */
  private read(collection: string, id: string, txn?: Txn): Doc | null {
    const own = txn?.writes.get(key(collection, id))
    if (own) return own.doc
    const versions = this.table(collection).get(id) ?? []
    const limit = txn ? txn.snapshot : Infinity
    for (let i = versions.length - 1; i >= 0; i--) if (versions[i].at <= limit) return versions[i].doc
    return null
  }

  // ---- writes ----

  private async insertDocument(body: Body): Promise<Body> {
    const collection = str(body, 'collectionName')
    const docs = strArray(body, 'data').map((text) => {
      const doc = decodeObject(text)
      return { ...doc, _id: typeof doc._id === 'string' ? doc._id : randomBytes(16).toString('hex') }
    })
    const txn = this.optionalTxn(body)
    const insertedIds: string[] = []
    for (const doc of docs) {
      if (txn) {
        this.txnWrite(txn, collection, doc._id, (current) => {
          if (current) throw duplicate(collection, doc._id)
          return doc
        })
      } else {
        await this.outsideWrite(collection, [doc._id], () => {
          if (this.read(collection, doc._id)) throw duplicate(collection, doc._id)
          this.commitVersion(collection, doc._id, doc)
        })
      }
      insertedIds.push(doc._id)
    }
    return { insertedIds }
  }

  private async modifyDocument(body: Body): Promise<Body> {
    const collection = str(body, 'collectionName')
    const data = decodeObject(body.data)
    const merge = body.merge !== false
    const upsert = body.upsert === true
    const change = (current: Doc | null, id: string): Doc | null => {
      if (!current) return upsert ? { ...withoutId(data), _id: id } : null
      const next = merge ? applyOperators(current, data) : { ...withoutId(data), _id: current._id }
      return isDeepStrictEqual(next, current) ? null : next
    }
    const txn = this.optionalTxn(body)
    if (txn) {
      const id = this.byIdQuery(body)
      let updated = 0
      let upsertedId: string | undefined
      this.txnWrite(txn, collection, id, (current) => {
        const next = change(current, id)
        if (next && current) updated = 1
        if (next && !current) upsertedId = id
        return next ?? undefined // null here means "nothing to write", not "delete"
      })
      return { updated, upsert_id: upsertedId }
    }
    const criteria = decodeObject(body.query)
    const query = new Query(criteria)
    const multi = body.multi !== false
    const targets = () => {
      const found = this.visible(collection).filter((doc) => query.test(doc))
      return multi ? found : found.slice(0, 1)
    }
    // The queried _id counts too: an upsert of an id an open transaction is inserting must wait as well.
    const byId = typeof criteria._id === 'string' ? [criteria._id] : []
    const lockTargets = () => [...targets().map((d) => d._id), ...byId]
    return this.outsideWrite(collection, lockTargets, () => {
      let updated = 0
      const found = targets()
      for (const doc of found) {
        const next = change(doc, doc._id)
        if (next) {
          this.commitVersion(collection, doc._id, next)
          updated++
        }
      }
      if (found.length === 0 && upsert) {
        const id = upsertId(criteria)
        this.commitVersion(collection, id, { ...withoutId(data), _id: id })
        return { updated: 0, upsert_id: id }
      }
      return { updated }
    })
  }

  private async removeDocument(body: Body): Promise<Body> {
    const collection = str(body, 'collectionName')
    const txn = this.optionalTxn(body)
    if (txn) {
      const id = this.byIdQuery(body)
      let deleted = 0
      this.txnWrite(txn, collection, id, (current) => {
        if (!current) return undefined
        deleted = 1
        return null
      })
      return { deleted }
    }
    const query = new Query(decodeObject(body.query))
    const multi = body.multi !== false
    const targets = () => {
      const found = this.visible(collection).filter((doc) => query.test(doc))
      return multi ? found : found.slice(0, 1)
    }
    return this.outsideWrite(
      collection,
      () => targets().map((d) => d._id),
      () => {
        const found = targets()
        for (const doc of found) this.commitVersion(collection, doc._id, null)
        return { deleted: found.length }
      },
    )
  }

  /**
   * A non-transactional write: waits while any target document is locked by an open transaction, then
   * re-selects and applies synchronously (so selection and write are atomic).
   */
  private async outsideWrite<T>(collection: string, ids: string[] | (() => string[]), apply: () => T): Promise<T> {
    this.table(collection)
    for (;;) {
      const targets = typeof ids === 'function' ? ids() : ids
      const holder = targets.map((id) => this.locks.get(key(collection, id))).find((t) => t !== undefined)
      if (!holder) return apply()
      await holder.ended
    }
  }

  private commitVersion(collection: string, id: string, doc: Doc | null): void {
    this.clock++
    const table = this.table(collection)
    const versions = table.get(id) ?? []
    versions.push({ at: this.clock, doc })
    table.set(id, versions)
    this.prune(table, id)
  }

  /** Keeps only the versions an open transaction may still read. */
  private prune(table: Map<string, Version[]>, id: string): void {
    const versions = table.get(id)
    if (!versions) return
    let oldest = Infinity
    for (const txn of this.txns.values()) if (txn.state === 'active') oldest = Math.min(oldest, txn.snapshot)
    let keepFrom = versions.length - 1
    while (keepFrom > 0 && versions[keepFrom].at > oldest) keepFrom--
    const kept = versions.slice(keepFrom)
    if (kept.length === 1 && kept[0].doc === null && oldest === Infinity) table.delete(id)
    else table.set(id, kept)
  }

  // ---- transactions ----

  private startTransaction(): string {
    const id = randomBytes(12).toString('hex')
    let end = () => {}
    const ended = new Promise<void>((resolve) => (end = resolve))
    const timer = setTimeout(() => {
      const txn = this.txns.get(id)
      const reason = new StandInError('DATABASE_TRANSACTION_FAIL', 'transaction timed out (30 s)')
      if (txn) this.finish(txn, 'aborted', reason)
    }, TRANSACTION_TIMEOUT_MS)
    timer.unref()
    this.txns.set(id, { id, snapshot: this.clock, writes: new Map(), state: 'active', ended, end, timer })
    return id
  }

  /**
   * A write inside a transaction. `compute` gets the document as the transaction sees it and returns the
   * new version (null deletes, undefined writes nothing). Conflicts and failures abort the transaction.
   */
  private txnWrite(
    txn: Txn,
    collection: string,
    id: string,
    compute: (current: Doc | null) => Doc | null | undefined,
  ): void {
    const k = key(collection, id)
    const injected = this.injectedFailures.shift()
    if (injected) {
      const error = injected === 'busy' ? transactionBusy() : transactionConflict()
      this.finish(txn, 'aborted', error)
      throw error
    }
    const holder = this.locks.get(k)
    const versions = this.table(collection).get(id)
    const lastWrite = versions ? versions[versions.length - 1].at : 0
    if ((holder && holder !== txn) || lastWrite > txn.snapshot) {
      const error = holder && holder !== txn ? transactionBusy() : transactionConflict()
      this.finish(txn, 'aborted', error)
      throw error
    }
    let next: Doc | null | undefined
    try {
      next = compute(this.read(collection, id, txn))
    } catch (error) {
      this.finish(txn, 'aborted', error instanceof StandInError ? error : undefined)
      throw error
    }
    if (next === undefined) return
    this.locks.set(k, txn)
    txn.writes.set(k, { collection, id, doc: next })
  }

  private commit(txn: Txn): void {
    if (txn.state === 'committed') return
    if (txn.state === 'aborted') {
      throw txn.abortedWith ?? new StandInError('DATABASE_TRANSACTION_FAIL', 'transaction was aborted')
    }
    const writes = [...txn.writes.values()]
    this.finish(txn, 'committed')
    if (writes.length === 0) return
    this.clock++
    for (const { collection, id, doc } of writes) {
      const table = this.table(collection)
      table.set(id, [...(table.get(id) ?? []), { at: this.clock, doc }])
      this.prune(table, id)
    }
  }

  private finish(txn: Txn, state: 'committed' | 'aborted', reason?: StandInError): void {
    if (txn.state !== 'active') return
    txn.state = state
    if (state === 'aborted') {
      txn.abortedWith = reason ?? new StandInError('DATABASE_TRANSACTION_FAIL', `transaction ${txn.id} was aborted`)
    }
    clearTimeout(txn.timer)
    for (const k of txn.writes.keys()) if (this.locks.get(k) === txn) this.locks.delete(k)
    this.txns.delete(txn.id)
    this.ended.set(txn.id, txn)
    if (this.ended.size > 1000) this.ended.delete(this.ended.keys().next().value ?? '')
    txn.end()
  }

  private optionalTxn(body: Body): Txn | undefined {
    return optString(body, 'transactionId') ? this.txn(body, true) : undefined
  }

  private txn(body: Body, mustBeActive: boolean): Txn {
    const id = str(body, 'transactionId')
    const txn = this.txns.get(id) ?? this.ended.get(id)
    if (!txn) throw new StandInError('DATABASE_TRANSACTION_FAIL', `no transaction ${id}`)
    if (mustBeActive && txn.state !== 'active') {
      throw txn.abortedWith ?? new StandInError('DATABASE_TRANSACTION_FAIL', `transaction ${id} has ended`)
    }
    return txn
  }

  /** Transactions may only address one document by `_id` (CloudBase has no `where` in transactions). */
  private byIdQuery(body: Body): string {
    const query = decodeObject(body.query)
    if (body.queryType !== 'DOC' || typeof query._id !== 'string' || Object.keys(query).length !== 1) throw notById()
    return query._id
  }

  private table(collection: string): Map<string, Version[]> {
    const table = this.collections.get(collection)
    if (!table) throw new StandInError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${collection}`)
    return table
  }
}

// ---- helpers ----

function key(collection: string, id: string): string {
  return `${collection}\u0000${id}`
}

function duplicate(collection: string, id: string): StandInError {
  return new StandInError(
    'DATABASE_DUPLICATE_WRITE',
    `E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
  )
}

/**
 * Conflicts in the real service's words: its code is not one wx-server-sdk knows, so the SDK reports -501001
 * with this text, and only the text tells a conflict apart (the adapter must match it, not a code of ours).
 */
function transactionConflict(): StandInError {
  return new StandInError(
    'ResourceUnavailable.TransactionConflict',
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
  )
}

/** A document locked by another open transaction. */
function transactionBusy(): StandInError {
  return new StandInError(
    'ResourceUnavailable.TransactionBusy',
    '[ResourceUnavailable.TransactionBusy] Transaction is busy, please try again later.',
  )
}

function notById(): StandInError {
  return new StandInError('DATABASE_REQUEST_FAILED', 'transactions support only single-document operations by _id')
}

function applyOperators(current: Doc, update: Record<string, unknown>): Doc {
  // An EJSON round trip, not structuredClone: that would build objects of another realm under jest and
  // isDeepStrictEqual would then never see an update as a no-op.
  const next = toDoc(EJSON.parse(encode(current)))
  for (const [operator, spec] of Object.entries(update)) {
    if (!operator.startsWith('$') || !isRecord(spec)) {
      throw new StandInError('DATABASE_INVALID_OPERRATOR', `not an update operator: ${operator}`)
    }
    const expression = { [operator]: spec }
    if (!isUpdateExpression(expression)) {
      throw new StandInError('DATABASE_INVALID_OPERRATOR', `unsupported update operator: ${operator}`)
    }
    try {
      applyUpdate(next, expression)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      throw new StandInError('DATABASE_REQUEST_FAILED', `${operator}: ${message}`)
    }
  }
  if (next._id !== current._id) throw new StandInError('DATABASE_REQUEST_FAILED', 'the _id field cannot be changed')
  return next
}

type UpdateExpression = Parameters<typeof applyUpdate>[1]
// The MongoDB update operators mingo implements (what the SDK's update commands encode to).
const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$bit',
  '$currentDate',
  '$push',
  '$pop',
  '$pull',
  '$pullAll',
  '$addToSet',
])

function isUpdateExpression(value: unknown): value is UpdateExpression {
  if (!isRecord(value)) return false
  const keys = Object.keys(value)
  return keys.length === 1 && UPDATE_OPERATORS.has(keys[0]) && isRecord(value[keys[0]])
}

function withoutId(data: Record<string, unknown>): Record<string, unknown> {
  const { _id: _ignored, ...rest } = data
  return rest
}

function upsertId(query: Record<string, unknown>): string {
  return typeof query._id === 'string' ? query._id : randomBytes(16).toString('hex')
}

/** EJSON text (what the SDK sends) → plain values; relaxed mode turns $numberInt etc. into numbers. */
function decodeObject(value: unknown): Record<string, unknown> {
  if (value === undefined || value === '') return {}
  if (typeof value !== 'string') throw new StandInError('INVALID_PARAM', 'expected an EJSON string')
  const parsed: unknown = EJSON.parse(value)
  if (!isRecord(parsed)) throw new StandInError('INVALID_PARAM', 'expected an EJSON object')
  return parsed
}

function decodeSort(text: string): Record<string, 1 | -1> {
  const sort: Record<string, 1 | -1> = {}
  for (const [field, direction] of Object.entries(decodeObject(text))) sort[field] = direction === -1 ? -1 : 1
  return sort
}

/** Documents go back as canonical EJSON strings, which the SDK parses with EJSON.parse. */
function encode(doc: Doc): string {
  return EJSON.stringify(doc, { relaxed: false })
}

function toDoc(value: unknown): Doc {
  if (!isRecord(value) || typeof value._id !== 'string') {
    throw new StandInError('SYS_ERR', 'stored document without _id')
  }
  return { ...value, _id: value._id }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function str(body: Body, name: string): string {
  const value = body[name]
  if (typeof value !== 'string' || value === '') throw new StandInError('INVALID_PARAM', `missing ${name}`)
  return value
}

function optString(body: Body, name: string): string | undefined {
  const value = body[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}

function optNumber(body: Body, name: string): number | undefined {
  const value = body[name]
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined
}

function strArray(body: Body, name: string): string[] {
  const value = body[name]
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw new StandInError('INVALID_PARAM', `${name} must be a list of EJSON strings`)
  }
  return value
}
