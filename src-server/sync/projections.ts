import type { IncidentEvent, StoredEvent } from '../../src-shared/events/events'
import type { Incident } from '../../src-shared/incident/incident'
import { applyEvent, foldEvents } from '../../src-shared/incident/reducer'
import type { Queryable } from '../db/database'
import type { LoggedEvent } from './eventLog'

/**
 * The server's projection of each incident (`incidents`): the fold of its events in seq order,
 * which is the canonical order every desk folds in too (compareEvents puts server-sequenced
 * events first, by seq). A newly accepted event always gets the highest seq so far, so applying
 * it on top of the stored projection gives exactly the refold of the whole log, however
 * differently the desks' clocks (HLCs) ordered those events. {@link refold} rebuilds from the
 * log when that has to be shown or repaired (after a reducer change).
 */
export interface Projection {
  incident: Incident
  /** Seq of the IncidentLogged event: a snapshot at an earlier cursor leaves the incident out. */
  firstSeq: number
  lastSeq: number
  /**
   * Seq of the event that made the incident a security one (its logging, when it was logged
   * straight into Security); null when it is not one. Desks outside the security group pulling
   * past this seq are told to drop it: the desk that logged it holds a copy it may not keep.
   */
  securitySinceSeq: number | null
}

/** The projection after `event`, which the log has just accepted at `seq`. */
export function project(before: Projection | undefined, event: IncidentEvent, seq: number): Projection {
  const incident = applyEvent(before?.incident, event)
  // Authorization refuses events for incidents the server has not seen logged, so this holds.
  if (!incident) throw new Error(`Event ${event.id} has no incident to apply to.`)
  if (!before) return { incident, firstSeq: seq, lastSeq: seq, securitySinceSeq: incident.isSecurity ? seq : null }
  const becameSecurity = !before.incident.isSecurity && incident.isSecurity
  return {
    incident,
    firstSeq: before.firstSeq,
    lastSeq: seq,
    securitySinceSeq: becameSecurity ? seq : incident.isSecurity ? before.securitySinceSeq : null,
  }
}

/** Projections as rows of the `incidents` table, for jsonb_to_recordset. */
export function projectionRows(projections: Iterable<Projection>) {
  return [...projections].map((projection) => ({
    id: projection.incident.id,
    number: projection.incident.number,
    is_security: projection.incident.isSecurity,
    security_since_seq: projection.securitySinceSeq,
    first_seq: projection.firstSeq,
    last_seq: projection.lastSeq,
    body: projection.incident,
  }))
}

export async function saveProjections(tx: Queryable, projections: Iterable<Projection>, now: Date): Promise<void> {
  const rows = projectionRows(projections)
  if (rows.length === 0) return
  await tx.query(
    `INSERT INTO incidents (id, number, is_security, security_since_seq, first_seq, last_seq, body, updated_at)
     SELECT r.id, r.number, r.is_security, r.security_since_seq, r.first_seq, r.last_seq, r.body, $2
       FROM jsonb_to_recordset($1::jsonb)
         AS r(id uuid, number text, is_security boolean, security_since_seq bigint, first_seq bigint, last_seq bigint, body jsonb)
     ON CONFLICT (id) DO UPDATE SET
       number = excluded.number, is_security = excluded.is_security, security_since_seq = excluded.security_since_seq,
       last_seq = excluded.last_seq, body = excluded.body, updated_at = excluded.updated_at`,
    [JSON.stringify(rows), now.toISOString()],
  )
}

/** An incident as the fold of its logged events, in server order. */
export function refold(events: readonly LoggedEvent[]): Incident | undefined {
  return foldEvents(events.map(({ seq, event }): StoredEvent => ({ ...event, serverSeq: seq })))
}
