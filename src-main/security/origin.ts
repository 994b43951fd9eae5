/**
 * Origins as plain strings, compared the way Chromium does for our purposes.
 *
 * `URL.origin` is no help here: Node's WHATWG URL reports "null" for any scheme it does not
 * know as special, including our privileged `app:` scheme, so every app:// page would compare
 * equal to every other opaque origin. We build `scheme://host[:port]` ourselves instead.
 */

/**
 * `scheme://host[:port]` of a URL, lower-cased, or null if it has none.
 * file:, about:, data: and blob: URLs have no host and so never match a trusted origin.
 */
export function originOf(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.host === '') return null
  return `${parsed.protocol}//${parsed.host}`.toLowerCase()
}

/** True when `url` belongs to one of `allowedOrigins` (each given as an origin or any URL of it). */
export function isAllowedOrigin(url: string | null | undefined, allowedOrigins: readonly string[]): boolean {
  if (!url) return false
  const origin = originOf(url)
  if (origin === null) return false
  return allowedOrigins.some((allowed) => originOf(allowed) === origin)
}
