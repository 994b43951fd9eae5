import { readFile as readFileFromDisk } from 'node:fs/promises'
import path from 'node:path'
import type { Protocol } from 'electron'
import { APP_HOST, APP_SCHEME } from './appOrigin'
import { mimeTypeFor } from './mimeTypes'

/**
 * Must run before app 'ready': Chromium fixes scheme privileges at start-up.
 * - standard: relative URLs and a real origin, so 'self' and localStorage/IndexedDB work.
 * - secure: treated like https (secure context APIs such as crypto.subtle, clipboard).
 * - supportFetchAPI: fetch() of our own assets (e.g. a JSON fixture or a wasm module).
 * Not bypassCSP, not corsEnabled: nothing else may read from us.
 */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/**
 * How an app:// URL maps onto the built renderer folder.
 * - `file`: serve this file (it may still not exist; the handler answers 404 then).
 * - `refused`: the path tries to escape the folder or is malformed: 403.
 * - `not-found`: not one of our URLs at all (another host): 404.
 */
export type AppRequestResolution =
  | { readonly kind: 'file'; readonly filePath: string; readonly mimeType: string }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'not-found' }

/**
 * Pure: decides which file an app:// URL names, without touching the disk.
 *
 * The URL parser already folds literal `../` and `%2e%2e` segments, but an encoded slash
 * (`..%2f..%2fetc`) survives parsing and becomes `../../etc` once decoded, and on Windows a
 * backslash or drive letter can do the same; so we decode, refuse dot segments and
 * backslashes, and finally check that the resolved path is still inside `rootDir`.
 */
export function resolveAppRequest(url: string, rootDir: string): AppRequestResolution {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { kind: 'refused', reason: 'malformed URL' }
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname.toLowerCase() !== APP_HOST) return { kind: 'not-found' }

  let decodedPath: string
  try {
    decodedPath = decodeURIComponent(parsed.pathname)
  } catch {
    return { kind: 'refused', reason: 'malformed percent-encoding' }
  }
  if (decodedPath.includes('\0') || decodedPath.includes('\\')) return { kind: 'refused', reason: 'forbidden character' }
  if (decodedPath.split('/').some((segment) => segment === '..' || segment === '.')) {
    return { kind: 'refused', reason: 'dot segment' }
  }

  const relativePath = decodedPath === '/' || decodedPath === '' ? 'index.html' : decodedPath.replace(/^\/+/, '')
  const root = path.resolve(rootDir)
  const filePath = path.resolve(root, relativePath)
  const fromRoot = path.relative(root, filePath)
  if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) {
    return { kind: 'refused', reason: 'outside the renderer folder' }
  }
  return { kind: 'file', filePath, mimeType: mimeTypeFor(filePath) }
}

export interface AppRequestHandlerOptions {
  /** The built renderer folder (out/renderer). */
  readonly rootDir: string
  /** Sent on every response: webRequest cannot add headers to custom-protocol responses. */
  readonly contentSecurityPolicy: string
  /** Injected for tests; defaults to fs.readFile. */
  readonly readFile?: (filePath: string) => Promise<Uint8Array<ArrayBuffer>>
}

/** The `protocol.handle` callback serving the renderer build. */
export function createAppRequestHandler(options: AppRequestHandlerOptions): (request: Request) => Promise<Response> {
  const readFile = options.readFile ?? readFileFromDisk
  const baseHeaders = {
    'Content-Security-Policy': options.contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
  }
  const plain = (status: number, text: string): Response =>
    new Response(text, { status, headers: { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8' } })

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed')
    const resolution = resolveAppRequest(request.url, options.rootDir)
    // The reason stays in main: telling the page why a path was refused helps only an attacker.
    if (resolution.kind === 'refused') return plain(403, 'Forbidden')
    if (resolution.kind === 'not-found') return plain(404, 'Not Found')

    let body: Uint8Array<ArrayBuffer>
    try {
      body = await readFile(resolution.filePath)
    } catch (error) {
      return isMissingFileError(error) ? plain(404, 'Not Found') : plain(500, 'Internal Server Error')
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...baseHeaders, 'Content-Type': resolution.mimeType },
    })
  }
}

function isMissingFileError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR'
}

/** Serves the renderer build on app://incident-desk/ for the default session. */
export function handleAppProtocol(protocol: Protocol, options: AppRequestHandlerOptions): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(options))
}
