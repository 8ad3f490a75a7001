import http from 'node:http'
import type { Duplex } from 'node:stream'
import { fail, HTTP_STATUS, Id, type Envelope } from '../types'
import type { LocalCloud } from './cloud'
import { DEMO_IDENTITIES } from './seed-data'
import { serveStatic } from './static-files'
import {
  checkUploader,
  createUploadLimiter,
  MAX_PHOTO_BYTES,
  UPLOAD_QUOTA,
  type UploadLimiter,
  type UploadQuota,
} from './uploads'

export const MAX_BODY_BYTES = 64 * 1024
const FN_PATH = /^\/fn\/([A-Za-z0-9_-]{1,64})$/

/** How long the server waits for a client, in ms. */
export interface LocalTimeouts {
  /** From the first byte of a request to the end of its headers (also: a connection that sends nothing). */
  headersMs: number
  /** From the first byte of a request to the end of its body. */
  requestMs: number
  /** An idle kept-alive connection between two requests. */
  keepAliveMs: number
  /** After refusing a body early, how long the rest of it is read and thrown away before the connection closes. */
  lingerMs: number
}

/**
 * The local cloud serves one laptop (or a phone on the same Wi-Fi) and its largest request is a 2 MiB photo.
 * Headers come in one packet from any real client, so 10 s only ever cuts off a stalled or hostile one. A 2 MiB
 * photo needs about 17 s even at 1 Mbit/s (a weak phone link), so 30 s lets every honest upload finish while a
 * body that never ends is answered within half a minute instead of Node's 300 s. 5 s keep-alive is what
 * browsers expect (Node's default, kept on purpose: the app's calls come in bursts). An early refusal keeps
 * reading for up to 5 s so the client, still sending, gets to read the answer instead of a reset.
 */
export const LOCAL_TIMEOUTS: LocalTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
  lingerMs: 5_000,
}

/** Bytes an early refusal throws away at most before closing anyway: a client that keeps sending is not waited for. */
const MAX_DRAIN_BYTES = 8 * 1024 * 1024

export interface LocalServerOptions {
  cloud: LocalCloud
  /** The h5 build to serve (dist/h5); optional for API-only use in tests. */
  staticDir?: string
  /** Overrides of LOCAL_TIMEOUTS (tests use short ones). */
  timeouts?: Partial<LocalTimeouts>
  /** Photos per identity and window; UPLOAD_QUOTA by default. */
  uploadQuota?: UploadQuota
  /** The clock of the upload quota, epoch ms; Date.now by default. */
  now?: () => number
}

