import type { Role } from '../../src-shared/incident/roles'
import { canSeeSecurityIncidents } from '../../src-shared/incident/visibility'
import type { Queryable } from '../db/database'
import { toNumber } from '../db/database'
import { conflict } from '../http/errors'
import { headSeq, rawEventsJson, type RawLoggedEvent } from './eventLog'

/**
 * A page of the log after `after`, in server order, holding only what `role` may see: events
 * of security incidents (by the incident's current category) go to the security group only.
 *
 * Every event a query can see is final (eventLog.ts: seqs become visible in order), so a page
 * needs no upper bound. Leaving it out also keeps PostgreSQL on the plan that walks the seq
 * index and stops at the limit: with a two-sided range and statistics not yet gathered on a
 * freshly filled log, it estimated a few thousand rows and sorted the whole log on disk instead.
 *
 * The returned cursor is the last seq on the page while there is more; once the page reaches
 * the end it is the log's head, read before the page (final too), even when the events up to
 * it were invisible to this caller. That keeps a field technician's desk from re-reading a
 * weekend of security traffic on every pull, and is still never beyond an event another push
 * could commit.
 */
export interface PullPage {
  events: RawLoggedEvent[]
  cursor: number
  hasMore: boolean
  revoked: string[]
}

export async function pullEvents(db: Queryable, reader: { userId: string; role: Role }, after: number, limit: number): Promise<PullPage> {
  const head = await headSeq(db)
  if (after > head) throw cursorAhead()
  const seesSecurity = canSeeSecurityIncidents(reader.role)
  // body::text: events go out exactly as stored, without parsing and re-serializing each one.
  const rows = await db.query<{ seq: unknown; body: string }>(
    seesSecurity
      ? `SELECT seq, body::text AS body FROM events WHERE seq > $1 ORDER BY seq LIMIT $2`
      : `SELECT e.seq, e.body::text AS body FROM events e
          WHERE e.seq > $1 AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = e.incident_id AND i.is_security)
          ORDER BY e.seq LIMIT $2`,
    [after, limit + 1],
  )
  const hasMore = rows.length > limit
  const events = rows.slice(0, limit).map((row) => ({ seq: toNumber(row.seq), json: row.body }))
  const last = events[events.length - 1]?.seq ?? after
  const cursor = hasMore ? last : Math.max(head, last)
  // Incidents that became security incidents after this desk's cursor and that it may hold, so
  // must drop: ones it could pull before (logged at or before its cursor) and ones its own
  // account wrote to (logged on this desk straight into Security). Never one it cannot have held:
  // the list would tell a stranger which ids are security incidents.
  const revoked = seesSecurity
    ? []
    : (
        await db.query<{ id: string }>(
          `SELECT i.id FROM incidents i
            WHERE i.is_security AND i.security_since_seq > $1 AND i.security_since_seq <= $2
              AND (i.first_seq <= $1 OR EXISTS (SELECT 1 FROM events e WHERE e.incident_id = i.id AND e.actor_id = $3))
            ORDER BY i.id`,
          [after, cursor, reader.userId],
        )
      ).map((row) => row.id)
  return { events, cursor, hasMore, revoked }
}

/** The PullResponse (src-shared/sync/protocol.ts) as JSON text, the events spliced in as stored. */
export function pullResponseJson(page: PullPage): string {
  return `{"events":${rawEventsJson(page.events)},"cursor":"${page.cursor}","hasMore":${page.hasMore},"revoked":${JSON.stringify(page.revoked)}}`
}

export function cursorAhead() {
  return conflict(
    'cursor_ahead',
    "This desk's sync position is beyond the server's log (was the server restored from a backup?); start again from a snapshot.",
  )
}
