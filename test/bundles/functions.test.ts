import fs from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'
import * as cloud from 'wx-server-sdk'
import { DEFAULT_LOCATION } from '../../types'
import { DEPLOYED_FUNCTIONS } from '../../scripts/sizes'
import { createCloudBaseStore } from '../../cloudfunctions/shared/store/cloudbase'
import { INDEXES, type Collections } from '../../cloudfunctions/shared/store/collections'
import { createLocalCloud } from '../../local/cloud'
import { seedIfEmpty } from '../../local/seed'
import { connectSdk } from '../support/cloudbase-standin/sdk'
import { startCloudBaseStandIn, type CloudBaseStandIn } from '../support/cloudbase-standin/server'

// The SDK probes a Tencent Cloud metadata host unless told it runs there: no outside traffic from tests.
process.env.TENCENTCLOUD = 'true'

const DIST = path.resolve(__dirname, '../../dist/cloudfunctions')

describe.each(DEPLOYED_FUNCTIONS)('the deployable %s function', (name) => {
  const dir = path.join(DIST, name)

  it('is a folder with index.js and a package.json that depends only on wx-server-sdk', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>
    expect(pkg).toMatchObject({ name, main: 'index.js' })
    expect(Object.keys(pkg.dependencies as object)).toEqual(['wx-server-sdk'])
    expect(pkg).not.toHaveProperty('devDependencies')
  })

  it('requires nothing but Node built-ins and wx-server-sdk, and carries no local-only code', () => {
    const code = fs.readFileSync(path.join(dir, 'index.js'), 'utf8')
    const required = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))
    const allowed = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'wx-server-sdk'])
    expect([...required].filter((m) => !allowed.has(m))).toEqual([])
    expect(code).not.toContain('better-sqlite3')
    expect(code).not.toContain('demo-courier') // the seed data stays local
  })

  it('exports main(event, context)', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built bundle, loaded at run time as CloudBase loads it
      const mod = require(path.join(dir, 'index.js')) as { main?: unknown }
      expect(typeof mod.main).toBe('function')
    })
  })
})

describe('the built services bundle on the real wx-server-sdk', () => {
  let standIn: CloudBaseStandIn
  const savedEnv = { ...process.env }

  beforeAll(async () => {
    standIn = await startCloudBaseStandIn({ collections: Object.keys(INDEXES) })
    await seedIfEmpty(createCloudBaseStore<Collections>(connectSdk(standIn.serviceUrl)))
    // What CloudBase injects into a function's environment: the caller's identity, and no metadata probe.
    Object.assign(process.env, {
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
      WX_OPENID: 'demo-courier',
      WX_APPID: 'wx0000',
      TENCENTCLOUD: 'true',
    })
    // The SDK keeps the first init: point it at the stand-in before the bundle's own init(DYNAMIC_CURRENT_ENV).
    cloud.init({ env: 'test-env', serviceUrl: standIn.serviceUrl, secretId: 'x', secretKey: 'y' } as Parameters<
      typeof cloud.init
    >[0])
  })
  afterAll(async () => {
    process.env = savedEnv
    await standIn.close()
  })

  it('answers nearbyStations from CloudBase exactly as the local cloud answers from SQLite', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built bundle, loaded at run time as CloudBase loads it
    const { main } = require(path.join(DIST, 'services', 'index.js')) as {
      main: (event: unknown, context: unknown) => Promise<unknown>
    }
    const event = {
      action: 'nearbyStations',
      location: { lat: DEFAULT_LOCATION.lat, lng: DEFAULT_LOCATION.lng },
      limit: 10,
    }
    const fromCloudBase = await main(event, {})
    const local = await createLocalCloud({ dataDir: ':memory:' })
    const fromSqlite = await local.call('services', event, 'demo-courier')
    await local.close()
    expect(fromCloudBase).toMatchObject({ ok: true })
    // openNow depends on the moment of each call; everything else must be identical
    const stable = (reply: unknown) =>
      JSON.parse(JSON.stringify(reply, (k, v: unknown) => (k === 'openNow' ? undefined : v)))
    expect(stable(fromCloudBase)).toEqual(stable(fromSqlite))
  })

  it('refuses bad input with a Chinese message, as the local cloud does', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built bundle, loaded at run time as CloudBase loads it
    const { main } = require(path.join(DIST, 'services', 'index.js')) as {
      main: (event: unknown, context: unknown) => Promise<unknown>
    }
    const reply = await main({ action: 'nearbyStations', location: { lat: 91, lng: 120 } }, {})
    expect(reply).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/^请求格式不正确：location\.lat：数值过大/) },
    })
  })

  it('leaves timer events to the purge function: pass treats one like any call without a caller', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built bundle, loaded at run time as CloudBase loads it
    const { main } = require(path.join(DIST, 'pass', 'index.js')) as {
      main: (event: unknown, context: unknown) => Promise<unknown>
    }
    const openid = process.env.WX_OPENID
    delete process.env.WX_OPENID
    try {
      const timer = { Type: 'Timer', TriggerName: 'purge-expired-records', Time: new Date().toISOString() }
      expect(await main(timer, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    } finally {
      process.env.WX_OPENID = openid
    }
  })

  it('takes the caller from the WX context, not from the event', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built bundle, loaded at run time as CloudBase loads it
    const { main } = require(path.join(DIST, 'account', 'index.js')) as {
      main: (event: unknown, context: unknown) => Promise<unknown>
    }
    const reply = await main({ action: 'me', userInfo: { openId: 'demo-admin' } }, {})
    expect(reply).toMatchObject({ ok: true, data: { openid: 'demo-courier', roles: [{ role: 'courier' }] } })
  })
})