const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
} as const

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) {
  const text = JSON.stringify(body)
  res.writeHead(status, { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

function sendEnvelope(res: http.ServerResponse, envelope: Envelope<unknown>, headers?: http.OutgoingHttpHeaders) {
  sendJson(res, envelope.ok ? 200 : HTTP_STATUS[envelope.error.code], envelope, headers)
}

/**
 * Answers a request whose body has not been (fully) read, then closes the connection. The whole answer is
 * written at once (its Content-Length delimits it, so the client can read it while still sending), but the
 * response is only ended, which is when Node closes the socket, once the client has stopped sending (or after
 * `lingerMs` / MAX_DRAIN_BYTES): closing a socket with unread bytes makes the kernel send a reset, which can
 * discard the answer before the client reads it. (Before, an oversized body was read to its end, however large,
 * on a kept-alive connection.)
 */
function refuseUnread(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  envelope: Envelope<unknown>,
  lingerMs: number,
  headers: http.OutgoingHttpHeaders = {},
) {
  const status = envelope.ok ? 200 : HTTP_STATUS[envelope.error.code]
  const text = JSON.stringify(envelope)
  res.writeHead(status, { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(text), ...headers, Connection: 'close' })
  res.write(text)
  let drained = 0
  const finish = () => {
    clearTimeout(timer)
    req.off('data', onData)
    if (!res.writableEnded) res.end()
  }
  const onData = (chunk: Buffer) => {
    drained += chunk.length
    if (drained > MAX_DRAIN_BYTES) finish()
  }
  const timer = setTimeout(finish, lingerMs)
  req.on('data', onData)
  req.once('end', finish)
  // the client went away (or the request timeout destroyed the socket): nothing left to wait for
  req.once('close', finish)
  req.resume()
  if (req.readableEnded || req.destroyed) finish()
}

type BodyResult = { kind: 'ok'; bytes: Buffer } | { kind: 'tooLarge' } | { kind: 'aborted' }

/**
 * Reads a body of at most `limit` bytes. Over the limit (declared or counted) it stops collecting at once and
 * says so; the caller answers with refuseUnread, which throws the rest away. A client that disconnects, or a
 * body cut off by the request timeout (the clientError handler has answered it), is `aborted`: nothing to answer.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) return resolve({ kind: 'tooLarge' })
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const settle = (result: BodyResult) => {
      if (settled) return
      settled = true
      req.off('data', onData)
      resolve(result)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) return settle({ kind: 'tooLarge' })
      chunks.push(chunk)
    }
    req.on('data', onData)
    req.once('end', () => settle({ kind: 'ok', bytes: Buffer.concat(chunks) }))
    req.once('close', () => settle({ kind: 'aborted' }))
    req.once('error', () => settle({ kind: 'aborted' }))
  })
}

interface Services {
  cloud: LocalCloud
  timeouts: LocalTimeouts
  uploads: UploadLimiter
  uploadQuota: UploadQuota
}

const FN_TOO_LARGE = `请求内容过大（上限 ${MAX_BODY_BYTES / 1024} KiB）`

/** `POST /fn/<name>`: a JSON event in, the envelope out; the caller is the demo user in `x-openid`. */
async function handleFunctionCall(
  services: Services,
  name: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
) {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST')
    return sendJson(res, 405, fail('BAD_REQUEST', '云函数只接受 POST 请求'))
  }
  const body = await readBody(req, MAX_BODY_BYTES)
  if (body.kind === 'aborted') return
  if (body.kind === 'tooLarge') {
    return refuseUnread(req, res, fail('BODY_TOO_LARGE', FN_TOO_LARGE), services.timeouts.lingerMs)
  }
  let event: unknown
  try {
    event = JSON.parse(body.bytes.toString('utf8'))
  } catch {
    return sendEnvelope(res, fail('BAD_REQUEST', '请求内容不是有效的 JSON'))
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return sendEnvelope(res, fail('BAD_REQUEST', '请求内容应为 JSON 对象'))
  }
  // Validated by the handler wrapper (the contract's Id): malformed or absent is UNAUTHENTICATED there.
  const header = req.headers['x-openid']
  const openid = typeof header === 'string' && header.length > 0 ? header : null
  sendEnvelope(res, await services.cloud.call(name, event, openid))
}

const FILE_PATH = /^\/local\/files\/([A-Za-z0-9_-]{1,64})$/

/**
 * `POST /local/upload[?for=face]`: a photo's raw bytes (JPEG, PNG or WebP, at most 2 MiB) from whoever may make
 * the call it is for (checkUploader: a 随手拍 report, or with `for=face` a registration or a face-photo
 * replacement), within their quota; answers `{ photo: "local:<id>" }`, the reference the call carries. What `wx.cloud.uploadFile` is in weapp. Every refusal comes before the photo is read or stored.
 */
async function handleUpload(services: Services, req: http.IncomingMessage, res: http.ServerResponse) {
  const { cloud, timeouts } = services
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST')
    return sendJson(res, 405, fail('BAD_REQUEST', '上传只接受 POST 请求'))
  }
  const purpose = new URLSearchParams((req.url ?? '').split('?')[1] ?? '').get('for') ?? 'report'
  if (purpose !== 'report' && purpose !== 'face') {
    return refuseUnread(req, res, fail('BAD_REQUEST', '上传用途不正确'), timeouts.lingerMs)
  }
  const uploader = await checkUploader(cloud, req.headers['x-openid'], purpose)
  if (!uploader.ok) return refuseUnread(req, res, uploader.refusal, timeouts.lingerMs)
  const place = services.uploads.reserve(uploader.openid)
  if (!place.ok) {
    const minutes = Math.ceil(place.retryAfterMs / 60_000)
    const { files } = services.uploadQuota
    const refusal = fail(
      'RATE_LIMITED',
      `照片上传过于频繁（每${quotaWindow(services)}最多 ${files} 张），请 ${minutes} 分钟后再试`,
    )
    return refuseUnread(req, res, refusal, timeouts.lingerMs, { 'Retry-After': Math.ceil(place.retryAfterMs / 1000) })
  }
  let stored = false
  try {
    const body = await readBody(req, MAX_PHOTO_BYTES)
    if (body.kind === 'aborted') return
    if (body.kind === 'tooLarge') {
      const refusal = fail('BODY_TOO_LARGE', `照片过大（上限 ${MAX_PHOTO_BYTES / 1024 / 1024} MB），请压缩后再传`)
      return refuseUnread(req, res, refusal, timeouts.lingerMs)
    }
    const saved = cloud.photos.save(body.bytes)
    if (!saved) return sendEnvelope(res, fail('BAD_REQUEST', '只能上传 JPG、PNG 或 WebP 照片'))
    stored = true
    sendEnvelope(res, { ok: true, data: { photo: saved.ref } })
  } finally {
    if (!stored) place.release()
  }
}

function quotaWindow(services: Services): string {
  const ms = services.uploadQuota.windowMs
  if (ms % 3600_000 === 0) return ms === 3600_000 ? '小时' : ` ${ms / 3600_000} 小时`
  return ` ${Math.ceil(ms / 60_000)} 分钟`
}

/**
 * `GET /local/outbox`: the subscribe messages sent to the demo user in `x-openid`, newest first (what WeChat's
 * 服务通知 would show them). Only one's own: the OPENID must be a well-formed Id, as for `/fn`.
 */
function serveOutbox(cloud: LocalCloud, req: http.IncomingMessage, res: http.ServerResponse) {
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET')
    return sendJson(res, 405, fail('BAD_REQUEST', '通知列表只接受 GET 请求'))
  }
  const openid = Id.safeParse(req.headers['x-openid'])
  if (!openid.success) return sendEnvelope(res, fail('UNAUTHENTICATED'))
  sendEnvelope(res, { ok: true, data: { messages: cloud.outbox.list(openid.data) } })
}

