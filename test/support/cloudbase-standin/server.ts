/**
 * A stand-in for CloudBase's database HTTP API, used only in tests: the real wx-server-sdk, initialised
 * with `serviceUrl: <this server>/admin`, sends every database call here as a JSON POST
 * (`{ action: 'database.getDocument', collectionName, query, … }`) and gets back what CloudBase answers:
 * `{ data, requestId }`, or `{ code, message, requestId }` for an error (HTTP 200 either way).
 * Request signatures are not checked. See database.ts for what is (and is not) implemented.
 */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { StandInDatabase, StandInError, type DatabaseSnapshot, type Doc } from './database'
import { StandInManagement } from './management'

export interface CloudBaseStandIn {
  /** Pass as `serviceUrl` to `cloud.init` (see connectSdk in sdk.ts). */
  serviceUrl: string
  /** The environment id the management API answers for. */
  envId: string
  /** Set as `TCB_BASE_URL` for @cloudbase/manager-node: its `tcb` API calls then come here (management.ts). */
  managementUrl: string
  /** The management API's record of calls, and what it answers. */
  management: StandInManagement
  /** A write from the mini-program client's own database API (see StandInDatabase.clientAdd). */
  clientAdd(openid: string, collection: string, doc: Doc): void
  /** Database requests answered so far (each one a network round trip on CloudBase). */
  requestCount(): number
  /** Fault injection: the next `count` transactional writes fail with the service's conflict or busy text. */
  failTransactionalWrites(count: number, kind: 'conflict' | 'busy'): void
  /** Empties every collection (declared collections remain) and aborts open transactions. */
  reset(): void
  /**
   * The committed state, to `restore` later: a test file seeds once through the SDK, then each test starts
   * from the same state without re-sending every document.
   */
  snapshot(): DatabaseSnapshot
  /** Aborts open transactions and puts the state of `snapshot` back. */
  restore(snapshot: DatabaseSnapshot): void
  /**
   * Stores documents directly, as committed writes (test set-up only: no SDK request, no duplicate check;
   * an existing `_id` gets a new version).
   */
  load(collection: string, docs: ReadonlyArray<{ _id: string }>): void
  close(): Promise<void>
}

export interface StandInOptions {
  /** Collections that exist from the start (CloudBase refuses to use a collection nobody created). */
  collections?: readonly string[]
  /** The environment id (default `test-env`). */
  envId?: string
}

export async function startCloudBaseStandIn(options: StandInOptions = {}): Promise<CloudBaseStandIn> {
  const database = new StandInDatabase(options.collections ?? [])
  const envId = options.envId ?? 'test-env'
  const management = new StandInManagement(database, envId)
  let requests = 0
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/admin')) requests++
    handle(database, management, request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500)
      response.end(String(error))
    })
  })
  // The real service keeps idle connections longer than its clients do; Node's default of 5 s makes the server
  // close a kept-alive socket just as the SDK reuses it under load (ECONNRESET), which CloudBase does not do.
  server.keepAliveTimeout = 65_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    serviceUrl: `http://127.0.0.1:${port}/admin`,
    envId,
    managementUrl: `http://127.0.0.1:${port}/tcb`,
    management,
    clientAdd: (openid, collection, doc) => database.clientAdd(openid, collection, doc),
    failTransactionalWrites: (count, kind) => database.failTransactionalWrites(count, kind),
    requestCount: () => requests,
    reset: () => database.reset(),
    snapshot: () => database.snapshot(),
    restore: (snapshot) => database.restore(snapshot),
    load: (collection, docs) => database.load(collection, docs),
    close: async () => {
      database.reset() // wakes writes that wait for a transaction
      server.closeAllConnections() // the SDK keeps connections alive
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    },
  }
}

async function handle(
  database: StandInDatabase,
  management: StandInManagement,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = (request.url ?? '').split('?')[0]
  if (request.method === 'POST' && path === '/tcb') {
    const action = request.headers['x-tc-action']
    const params: unknown = JSON.parse((await readBody(request)) || '{}')
    const answer = management.answer(
      typeof action === 'string' ? action : '',
      typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {},
    )
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
    response.end(JSON.stringify(answer))
    return
  }
  if (request.method !== 'POST' || path !== '/admin') {
    response.writeHead(404).end()
    return
  }
  const requestId = randomUUID()
  let answer: Record<string, unknown>
  try {
    const body: unknown = JSON.parse(await readBody(request))
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new StandInError('INVALID_PARAM', 'body must be an object')
    }
    const action = (body as Record<string, unknown>).action
    if (typeof action !== 'string') throw new StandInError('INVALID_PARAM', 'missing action')
    answer = { ...(await database.handle(action, body as Record<string, unknown>)), requestId }
  } catch (error) {
    answer =
      error instanceof StandInError
        ? { code: error.code, message: error.message, requestId }
        : { code: 'SYS_ERR', message: error instanceof Error ? error.message : String(error), requestId }
  }
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
  response.end(JSON.stringify(answer))
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}
