import { createAbortDeadlines, createSyncHttpClient, DEFAULT_REQUEST_TIMEOUT_MS, type FetchLike } from '../../src-shared/sync/httpClient'
import { callTransport, type SyncTransport } from './transport'

export interface HttpTransportOptions {
  /** The server's address, e.g. `https://desk.example.com`; `/api/v1/...` is appended. */
  baseUrl: string
  /** Read before each call, so signing out between two calls takes effect at once. */
  getToken: () => string | null
  /** Defaults to the global fetch (browsers, Node 20). */
  fetch?: (url: string, init: RequestInit) => Promise<Response>
  /** Per request, body included. Default 30 s (DEFAULT_REQUEST_TIMEOUT_MS). */
  timeoutMs?: number
}

/**
 * The sync transport over plain fetch: the web mode's, and any Node 20 caller's. It is a thin
 * layer over the shared protocol client (src-shared/sync/httpClient.ts), which owns the routes,
 * the answer checks and the error messages, so there is one HTTP client of the protocol. Each
 * request carries an AbortSignal that fires at the deadline, so a stalled connection becomes an
 * `offline` error ("did not answer within 30 s") instead of a sync that never ends.
 *
 * Throws a TypeError at once for an address that is not http(s) (a typo must not wait for a sync).
 */
export function createHttpTransport(options: HttpTransportOptions): SyncTransport {
  const fetchImpl = options.fetch ?? ((url: string, init: RequestInit) => globalThis.fetch(url, init))
  const client = createSyncHttpClient<AbortSignal>({
    baseUrl: options.baseUrl,
    getToken: options.getToken,
    fetch: fetchImpl as FetchLike<AbortSignal>,
    deadline: createAbortDeadlines(
      () => new AbortController(),
      (callback, ms) => {
        const timer = setTimeout(callback, ms)
        return () => clearTimeout(timer)
      },
    ),
    timeoutMs: options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  })
  return {
    push: (request) => callTransport(() => client.push(request)),
    pull: (after, limit) => callTransport(() => client.pull(after, limit)),
    snapshot: (after, limit) => callTransport(() => client.snapshot(after, limit)),
    incidentEvents: (incidentId) => callTransport(() => client.incidentEvents(incidentId)),
    config: (after) => callTransport(() => client.config(after)),
  }
}
