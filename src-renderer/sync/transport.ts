import type { ConfigPull, IncidentHistory, PullResponse, PushRequest, PushResponse, SnapshotPage, SyncCursor } from '../../src-shared/sync/protocol'
import { SYNC_TRANSPORT_ERROR_KINDS, type SyncTransportErrorDetail, type SyncTransportErrorKind } from '../../src-shared/sync/syncRound'

export { SYNC_TRANSPORT_ERROR_KINDS, type SyncTransportErrorDetail, type SyncTransportErrorKind }

/**
 * How the sync engine reaches the server (protocol.ts): one call per route. Two kinds of
 * implementation: {@link createHttpTransport} (fetch: the web mode, tests against a listening
 * server) and the Electron one, where main holds the token and makes the calls over IPC.
 *
 * Every failure is thrown as a {@link SyncTransportError}. A push that fails may still have
 * reached the server; that is safe because pushing the same event again is a no-op.
 */
export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>
  pull(after: SyncCursor, limit: number): Promise<PullResponse>
  /** `after` is the last incident id of the previous page, or null for the first page. */
  snapshot(after: string | null, limit: number): Promise<SnapshotPage>
  incidentEvents(incidentId: string): Promise<IncidentHistory>
  /** The organization's configuration changes after `after`, and the directory. */
  config(after: SyncCursor): Promise<ConfigPull>
}

/**
 * Why a call failed; what to do depends on the kind alone.
 * - `offline`: no answer (no network, connection refused, timed out). Retry when online.
 * - `unauthorized`: the session is missing, expired or revoked (401). Nothing more until someone signs in.
 * - `rejected`: the server understood and refused the request as a whole (4xx). Sending the same
 *   again will not help; show the message.
 * - `server`: 5xx, rate limiting, or an answer that does not fit the protocol. Retry with backoff.
 */


export class SyncTransportError extends Error {
  readonly kind: SyncTransportErrorKind
  readonly status: number | undefined
  readonly code: string | undefined

  constructor(detail: SyncTransportErrorDetail) {
    super(detail.message)
    this.name = 'SyncTransportError'
    this.kind = detail.kind
    this.status = detail.status
    this.code = detail.code
  }
}

/**
 * The typed error behind any failure of a transport call. Accepts this module's errors, the
 * shared HTTP client's `SyncHttpError`, and the plain `{ kind, message }` details that cross IPC
 * (which strips error classes). The shared client's `timeout` is `offline` here: no answer came.
 * Anything else thrown by a transport is a bug on the far side of the seam, reported as `server`.
 */
export function toSyncTransportError(error: unknown): SyncTransportError {
  if (error instanceof SyncTransportError) return error
  if (typeof error === 'object' && error !== null && 'kind' in error && 'message' in error) {
    const { kind, message, status, code } = error as { kind: unknown; message: unknown; status?: unknown; code?: unknown }
    const known = kind === 'timeout' ? 'offline' : SYNC_TRANSPORT_ERROR_KINDS.find((candidate) => candidate === kind)
    if (known && typeof message === 'string') {
      return new SyncTransportError({
        kind: known,
        message,
        ...(typeof status === 'number' ? { status } : {}),
        ...(typeof code === 'string' ? { code } : {}),
      })
    }
  }
  const reason = error instanceof Error ? error.message : String(error)
  return new SyncTransportError({ kind: 'server', message: `The sync connection failed unexpectedly (${reason}).` })
}

/** Runs one transport call, turning whatever it throws into a {@link SyncTransportError}. */
export async function callTransport<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw toSyncTransportError(error)
  }
}

/** The server answered, but not as protocol.ts says it must: a server-side bug, retried with backoff. */
export function protocolViolation(message: string): SyncTransportError {
  return new SyncTransportError({ kind: 'server', message: `The sync server's answer did not follow the protocol: ${message}` })
}
