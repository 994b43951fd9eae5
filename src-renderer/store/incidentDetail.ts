import type { IncidentDetail } from '../../src-shared/data/deskDataContract'
import type { IncidentDeskDatabase } from './database'
import { baseOf } from './fold'
import { fromRecord, type IncidentRecord } from './records'
import { eventsOfIncident } from './refold'

/** Everything the incident view shows of one incident, read in one go (DeskDataApi.incidentDetail). */
export async function incidentDetail(db: IncidentDeskDatabase, incidentId: string): Promise<IncidentDetail> {
  const [record, events, storedBase, outbox] = await Promise.all([
    db.incidents.get(incidentId),
    eventsOfIncident(db, incidentId),
    db.incidentBases.get(incidentId),
    db.outbox.where('incidentId').equals(incidentId).toArray(),
  ])
  const linkIds = record?.links.map((link) => link.incidentId) ?? []
  const linked = linkIds.length ? await db.incidents.bulkGet(linkIds) : []
  // A snapshot-bootstrapped incident's base may still be its projection row (records.ts).
  const base = baseOf(record, storedBase)
  return {
    incident: record ? fromRecord(record) : undefined,
    deadlines: { clock: record?.slaClock ?? null, dueAt: record?.slaDueAt ?? null },
    events,
    base: base ? { incident: base.incident, throughSeq: base.throughSeq } : undefined,
    // Never a pack here (a pack's entry names no incident): an import's unsent events show as unsent by their missing server sequence.
    outbox: outbox.flatMap((entry) => (entry.status === 'packed' ? [] : [{ eventId: entry.eventId, status: entry.status }])),
    linked: linked.filter((entry): entry is IncidentRecord => entry !== undefined).map(fromRecord),
  }
}
