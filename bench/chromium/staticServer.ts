import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, request as forward, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'

/**
 * Serves a built web desk on 127.0.0.1 for the benchmark: the files as they are, index.html for
 * any other path (the desk is one page), and /api passed on to `apiTarget`, the sync server (the
 * desk calls it on its own origin, as `vite preview` serves it), or a JSON 404 without one (a
 * standalone desk).
 */
export interface StaticServer {
  url: string
  close(): Promise<void>
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
}

async function fileIn(root: string, urlPath: string): Promise<string | null> {
  const relative = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '')
  const path = join(root, relative)
  if (path !== root && !path.startsWith(root + sep)) return null
  try {
    return (await stat(path)).isFile() ? path : null
  } catch {
    return null
  }
}

export async function serveStatic(root: string, listenPort = 0, apiTarget?: string): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const urlPath = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    if (urlPath.startsWith('/api/') && apiTarget) {
      const target = new URL(request.url ?? '/', apiTarget)
      const upstream = forward(target, { method: request.method, headers: { ...request.headers, host: target.host } }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(response)
      })
      upstream.once('error', (error) => {
        response.writeHead(502, { 'content-type': 'application/json; charset=utf-8' })
        response.end(JSON.stringify({ statusCode: 502, error: 'Bad Gateway', message: error.message }))
      })
      request.pipe(upstream)
      return
    }
    if (urlPath.startsWith('/api/')) {
      response.writeHead(404, { 'content-type': 'application/json; charset=utf-8' })
      response.end(JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'The benchmark runs without a sync server.' }))
      return
    }
    void fileIn(root, urlPath).then(async (path) => {
      const file = path ?? (extname(urlPath) === '' ? await fileIn(root, 'index.html') : null)
      if (!file) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        response.end('Not found')
        return
      }
      response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' })
      createReadStream(file).pipe(response)
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(listenPort, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
