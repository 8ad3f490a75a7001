import { randomBytes, verify as ed25519Verify } from 'node:crypto'
import fs from 'node:fs'
import type http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'
import qrcode from 'qrcode-generator'
import { issueToken, TOKEN_PREFIX } from '../cloudfunctions/pass/domain/token'
import { ManualClock } from '../cloudfunctions/shared/clock'
import { generateKeyringSpec, keyringFrom } from '../cloudfunctions/shared/pass-keys'
import { createLocalCloud, type LocalCloud } from '../local/cloud'
import { createLocalServer } from '../local/server'
import type { Courier, Gate, User } from '../types'
import type { Benchmark } from './types'

/**
 * The 小哥码 gate check: raw Ed25519 verifications per second, full `pass.verify` handler calls per second
 * against the SQLite store (a real file in WAL mode, rate limit and access-log write included), the same over
 * HTTP with 16 concurrent keep-alive clients, and the size of the longest token and its QR code.
 *
 * The checks are spread over `GUARDS` guards, each at a gate of their own and held to the configured limit of
 * checks a minute, as a city's gates would be. (One guard checking thousands of codes a minute, with the limit
 * lifted, measured a rate-limit document of thousands of times, which no guard can have.)
 */

/** The longest "送往" a token can carry: 24 UTF-8 bytes. */
const LONGEST_DESTINATION = '一二三四五六七八'
/** Monday 2026-11-23 10:00 China time: every figure runs on a clock the benchmark moves itself. */
const START = Date.parse('2026-11-23T10:00:00+08:00')
const RAW_MIN_MS = 2000
const HANDLER_MIN_MS = 3000
const HANDLER_BATCH = 500
const HTTP_CLIENTS = 16
const HTTP_DURATION_MS = 5000
const HTTP_WARMUP_REQUESTS = 500
const HTTP_TOKEN_POOL = 8000
/**
 * Approved couriers the tokens are spread over. A gate sees many couriers a day, each a few times; the entry
 * count shown to the guard ("entries today") is counted per courier, so one courier entering thousands of
 * times would measure that count rather than the gate check.
 */
const COURIERS = 400
/** Guards, one per gate; each stays under the default limit of checks a minute (120) in every phase below. */
const GUARDS = 200
/** The clock moves this far before each handler batch: 500 checks over 200 guards, 30 a minute each at most. */
const BATCH_CLOCK_STEP_MS = 5000
/** Hard bounds on every loop, whatever the machine's speed. */
const MAX_ITERATIONS = 5_000_000
const MAX_HTTP_REQUESTS = 500_000

const round = (value: number, digits = 2) => Number(value.toFixed(digits))

/** Ed25519 verification alone, on a real token's body and signature sliced as checkToken slices them. */
function rawEd25519PerSecond(): number {
  const keys = keyringFrom(generateKeyringSpec())
  const token = issueToken(keys, {
    alias: 'ZGVtby1j',
    issuedAt: Math.floor(START / 1000),
    lifetime: 60,
    destination: LONGEST_DESTINATION,
  })
  const bytes = Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url')
  const bodyLength = 18 + bytes[17]
  const body = bytes.subarray(0, bodyLength)
  const signature = bytes.subarray(bodyLength)
  const publicKey = keys.active.publicKey
  for (let i = 0; i < 200; i++) ed25519Verify(null, body, publicKey, signature) // warm-up

  let count = 0
  let failures = 0
  const started = performance.now()
  let elapsed = 0
  while (elapsed < RAW_MIN_MS && count < MAX_ITERATIONS) {
    for (let i = 0; i < 256; i++) if (!ed25519Verify(null, body, publicKey, signature)) failures++
    count += 256
    elapsed = performance.now() - started
  }
  if (failures > 0) throw new Error(`raw Ed25519: ${failures} valid signatures did not verify`)
  return count / (elapsed / 1000)
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'xiaoge-bench-pass-'))
}

/**
 * A local cloud over a fresh SQLite file (WAL) with a clock the benchmark controls and no practical rate limit,
 * plus `COURIERS` approved couriers (demo-courier and generated ones) whose tokens the benchmark issues.
 */