/**
 * `GET /local/files/<id>?e=…&t=…`: a photo, only through a URL the functions minted for someone allowed to see
 * it (createLocalPhotoAccess), until it expires. Knowing the id is not enough.
 */
function serveUploaded(cloud: LocalCloud, id: string, query: URLSearchParams, res: http.ServerResponse) {
  if (!cloud.photoAccess.verify(id, query.get('e'), query.get('t'))) {
    return sendJson(res, 403, fail('FORBIDDEN', '照片链接已失效，请刷新后重试'))
  }
  const photo = cloud.photos.read(id)
  if (!photo) return sendEnvelope(res, fail('NOT_FOUND', '照片不存在'))
  res.writeHead(200, {
    'Content-Type': photo.type,
    'Content-Length': photo.bytes.length,
    'Cache-Control': 'private, max-age=600',
    'X-Content-Type-Options': 'nosniff',
  })
  res.end(photo.bytes)
}

/** A complete HTTP/1.1 answer written straight to a socket, for errors Node raises before there is a response. */
function rawEnvelope(status: number, reason: string, envelope: Envelope<unknown>): string {
  const text = JSON.stringify(envelope)
  return [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(text)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    text,
  ].join('\r\n')
}

/** Node's parser and timeout errors as envelopes: what its own bare 400/408/431 answers say, in Chinese. */
function clientErrorAnswer(code: string | undefined, timeouts: LocalTimeouts): string {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    const seconds = Math.ceil(timeouts.requestMs / 1000)
    const message = `请求没有在 ${seconds} 秒内发送完，连接已关闭，请检查网络后重试`
    return rawEnvelope(408, 'Request Timeout', fail('TIMEOUT', message))
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    return rawEnvelope(431, 'Request Header Fields Too Large', fail('BAD_REQUEST', '请求头过大'))
  }
  return rawEnvelope(400, 'Bad Request', fail('BAD_REQUEST', '请求格式不正确：无法解析的 HTTP 请求'))
}

