import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

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
 * The Content-Security-Policy of the built web app, delivered as a <meta> tag so it travels with
 * dist-web/ to whatever static host serves it. Only scripts and styles from our own origin: Vite
 * emits the bundle as files (no inline script, stylesheets as <link>), React's `style` prop writes
 * through the CSSOM, which CSP does not govern, and neither Dexie nor React evaluates strings.
 *
 * Production only: the dev server injects an inline React Refresh preamble and <style> elements
 * for hot reload, which this policy would block. Directives a <meta> policy cannot carry
 * (frame-ancestors, report-uri, sandbox) are left out; a host that needs them sets a header.
 * connect-src 'self': in web mode the page talks only to its own origin until a sync server is
 * configured for it; that change belongs with the web platform's fetch code.
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
  },
  preview: {
    host: '127.0.0.1',
    port: PREVIEW_PORT,
    strictPort: true,
  },
})