async function benchCloud(
  dir: string,
  clock: ManualClock,
): Promise<{ cloud: LocalCloud; couriers: string[]; guards: string[] }> {
  const cloud = await createLocalCloud({ dataDir: dir, now: () => clock.now() })
  const couriers = ['demo-courier']
  const guards: string[] = []
  const passIds = new Set<string>(['ZGVtby1j'])
  await cloud.store.transaction(async (tx) => {
    for (let i = 1; i < COURIERS; i++) {
      const openid = `bench-courier-${i}`
      let passId = randomBytes(6).toString('base64url')
      while (passIds.has(passId)) passId = randomBytes(6).toString('base64url')
      passIds.add(passId)
      const user: User = { _id: openid, nickname: '骑手', roles: [{ role: 'courier' }], createdAt: START }
      const courier: Courier = {
        _id: openid,
        name: '王大力',
        phone: `139${String(i).padStart(8, '0')}`,
        platform: '饿了么',
        riderId: `ELM-${i}`,
        communityId: 'ruanjiaqiao',
        status: 'approved',
        approvedAt: START,
        passId,
        movementConsentAt: START,
        createdAt: START,
        updatedAt: START,
      }
      await tx.collection('users').put(user)
      await tx.collection('couriers').put(courier)
      couriers.push(openid)
    }
    for (let i = 0; i < GUARDS; i++) {
      const openid = `bench-guard-${i}`
      const gate: Gate = { _id: `bench-gate-${i}`, communityId: 'ruanjiaqiao', name: `${i + 1}号门`, createdAt: START }
      const user: User = {
        _id: openid,
        nickname: '门岗',
        roles: [{ role: 'guard', communityId: 'ruanjiaqiao', gateId: gate._id }],
        createdAt: START,
      }
      await tx.collection('gates').put(gate)
      await tx.collection('users').put(user)
      guards.push(openid)
    }
  })
  return { cloud, couriers, guards }
}

/** `count` tokens from `pass.issue`, round-robin over the couriers. */
async function issueTokens(
  cloud: LocalCloud,
  couriers: string[],
  count: number,
  destination?: string,
): Promise<string[]> {
  const tokens: string[] = []
  for (let i = 0; i < count; i++) {
    const event = { action: 'issue', ...(destination ? { destination } : {}) }
    const reply = await cloud.call('pass', event, couriers[i % couriers.length])
    if (!reply.ok) throw new Error(`pass.issue failed: ${reply.error.code} ${reply.error.message}`)
    tokens.push((reply.data as { token: string }).token)
  }
  return tokens
}

function isAllowed(reply: Awaited<ReturnType<LocalCloud['call']>>): boolean {
  return reply.ok && (reply.data as { allowed?: unknown }).allowed === true
}

/**
 * Sequential `pass.verify` calls, round-robin over the guards, through the local cloud, each with a distinct freshly issued
 * token (issuing is not timed). The clock moves one second per batch, so every token is checked well inside
 * its lifetime. Also the longest token (longest destination) and the QR version it needs.
 */
export async function handlerFigures(): Promise<{
  perSecond: number
  errors: number
  tokenChars: number
  qrVersion: number
}> {
  const dir = tempDir()
  const clock = new ManualClock(START)
  const { cloud, couriers, guards } = await benchCloud(dir, clock)
  try {
    const [longest] = await issueTokens(cloud, couriers, 1, LONGEST_DESTINATION)
    const warmup = await issueTokens(cloud, couriers, 200)
    for (const [i, token] of warmup.entries()) await cloud.call('pass', { action: 'verify', token }, guards[i % GUARDS])

    let verified = 0
    let errors = 0
    let timedMs = 0
    while (timedMs < HANDLER_MIN_MS && verified < MAX_ITERATIONS) {
      clock.advance(BATCH_CLOCK_STEP_MS)
      const batch = await issueTokens(cloud, couriers, HANDLER_BATCH, '3幢2单元')
      const started = performance.now()
      for (const [i, token] of batch.entries()) {
        if (!isAllowed(await cloud.call('pass', { action: 'verify', token }, guards[i % GUARDS]))) errors++
      }
      timedMs += performance.now() - started
      verified += batch.length
    }
    return {
      perSecond: verified / (timedMs / 1000),
      errors,
      tokenChars: longest.length,
      qrVersion: qrVersionM(longest),
    }
  } finally {
    await cloud.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** The smallest QR version that holds `text` (byte mode) at error-correction level M. */
function qrVersionM(text: string): number {
  const qr = qrcode(0, 'M')
  qr.addData(text, 'Byte')
  qr.make()
  return (qr.getModuleCount() - 17) / 4
}

/**
 * The HTTP clients run in a worker thread, so they do not take the server's event loop: 16 keep-alive
 * connections, each sending its next request as soon as the previous answer arrived. An error is a status
 * other than 200 or an answer that is not `allowed: true`.
 */
const CLIENT_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const http = require('node:http')
const { performance } = require('node:perf_hooks')
const { port, tokens, guards, clients, durationMs, warmup, maxRequests } = workerData
const agent = new http.Agent({ keepAlive: true, maxSockets: clients })
let next = 0

function verify(token, guard) {
  const body = JSON.stringify({ action: 'verify', token })
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/fn/pass', method: 'POST', agent, headers: {
        'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-openid': guard } },
      (res) => {
        const chunks = []
        res.on('data', (chunk) => chunks.push(chunk))
        res.on('error', () => resolve(false))
        res.on('end', () => {
          if (res.statusCode !== 200) return resolve(false)
          try {
            const reply = JSON.parse(Buffer.concat(chunks).toString('utf8'))
            resolve(reply.ok === true && reply.data.allowed === true)
          } catch {
            resolve(false)
          }
        })
      },
    )
    req.on('error', () => resolve(false))
    req.end(body)
  })
}

