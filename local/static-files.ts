import fs from 'node:fs'
import type http from 'node:http'
import path from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>小哥友好</title>
<p>还没有构建 H5 页面。请先运行 <code>npm run build:h5</code>（<code>npm start</code> 会自动构建）。</p>`

/**
 * Serves the h5 build. Unknown paths fall back to index.html (the app routes by hash). Hashed assets are
 * cached for a year; index.html is always revalidated so a rebuild is picked up.
 */
export function serveStatic(root: string | undefined, req: http.IncomingMessage, res: http.ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end()
    return
  }
  if (!root || !fs.existsSync(path.join(root, 'index.html'))) {
    res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8' }).end(NOT_BUILT)
    return
  }
  let pathname: string
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://local').pathname)
  } catch {
    res.writeHead(400).end()
    return
  }
  let file = path.resolve(root, `.${pathname}`)
  if (file !== root && !file.startsWith(root + path.sep)) {
    res.writeHead(403).end()
    return
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) file = path.join(root, 'index.html')
  const isIndex = path.basename(file) === 'index.html'
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Cache-Control': isIndex ? 'no-cache' : 'public, max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
  })
  if (req.method === 'HEAD') res.end()
  else fs.createReadStream(file).pipe(res)
}
