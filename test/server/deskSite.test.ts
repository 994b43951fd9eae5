/**
 * The web mode as a deployment: the sync server serves the built desk on its own origin, with
 * the headers a real deployment needs, on pages and API answers alike.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { buildServer } from '../../src-server/app'
import { describeServer } from './harness'

const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-desk-web-'))
fs.mkdirSync(path.join(webRoot, 'assets'))
fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><html><head><title>Incident Desk</title></head><body><div id="root"></div><script type="module" src="/assets/desk.js"></script></body></html>')
fs.writeFileSync(path.join(webRoot, 'assets', 'desk.js'), 'console.log("desk")')
afterAll(() => fs.rmSync(webRoot, { recursive: true, force: true }))

describeServer('the built desk served by the sync server', (server) => {
  it('should serve the desk at its root with a CSP that allows no inline script, no eval and no framing, and the other security headers', async () => {
    const app = server.secondInstance({ webRoot })
    const page = await app.inject({ method: 'GET', url: '/' })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    expect(page.body).toContain('<div id="root"></div>')
    const csp = String(page.headers['content-security-policy'])
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/)
    expect(page.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' })

    const script = await app.inject({ method: 'GET', url: '/assets/desk.js' })
    expect(script.statusCode).toBe(200)
    expect(script.headers['content-type']).toMatch(/javascript/)
    expect(script.headers['x-content-type-options']).toBe('nosniff')
    // A script may start the data worker, which runs under its script's policy: the page's, not
    // the API's sandbox (an opaque origin has no IndexedDB).
    expect(script.headers['content-security-policy']).toBe(csp)
  })

  it('should keep the API’s JSON answers inert and never serve files outside the built desk', async () => {
    const app = server.secondInstance({ webRoot })
    const health = await app.inject({ method: 'GET', url: '/api/v1/health' })
    expect(health.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; sandbox")
    expect(health.headers['x-frame-options']).toBe('DENY')
    for (const url of ['/../package.json', '/%2e%2e/package.json', '/assets/../../package.json', '/.env']) {
      const response = await app.inject({ method: 'GET', url })
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400)
      expect(response.body, url).not.toContain('"devDependencies"')
    }
    const unknownApi = await app.inject({ method: 'GET', url: '/api/v1/nothing' })
    expect(unknownApi.json()).toMatchObject({ code: 'route_not_found' })
  })

  it('should serve the API alone, with the same headers, when no desk was built', async () => {
    const app = buildServer({ database: server.database, webRoot: path.join(webRoot, 'missing') })
    const root = await app.inject({ method: 'GET', url: '/' })
    expect(root.statusCode).toBe(404)
    expect(root.headers['x-content-type-options']).toBe('nosniff')
    await app.close()
  })
})
