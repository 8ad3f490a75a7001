import type http from 'node:http'
import type { AddressInfo } from 'node:net'

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
