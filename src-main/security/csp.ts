import type { Session } from 'electron'

/**
 * The renderer's Content-Security-Policy is the desk's one page policy (src-shared/web): main
 * adds it to the dev server's responses and to its own app:// responses. connect-src: the sync
 * server is deliberately absent. Main makes the HTTP calls and keeps the session token (DESIGN §2,
 * the platform seam), so the page itself talks to no server.
 */
export { buildContentSecurityPolicy, type ContentSecurityPolicyOptions } from '../../src-shared/web/securityHeaders'

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
