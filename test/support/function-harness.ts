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
import { connectSdk } from './cloudbase-standin/sdk'
import { TEST_NOW } from './clock'

/** The cloud functions over one store adapter, seeded with the demo data, on a clock the test moves. */
export interface FunctionHarness {
  store(): AppStore
  clock: ManualClock
  config: Config
  call(fn: FunctionName, event: Record<string, unknown>, openid: string): Promise<Envelope<unknown>>
  /** Empties and re-seeds the store, and puts the clock back to TEST_NOW. */
  reset(): Promise<void>
  close(): Promise<void>
}

interface Backend {
  store: AppStore
  /** An empty store again (the same one, emptied, or a fresh one). */
  wipe(): Promise<AppStore>
  close(): Promise<void>
}

async function harnessOver(backend: Backend): Promise<FunctionHarness> {
  let store = backend.store
  const clock = new ManualClock(TEST_NOW)
  const config: Config = { ...DEFAULT_CONFIG, passKeys: keyringFrom(generateKeyringSpec()) }
  await seedIfEmpty(store, clock.now())
  return {
    store: () => store,
    clock,
    config,
    call: (fn, event, openid) => ROUTERS[fn].dispatch(event, { openid, store, clock, config }),
    reset: async () => {
      store = await backend.wipe()
      clock.set(TEST_NOW)
      await seedIfEmpty(store, clock.now())
    },
    close: () => backend.close(),
  }
}

export async function sqliteFunctions(): Promise<FunctionHarness> {
  const open = () => createSqliteStore<Collections>(':memory:', { indexes: INDEXES })
  let store = open()
  return harnessOver({
    store,
    wipe: async () => {
      await store.close()
      store = open()
      return store
    },
    close: () => store.close(),
  })
}

export async function cloudBaseFunctions(): Promise<FunctionHarness> {
  const standIn = await startCloudBaseStandIn({ collections: Object.keys(INDEXES) })
  const store = createCloudBaseStore<Collections>(connectSdk(standIn.serviceUrl))
  return harnessOver({
    store,
    wipe: async () => {
      standIn.reset()
      return store
    },
    close: () => standIn.close(),
  })
}

export const FUNCTION_ADAPTERS: Array<[string, () => Promise<FunctionHarness>]> = [
  ['SQLite', sqliteFunctions],
  ['CloudBase stand-in (real wx-server-sdk)', cloudBaseFunctions],
]
