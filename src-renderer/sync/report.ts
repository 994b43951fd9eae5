import { SyncTransportError, type SyncTransportErrorKind } from './transport'
import type { SyncCursor } from '../../src-shared/sync/protocol'

/** The steps of a round, in order. `join` switches a standalone desk's numbering; `history` fetches missing histories. */
export type SyncPhase = 'join' | 'push' | 'snapshot' | 'pull' | 'history'

/** Progress for a status line: `total` when it is known up front (the outbox), absent otherwise. */
export interface SyncProgress {
  phase: 'push' | 'snapshot' | 'pull'
  done: number
  total?: number
}

/**
 * Why a round stopped. The transport's kinds (see transport.ts), plus `storage`: the local
 * database refused a write (disk full, closed by another tab). Everything written before the
 * failure stays written and consistent; the next round carries on from there.
 */
export type SyncFailureKind = SyncTransportErrorKind | 'storage'

export interface SyncFailure {
  kind: SyncFailureKind
  phase: SyncPhase
  message: string
  status?: number
  code?: string
}

/** What a round did, counted as it went: a failed round reports how far it got. */
export interface SyncCounts {
  pushed: { accepted: number; duplicate: number; refused: number }
  snapshot: { incidents: number; pages: number }
  pulled: { events: number; pages: number; revoked: number }
  /** Incident histories fetched because pulled events could not be folded without them. */
  histories: number
}

export type SyncReport = SyncCounts & { cursor: SyncCursor | null } & ({ ok: true } | { ok: false; failure: SyncFailure })

export function emptyCounts(): SyncCounts {
  return {
    pushed: { accepted: 0, duplicate: 0, refused: 0 },
    snapshot: { incidents: 0, pages: 0 },
    pulled: { events: 0, pages: 0, revoked: 0 },
    histories: 0,
  }
}

/**
 * A thrown error as a failure. Transport calls are wrapped (callTransport), so whatever else
 * reaches here came from the local store: IndexedDB or Dexie refusing a read or a write.
 */
export function failureOf(error: unknown, phase: SyncPhase): SyncFailure {
  if (error instanceof SyncTransportError) {
    return {
      kind: error.kind,
      phase,
      message: error.message,
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.code === undefined ? {} : { code: error.code }),
    }
  }
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return { kind: 'storage', phase, message: `The local store could not be updated (${reason}). Nothing was half-written; the next sync carries on.` }
}
