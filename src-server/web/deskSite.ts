import fs from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { buildContentSecurityPolicy, WEB_SECURITY_HEADERS } from '../../src-shared/web/securityHeaders'

/**
 * The web mode as a deployment (DESIGN §2): the server also serves the built desk (dist-web/)
 * on its own origin, so a browser-only desk needs one process and talks to one origin.
 *
 * Every response, page or API, carries the security headers. Pages and scripts (a worker runs
 * under its script's policy) get the desk's strict CSP (no inline script, no eval,
 * frame-ancestors 'none'); API answers get one that lets nothing run
 * at all, so a JSON or attachment response opened as a page is inert.
 */
export const PAGE_CONTENT_SECURITY_POLICY = buildContentSecurityPolicy()
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.headers(WEB_SECURITY_HEADERS)
    if (!reply.hasHeader('content-security-policy')) {
      // A worker's script is a page of its own for CSP: the policy on its response governs it, and
      // the API's `sandbox` would give the data worker an opaque origin with no IndexedDB.
      const type = String(reply.getHeader('content-type') ?? '')
      const page = !request.url.startsWith('/api/') && (type.startsWith('text/html') || type.includes('javascript'))
      reply.header('content-security-policy', page ? PAGE_CONTENT_SECURITY_POLICY : API_CONTENT_SECURITY_POLICY)
    }
  })
}

/**
 * Serves `webRoot` when it holds a built desk (index.html). Paths outside /api that name no file
 * get index.html (the desk's own navigation); /api paths keep the API's JSON 404. Returns whether
 * the desk is served.
 */
export async function registerDeskSite(app: FastifyInstance, webRoot: string | undefined): Promise<boolean> {
  if (!webRoot || !fs.existsSync(path.join(webRoot, 'index.html'))) return false
  await app.register(fastifyStatic, { root: path.resolve(webRoot), index: 'index.html', wildcard: true, dotfiles: 'deny' })
  return true
}
