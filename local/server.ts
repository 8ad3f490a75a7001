import http from 'node:http'
import { fail, HTTP_STATUS, type Envelope } from '../types'
import type { LocalCloud } from './cloud'
import { DEMO_IDENTITIES } from './seed-data'
import { serveStatic } from './static-files'
import { MAX_PHOTO_BYTES } from './uploads'

export const MAX_BODY_BYTES = 64 * 1024
const FN_PATH = /^\/fn\/([A-Za-z0-9_-]{1,64})$/

export interface LocalServerOptions {
  cloud: LocalCloud
  /** The h5 build to serve (dist/h5); optional for API-only use in tests. */
  staticDir?: string
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
  res.end(text)
}

function sendEnvelope(res: http.ServerResponse, envelope: Envelope<unknown>): void {
  sendJson(res, envelope.ok ? 200 : HTTP_STATUS[envelope.error.code], envelope)
}

type BodyResult = { ok: true; text: string } | { ok: false; tooLarge: true }

/** Reads the request body, refusing (without buffering it) anything over MAX_BODY_BYTES. */
function readBody(req: http.IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > MAX_BODY_BYTES) {
      req.resume()
      resolve({ ok: false, tooLarge: true })
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    req.on('data', (chunk: Buffer) => {
      if (done) return
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        done = true
        resolve({ ok: false, tooLarge: true })
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!done) resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') })
    })
    req.on('error', reject)
  })
}

/** `POST /fn/<name>`: a JSON event in, the envelope out; the caller is the demo user in `x-openid`. */
async function handleFunctionCall(
  cloud: LocalCloud,
  name: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
) {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST')
    return sendJson(res, 405, fail('BAD_REQUEST', '云函数只接受 POST 请求'))
  }
  const body = await readBody(req)
  if (!body.ok) return sendEnvelope(res, fail('BODY_TOO_LARGE', `请求内容过大（上限 ${MAX_BODY_BYTES / 1024} KiB）`))
  let event: unknown
  try {
    event = JSON.parse(body.text)
  } catch {
    return sendEnvelope(res, fail('BAD_REQUEST', '请求内容不是有效的 JSON'))
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return sendEnvelope(res, fail('BAD_REQUEST', '请求内容应为 JSON 对象'))
  }
  const header = req.headers['x-openid']
  const openid = typeof header === 'string' && header.length > 0 ? header : null
  sendEnvelope(res, await cloud.call(name, event, openid))
}

const FILE_PATH = /^\/local\/files\/([A-Za-z0-9_-]{1,64})$/

/** Reads a body of at most `limit` bytes, or null when it is larger (without buffering the rest). */
function readBytes(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume()
      return resolve(null)
    }
    const chunks: Buffer[] = []
    let size = 0
    let over = false
    req.on('data', (chunk: Buffer) => {
      if (over) return
      size += chunk.length
      if (size > limit) {
        over = true
        return resolve(null)
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks))
    })
    req.on('error', reject)
  })
}

/**
 * `POST /local/upload`: a photo's raw bytes (JPEG, PNG or WebP, at most 2 MiB) from a known demo user; answers
 * `{ photo: "local:<id>" }`, the reference a 随手拍 report carries. What `wx.cloud.uploadFile` is in weapp.
 */
async function handleUpload(cloud: LocalCloud, req: http.IncomingMessage, res: http.ServerResponse) {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST')
    return sendJson(res, 405, fail('BAD_REQUEST', '上传只接受 POST 请求'))
  }
  const header = req.headers['x-openid']
  if (typeof header !== 'string' || header.length === 0) return sendEnvelope(res, fail('UNAUTHENTICATED'))
  const bytes = await readBytes(req, MAX_PHOTO_BYTES)
  if (!bytes)
    return sendEnvelope(
      res,
      fail('BODY_TOO_LARGE', `照片过大（上限 ${MAX_PHOTO_BYTES / 1024 / 1024} MB），请压缩后再传`),
    )
  const saved = cloud.photos.save(bytes)
  if (!saved) return sendEnvelope(res, fail('BAD_REQUEST', '只能上传 JPG、PNG 或 WebP 照片'))
  sendEnvelope(res, { ok: true, data: { photo: saved.ref } })
}

function serveUploaded(cloud: LocalCloud, id: string, res: http.ServerResponse) {
  const photo = cloud.photos.read(id)
  if (!photo) return sendEnvelope(res, fail('NOT_FOUND', '照片不存在'))
  res.writeHead(200, {
    'Content-Type': photo.type,
    'Content-Length': photo.bytes.length,
    'Cache-Control': 'private, max-age=3600',
    'X-Content-Type-Options': 'nosniff',
  })
  res.end(photo.bytes)
}

export function createLocalServer({ cloud, staticDir }: LocalServerOptions): http.Server {
  return http.createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0]
    const fn = FN_PATH.exec(pathname)
    const work = async () => {
      if (fn) return handleFunctionCall(cloud, fn[1], req, res)
      if (pathname.startsWith('/fn/')) return sendEnvelope(res, fail('UNKNOWN_FUNCTION'))
      if (pathname === '/local/upload') return handleUpload(cloud, req, res)
      const file = FILE_PATH.exec(pathname)
      if (file) return serveUploaded(cloud, file[1], res)
      if (pathname === '/local/demo-identities') return sendJson(res, 200, { identities: DEMO_IDENTITIES })
      if (pathname === '/healthz') return sendJson(res, 200, { ok: true })
      serveStatic(staticDir, req, res)
    }
    work().catch((error: unknown) => {
      console.error('[local] request failed', error)
      if (!res.headersSent) sendEnvelope(res, fail('INTERNAL'))
      else res.destroy()
    })
  })
}