/**
 * Node checks the header and request timeouts only this often (30 s by default, which would let a 10 s header
 * timeout run to 40 s): once a second, or a quarter of the shortest timeout when tests shorten them.
 */
function checkingInterval(limits: LocalTimeouts): number {
  return Math.max(10, Math.min(1000, Math.floor(Math.min(limits.headersMs, limits.requestMs) / 4)))
}

export function createLocalServer({ cloud, staticDir, timeouts, uploadQuota, now }: LocalServerOptions): http.Server {
  const limits: LocalTimeouts = { ...LOCAL_TIMEOUTS, ...timeouts }
  const quota = uploadQuota ?? UPLOAD_QUOTA
  const clock = now ?? Date.now
  const services: Services = {
    cloud,
    timeouts: limits,
    uploads: createUploadLimiter(quota, clock),
    uploadQuota: quota,
  }
  // The response in progress on each connection, so a clientError knows whether an answer has begun.
  const inFlight = new WeakMap<Duplex, http.ServerResponse>()

  const server = http.createServer(
    {
      connectionsCheckingInterval: checkingInterval(limits),
    },
    (req, res) => {
      const socket = req.socket
      inFlight.set(socket, res)
      res.once('close', () => {
        if (inFlight.get(socket) === res) inFlight.delete(socket)
      })
      const pathname = (req.url ?? '/').split('?')[0]
      const fn = FN_PATH.exec(pathname)
      const work = async () => {
        if (fn) return handleFunctionCall(services, fn[1], req, res)
        if (pathname.startsWith('/fn/')) return sendEnvelope(res, fail('UNKNOWN_FUNCTION'))
        if (pathname === '/local/upload') return handleUpload(services, req, res)
        const file = FILE_PATH.exec(pathname)
        if (file) return serveUploaded(cloud, file[1], new URLSearchParams((req.url ?? '').split('?')[1] ?? ''), res)
        if (pathname === '/local/outbox') return serveOutbox(cloud, req, res)
        if (pathname === '/local/demo-identities') return sendJson(res, 200, { identities: DEMO_IDENTITIES })
        if (pathname === '/healthz') return sendJson(res, 200, { ok: true })
        serveStatic(staticDir, req, res)
      }
      work().catch((error: unknown) => {
        console.error('[local] request failed', error)
        if (!res.headersSent) sendEnvelope(res, fail('INTERNAL'))
        else res.destroy()
      })
    },
  )
  server.headersTimeout = limits.headersMs
  server.requestTimeout = limits.requestMs
  server.keepAliveTimeout = limits.keepAliveMs

  // Malformed HTTP and the header/request timeouts: Node has no request or response for these, so the
  // envelope is written to the socket itself, as Node's own bare answer would be. Only when nothing of an
  // answer has gone out on this connection; otherwise (or when the client is gone) the socket is dropped.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight.get(socket)?.headersSent) {
      socket.destroy()
      return
    }
    // Closed once the answer is handed to the kernel: Node's parser is done with this connection.
    socket.end(clientErrorAnswer(error.code, limits), () => socket.destroy())
  })
  return server
}
