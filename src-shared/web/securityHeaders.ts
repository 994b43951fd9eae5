/**
 * The desk's page policy, one definition for every place that serves it: the Electron shell's
 * app:// handler (src-main), the sync server serving the built web desk (src-server), the web
 * build's <meta> tag and the preview server (vite.web.config.ts).
 *
 * Production is strict: scripts and styles only from our own files, no eval, no inline code.
 * React's `style={{…}}` prop writes through the CSSOM, which CSP does not govern, so no
 * 'unsafe-inline' is needed anywhere. Development relaxes exactly what Vite's dev server needs:
 * inline <style> for imported CSS, the inline React Refresh preamble, the hot-reload websocket.
 * There is no 'unsafe-eval' in either mode (the search index is bundled in a build without
 * FlexSearch's worker factory, the one place that library evaluates a string).
 */
export interface ContentSecurityPolicyOptions {
  /** Origin of the Vite dev server, e.g. 'http://localhost:5173'; absent in production. */
  readonly devServerOrigin?: string
  /** Extra origins the page may fetch from directly. */
  readonly connectSources?: readonly string[]
  /**
   * For a <meta> tag: leave out the directives a <meta> policy cannot carry (frame-ancestors),
   * which the browser would otherwise report as an error on every load.
   */
  readonly forMetaTag?: boolean
}

export function buildContentSecurityPolicy(options: ContentSecurityPolicyOptions = {}): string {
  const dev = options.devServerOrigin
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'self'"],
    'script-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'style-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    // data: for small inlined assets, blob: for image previews built from local bytes.
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(dev ? [websocketOriginOf(dev)] : []), ...(options.connectSources ?? [])],
    'worker-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    ...(options.forMetaTag ? {} : { 'frame-ancestors': ["'none'"] }),
  }
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ')
}

function websocketOriginOf(httpOrigin: string): string {
  return httpOrigin.replace(/^http(s?):/, 'ws$1:')
}

/**
 * The other response headers of every page and API answer served over HTTP: nothing sniffed
 * into a type it was not sent as, no framing (clickjacking), no URL leaked in a Referer, and no
 * window opened from elsewhere keeping a handle on ours.
 */
export const WEB_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}
