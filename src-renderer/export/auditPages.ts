import type { AuditRow } from '../../src-shared/csv/columns'
import { compareEvents, type StoredEvent } from '../../src-shared/events/events'
import type { Actor } from '../../src-shared/incident/roles'
import { canSee } from '../../src-shared/incident/visibility'
import { describeEvent } from '../incident/describeEvent'
import type { IncidentDeskDatabase } from '../store/database'
import { EXPORT_PAGE_SIZE } from './incidentPages'

/**
 * One incident's audit trail in canonical order (as the activity panel shows it); nothing for an
 * incident `actor` may not see, whoever names its id.
 */
export async function* incidentAuditPages(db: IncidentDeskDatabase, actor: Actor, incidentId: string): AsyncGenerator<AuditRow[]> {
  const [incident, events] = await Promise.all([db.incidents.get(incidentId), db.events.where('incidentId').equals(incidentId).toArray()])
  if (incident && !canSee(actor, incident)) return
  const number = incident?.number ?? ''
  const sorted = events.sort(compareEvents)
  for (let start = 0; start < sorted.length; start += EXPORT_PAGE_SIZE) {
    yield sorted.slice(start, start + EXPORT_PAGE_SIZE).map((event) => auditRow(event, number))
  }
}

/**
 * Every event whose time falls in [from, to) (ISO instants; null: unbounded), by clock, a page at
 * a time off the `hlc` index. The HLC's wall-clock part sorts with time, so the range is a key
 * range; the exact `occurredAt` check then trims the ends. Incident numbers are looked up per page.
 */
export async function* auditRangePages(
  db: IncidentDeskDatabase,
  actor: Actor,
  range: { from: string | null; to: string | null },
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<AuditRow[]> {
  let after: string | null = null
  const numbers = new Map<string, string | null>()
  for (;;) {
    const events: StoredEvent[] =
      after === null ? await db.events.orderBy('hlc').limit(pageSize).toArray() : await db.events.where('hlc').above(after).limit(pageSize).toArray()
    if (events.length === 0) return
    after = events[events.length - 1]!.hlc
    const inRange = events.filter((event) => (range.from === null || event.occurredAt >= range.from) && (range.to === null || event.occurredAt < range.to))
    const unknown = [...new Set(inRange.map((event) => event.incidentId))].filter((id) => !numbers.has(id))
    const records = await db.incidents.bulkGet(unknown)
    unknown.forEach((id, index) => {
      const record = records[index]
      numbers.set(id, record && canSee(actor, record) ? record.number : record ? null : '')
    })
    const rows: AuditRow[] = []
    for (const event of inRange) {
      const number = numbers.get(event.incidentId)
      if (number === null) continue // an incident this person may not see
      rows.push(auditRow(event, number ?? ''))
    }
    yield rows
    if (events.length < pageSize) return
  }
}

function auditRow(event: StoredEvent, incidentNumber: string): AuditRow {
  return { event, incidentNumber, summary: describeEvent(event) }
}
