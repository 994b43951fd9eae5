import { normalizeServerUrl } from '../../src-shared/sync/httpClient'

/**
 * The sync server address a person typed, checked before any credentials are sent to it.
 *
 * Plain http is accepted only for this machine (a server on 127.0.0.1 while testing or for a
 * one-desk install): anywhere else it would send the password and then the bearer token across
 * the network in clear text, where anyone on the café Wi-Fi can replay it.
 */
export function parseServerUrl(input: string): { ok: true; value: string } | { ok: false; error: string } {
  const normalized = normalizeServerUrl(input)
  if (!normalized.ok) return normalized
  let parsed: URL
  try {
    parsed = new URL(normalized.value)
  } catch {
    return { ok: false, error: 'The server address must look like https://desk.example.com.' }
  }
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    return { ok: false, error: 'Use https:// for a sync server on another machine; plain http would expose your password and session.' }
  }
  return normalized
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host)
}
