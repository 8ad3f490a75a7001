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
import { StandInDatabase, StandInError, type DatabaseSnapshot } from './database'

export interface CloudBaseStandIn {
  /** Pass as `serviceUrl` to `cloud.init` (see connectSdk in sdk.ts). */
  serviceUrl: string
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
}

export async function startCloudBaseStandIn(options: StandInOptions = {}): Promise<CloudBaseStandIn> {
  const database = new StandInDatabase(options.collections ?? [])
  const server = createServer((request, response) => {
    handle(database, request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500)
      response.end(String(error))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    serviceUrl: `http://127.0.0.1:${port}/admin`,
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

async function handle(database: StandInDatabase, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = (request.url ?? '').split('?')[0]
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
