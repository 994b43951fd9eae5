import { normalizeServerUrl, refusedServerUrl, type ServerUrlCheck } from '../../src-shared/sync/httpClient'

/**
 * The sync server address a person typed, checked before any credentials are sent to it.
 *
 * Plain http is accepted only for this machine (a server on 127.0.0.1 while testing or for a
 * one-desk install): anywhere else it would send the password and then the bearer token across
 * the network in clear text, where anyone on the café Wi-Fi can replay it.
 */
export function parseServerUrl(input: string): ServerUrlCheck {
  const normalized = normalizeServerUrl(input)
  if (!normalized.ok) return normalized
  let parsed: URL
  try {
    parsed = new URL(normalized.value)
  } catch {
    return refusedServerUrl('serverUrl.shape')
  }
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    return refusedServerUrl('serverUrl.plainHttp')
  }
  return normalized
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host)
}
