/**
 * The store port's contract, run against both adapters: SQLite (':memory:') and CloudBase through the real
 * wx-server-sdk talking to the test-only CloudBase stand-in. Both must pass the same expectations.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { createCloudBaseStore } from '../../cloudfunctions/shared/store/cloudbase'
import { DEFAULT_LIMIT, MAX_LIMIT, StoreError, type Filter, type Store } from '../../cloudfunctions/shared/store/port'
import { createSqliteStore } from '../../cloudfunctions/shared/store/sqlite'
import { whereSql } from '../../cloudfunctions/shared/store/sqlite-query'
import { normalizeFilter } from '../../cloudfunctions/shared/store/validate'
import { startCloudBaseStandIn } from '../support/cloudbase-standin/server'
import { connectSdk } from '../support/cloudbase-standin/sdk'

interface Item {
  _id: string
  n?: number | string
  s?: string
  flag?: boolean | number
  tag?: string | null
  nested?: { level?: number; note?: string }
  [field: string]: unknown
}
interface Account {
  _id: string
  balance: number
  status?: string
}
interface Entry {
  _id: string
  amount: number
}
interface Row {
  _id: string
  i: number
}
interface TestCollections {
  items: Item
  accounts: Account
  ledger: Entry
  bulk: Row
  [name: string]: { _id: string }
}

const COLLECTIONS = ['items', 'accounts', 'ledger', 'bulk']
const INDEXES = { items: [['n'], ['nested.level', 's']], accounts: [['status']] }

interface Harness {
  store(): Store<TestCollections>
  reset(): Promise<void>
  close(): Promise<void>
}

async function sqliteHarness(): Promise<Harness> {
  let store = createSqliteStore<TestCollections>(':memory:', { indexes: INDEXES })
  return {
    store: () => store,
    reset: async () => {
      await store.close()
      store = createSqliteStore<TestCollections>(':memory:', { indexes: INDEXES })
    },
    close: () => store.close(),
  }
}

async function cloudBaseHarness(): Promise<Harness> {
  const standIn = await startCloudBaseStandIn({ collections: COLLECTIONS })
  const store = createCloudBaseStore<TestCollections>(connectSdk(standIn.serviceUrl))
  return {
    store: () => store,
    reset: async () => standIn.reset(),
    close: () => standIn.close(),
  }
}

const ADAPTERS: Array<[string, () => Promise<Harness>]> = [
  ['SQLite (:memory:)', sqliteHarness],
  ['CloudBase (real wx-server-sdk → CloudBase stand-in)', cloudBaseHarness],
]

/** Resolves with the StoreError kind a promise rejects with (fails the test if it resolves). */
async function kindOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof StoreError) return error.kind
    throw error
  }
  throw new Error('expected a StoreError, but the operation succeeded')
}

const ids = (docs: Array<{ _id: string }>) => docs.map((d) => d._id)
const sortedIds = (docs: Array<{ _id: string }>) => ids(docs).sort()

