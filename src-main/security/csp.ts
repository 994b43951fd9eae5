import type { Session } from 'electron'

/**
 * The renderer's Content-Security-Policy.
 *
 * Production is strict: scripts and styles only from our own files, no eval, no inline code.
 *
 * Style attributes: React's `style={{…}}` prop writes through the CSSOM (`element.style`), which
 * CSP does not govern, so production needs no 'unsafe-inline' anywhere, not even
 * `style-src-attr`. Only literal `style="…"` markup (e.g. via dangerouslySetInnerHTML) is
 * blocked, and we do not want that anyway.
 *
 * Development relaxes exactly what Vite's dev server needs, and nothing in production inherits it:
 * `style-src 'unsafe-inline'` because Vite injects imported CSS as <style> elements, and
 * `script-src 'unsafe-inline'` for @vitejs/plugin-react's inline React Refresh preamble, plus
 * the dev server's websocket for hot reload. There is no 'unsafe-eval' in either mode.
 *
 * connect-src: the sync server is deliberately absent. Main makes the HTTP calls and keeps the
 * session token (DESIGN §2, the platform seam), so the page itself talks to no server. Pass
 * `connectSources` only if that ever changes.
 */
export interface ContentSecurityPolicyOptions {
  /** Origin of the Vite dev server, e.g. 'http://localhost:5173'; absent in production. */
  readonly devServerOrigin?: string
  /** Extra origins the page may fetch from directly. */
  readonly connectSources?: readonly string[]
}

export function buildContentSecurityPolicy(options: ContentSecurityPolicyOptions = {}): string {
  const dev = options.devServerOrigin
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'self'"],
    'script-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'style-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    // data: for small inlined assets, blob: for attachment previews built from local bytes.
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(dev ? [websocketOriginOf(dev)] : []), ...(options.connectSources ?? [])],
    'worker-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  }
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ')
}

function websocketOriginOf(httpOrigin: string): string {
  return httpOrigin.replace(/^http(s?):/, 'ws$1:')
}

/**
 * `headers` with any existing CSP replaced by `policy`. Header names are case-insensitive and a
 * second, looser CSP header from the dev server would otherwise be enforced alongside ours.
 */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value
  }
  result['Content-Security-Policy'] = [policy]
  return result
}

/**
 * Adds the policy to responses from `origin` (the dev server). Not used for app:// pages:
 * webRequest's header events do not fire for custom protocols
 * (https://github.com/electron/electron/issues/6021), so the app:// handler sets the header
 * on its own responses instead.
 */
export function applyContentSecurityPolicy(session: Session, origin: string, policy: string): void {
  session.webRequest.onHeadersReceived({ urls: [`${origin}/*`] }, (details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) })
  })
}
