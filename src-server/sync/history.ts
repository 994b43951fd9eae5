import type { Role } from '../../src-shared/incident/roles'
import { canSeeSecurityIncidents } from '../../src-shared/incident/visibility'
import type { Queryable } from '../db/database'
import { toNumber } from '../db/database'
import { notFound } from '../http/errors'
import { rawEventsJson } from './eventLog'

/**
 * One incident's whole log, for a desk opening an incident it holds only as a snapshot. An
 * incident the caller may not see answers exactly like one that does not exist: a 404 must not
 * confirm that a security incident with this id is there.
 */
export async function incidentHistory(db: Queryable, role: Role, incidentId: string): Promise<string> {
  const incident = (await db.query<{ is_security: boolean }>('SELECT is_security FROM incidents WHERE id = $1', [incidentId]))[0]
  if (!incident || (incident.is_security && !canSeeSecurityIncidents(role))) {
    throw notFound('incident_not_found', 'No incident with this id.')
  }
  const rows = await db.query<{ seq: unknown; body: string }>('SELECT seq, body::text AS body FROM events WHERE incident_id = $1 ORDER BY seq', [incidentId])
  // The IncidentHistory (src-shared/sync/protocol.ts) as JSON text, the events as stored.
  return `{"incidentId":${JSON.stringify(incidentId)},"events":${rawEventsJson(rows.map((row) => ({ seq: toNumber(row.seq), json: row.body })))}}`
}
