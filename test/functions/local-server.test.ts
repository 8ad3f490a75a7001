import { DEFAULT_CONFIG } from '../../cloudfunctions/shared/config'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type http from 'node:http'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { createLocalServer, MAX_BODY_BYTES } from '../../local/server'
import { DEMO_IDENTITIES } from '../../local/seed-data'
import { ROUTERS } from '../../cloudfunctions/routers'
import { snapshotDatabase } from '../support/db-snapshot'
import { TEST_NOW } from '../support/clock'
import { close, listen, postFunction } from '../support/http'

let cloud: LocalCloud
let server: http.Server
let base: string
beforeEach(async () => {
  cloud = await createLocalCloud({ dataDir: ':memory:', now: () => TEST_NOW })
  server = createLocalServer({ cloud })
  base = await listen(server)
})
afterEach(async () => {
  await close(server)
  await cloud.close()
})

const request = { action: 'nearbyStations', location: { lat: 30.3196, lng: 120.1416 }, limit: 10 }

describe('the local cloud over HTTP', () => {
  it('gives the same services.nearbyStations answer as a direct handler call', async () => {
    const direct = await ROUTERS.services.dispatch(request, {
      openid: 'demo-courier',
      store: cloud.store,
      clock: { now: () => TEST_NOW },
      config: { ...DEFAULT_CONFIG, passKeys: null },
    })
    const viaHttp = await postFunction(base, 'services', JSON.stringify(request))
    expect(viaHttp.status).toBe(200)
    expect(viaHttp.contentType).toMatch(/^application\/json/)
    expect(direct.ok).toBe(true)
    expect(viaHttp.json).toEqual(direct)
  })

  it.each([
    ['a body that is not JSON', () => 'location=here', 'services', 'demo-courier', 400, 'BAD_REQUEST'],
    ['a JSON array', () => '[1,2]', 'services', 'demo-courier', 400, 'BAD_REQUEST'],
    [
      'malformed input',
      () => JSON.stringify({ ...request, limit: -1 }),
      'services',
      'demo-courier',
      400,
      'BAD_REQUEST',
    ],
    [
      'an unknown action',
      () => JSON.stringify({ action: 'deleteAll' }),
      'services',
      'demo-courier',
      404,
      'UNKNOWN_ACTION',
    ],
    ['an unknown function', () => JSON.stringify(request), 'billing', 'demo-courier', 404, 'UNKNOWN_FUNCTION'],
    ['a missing x-openid header', () => JSON.stringify(request), 'services', null, 401, 'UNAUTHENTICATED'],
    [
      'a body over 64 KiB',
      () => JSON.stringify({ ...request, pad: 'x'.repeat(MAX_BODY_BYTES) }),
      'services',
      'demo-courier',
      413,
      'BODY_TOO_LARGE',
    ],
  ])('answers %s with a 4xx JSON envelope and changes nothing', async (_name, body, fn, openid, status, code) => {
    const before = await snapshotDatabase(cloud.store)
    const reply = await postFunction(base, fn, body(), openid)
    expect(reply.status).toBe(status)
    expect(reply.json).toEqual({ ok: false, error: { code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } })
    expect(reply.text).not.toMatch(/at .*\.ts:\d+|Error:/)
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })

  it('refuses a body over 64 KiB sent in chunks without a length', async () => {
    const res = await fetch(`${base}/fn/services`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': 'demo-courier' },
      body: new Blob(['{"action":"nearbyStations","pad":"', 'x'.repeat(MAX_BODY_BYTES + 1), '"}']).stream(),
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'BODY_TOO_LARGE' } })
  })

  it('answers other methods on a function with 405', async () => {
    const res = await fetch(`${base}/fn/services`)
    expect(res.status).toBe(405)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  })

  it('lists the demo identities for the picker', async () => {
    const res = await fetch(`${base}/local/demo-identities`)
    const body = (await res.json()) as { identities: Array<{ openid: string }> }
    expect(body.identities.map((i) => i.openid)).toEqual(DEMO_IDENTITIES.map((i) => i.openid))
    expect(body.identities.map((i) => i.openid)).toEqual(
      expect.arrayContaining([
        'demo-courier',
        'demo-courier-pending',
        'demo-guard',
        'demo-manager',
        'demo-secretary',
        'demo-admin',
      ]),
    )
  })

  it('explains in Chinese when the h5 build is missing', async () => {
    const res = await fetch(`${base}/`)
    expect(res.status).toBe(503)
    expect(await res.text()).toContain('npm run build:h5')
  })
})

describe('static files', () => {
  it('serves the h5 build, falls back to index.html and refuses paths outside it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiaoge-static-'))
    fs.writeFileSync(path.join(dir, 'index.html'), '<title>小哥友好</title>')
    fs.mkdirSync(path.join(dir, 'js'))
    fs.writeFileSync(path.join(dir, 'js', 'app.abcd1234.js'), 'console.log(1)')
    const staticServer = createLocalServer({ cloud, staticDir: dir })
    const url = await listen(staticServer)
    try {
      const js = await fetch(`${url}/js/app.abcd1234.js`)
      expect(js.headers.get('content-type')).toMatch(/javascript/)
      expect(js.headers.get('cache-control')).toContain('immutable')
      expect(await (await fetch(`${url}/pages/stations/index`)).text()).toContain('小哥友好')
      const escape = await fetch(`${url}/%2e%2e/%2e%2e/etc/passwd`)
      expect(await escape.text()).not.toContain('root:')
    } finally {
      await close(staticServer)
    }
  })
})

describe('data on disk', () => {
  it('seeds on first start only, and keeps changes across a restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiaoge-data-'))
    const first = await createLocalCloud({ dataDir })
    expect(first.seeded).toBe(true)
    await first.store.collection('stations').update('st-xiangfu', { set: { name: '祥符街道小哥驿站（已改名）' } })
    await first.close()

    const second = await createLocalCloud({ dataDir })
    expect(second.seeded).toBe(false)
    expect((await second.store.collection('stations').get('st-xiangfu'))?.name).toBe('祥符街道小哥驿站（已改名）')
    await second.close()
  })
})
