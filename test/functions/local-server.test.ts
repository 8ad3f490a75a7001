import { DEFAULT_CONFIG } from '../../cloudfunctions/shared/config'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type http from 'node:http'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { createLocalServer, LOCAL_TIMEOUTS, MAX_BODY_BYTES } from '../../local/server'
import { DEMO_IDENTITIES } from '../../local/seed-data'
import { ROUTERS } from '../../cloudfunctions/routers'
import { snapshotDatabase } from '../support/db-snapshot'
import { TEST_NOW } from '../support/clock'
import { close, listen, postFunction, rawExchange, type RawReply } from '../support/http'

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

/** A refusal as a client reads it: the status, the envelope with a Chinese message, and the connection closed. */
function expectEnvelope(reply: RawReply, status: number, code: string) {
  expect(reply.status).toBe(status)
  expect(reply.headers['content-type']).toMatch(/^application\/json/)
  expect(Number(reply.headers['content-length'])).toBe(Buffer.byteLength(reply.body))
  expect(reply.json).toEqual({ ok: false, error: { code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } })
  expect(reply.headers.connection).toBe('close')
  expect(reply.closed).toBe(true)
}

const fnHead = (length: number | 'chunked', extra = '') =>
  'POST /fn/services HTTP/1.1\r\nHost: local\r\nContent-Type: application/json\r\nx-openid: demo-courier\r\n' +
  (length === 'chunked' ? 'Transfer-Encoding: chunked\r\n' : `Content-Length: ${length}\r\n`) +
  `${extra}\r\n`

describe('slow and broken requests, as a client on a plain socket sees them', () => {
  // Short timeouts through the options, so a request that never ends is seen ending in well under a second.
  const SHORT = { headersMs: 200, requestMs: 400, keepAliveMs: 200, lingerMs: 300 }
  let quick: http.Server
  let quickBase: string
  beforeEach(async () => {
    quick = createLocalServer({ cloud, timeouts: SHORT })
    quickBase = await listen(quick)
  })
  afterEach(() => close(quick))

  it('uses timeouts of seconds, not Node’s 300 s, unless told otherwise', () => {
    expect(server.headersTimeout).toBe(LOCAL_TIMEOUTS.headersMs)
    expect(server.requestTimeout).toBe(LOCAL_TIMEOUTS.requestMs)
    expect(server.keepAliveTimeout).toBe(LOCAL_TIMEOUTS.keepAliveMs)
    expect(LOCAL_TIMEOUTS.requestMs).toBeLessThanOrEqual(60_000)
    expect(LOCAL_TIMEOUTS.headersMs).toBeLessThanOrEqual(LOCAL_TIMEOUTS.requestMs)
    expect(quick.requestTimeout).toBe(SHORT.requestMs)
  })

  it('answers a body that never finishes with a 408 envelope and closes, running nothing', async () => {
    const before = await snapshotDatabase(cloud.store)
    const started = JSON.stringify(request).slice(0, 20)
    const reply = await rawExchange(quickBase, [fnHead(JSON.stringify(request).length), started], { timeoutMs: 3000 })
    expectEnvelope(reply, 408, 'TIMEOUT')
    expect(reply.ms).toBeGreaterThanOrEqual(SHORT.requestMs - 50)
    expect(reply.ms).toBeLessThan(SHORT.requestMs + 2000)
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })

  it('answers headers that never finish, and closes a connection that sends nothing', async () => {
    const slowHeaders = await rawExchange(quickBase, ['GET /healthz HTTP/1.1\r\nHost: local\r\n'], { timeoutMs: 3000 })
    expectEnvelope(slowHeaders, 408, 'TIMEOUT')
    expect(slowHeaders.ms).toBeLessThan(SHORT.headersMs + 2000)
    const silent = await rawExchange(quickBase, [], { timeoutMs: 3000 })
    expect(silent.closed).toBe(true)
    expect(silent.ms).toBeLessThan(SHORT.headersMs + 2000)
  })

  it('closes an idle kept-alive connection after the keep-alive timeout', async () => {
    const reply = await rawExchange(quickBase, ['GET /healthz HTTP/1.1\r\nHost: local\r\n\r\n'], { timeoutMs: 3000 })
    expect(reply.status).toBe(200)
    expect(reply.json).toEqual({ ok: true })
    expect(reply.headers.connection).toBe('keep-alive')
    expect(reply.closed).toBe(true)
    // Node adds a second of grace to the socket's timer over the advertised keep-alive
    expect(reply.ms).toBeLessThan(SHORT.keepAliveMs + 2000)
  })

  it('answers a /fn body over 64 KiB, sent in full, with a 413 envelope before closing, without a reset', async () => {
    const body = Buffer.alloc(MAX_BODY_BYTES * 3, 0x61)
    const reply = await rawExchange(quickBase, [fnHead(body.length), body])
    expectEnvelope(reply, 413, 'BODY_TOO_LARGE')
    expect(reply.error).toBeNull()
  })

  it('answers a /fn body over 64 KiB without a length (chunked) with a 413 envelope', async () => {
    const chunk = 'x'.repeat(MAX_BODY_BYTES + 1)
    const framed = `${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`
    const reply = await rawExchange(quickBase, [fnHead('chunked'), framed])
    expectEnvelope(reply, 413, 'BODY_TOO_LARGE')
    expect(reply.error).toBeNull()
  })

  it('answers a client that declares 100 MB and never stops sending, then closes without waiting for it all', async () => {
    const reply = await rawExchange(quickBase, [fnHead(100 * 1024 * 1024)], { keepSending: true, timeoutMs: 3000 })
    expectEnvelope(reply, 413, 'BODY_TOO_LARGE')
    expect(reply.ms).toBeLessThan(SHORT.lingerMs + 2000)
  })

  it.each([
    ['a header line without a colon', 400, 'GET /healthz HTTP/1.1\r\nHost: local\r\nBad Header\r\n\r\n'],
    ['a request line that is not HTTP', 400, 'HELLO THERE\r\n\r\n'],
    ['a header name with a space', 400, 'GET /healthz HTTP/1.1\r\nHost: local\r\nx open id: a\r\n\r\n'],
    ['a body length that is not a number', 400, fnHead(Number.NaN)],
    ['headers over Node’s 16 KiB', 431, `GET /healthz HTTP/1.1\r\nHost: local\r\nX-Pad: ${'a'.repeat(20_000)}\r\n\r\n`],
  ])('answers %s with a %i envelope (not Node’s bare answer) and closes', async (_name, status, text) => {
    const reply = await rawExchange(quickBase, [text])
    expectEnvelope(reply, status, 'BAD_REQUEST')
  })

  it('still serves after all of that', async () => {
    await rawExchange(quickBase, ['HELLO\r\n\r\n'])
    await rawExchange(quickBase, [fnHead(100)], { timeoutMs: 3000 })
    const reply = await postFunction(quickBase, 'services', JSON.stringify(request))
    expect(reply.status).toBe(200)
    expect(reply.json).toMatchObject({ ok: true })
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
