import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin, type ProxyOptions } from 'vite'
import { FLEXSEARCH_WITHOUT_EVAL, ZOD_WITH_NO_EVAL_CHUNK } from './scripts/bundleAliases.ts'
import { buildContentSecurityPolicy, WEB_SECURITY_HEADERS } from './src-shared/web/securityHeaders.ts'

/**
 * The renderer as a plain web app (DESIGN §2, the platform seam's `web` side): what the e2e tests
 * drive in Chromium, and a useful mode in itself. The desktop build of the same folder is
 * electron-vite's (electron.vite.config.ts); this file never affects it.
 *
 *   npm run web        builds dist-web/ and serves it on 127.0.0.1:4173 (the e2e target too)
 *   npm run web:dev    dev server on 127.0.0.1:5173 with hot reload
 *   npm run build:web  static files in dist-web/
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
 * The desk's page policy (src-shared/web/securityHeaders.ts). The built app carries it as a
 * <meta> tag, so it travels with dist-web/ to whatever static host serves it (without
 * frame-ancestors, which only a header can carry); the preview server and the sync server send it
 * as a header with the other security headers. The dev server sends the development policy (Vite
 * injects inline styles and the React Refresh preamble) and no <meta> tag.
 *
 * connect-src 'self': in web mode the page talks only to its own origin. The sync server is
 * reached through that origin too: it serves the built desk itself (npm run server), and the dev
 * and preview servers proxy /api to it (above), so no CORS and no second origin to allow.
 */
const DEV_ORIGIN = 'http://127.0.0.1:5173'

const previewHeaders = { ...WEB_SECURITY_HEADERS, 'Content-Security-Policy': buildContentSecurityPolicy() }
const devHeaders = { ...WEB_SECURITY_HEADERS, 'Content-Security-Policy': buildContentSecurityPolicy({ devServerOrigin: DEV_ORIGIN }) }

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
          attrs: { 'http-equiv': 'Content-Security-Policy', content: buildContentSecurityPolicy({ forMetaTag: true }) },
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
  resolve: { alias: [FLEXSEARCH_WITHOUT_EVAL] },
  // The data worker (src-renderer/data-worker) is a module worker: it shares chunks with the page.
  worker: { format: 'es' },
  build: {
    outDir: resolve('dist-web'),
    emptyOutDir: true,
    rolldownOptions: { output: { codeSplitting: { groups: [ZOD_WITH_NO_EVAL_CHUNK] } } },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: apiProxy,
    headers: devHeaders,
  },
  preview: {
    host: '127.0.0.1',
    port: PREVIEW_PORT,
    strictPort: true,
    proxy: apiProxy,
    headers: previewHeaders,
  },
})