describe.each(ADAPTERS)('store contract — %s', (_name, open) => {
  let harness: Harness
  beforeAll(async () => {
    harness = await open()
  })
  afterAll(() => harness.close())
  beforeEach(() => harness.reset())

  const items = () => harness.store().collection('items')
  const accounts = () => harness.store().collection('accounts')
  const ledger = () => harness.store().collection('ledger')

  describe('documents by id', () => {
    it('get resolves null for a missing document', async () => {
      expect(await items().get('missing')).toBeNull()
    })

    it('insert then get round-trips a nested document with strings, numbers, booleans, null and arrays', async () => {
      const doc: Item = {
        _id: 'round-trip',
        s: '小哥友好 ✓',
        n: 12.5,
        flag: false,
        tag: null,
        nested: { level: 0, note: '' },
        list: [1, 'two', true, null, { three: 3 }, [4]],
        empty: {},
        big: 2 ** 40,
        negative: -7,
      }
      await items().insert(doc)
      expect(await items().get('round-trip')).toStrictEqual(doc)
    })

    it('insert of an existing _id fails with DUPLICATE and leaves the original unchanged', async () => {
      await items().insert({ _id: 'dup', s: 'original' })
      expect(await kindOf(items().insert({ _id: 'dup', s: 'second' }))).toBe('DUPLICATE')
      expect(await items().get('dup')).toStrictEqual({ _id: 'dup', s: 'original' })
    })

    it('put replaces the whole document and creates it when missing', async () => {
      await items().put({ _id: 'p', s: 'created', nested: { level: 1, note: 'x' } })
      await items().put({ _id: 'p', n: 2 })
      expect(await items().get('p')).toStrictEqual({ _id: 'p', n: 2 })
      await items().put({ _id: 'bare' })
      expect(await items().get('bare')).toStrictEqual({ _id: 'bare' })
    })

    it('remove deletes the document and reports whether there was one', async () => {
      await items().insert({ _id: 'r', s: 'x' })
      expect(await items().remove('r')).toBe(true)
      expect(await items().get('r')).toBeNull()
      expect(await items().remove('r')).toBe(false)
    })
  })

  describe('find and count', () => {
    // `e` holds a string n and a numeric flag: comparisons must not mix types.
    const seed: Item[] = [
      { _id: 'a', n: 1, s: 'apple', flag: true, tag: 'x', nested: { level: 1 } },
      { _id: 'b', n: 2, s: 'banana', flag: false, tag: null, nested: { level: 2 } },
      { _id: 'c', n: 3, s: 'cherry', flag: true, nested: { level: 2 } },
      { _id: 'd', n: 10, s: 'date', flag: false, tag: 'y', nested: { level: 3 } },
      { _id: 'e', n: '2', s: 'elder', flag: 1 },
    ]
    beforeEach(async () => {
      for (const doc of seed) await items().insert(doc)
    })
    const find = async (filter?: Filter) => sortedIds(await items().find(filter))

    it('a bare value or eq matches equal values of the same type only', async () => {
      expect(await find({ n: 2 })).toEqual(['b'])
      expect(await find({ n: { eq: '2' } })).toEqual(['e'])
      expect(await find({ flag: true })).toEqual(['a', 'c'])
      expect(await find({ flag: { eq: false } })).toEqual(['b', 'd'])
      expect(await find({ s: 'cherry', n: 3 })).toEqual(['c'])
    })

    it('ne matches different values and documents missing the field', async () => {
      expect(await find({ tag: { ne: 'x' } })).toEqual(['b', 'c', 'd', 'e'])
      expect(await find({ flag: { ne: true } })).toEqual(['b', 'd', 'e'])
    })

    it('eq null matches null and missing fields; ne null matches present values', async () => {
      expect(await find({ tag: null })).toEqual(['b', 'c', 'e'])
      expect(await find({ tag: { eq: null } })).toEqual(['b', 'c', 'e'])
      expect(await find({ tag: { ne: null } })).toEqual(['a', 'd'])
    })

    it('in matches any listed value, null included', async () => {
      expect(await find({ tag: { in: ['x', null] } })).toEqual(['a', 'b', 'c', 'e'])
      expect(await find({ n: { in: [1, 3, '2'] } })).toEqual(['a', 'c', 'e'])
      expect(await find({ flag: { in: [false] } })).toEqual(['b', 'd'])
      expect(await find({ n: { in: [] } })).toEqual([])
    })

    it('gt, gte, lt and lte compare numbers with numbers and strings with strings', async () => {
      expect(await find({ n: { gt: 1 } })).toEqual(['b', 'c', 'd'])
      expect(await find({ n: { gte: 2 } })).toEqual(['b', 'c', 'd'])
      expect(await find({ n: { lt: 3 } })).toEqual(['a', 'b'])
      expect(await find({ n: { lte: 3 } })).toEqual(['a', 'b', 'c'])
      expect(await find({ n: { lte: '5' } })).toEqual(['e'])
      expect(await find({ s: { gte: 'banana', lt: 'date' } })).toEqual(['b', 'c'])
    })

    it('several operators on one field are all applied', async () => {
      expect(await find({ n: { gt: 1, lt: 10, ne: 3 } })).toEqual(['b'])
    })

    it('dotted paths reach nested fields', async () => {
      expect(await find({ 'nested.level': 2 })).toEqual(['b', 'c'])
      expect(await find({ 'nested.level': { gte: 2 }, flag: true })).toEqual(['c'])
      expect(await find({ 'nested.level': null })).toEqual(['e'])
    })

    it('_id can be filtered and ordered like any field', async () => {
      expect(await find({ _id: { in: ['a', 'c', 'zz'] } })).toEqual(['a', 'c'])
      expect(ids(await items().find({ _id: { gt: 'c' } }, { orderBy: [['_id', 'desc']] }))).toEqual(['e', 'd'])
      expect(await find({ _id: 'b' })).toEqual(['b'])
    })

    it('orderBy sorts by several fields, each ascending or descending, missing values last when descending', async () => {
      const docs = await items().find(
        {},
        {
          orderBy: [
            ['nested.level', 'desc'],
            ['s', 'asc'],
          ],
        },
      )
      expect(ids(docs)).toEqual(['d', 'b', 'c', 'a', 'e'])
      const reversed = await items().find(
        { flag: { in: [true, false] } },
        {
          orderBy: [
            ['nested.level', 'asc'],
            ['s', 'desc'],
          ],
        },
      )
      expect(ids(reversed)).toEqual(['a', 'c', 'b', 'd'])
    })

    it('skip and limit page through ordered results', async () => {
      const page = await items().find({}, { orderBy: [['_id', 'asc']], skip: 1, limit: 2 })
      expect(ids(page)).toEqual(['b', 'c'])
      expect(ids(await items().find({}, { orderBy: [['_id', 'asc']], skip: 4 }))).toEqual(['e'])
    })

    it('count counts the matching documents', async () => {
      expect(await items().count()).toBe(5)
      expect(await items().count({ flag: true })).toBe(2)
      expect(await items().count({ 'nested.level': { gte: 2 } })).toBe(3)
    })
  })

  describe('limits', () => {
    it(`find returns ${DEFAULT_LIMIT} documents when no limit is given, even when more match`, async () => {
      const bulk = harness.store().collection('bulk')
      await Promise.all(
        Array.from({ length: 150 }, (_, i) => bulk.insert({ _id: `row-${String(i).padStart(3, '0')}`, i })),
      )
      expect(await bulk.count()).toBe(150)
      expect(await bulk.find()).toHaveLength(DEFAULT_LIMIT)
      expect(await bulk.find({}, { limit: 120 })).toHaveLength(120)
      const last = await bulk.find({ i: { gte: 100 } }, { orderBy: [['i', 'desc']], limit: MAX_LIMIT })
      expect(last).toHaveLength(50)
      expect(last[0]).toStrictEqual({ _id: 'row-149', i: 149 })
    })

    it(`a limit above ${MAX_LIMIT} or below 1, or a negative skip, is refused with INVALID_QUERY`, async () => {
      expect(await items().find({}, { limit: MAX_LIMIT })).toEqual([])
      expect(await kindOf(items().find({}, { limit: MAX_LIMIT + 1 }))).toBe('INVALID_QUERY')
      expect(await kindOf(items().find({}, { limit: 0 }))).toBe('INVALID_QUERY')
      expect(await kindOf(items().find({}, { limit: 2.5 }))).toBe('INVALID_QUERY')
      expect(await kindOf(items().find({}, { skip: -1 }))).toBe('INVALID_QUERY')
    })
  })

  describe('removeWhere', () => {
    it('removes every matching document, beyond one read page, and says how many', async () => {
      const bulk = harness.store().collection('bulk')
      await Promise.all(
        Array.from({ length: 1100 }, (_, i) => bulk.insert({ _id: `row-${String(i).padStart(4, '0')}`, i })),
      )
      expect(await bulk.removeWhere({ i: { lt: 1050 } })).toBe(1050)
      expect(sortedIds(await bulk.find({}, { limit: MAX_LIMIT }))).toEqual(
        Array.from({ length: 50 }, (_, i) => `row-${1050 + i}`),
      )
      expect(await bulk.removeWhere({ i: { lt: 1050 } })).toBe(0)
    }, 60_000)

    it('refuses an empty filter rather than emptying the collection', async () => {
      await items().insert({ _id: 'a', n: 1 })
      expect(await kindOf(items().removeWhere({}))).toBe('INVALID_QUERY')
      expect(await items().count()).toBe(1)
    })
  })

  describe('update', () => {
    beforeEach(async () => {
      await items().insert({ _id: 'u', n: 1, s: 'old', tag: 't', nested: { level: 1, note: 'keep' } })
      await accounts().insert({ _id: 'acc', balance: 5, status: 'active' })
    })

    it('set, inc and unset change only the named fields; dotted set changes a nested field', async () => {
      const changed = await items().update('u', { set: { s: 'new', 'nested.level': 5 }, inc: { n: 2 }, unset: ['tag'] })
      expect(changed).toBe(true)
      expect(await items().get('u')).toStrictEqual({ _id: 'u', n: 3, s: 'new', nested: { level: 5, note: 'keep' } })
    })

    it('a dotted set creates missing parents, and inc counts a missing field as 0', async () => {
      expect(await items().update('u', { set: { 'deep.er.value': 1 }, inc: { 'counter.hits': 2, fresh: -1.5 } })).toBe(
        true,
      )
      expect(await items().get('u')).toMatchObject({ deep: { er: { value: 1 } }, counter: { hits: 2 }, fresh: -1.5 })
    })

    it('set with an object, array or empty object value replaces the field whole', async () => {
      await items().update('u', { set: { nested: { level: 2 }, list: ['a', 'b'], empty: {} } })
      await items().update('u', { set: { list: ['c'] } })
      expect(await items().get('u')).toStrictEqual({
        _id: 'u',
        n: 1,
        s: 'old',
        tag: 't',
        nested: { level: 2 },
        list: ['c'],
        empty: {},
      })
    })

    it('set to null stores null, and unset of a missing field is harmless', async () => {
      expect(await items().update('u', { set: { tag: null }, unset: ['nowhere'] })).toBe(true)
      expect((await items().get('u'))?.tag).toBeNull()
    })

    it('update resolves false for a missing document and creates nothing', async () => {
      expect(await items().update('nobody', { set: { s: 'x' } })).toBe(false)
      expect(await items().get('nobody')).toBeNull()
    })

    it('an update that leaves the document as it was resolves false', async () => {
      expect(await items().update('u', { set: { s: 'old', 'nested.level': 1 } })).toBe(false)
      expect(await items().update('u', { inc: { n: 0 } })).toBe(false)
    })

    it('a guarded update applies only while the guard holds, and otherwise changes nothing', async () => {
      const spend = () => accounts().update('acc', { inc: { balance: -3 } }, { balance: { gte: 3 }, status: 'active' })
      expect(await spend()).toBe(true)
      expect(await spend()).toBe(false)
      expect(await accounts().get('acc')).toStrictEqual({ _id: 'acc', balance: 2, status: 'active' })
      expect(await accounts().update('acc', { set: { status: 'closed' } }, { status: 'frozen' })).toBe(false)
      expect((await accounts().get('acc'))?.status).toBe('active')
    })

    it('guarded decrements never overdraw: of 50 concurrent attempts exactly floor(balance / cost) succeed', async () => {
      await accounts().put({ _id: 'acc', balance: 100 })
      const cost = 7
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          accounts().update('acc', { inc: { balance: -cost } }, { balance: { gte: cost } }),
        ),
      )
      expect(results.filter(Boolean)).toHaveLength(Math.floor(100 / cost))
      expect((await accounts().get('acc'))?.balance).toBe(100 % cost)
    })

    it('an empty change, a change to _id, or two changes to overlapping paths are refused', async () => {
      expect(await kindOf(items().update('u', {}))).toBe('INVALID_QUERY')
      expect(await kindOf(items().update('u', { set: { _id: 'other' } }))).toBe('INVALID_QUERY')
      expect(await kindOf(items().update('u', { set: { nested: {} }, inc: { 'nested.level': 1 } }))).toBe(
        'INVALID_QUERY',
      )
      expect(await kindOf(items().update('u', { inc: { n: Number.NaN } }))).toBe('INVALID_QUERY')
      expect(await items().get('u')).toMatchObject({ n: 1, s: 'old' })
    })
  })

  describe('transactions', () => {
    beforeEach(async () => {
      await accounts().insert({ _id: 'acc', balance: 10 })
      await items().insert({ _id: 'old', s: 'to be removed' })
    })

    it('commits several single-document operations together and resolves with the callback value', async () => {
      const result = await harness.store().transaction(async (tx) => {
        const account = await tx.collection('accounts').get('acc')
        await tx.collection('accounts').update('acc', { inc: { balance: -4 } }, { balance: { gte: 4 } })
        await tx.collection('ledger').insert({ _id: 'entry-1', amount: -4 })
        await tx.collection('items').put({ _id: 'receipt', s: 'paid' })
        await tx.collection('items').remove('old')
        return account?.balance
      })
      expect(result).toBe(10)
      expect(await accounts().get('acc')).toStrictEqual({ _id: 'acc', balance: 6 })
      expect(await ledger().get('entry-1')).toStrictEqual({ _id: 'entry-1', amount: -4 })
      expect(await items().get('receipt')).toStrictEqual({ _id: 'receipt', s: 'paid' })
      expect(await items().get('old')).toBeNull()
    })

    it('reads inside a transaction see its own writes', async () => {
      const seen = await harness.store().transaction(async (tx) => {
        await tx.collection('ledger').insert({ _id: 'mine', amount: 1 })
        await tx.collection('accounts').update('acc', { inc: { balance: 5 } })
        return [await tx.collection('ledger').get('mine'), await tx.collection('accounts').get('acc')]
      })
      expect(seen).toStrictEqual([
        { _id: 'mine', amount: 1 },
        { _id: 'acc', balance: 15 },
      ])
    })

    it('a guarded update inside a transaction applies only while its guard holds', async () => {
      const outcome = await harness.store().transaction(async (tx) => {
        const first = await tx.collection('accounts').update('acc', { inc: { balance: -8 } }, { balance: { gte: 8 } })
        const second = await tx.collection('accounts').update('acc', { inc: { balance: -8 } }, { balance: { gte: 8 } })
        const missing = await tx.collection('accounts').update('nobody', { set: { status: 'x' } })
        return { first, second, missing }
      })
      expect(outcome).toEqual({ first: true, second: false, missing: false })
      expect((await accounts().get('acc'))?.balance).toBe(2)
    })

    it('a rejection rolls every operation back and is rethrown unchanged', async () => {
      const failure = new Error('changed my mind')
      const attempt = harness.store().transaction(async (tx) => {
        await tx.collection('ledger').insert({ _id: 'entry-2', amount: -1 })
        await tx.collection('accounts').update('acc', { inc: { balance: -1 } })
        await tx.collection('items').remove('old')
        throw failure
      })
      await expect(attempt).rejects.toBe(failure)
      expect(await ledger().get('entry-2')).toBeNull()
      expect(await accounts().get('acc')).toStrictEqual({ _id: 'acc', balance: 10 })
      expect(await items().get('old')).not.toBeNull()
    })

    it('a failed operation dooms the transaction even when the callback catches it', async () => {
      const attempt = harness.store().transaction(async (tx) => {
        await tx.collection('ledger').insert({ _id: 'entry-3', amount: 1 })
        await tx
          .collection('items')
          .insert({ _id: 'old', s: 'duplicate' })
          .catch(() => undefined)
        return 'carried on'
      })
      expect(await kindOf(attempt)).toBe('DUPLICATE')
      expect(await ledger().get('entry-3')).toBeNull()

      const invalidChange = harness.store().transaction(async (tx) => {
        await tx.collection('ledger').insert({ _id: 'entry-4', amount: 1 })
        await tx
          .collection('accounts')
          .update('acc', {})
          .catch(() => undefined)
      })
      expect(await kindOf(invalidChange)).toBe('INVALID_QUERY')
      expect(await ledger().get('entry-4')).toBeNull()
    })

    it('concurrent read-modify-write transactions on one document lose no update', async () => {
      const increment = () =>
        harness.store().transaction(async (tx) => {
          const account = await tx.collection('accounts').get('acc')
          if (!account) throw new Error('missing account')
          await tx.collection('accounts').put({ ...account, balance: account.balance + 1 })
        })
      await Promise.all([increment(), increment(), increment()])
      expect((await accounts().get('acc'))?.balance).toBe(13)
    })

    it('writes made outside an open transaction are neither lost nor rolled back with it', async () => {
      let started!: () => void
      const hasStarted = new Promise<void>((resolve) => (started = resolve))
      let release!: () => void
      const released = new Promise<void>((resolve) => (release = resolve))
      const abort = new Error('abort')
      const transaction = harness.store().transaction(async (tx) => {
        await tx.collection('accounts').update('acc', { inc: { balance: -1 } })
        started()
        await released
        throw abort
      })
      await hasStarted
      const outsideInsert = items().insert({ _id: 'outside', s: 'kept' })
      const outsideUpdate = accounts().update('acc', { inc: { balance: 100 } })
      release()
      await expect(transaction).rejects.toBe(abort)
      await outsideInsert
      expect(await outsideUpdate).toBe(true)
      expect(await items().get('outside')).toStrictEqual({ _id: 'outside', s: 'kept' })
      expect((await accounts().get('acc'))?.balance).toBe(110)
    })
  })

  describe('validation', () => {
    it('invalid collection names are refused with INVALID_QUERY', async () => {
      const store = harness.store()
      expect(await kindOf(store.collection('bad-name').get('x'))).toBe('INVALID_QUERY')
      expect(await kindOf(store.collection('1abc').find())).toBe('INVALID_QUERY')
      expect(await kindOf(store.collection('').count())).toBe('INVALID_QUERY')
      expect(await kindOf(store.collection('sqlite_master').find())).toBe('INVALID_QUERY')
      expect(await kindOf(store.collection('x"; DROP TABLE items; --').insert({ _id: 'x' }))).toBe('INVALID_QUERY')
    })

    it('invalid field paths, operators and filter values are refused with INVALID_QUERY', async () => {
      const bad = (filter: unknown) => kindOf(items().find(filter as Filter))
      expect(await bad({ 'a-b': 1 })).toBe('INVALID_QUERY')
      expect(await bad({ 'a..b': 1 })).toBe('INVALID_QUERY')
      expect(await bad({ "n') OR 1=1 --": 1 })).toBe('INVALID_QUERY')
      expect(await bad({ 'list.0': 1 })).toBe('INVALID_QUERY')
      expect(await bad({ n: undefined })).toBe('INVALID_QUERY')
      expect(await bad({ n: { regex: '.*' } })).toBe('INVALID_QUERY')
      expect(await bad({ n: { gt: true } })).toBe('INVALID_QUERY')
      expect(await bad({ n: { in: 'abc' } })).toBe('INVALID_QUERY')
      expect(await bad({ n: {} })).toBe('INVALID_QUERY')
      expect(await bad({ n: { eq: { nested: 1 } } })).toBe('INVALID_QUERY')
      expect(await kindOf(items().find({}, { orderBy: [['no such', 'asc']] }))).toBe('INVALID_QUERY')
      expect(await kindOf(items().update('x', { set: { 'a b': 1 } }))).toBe('INVALID_QUERY')
    })

    it('a document to write needs a non-empty string _id', async () => {
      expect(await kindOf(items().insert({ _id: '' }))).toBe('INVALID_QUERY')
      expect(await kindOf(items().put({ s: 'no id' } as unknown as Item))).toBe('INVALID_QUERY')
    })
  })
})

