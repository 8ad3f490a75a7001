import fs from 'node:fs'
import path from 'node:path'
import { fail, FUNCTION_NAMES, type Envelope, type FunctionName } from '../types'
import { ROUTERS } from '../cloudfunctions/routers'
import { systemClock, type Clock } from '../cloudfunctions/shared/clock'
import { loadConfig, type Config } from '../cloudfunctions/shared/config'
import type { ContentCheck } from '../cloudfunctions/shared/content-check'
import type { MakeMiniProgramCode } from '../cloudfunctions/shared/mini-program-code'
import type { Notifier } from '../cloudfunctions/shared/notify'
import type { PhotoAccess } from '../cloudfunctions/shared/photos'
import { generateKeyringSpec, keyringFrom, KeyringSpec, type Keyring } from '../cloudfunctions/shared/pass-keys'
import { INDEXES, type AppStore, type Collections } from '../cloudfunctions/shared/store/collections'
import { countRoundTrips } from '../cloudfunctions/shared/store/round-trips'
import { createSqliteStore } from '../cloudfunctions/shared/store/sqlite'
import { createOutbox, type Outbox } from './outbox'
import { demoFacePhoto } from './demo-photo'
import { seedIfEmpty } from './seed'
import { createLocalPhotoAccess, createPhotoStore, type PhotoStore } from './uploads'

export interface LocalCloudOptions {
  /** Folder for the SQLite file, or ':memory:' for a throw-away database (tests). */
  dataDir: string
  /** Current time in epoch ms; defaults to the system clock. */
  now?: () => number
  /** Overrides of the configuration read from the environment. */
  config?: Partial<Config>
  /** A stand-in for WeChat's 小程序码 maker (tests); the local cloud has none of its own. */
  miniProgramCode?: MakeMiniProgramCode
  /** A stand-in for WeChat's content security (tests); without it content passes through unchecked. */
  contentCheck?: ContentCheck
  /** A stand-in for CloudBase storage's temp URLs (tests of `cloud://` photos); the local photos otherwise. */
  photos?: PhotoAccess
  /**
   * Where subscribe messages go instead of the outbox (tests inject a failing or hanging one); by default the
   * in-memory outbox, which stands in for WeChat.
   */
  notifier?: Notifier
  /**
   * A fixed wait before every store call the functions make (STORE_LATENCY_MS for `npm start`), so that the
   * local cloud feels as CloudBase will, where each store call is a network round trip (15 ms is typical).
   */
  storeLatencyMs?: number
  /** Give the seeded demo courier a drawn face photo (`npm start`); tests start with no photo at all. */
  demoPhoto?: boolean
}

export interface LocalCloud {
  store: AppStore
  config: Config
  /** Whether this start seeded the demo data (first start on an empty database). */
  seeded: boolean
  /** Photos uploaded for 随手拍 reports and face photos (CloudBase storage's stand-in). */
  photos: PhotoStore
  /** The subscribe messages the functions sent, per OPENID (WeChat's stand-in; empty with a `notifier` given). */
  outbox: Outbox
  /** What the functions send messages through: `notifier` if given, else the outbox. */
  notifier: Notifier
  /** The short-lived URLs the functions answer for those photos, and their check at `/local/files/<id>`. */
  photoAccess: ReturnType<typeof createLocalPhotoAccess>
  /** Calls a cloud function as CloudBase would, with `openid` as the platform-given identity. */
  call(name: string, event: unknown, openid: string | null): Promise<Envelope<unknown>>
  close(): Promise<void>
}

export const DB_FILE = 'xiaoge.sqlite'
export const KEYS_FILE = 'pass-keys.json'

/**
 * Locally the 小哥码 signing key is generated once into the data folder (git-ignored), readable by the owner
 * only; a throw-away database gets a throw-away key. Production reads PASS_* environment variables instead.
 */
function localPassKeys(dataDir: string): Keyring {
  if (dataDir === ':memory:') return keyringFrom(generateKeyringSpec())
  const file = path.join(dataDir, KEYS_FILE)
  if (!fs.existsSync(file)) fs.writeFileSync(file, JSON.stringify(generateKeyringSpec(), null, 2), { mode: 0o600 })
  return keyringFrom(KeyringSpec.parse(JSON.parse(fs.readFileSync(file, 'utf8'))))
}

function isFunctionName(name: string): name is FunctionName {
  return (FUNCTION_NAMES as string[]).includes(name)
}

/** The same handlers CloudBase runs, over the embedded SQLite store: what `npm start` and tests use. */
export async function createLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  let filename = ':memory:'
  if (options.dataDir !== ':memory:') {
    fs.mkdirSync(options.dataDir, { recursive: true })
    filename = path.join(options.dataDir, DB_FILE)
  }
  const store: AppStore = createSqliteStore<Collections>(filename, { indexes: INDEXES })
  const clock: Clock = options.now ? { now: options.now } : systemClock
  const seeded = await seedIfEmpty(store, clock.now())
  const fromEnv = loadConfig(process.env)
  const config: Config = { ...fromEnv, passKeys: fromEnv.passKeys ?? localPassKeys(options.dataDir), ...options.config }

  // What the functions use: the store itself, or behind the configured latency (tests and seeds use `store`).
  const served = options.storeLatencyMs ? countRoundTrips(store, { latencyMs: options.storeLatencyMs }).store : store
  const outbox = createOutbox(() => clock.now())
  const notifier = options.notifier ?? outbox

  const photos = createPhotoStore(options.dataDir)
  const photoAccess = createLocalPhotoAccess(photos, () => clock.now())
  if (seeded && options.demoPhoto) {
    const saved = photos.save(demoFacePhoto())
    if (saved) await store.collection('couriers').update('demo-courier', { set: { photoUrl: saved.ref } })
  }
  return {
    store,
    config,
    seeded,
    photos,
    photoAccess,
    outbox,
    notifier,
    async call(name, event, openid) {
      if (!isFunctionName(name)) return fail('UNKNOWN_FUNCTION', `没有这个云函数：${name.slice(0, 64)}`)
      return ROUTERS[name].dispatch(event, {
        openid,
        store: served,
        clock,
        config,
        miniProgramCode: options.miniProgramCode,
        contentCheck: options.contentCheck,
        notifier,
        photos: options.photos ?? photoAccess,
      })
    },
    close: () => store.close(),
  }
}
