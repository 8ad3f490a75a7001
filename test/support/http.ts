import type http from 'node:http'
import net, { type AddressInfo } from 'node:net'

/** Listens on a free loopback port and returns the base URL. */
export function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))
  })
}

export function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })
}

/** POST /fn/<name> the way the h5 app does. */
export async function postFunction(base: string, name: string, body: string, openid: string | null = 'demo-courier') {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (openid !== null) headers['x-openid'] = openid
  const res = await fetch(`${base}/fn/${name}`, { method: 'POST', headers, body })
  const text = await res.text()
  return { status: res.status, contentType: res.headers.get('content-type'), text, json: JSON.parse(text) as unknown }
}

/** What a client on a plain socket got: the raw answer, parsed, and how the connection ended. */
export interface RawReply {
  /** Everything the server sent, as text. */
  raw: string
  /** null when no status line came back. */
  status: number | null
  /** Header names in lower case. */
  headers: Record<string, string>
  body: string
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown
  /** Whether the server closed the connection before `timeoutMs`. */
  closed: boolean
  /** A socket error the client saw (ECONNRESET, EPIPE), or null. */
  error: string | null
  /** From connecting until the connection closed (or `timeoutMs`). */
  ms: number
}

export interface RawOptions {
  /** After `parts`, keep sending zeros (as fast as the socket takes them) until the server closes. */
  keepSending?: boolean
  /** Give up (and resolve with closed: false) after this long: 3 s, under jest's 5 s, so the assertion says why. */
  timeoutMs?: number
}

/**
 * Writes `parts` to a plain TCP connection to `base` and reads until the server closes it, so a test sees
 * what a real client gets (a parse error, a timeout, an early refusal), not what fetch makes of it.
 */
export function rawExchange(base: string, parts: Array<string | Buffer>, options: RawOptions = {}): Promise<RawReply> {
  const { port, hostname } = new URL(base)
  const timeoutMs = options.timeoutMs ?? 3000
  return new Promise((resolve) => {
    const started = Date.now()
    const socket = net.connect(Number(port), hostname)
    const received: Buffer[] = []
    let error: string | null = null
    let settled = false
    const settle = (closed: boolean) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve({ ...parseRaw(Buffer.concat(received).toString('utf8')), closed, error, ms: Date.now() - started })
    }
    const timer = setTimeout(() => settle(false), timeoutMs)
    socket.on('data', (chunk: Buffer) => received.push(chunk))
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message))
    socket.on('close', () => settle(true))
    for (const part of parts) socket.write(part)
    if (options.keepSending) {
      const zeros = Buffer.alloc(64 * 1024)
      const pump = () => {
        while (!socket.destroyed && socket.writable && socket.write(zeros));
      }
      socket.on('drain', pump)
      socket.once('connect', pump)
    }
  })
}

function parseRaw(raw: string): Omit<RawReply, 'closed' | 'error' | 'ms'> {
  const split = raw.indexOf('\r\n\r\n')
  const head = split >= 0 ? raw.slice(0, split) : raw
  const [statusLine = '', ...lines] = head.split('\r\n')
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  const body = split >= 0 ? raw.slice(split + 4) : ''
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    json = undefined
  }
  return { raw, status: status ? Number(status[1]) : null, headers, body, json }
}
