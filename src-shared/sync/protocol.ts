import { z } from 'zod'
import type { Directory } from '../config/directory'
import type { ConfigChange } from '../config/orgConfig'
import type { IncidentEvent } from '../events/events'
import type { Incident } from '../incident/incident'
import type { Actor, Role } from '../incident/roles'
import { ROLES } from '../incident/roles'

/**
 * The sync protocol between a desk and the server (DESIGN §2), shared so both ends check the
 * same shapes. Routes live under /api/v1. Every error body is {@link ApiError}.
 *
 * - POST sync/push      {@link PushRequest} → {@link PushResponse}: idempotent by event id; each
 *                       event is accepted, a duplicate, or refused with a reason, one by one.
 * - GET  sync/pull      ?after=cursor&limit=n → {@link PullResponse}: the server's log after a
 *                       cursor, in server order, only what the caller may see.
 * - GET  sync/snapshot  ?after=nextAfter&limit=n → {@link SnapshotPage}: a new desk's start.
 * - GET  sync/incidents/:id/events → {@link IncidentHistory}: one incident's whole log.
 * - GET  config         ?after=cursor → {@link ConfigPull}: the organization's configuration
 *                       changes after a cursor, and the directory (anyone signed in).
 * - PUT  config/:section {@link SaveConfigRequest} → the accepted ConfigChange (admins only).
 */
export const SYNC_LIMITS = {
  maxEventsPerPush: 500,
  defaultPullPage: 500,
  maxPullPage: 2000,
  maxSnapshotPage: 2000,
  /** Request bodies above this are refused with 413 before parsing. */
  maxBodyBytes: 4 * 1024 * 1024,
} as const

/** An opaque position in the server's log: the last server sequence the client has. */
export type SyncCursor = string
export const INITIAL_CURSOR: SyncCursor = '0'

export interface PushRequest {
  deviceId: string
  /** Validated one by one on the server, so one malformed event does not refuse the rest. */
  events: unknown[]
}

export const pushRequestSchema = z.strictObject({
  deviceId: z.string().min(1).max(64),
  events: z.array(z.unknown()).min(1).max(SYNC_LIMITS.maxEventsPerPush, `At most ${SYNC_LIMITS.maxEventsPerPush} events per push.`),
})

/**
 * What happened to one pushed event.
 * - `accepted`: appended to the log at `seq`.
 * - `duplicate`: the server already had this event id (a retried push); nothing changed.
 * - `refused`: malformed or not allowed for this account; `code` and `reason` say why. The
 *   desk keeps it and shows it to the person to fix or discard.
 */
export type PushResult =
  | { index: number; eventId: string; status: 'accepted' | 'duplicate'; seq: number }
  | { index: number; eventId: string | null; status: 'refused'; code: string; reason: string }

export interface PushResponse {
  results: PushResult[]
}

export interface PulledEvent {
  seq: number
  event: IncidentEvent
}

export interface PullResponse {
  events: PulledEvent[]
  /** Pass back as `after` for the next page. Never beyond an event another push may still commit. */
  cursor: SyncCursor
  hasMore: boolean
  /** Incidents this caller may no longer see (recategorized as Security): remove them locally. */
  revoked: string[]
}

export interface SnapshotPage {
  incidents: Incident[]
  /**
   * Where to start pulling once every snapshot page is in: the log position the snapshot
   * reflects. The same on every page: the first page fixes it and `nextAfter` carries it on, so
   * incidents that change while the desk pages still come as of this position.
   */
  cursor: SyncCursor
  /**
   * Pass back verbatim as `after` for the next page; null when this was the last. Opaque (it
   * holds the cursor and the last incident id); a bare incident id is also accepted as `after`,
   * but then the page is as of now, not as of the first page's cursor.
   */
  nextAfter: string | null
}

export const CONFIG_PULL_PAGE = 500

export interface ConfigPull {
  /** In server order; a page of at most {@link CONFIG_PULL_PAGE}. */
  changes: ConfigChange[]
  /** Pass back as `after`; the seq of the last change sent, or the one given when none. */
  cursor: SyncCursor
  hasMore: boolean
  /** Who works the desk, whole every time: it is small and changes outside this log. */
  directory: Directory
}

export interface SaveConfigRequest {
  value: unknown
}

export const saveConfigRequestSchema = z.strictObject({ value: z.unknown() })

export interface IncidentHistory {
  incidentId: string
  events: PulledEvent[]
}

/** Every 4xx/5xx body. 5xx bodies never carry internals: message is "Internal Server Error". */
export interface ApiError {
  statusCode: number
  error: string
  message: string
  /** Stable machine-readable reason, e.g. `invalid_body`, `unauthorized`, `rate_limited`. */
  code?: string
}

export interface SignInRequest {
  username: string
  password: string
}

export interface SessionInfo {
  token: string
  expiresAt: string
  user: AccountInfo
}

export interface AccountInfo {
  userId: string
  username: string
  displayName: string
  role: Role
  groupIds: string[]
}

/** Who an account acts as on a desk: what its events are stamped with. */
export function actorOf(account: AccountInfo): Actor {
  return { userId: account.userId, displayName: account.displayName, role: account.role }
}

export const signInRequestSchema = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
})

export const roleSchema = z.enum(ROLES)
