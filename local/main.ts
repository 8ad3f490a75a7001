import path from 'node:path'
import { z } from 'zod'
import { reconcileHolds } from '../cloudfunctions/points/holds'
import { remindSignedUp } from '../cloudfunctions/points/reminders'
import { purgeExpiredRecords } from '../cloudfunctions/purge/purge-expired'
import { createLocalCloud } from './cloud'
import { DEMO_IDENTITIES } from './seed-data'
import { createLocalServer } from './server'

/** `npm start`: the local cloud on http://127.0.0.1:8787 serving the h5 build and the cloud functions. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('.data'),
  /** A wait before every store call, in ms (e.g. 15: what a CloudBase round trip costs). */
  STORE_LATENCY_MS: z.coerce.number().int().min(0).max(1000).default(0),
})

async function main() {
  const env = Env.parse(process.env)
  const root = path.resolve(__dirname, '..')
  const dataDir = path.resolve(root, env.DATA_DIR)
  const cloud = await createLocalCloud({ dataDir, storeLatencyMs: env.STORE_LATENCY_MS, demoPhoto: true })
  const server = createLocalServer({ cloud, staticDir: path.join(root, 'dist', 'h5') })

  server.listen(env.PORT, env.HOST, () => {
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : env.PORT
    console.log(`小哥友好 local cloud: http://${env.HOST}:${port}/`)
    console.log(`data: ${dataDir}${cloud.seeded ? ' (seeded with demo data)' : ''}`)
    console.log('demo identities (pick one in the app, or send it as the x-openid header):')
    for (const id of DEMO_IDENTITIES) console.log(`  ${id.openid.padEnd(22)} ${id.roleName}  ${id.description}`)
    console.log('Ctrl-C to stop.')
  })

  // As CloudBase's daily timer does: expired entry records are deleted (PIPL: bounded retention).
  const purge = () =>
    purgeExpiredRecords(cloud.store, Date.now(), cloud.config.accessLogRetentionDays).catch((error: unknown) =>
      console.error('[local] purge failed', error),
    )
  void purge()
  const purgeTimer = setInterval(() => void purge(), 24 * 3600_000)
  purgeTimer.unref()
  // As CloudBase's minute timer does: counter holds left by a request that died half-way are settled, then the
  // couriers of activities starting within a day are reminded (into the local outbox).
  const reconcile = () =>
    reconcileHolds(cloud.store, Date.now())
      .then(() => remindSignedUp(cloud.store, cloud.notifier, Date.now()))
      .catch((error: unknown) => console.error('[local] reconcile failed', error))
  void reconcile()
  const reconcileTimer = setInterval(() => void reconcile(), 60_000)
  reconcileTimer.unref()

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: stopping…`)
    server.closeAllConnections()
    server.close(() => {
      cloud.close().then(
        () => process.exit(0),
        () => process.exit(1),
      )
    })
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
