import type { StoredEvent } from '../events/events'
import type { Incident } from '../incident/incident'
import type { SyncCursor } from './protocol'

/**
 * What a sync round is made of and reports, as data: the sync engine (in the desk's data worker)
 * produces these, the page shows them. The engine itself is in the renderer (src-renderer/sync).
 */

/** Why a transport call failed; see src-renderer/sync/transport.ts. */
export const SYNC_TRANSPORT_ERROR_KINDS = ['offline', 'unauthorized', 'rejected', 'server'] as const
export type SyncTransportErrorKind = (typeof SYNC_TRANSPORT_ERROR_KINDS)[number]

export interface SyncTransportErrorDetail {
  kind: SyncTransportErrorKind
  /** HTTP status, when the server answered. */
  status?: number
  /** The server's stable reason (ApiError.code), when it gave one. */
  code?: string
  message: string
}

/**
 * The steps of a round, in order. `join` switches a standalone desk's numbering; `push` goes
 * first so offline work leaves the desk as soon as it can; `config` takes the organization's
 * configuration before the incidents; `history` fetches missing histories.
 */
export type SyncPhase = 'join' | 'push' | 'config' | 'snapshot' | 'pull' | 'history'

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
  /** Configuration changes taken from the server. */
  configChanges: number
}

export type SyncReport = SyncCounts & { cursor: SyncCursor | null } & ({ ok: true } | { ok: false; failure: SyncFailure })


/**
 * - `standalone`: no server; the desk numbers its incidents itself.
 * - `provisional`: joined to a server; new incidents carry a provisional number until it assigns one.
 */
export type NumberingMode = 'standalone' | 'provisional'

/** Where the desk's sync stands. */
export interface SyncState {
  numbering: NumberingMode
  /** The log position pulled through; null before the first sync finished. */
  cursor: SyncCursor | null
  lastSyncedAt: string | null
  /** Changes waiting for the next push. */
  pending: number
  /** Changes the server refused, waiting for a person. */
  refused: number
}

export type HistoryResult =
  | {
      ok: true
      /** The incident as folded from its whole history; undefined if the desk cannot see it. */
      incident: Incident | undefined
      /** Events the server sent (the incident's whole log as this account may see it). */
      events: number
    }
  | { ok: false; failure: SyncFailure }

/** Why the server refused an event this desk pushed. */
export interface OutboxRefusal {
  code: string
  reason: string
  refusedAt: string
}

export interface RefusedEvent {
  eventId: string
  incidentId: string
  /** The incident's number and title as this desk shows them; null when it no longer has a row. */
  incidentNumber: string | null
  shortDescription: string | null
  event: StoredEvent
  refusal: OutboxRefusal
  /** Pushes that carried it. */
  attempts: number
  queuedAt: string
}

export type OutboxActionResult = { ok: true } | { ok: false; failure: { kind: 'not_found' | 'not_refused' | 'storage'; message: string } }
