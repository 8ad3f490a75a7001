import type { Envelope, FunctionName } from '../../types'
import { ROUTERS } from '../../cloudfunctions/routers'
import { ManualClock } from '../../cloudfunctions/shared/clock'
import { DEFAULT_CONFIG, type Config } from '../../cloudfunctions/shared/config'
import { generateKeyringSpec, keyringFrom } from '../../cloudfunctions/shared/pass-keys'
import { INDEXES, type AppStore, type Collections } from '../../cloudfunctions/shared/store/collections'
import { createCloudBaseStore } from '../../cloudfunctions/shared/store/cloudbase'
import { createSqliteStore } from '../../cloudfunctions/shared/store/sqlite'
import { seedIfEmpty } from '../../local/seed'
import { startCloudBaseStandIn } from './cloudbase-standin/server'
import { snapshotDatabase } from './db-snapshot'
import { connectSdk } from './cloudbase-standin/sdk'
import { TEST_NOW } from './clock'
import { testPhotoAccess } from './photos'

/** The cloud functions over one store adapter, seeded with the demo data, on a clock the test moves. */
export interface FunctionHarness {
  store(): AppStore
  clock: ManualClock
  config: Config
  /** The photo service the functions get: every reference gets a `testPhotoUrl`; removals are recorded. */
  photos: ReturnType<typeof testPhotoAccess>
  call(fn: FunctionName, event: Record<string, unknown>, openid: string): Promise<Envelope<unknown>>
  /** Puts the store back to the freshly seeded demo data, and the clock back to TEST_NOW. */
  reset(): Promise<void>
  /**
   * Writes a test's fixture documents (hundreds of places, say) straight into the database behind the
   * adapter: set-up, not the code under test, so on the stand-in it costs no SDK round trip per document.
   */
  load<K extends keyof Collections & string>(collection: K, docs: ReadonlyArray<Collections[K]>): Promise<void>
  /**
   * Every document of every collection, sorted by id, as the database behind the adapter holds it: to prove
   * that a refused request wrote nothing.
   */
  dump(): Promise<Record<string, unknown[]>>
  close(): Promise<void>
}

interface Backend {
  store: AppStore
  /** The store holding exactly the demo seed again (the same store, restored, or a fresh one). */
  reseed(): Promise<AppStore>
  load<K extends keyof Collections & string>(collection: K, docs: ReadonlyArray<Collections[K]>): Promise<void>
  dump(): Promise<Record<string, unknown[]>>
  close(): Promise<void>
}

function harnessOver(backend: Backend, clock: ManualClock): FunctionHarness {
  let store = backend.store
  const config: Config = { ...DEFAULT_CONFIG, passKeys: keyringFrom(generateKeyringSpec()) }
  const photos = testPhotoAccess()
  return {
    store: () => store,
    clock,
    config,
    photos,
    call: (fn, event, openid) => ROUTERS[fn].dispatch(event, { openid, store, clock, config, photos }),
    reset: async () => {
      clock.set(TEST_NOW)
      store = await backend.reseed()
    },
    load: (collection, docs) => backend.load(collection, docs),
    dump: () => backend.dump(),
    close: () => backend.close(),
  }
}

export async function sqliteFunctions(): Promise<FunctionHarness> {
  const clock = new ManualClock(TEST_NOW)
  const open = async () => {
    const fresh: AppStore = createSqliteStore<Collections>(':memory:', { indexes: INDEXES })
    await seedIfEmpty(fresh, clock.now())
    return fresh
  }
  let store = await open()
  return harnessOver(
    {
      store,
      reseed: async () => {
        await store.close()
        store = await open()
        return store
      },
      load: (collection, docs) =>
        store.transaction(async (tx) => {
          for (const doc of docs) await tx.collection(collection).put(doc)
        }),
      dump: () => snapshotDatabase(store),
      close: () => store.close(),
    },
    clock,
  )
}

/**
 * The functions on the CloudBase store adapter through the real wx-server-sdk. The demo data is seeded once
 * through the SDK; every reset restores that state inside the stand-in.
 */
export async function cloudBaseFunctions(): Promise<FunctionHarness> {
  const clock = new ManualClock(TEST_NOW)
  const standIn = await startCloudBaseStandIn({ collections: Object.keys(INDEXES) })
  const store = createCloudBaseStore<Collections>(connectSdk(standIn.serviceUrl))
  await seedIfEmpty(store, clock.now())
  const seeded = standIn.snapshot()
  return harnessOver(
    {
      store,
      reseed: () => {
        standIn.restore(seeded)
        return Promise.resolve(store)
      },
      load: (collection, docs) => {
        standIn.load(collection, docs)
        return Promise.resolve()
      },
      dump: () => {
        const state = standIn.snapshot()
        const dump: Record<string, unknown[]> = {}
        for (const name of Object.keys(INDEXES).sort()) {
          dump[name] = [...(state.get(name) ?? [])].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
        }
        return Promise.resolve(dump)
      },
      close: () => standIn.close(),
    },
    clock,
  )
}

export const FUNCTION_ADAPTERS: Array<[string, () => Promise<FunctionHarness>]> = [
  ['SQLite', sqliteFunctions],
  ['CloudBase stand-in (real wx-server-sdk)', cloudBaseFunctions],
]

/** A call the test's set-up needs to succeed: its data, or an error naming the action, the caller and the code. */
export async function mustCall<T = Record<string, unknown>>(
  h: FunctionHarness,
  fn: FunctionName,
  event: Record<string, unknown>,
  openid: string,
): Promise<T> {
  const reply = await h.call(fn, event, openid)
  if (!reply.ok) {
    throw new Error(`${fn}.${String(event.action)} as ${openid}: ${reply.error.code} ${reply.error.message}`)
  }
  return reply.data as T
}

/** Publishes an activity of 阮家桥 as its secretary, starting `startIn` ms after TEST_NOW for two hours. */
export async function publishActivity(h: FunctionHarness, title: string, startIn: number, points = 5): Promise<string> {
  const out = await mustCall<{ activity: { id: string } }>(
    h,
    'points',
    {
      action: 'saveActivity',
      communityId: 'ruanjiaqiao',
      title,
      kind: '平安夜巡',
      description: '测试',
      place: '阮家桥社区',
      startAt: TEST_NOW + startIn,
      endAt: TEST_NOW + startIn + 2 * 3600_000,
      capacity: 5,
      points,
    },
    'demo-secretary',
  )
  return out.activity.id
}
