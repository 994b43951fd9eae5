import type { SyncCounts, SyncFailure, SyncPhase } from '../../src-shared/sync/syncRound'
import { SyncTransportError } from './transport'

export type { SyncCounts, SyncFailure, SyncFailureKind, SyncPhase, SyncProgress, SyncReport } from '../../src-shared/sync/syncRound'

export function emptyCounts(): SyncCounts {
  return {
    pushed: { accepted: 0, duplicate: 0, refused: 0 },
    snapshot: { incidents: 0, pages: 0 },
    pulled: { events: 0, pages: 0, revoked: 0 },
    histories: 0,
    configChanges: 0,
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
