import type { IncidentEvent } from '../../src-shared/events/events'
import type { Incident } from '../../src-shared/incident/incident'
import type { Queryable } from '../db/database'
import { toNullableNumber, toNumber } from '../db/database'
import type { LoggedEvent } from './eventLog'
import { projectionRows, type Projection } from './projections'

/**
 * The SQL of the append path, in as few round trips as it can be: every one of them is spent
 * holding the append lock (eventLog.ts), so they bound how many pushes the server takes a second.
 */

export interface Existing {
  /** Events already in the log, by id. */
  logged: Map<string, LoggedEvent>
  /** Current projections, by incident id. */
  stored: Map<string, Projection>
}

/**
 * One query for both the events already logged (duplicates) and the projections the events
 * touch. It must be a statement of its own after the lock is taken, never part of the statement
 * taking it: under READ COMMITTED a statement sees the data as of its own start, which would be
 * before the previous lock holder's commit.
 */
export async function findExisting(tx: Queryable, eventIds: readonly string[], incidentIds: readonly string[]): Promise<Existing> {
  const rows = await tx.query<{ kind: 'event' | 'incident'; seq: unknown; body: IncidentEvent | Incident; first_seq: unknown; security_since_seq: unknown }>(
    `SELECT 'event' AS kind, seq, body, NULL::bigint AS first_seq, NULL::bigint AS security_since_seq FROM events WHERE id = ANY($1::uuid[])
     UNION ALL
     SELECT 'incident', last_seq, body, first_seq, security_since_seq FROM incidents WHERE id = ANY($2::uuid[])`,
    [eventIds, incidentIds],
  )
  const logged = new Map<string, LoggedEvent>()
  const stored = new Map<string, Projection>()
  for (const row of rows) {
    if (row.kind === 'event') {
      const event = row.body as IncidentEvent
      logged.set(event.id, { seq: toNumber(row.seq), event })
    } else {
      const incident = row.body as Incident
      stored.set(incident.id, {
        incident,
        firstSeq: toNumber(row.first_seq),
        lastSeq: toNumber(row.seq),
        securitySinceSeq: toNullableNumber(row.security_since_seq),
      })
    }
  }
  return { logged, stored }
}

/** Writes the new events and the changed projections in one statement. */
export async function appendAndProject(tx: Queryable, events: readonly LoggedEvent[], projections: Iterable<Projection>, now: Date): Promise<void> {
  const eventRows = events.map(({ seq, event }) => ({ seq, id: event.id, incident_id: event.incidentId, type: event.type, body: event, actor_id: event.actor.userId }))
  await tx.query(
    `WITH appended AS (
       INSERT INTO events (seq, id, incident_id, type, body, actor_id, received_at)
       SELECT r.seq, r.id, r.incident_id, r.type, r.body, r.actor_id, $3
         FROM jsonb_to_recordset($1::jsonb) AS r(seq bigint, id uuid, incident_id uuid, type text, body jsonb, actor_id text)
     )
     INSERT INTO incidents (id, number, is_security, security_since_seq, first_seq, last_seq, body, updated_at)
     SELECT r.id, r.number, r.is_security, r.security_since_seq, r.first_seq, r.last_seq, r.body, $3
       FROM jsonb_to_recordset($2::jsonb)
         AS r(id uuid, number text, is_security boolean, security_since_seq bigint, first_seq bigint, last_seq bigint, body jsonb)
     ON CONFLICT (id) DO UPDATE SET
       number = excluded.number, is_security = excluded.is_security, security_since_seq = excluded.security_since_seq,
       last_seq = excluded.last_seq, body = excluded.body, updated_at = excluded.updated_at`,
    [JSON.stringify(eventRows), JSON.stringify(projectionRows(projections)), now.toISOString()],
  )
}
