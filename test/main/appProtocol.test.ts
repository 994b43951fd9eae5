import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Protocol } from 'electron'
import {
  createAppRequestHandler,
  registerAppScheme,
  resolveAppRequest,
} from '../../src-main/protocol/appProtocol'

const ROOT = path.resolve('/opt/incident-desk/out/renderer')

describe('resolveAppRequest', () => {
  it('serves index.html for the root', () => {
    expect(resolveAppRequest('app://incident-desk/', ROOT)).toEqual({
      kind: 'file',
      filePath: path.join(ROOT, 'index.html'),
      mimeType: 'text/html; charset=utf-8',
    })
  })

  it('maps an asset to its file with a JavaScript MIME type, ignoring query and hash', () => {
    expect(resolveAppRequest('app://incident-desk/assets/index-C5Dc.js?v=2#top', ROOT)).toEqual({
      kind: 'file',
      filePath: path.join(ROOT, 'assets', 'index-C5Dc.js'),
      mimeType: 'text/javascript; charset=utf-8',
    })
  })

  it.each([
    ['css', 'app://incident-desk/assets/app.css', 'text/css; charset=utf-8'],
    ['svg', 'app://incident-desk/icons/alert.svg', 'image/svg+xml'],
    ['woff2', 'app://incident-desk/fonts/inter.woff2', 'font/woff2'],
    ['unknown', 'app://incident-desk/data/blob.xyz', 'application/octet-stream'],
  ])('gives %s files the right MIME type', (_kind, url, mimeType) => {
    expect(resolveAppRequest(url, ROOT)).toMatchObject({ kind: 'file', mimeType })
  })

  it('decodes encoded names inside the folder', () => {
    expect(resolveAppRequest('app://incident-desk/assets/on%20call.png', ROOT)).toMatchObject({
      kind: 'file',
      filePath: path.join(ROOT, 'assets', 'on call.png'),
    })
  })

  it.each([
    'app://incident-desk/..%2f..%2f..%2fetc%2fpasswd',
    'app://incident-desk/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd',
    'app://incident-desk/%2E%2E%2F%2E%2E%2Fmain%2Findex.js',
    'app://incident-desk/assets/..%5c..%5cmain%5cindex.js',
    'app://incident-desk/%2e%2e%5c%2e%2e%5csecret.txt',
    'app://incident-desk/index.html%00.png',
    'app://incident-desk/%E0%A4%A',
  ])('refuses encoded traversal or malformed path %s', (url) => {
    expect(resolveAppRequest(url, ROOT).kind).toBe('refused')
  })

  it.each([
    'app://incident-desk/../../../etc/passwd',
    'app://incident-desk/assets/../../main/index.js',
    'app://incident-desk/%2e%2e/%2e%2e/etc/passwd',
    'app://incident-desk//etc/passwd',
  ])('never resolves %s outside the renderer folder', (url) => {
    const resolution = resolveAppRequest(url, ROOT)
    if (resolution.kind === 'file') {
      expect(path.relative(ROOT, resolution.filePath).startsWith('..')).toBe(false)
      expect(resolution.filePath.startsWith(ROOT + path.sep)).toBe(true)
    }
  })

  it('does not serve other hosts of the scheme', () => {
    expect(resolveAppRequest('app://other-app/index.html', ROOT).kind).toBe('not-found')
    expect(resolveAppRequest('https://incident-desk/index.html', ROOT).kind).toBe('not-found')
  })
})

describe('app:// request handler', () => {
  let workspace: string
  let rendererDir: string
  const policy = "default-src 'self'; object-src 'none'"

  beforeAll(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'incident-desk-protocol-'))
    rendererDir = path.join(workspace, 'renderer')
    mkdirSync(path.join(rendererDir, 'assets'), { recursive: true })
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Incident Desk</title>')
    writeFileSync(path.join(rendererDir, 'assets', 'index.js'), 'console.log("queue")')
    // A file next to the renderer folder that no URL may reach.
    writeFileSync(path.join(workspace, 'session-token.txt'), 'SECRET-TOKEN')
  })

  afterAll(() => {
    rmSync(workspace, { recursive: true, force: true })
  })

  const handler = () => createAppRequestHandler({ rootDir: rendererDir, contentSecurityPolicy: policy })

  it('serves index.html for the root with its type, CSP and nosniff', async () => {
    const response = await handler()(new Request('app://incident-desk/'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(policy)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toContain('<title>Incident Desk</title>')
  })

  it('serves a script as JavaScript', async () => {
    const response = await handler()(new Request('app://incident-desk/assets/index.js'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await response.text()).toBe('console.log("queue")')
  })

  it('answers 404 for a missing file and for a directory', async () => {
    expect((await handler()(new Request('app://incident-desk/assets/missing.js'))).status).toBe(404)
    expect((await handler()(new Request('app://incident-desk/assets/'))).status).toBe(404)
  })

  it('answers 403 for encoded traversal and never returns the file outside', async () => {
    const response = await handler()(new Request('app://incident-desk/..%2fsession-token.txt'))
    expect(response.status).toBe(403)
    expect(await response.text()).not.toContain('SECRET-TOKEN')
  })

  it('does not leak the neighbouring file through literal dot segments either', async () => {
    for (const url of ['app://incident-desk/../session-token.txt', 'app://incident-desk/%2e%2e/session-token.txt']) {
      const response = await handler()(new Request(url))
      expect(response.status).not.toBe(200)
      expect(await response.text()).not.toContain('SECRET-TOKEN')
    }
  })

  it('refuses methods other than GET and HEAD', async () => {
    const response = await handler()(new Request('app://incident-desk/index.html', { method: 'POST', body: 'x' }))
    expect(response.status).toBe(405)
  })

  it('answers HEAD without a body', async () => {
    const response = await handler()(new Request('app://incident-desk/index.html', { method: 'HEAD' }))
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
  })

  it('answers 500, not 404, when the disk fails for another reason', async () => {
    const failing = createAppRequestHandler({
      rootDir: rendererDir,
      contentSecurityPolicy: policy,
      readFile: () => Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })),
    })
    expect((await failing(new Request('app://incident-desk/index.html'))).status).toBe(500)
  })
})

describe('registerAppScheme', () => {
  it('registers app:// as standard, secure and fetchable, without bypassing CSP', () => {
    const registerSchemesAsPrivileged = vi.fn()
    registerAppScheme({ registerSchemesAsPrivileged } as unknown as Protocol)
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
  })
})
