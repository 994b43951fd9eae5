import { describe, expect, it, vi } from 'vitest'
import type { Session } from 'electron'
import { applyContentSecurityPolicy, buildContentSecurityPolicy, withContentSecurityPolicy } from '../../src-main/security/csp'

function directivesOf(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/)
      return [name, sources]
    }),
  )
}

describe('production content security policy', () => {
  const directives = directivesOf(buildContentSecurityPolicy())

  it('allows no eval and no inline code anywhere', () => {
    const policy = buildContentSecurityPolicy()
    expect(policy).not.toContain("'unsafe-eval'")
    expect(policy).not.toContain("'unsafe-inline'")
    expect(policy).not.toContain("'wasm-unsafe-eval'")
  })

  it('loads scripts and styles only from the app itself', () => {
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('style-src')).toEqual(["'self'"])
    expect(directives.get('default-src')).toEqual(["'self'"])
  })

  it('refuses plugins, frames, base rewriting, form posts and being framed', () => {
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('frame-src')).toEqual(["'none'"])
    expect(directives.get('base-uri')).toEqual(["'none'"])
    expect(directives.get('form-action')).toEqual(["'none'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
  })

  it('lets the page talk only to itself unless told otherwise', () => {
    expect(directives.get('connect-src')).toEqual(["'self'"])
    const withSync = directivesOf(buildContentSecurityPolicy({ connectSources: ['https://sync.example.com'] }))
    expect(withSync.get('connect-src')).toEqual(["'self'", 'https://sync.example.com'])
  })

  it('shows attachment previews from blob: and data: images but no remote images', () => {
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])
  })
})

describe('development content security policy', () => {
  const policy = buildContentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' })
  const directives = directivesOf(policy)

  it('still allows no eval', () => {
    expect(policy).not.toContain("'unsafe-eval'")
  })

  it("allows the dev server's hot-reload websocket", () => {
    expect(directives.get('connect-src')).toContain('ws://localhost:5173')
  })

  it('relaxes only scripts and styles for Vite, keeping object-src none', () => {
    expect(directives.get('style-src')).toContain("'unsafe-inline'")
    expect(directives.get('script-src')).toContain("'unsafe-inline'")
    expect(directives.get('img-src')).not.toContain("'unsafe-inline'")
    expect(directives.get('object-src')).toEqual(["'none'"])
  })
})

describe('withContentSecurityPolicy', () => {
  it('replaces a policy the server sent, whatever its header case', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] },
      "default-src 'self'",
    )
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] })
  })
})

describe('applyContentSecurityPolicy', () => {
  it("adds the policy to the dev server's responses only", () => {
    const onHeadersReceived = vi.fn()
    const session = { webRequest: { onHeadersReceived } } as unknown as Session
    applyContentSecurityPolicy(session, 'http://localhost:5173', "default-src 'self'")

    expect(onHeadersReceived).toHaveBeenCalledTimes(1)
    const [filter, listener] = onHeadersReceived.mock.calls[0] as [
      { urls: string[] },
      (details: { responseHeaders?: Record<string, string[]> }, callback: (response: unknown) => void) => void,
    ]
    expect(filter.urls).toEqual(['http://localhost:5173/*'])
    const callback = vi.fn()
    listener({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback)
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] },
    })
  })
})
