import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin, type ProxyOptions } from 'vite'

/**
 * The renderer as a plain web app (DESIGN §2, the platform seam's `web` side): what the e2e tests
 * drive in Chromium, and a useful mode in itself. The desktop build of the same folder is
 * electron-vite's (electron.vite.config.ts); this file never affects it.
 *
 *   npm run web        dev server on 127.0.0.1 with hot reload
 *   npm run build:web  static files in dist-web/
 *   vite preview --config vite.web.config.ts   serves dist-web/ on 127.0.0.1:4173 (the e2e target)
 */

const PREVIEW_PORT = 4173

/**
 * Where /api goes: the sync server (npm run server listens on 127.0.0.1:8787 by default). The web
 * desk's sign-in offers the page's own origin as the server, and this proxy forwards it, so the
 * browser only ever talks to one origin.
 */
const SYNC_SERVER_URL = process.env.SYNC_SERVER_URL ?? 'http://127.0.0.1:8787'

const apiProxy: Record<string, ProxyOptions> = {
  '/api': {
    target: SYNC_SERVER_URL,
    // The server sees its own host in Host, as it would behind a production reverse proxy.
    changeOrigin: true,
    configure(proxy) {
      // Vite answers a dead upstream with an empty 502; answer in the protocol's error shape
      // instead, so the desk can say "the sync server cannot be reached" rather than "HTTP 502".
      // Registered before Vite's own handler, which then sees the response sent and only logs.
      proxy.on('error', (_error, _request, response) => {
        if (!('writeHead' in response) || response.headersSent || response.writableEnded) return
        response.writeHead(502, { 'content-type': 'application/json; charset=utf-8' })
        response.end(
          JSON.stringify({
            statusCode: 502,
            error: 'Bad Gateway',
            code: 'server_unreachable',
            message: 'The sync server cannot be reached from this web server.',
          }),
        )
      })
    },
  },
}

/**
 * The Content-Security-Policy of the built web app, delivered as a <meta> tag so it travels with
 * dist-web/ to whatever static host serves it. Only scripts and styles from our own origin: Vite
 * emits the bundle as files (no inline script, stylesheets as <link>), React's `style` prop writes
 * through the CSSOM, which CSP does not govern, and neither Dexie nor React evaluates strings.
 *
 * Production only: the dev server injects an inline React Refresh preamble and <style> elements
 * for hot reload, which this policy would block. Directives a <meta> policy cannot carry
 * (frame-ancestors, report-uri, sandbox) are left out; a host that needs them sets a header.
 * connect-src 'self': in web mode the page talks only to its own origin. The sync server is reached
 * through that origin too: the dev and preview servers proxy /api to it (below), and a production
 * host does the same with its reverse proxy, so no CORS and no second origin to allow.
 */
export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

function contentSecurityPolicyForBuild(): Plugin {
  let isBuild = false
  return {
    name: 'incident-desk:csp-meta',
    configResolved(config) {
      isBuild = config.command === 'build'
    },
    transformIndexHtml() {
      if (!isBuild) return []
      return [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: WEB_CONTENT_SECURITY_POLICY },
          // First in <head>: a policy only governs what the parser meets after it.
          injectTo: 'head-prepend',
        },
      ]
    },
  }
}

export default defineConfig({
  root: resolve('src-renderer'),
  plugins: [react(), contentSecurityPolicyForBuild()],
  build: {
    outDir: resolve('dist-web'),
    emptyOutDir: true,
  },
  server: {
    host: '127.0.0.1',
    proxy: apiProxy,
  },
  preview: {
    host: '127.0.0.1',
    port: PREVIEW_PORT,
    strictPort: true,
    proxy: apiProxy,
  },
})