async function run(stop, latencies) {
  let errors = 0
  const client = async () => {
    while (!stop(next)) {
      const n = next++
      const token = tokens[n % tokens.length]
      const started = performance.now()
      const ok = await verify(token, guards[n % guards.length])
      if (latencies) latencies.push(performance.now() - started)
      if (!ok) errors++
    }
  }
  await Promise.all(Array.from({ length: clients }, client))
  return errors
}

;(async () => {
  await run((n) => n >= warmup, null)
  const latencies = []
  const started = performance.now()
  const deadline = started + durationMs
  const errors = await run((n) => n >= warmup + maxRequests || performance.now() >= deadline, latencies)
  const elapsedMs = performance.now() - started
  agent.destroy()
  parentPort.postMessage({ latencies: Float64Array.from(latencies), errors, elapsedMs })
})().catch((error) => parentPort.postMessage({ failed: String(error && error.stack || error) }))
`

interface ClientReport {
  latencies: Float64Array
  errors: number
  elapsedMs: number
  failed?: string
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

async function httpFigures(): Promise<Record<string, number>> {
  const dir = tempDir()
  const clock = new ManualClock(START)
  const { cloud, couriers, guards } = await benchCloud(dir, clock)
  const server = createLocalServer({ cloud })
  try {
    const tokens = await issueTokens(cloud, couriers, HTTP_TOKEN_POOL, '3幢2单元')
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const worker = new Worker(CLIENT_SOURCE, {
      eval: true,
      workerData: {
        port,
        tokens,
        guards,
        clients: HTTP_CLIENTS,
        durationMs: HTTP_DURATION_MS,
        warmup: HTTP_WARMUP_REQUESTS,
        maxRequests: MAX_HTTP_REQUESTS,
      },
    })
    const report = await new Promise<ClientReport>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
    })
    await worker.terminate()
    if (report.failed) throw new Error(`HTTP clients failed: ${report.failed}`)
    const sorted = report.latencies.slice().sort()
    return {
      'pass.http_per_s': Math.round(sorted.length / (report.elapsedMs / 1000)),
      'pass.http_p50_ms': round(percentile(sorted, 50)),
      'pass.http_p99_ms': round(percentile(sorted, 99)),
      'pass.http_errors': report.errors,
    }
  } finally {
    await closeServer(server)
    await cloud.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve()
    server.closeAllConnections()
    server.close(() => resolve())
  })
}

export const passBenchmark: Benchmark = {
  name: 'pass',
  async run() {
    const raw = rawEd25519PerSecond()
    const handler = await handlerFigures()
    const overHttp = await httpFigures()
    return {
      'pass.raw_ed25519_per_s': Math.round(raw),
      'pass.verify_per_s': Math.round(handler.perSecond),
      'pass.verify_ratio': round(handler.perSecond / raw, 3),
      'pass.verify_errors': handler.errors,
      ...overHttp,
      'pass.token_chars': handler.tokenChars,
      'pass.qr_version_m': handler.qrVersion,
    }
  },
}