describe('SQLite adapter specifics', () => {
  it('using the store itself inside a transaction is refused instead of waiting forever', async () => {
    const store = createSqliteStore<TestCollections>(':memory:')
    const attempt = store.transaction(async () => {
      await store.collection('items').get('x')
    })
    expect(await kindOf(attempt)).toBe('INVALID_QUERY')
    expect(await kindOf(store.transaction(() => store.transaction(async () => 1)))).toBe('INVALID_QUERY')
    await store.close()
  })

  it('a collection first used in a rolled-back transaction still works afterwards', async () => {
    const store = createSqliteStore<TestCollections>(':memory:')
    const failure = new Error('roll back')
    const attempt = store.transaction(async (tx) => {
      await tx.collection('ledger').insert({ _id: 'gone', amount: 1 })
      throw failure
    })
    await expect(attempt).rejects.toBe(failure)
    await store.collection('ledger').insert({ _id: 'kept', amount: 2 })
    expect(ids(await store.collection('ledger').find())).toEqual(['kept'])
    await store.close()
  })

  it('operations outside a transaction run synchronously when none is open', async () => {
    const store = createSqliteStore<TestCollections>(':memory:')
    const inserted = store.collection('ledger').insert({ _id: 'now', amount: 1 })
    // Not awaited yet: the row is already there for the next statement.
    const found = store.collection('ledger').get('now')
    await inserted
    expect(await found).toStrictEqual({ _id: 'now', amount: 1 })
    await store.close()
  })

  it('a file database uses WAL, and queries on indexed fields use their expression index', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-contract-'))
    const file = join(dir, 'store.db')
    try {
      const store = createSqliteStore<TestCollections>(file, { indexes: INDEXES })
      await store.collection('items').insert({ _id: 'a', n: 1, nested: { level: 2 }, s: 'x' })
      await store.close()
      const db = new Database(file, { readonly: true })
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      const plan = (filter: Filter) => {
        const where = whereSql(normalizeFilter(filter))
        const rows = db.prepare(`EXPLAIN QUERY PLAN SELECT doc FROM "items" WHERE ${where.text}`).all(...where.params)
        return JSON.stringify(rows)
      }
      expect(plan({ n: { gte: 1 } })).toContain('idx_items_n')
      expect(plan({ 'nested.level': 2, s: 'x' })).toContain('idx_items_nested_level_s')
      db.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
