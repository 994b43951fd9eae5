import type { DomainConfig } from '../../src-shared/config/domainConfig'
import { compareEvents, EVENT_SCHEMA_VERSION, type StoredEvent } from '../../src-shared/events/events'
import type { Incident } from '../../src-shared/incident/incident'
import { applyEvent, foldEvents } from '../../src-shared/incident/reducer'
import { NO_SLA_DEADLINES, slaDeadlines, type SlaDeadlines } from '../../src-shared/sla/deadlines'
import { fromRecord, type IncidentBase, type IncidentRecord } from './records'

/**
 * What this desk holds of one incident: the events it has and, when it started from the
 * server's snapshot, the base standing in for the events it does not have. The projection
 * is always {@link foldHoldings} of this; the store's commits and the sync engine both keep it so.
 */
export interface IncidentHoldings {
  events: readonly StoredEvent[]
  base: IncidentBase | undefined
}

export interface DeskFoldOptions {
  /**
   * The desk numbers provisionally (it syncs with a server). Every number is then provisional
   * until the server's IncidentNumbered event is folded in, whatever the creation event says: a
   * standalone desk's own INC0000042, logged before it joined, gives way to the server's number
   * once the server has accepted the incident (see sync/join.ts).
   */
  provisionalNumbering: boolean
}

/**
 * The incident's snapshot base: the stored one, or the projection row itself while nothing has
 * been folded on top of the snapshot it came from (see IncidentBase). Undefined when the desk
 * folds the incident from its whole history.
 */
export function baseOf(record: IncidentRecord | undefined, stored: IncidentBase | undefined): IncidentBase | undefined {
  if (stored) return stored
  if (record === undefined || record.snapshotSeq === undefined || record.snapshotSeq === null) return undefined
  return { incidentId: record.id, incident: fromRecord(record), throughSeq: record.snapshotSeq }
}

/** The events a base does not already contain: sequenced after it, or not sequenced yet. */
export function eventsAfterBase(events: readonly StoredEvent[], base: IncidentBase | undefined): readonly StoredEvent[] {
  if (!base) return events
  return events.filter((event) => event.serverSeq === undefined || event.serverSeq > base.throughSeq)
}

/**
 * The incident as this desk sees it: the canonical fold (server-sequenced events in server
 * order, then still-pending local events on top, each id once), started from the snapshot base
 * when there is one. Undefined when the desk holds nothing it can fold (events of an incident
 * whose creation it has not received).
 */
export function foldHoldings(holdings: IncidentHoldings, options: DeskFoldOptions): Incident | undefined {
  let incident: Incident | undefined
  if (holdings.base) {
    incident = holdings.base.incident
    const seen = new Set<string>()
    for (const event of [...eventsAfterBase(holdings.events, holdings.base)].sort(compareEvents)) {
      if (seen.has(event.id)) continue
      seen.add(event.id)
      incident = applyEvent(incident, event)
    }
  } else {
    incident = foldEvents(holdings.events)
  }
  if (incident && options.provisionalNumbering && !incident.numberIsProvisional && !numberedByServer(holdings)) {
    return { ...incident, numberIsProvisional: true }
  }
  return incident
}

/** A base is the server's own fold, numbered when the server first accepted the incident. */
function numberedByServer(holdings: IncidentHoldings): boolean {
  return holdings.base !== undefined || holdings.events.some((event) => event.type === 'IncidentNumbered')
}

/**
 * The running SLA clock's deadlines for what the desk holds. With a full history this is exact.
 * On a snapshot base the early events are not here, so the clock is rebuilt from the facts the
 * projection keeps (logged, first response, current hold, resolution, closure) and the events
 * after the base: exact for response clocks (they cannot pause: holding needs a response first),
 * and for resolution clocks of incidents never held or reopened before the snapshot. Hold time
 * before the snapshot is not known, so such a deadline can come out early, never late: the queue
 * warns too soon rather than too late. Opening the incident fetches its history and makes it exact.
 */
export function holdingsSlaDeadlines(holdings: IncidentHoldings, config: DomainConfig, nowIso: string): SlaDeadlines {
  const { base } = holdings
  if (!base) return slaDeadlines(holdings.events, config, nowIso)
  const later = eventsAfterBase(holdings.events, base)
  // Paused, stopped and finished clocks have no deadlines; most of a large snapshot is closed.
  if (later.length === 0 && base.incident.state !== 'new' && base.incident.state !== 'in_progress') return NO_SLA_DEADLINES
  return slaDeadlines([...reconstructedTimeline(base.incident), ...later], config, nowIso)
}

/**
 * Events standing in for a base's history, for the SLA clocks only (never stored, never folded).
 * Negative sequence numbers put them before every real event in canonical order.
 */
function reconstructedTimeline(incident: Incident): StoredEvent[] {
  let order = -100
  const envelope = (name: string, occurredAt: string) => ({
    id: `${incident.id}:base:${name}`,
    incidentId: incident.id,
    actor: incident.createdBy,
    deviceId: 'snapshot',
    hlc: incident.lastEventHlc,
    occurredAt,
    schemaVersion: EVENT_SCHEMA_VERSION,
    serverSeq: order++,
  })
  const events: StoredEvent[] = [
    {
      ...envelope('logged', incident.createdAt),
      type: 'IncidentLogged',
      payload: {
        number: incident.number,
        numberIsProvisional: incident.numberIsProvisional,
        shortDescription: incident.shortDescription,
        description: incident.description,
        caller: incident.caller,
        channel: incident.channel,
        category: incident.category,
        subcategory: incident.subcategory,
        service: incident.service,
        configurationItem: incident.configurationItem,
        location: incident.location,
        impact: incident.impact,
        urgency: incident.urgency,
        // The priority in force now is the one the clocks judge the whole history by.
        priority: incident.priority,
        level: incident.level,
        assignmentGroup: incident.assignmentGroup,
      },
    },
  ]
  if (incident.respondedAt) {
    const assignee = incident.assignee ?? { userId: incident.createdBy.userId, displayName: incident.createdBy.displayName }
    events.push({ ...envelope('responded', incident.respondedAt), type: 'IncidentAcknowledged', payload: { assignee } })
  }
  switch (incident.state) {
    case 'on_hold':
      // When the hold began is not in the projection; its last change is the latest it can have.
      events.push({
        ...envelope('held', incident.updatedAt),
        type: 'IncidentPutOnHold',
        payload: { reason: incident.holdReason ?? 'awaiting_vendor', callerComment: null },
      })
      break
    case 'resolved':
      events.push({
        ...envelope('resolved', incident.resolvedAt ?? incident.updatedAt),
        type: 'IncidentResolved',
        payload: { resolutionCode: incident.resolutionCode ?? 'no_resolution_provided', resolutionNotes: incident.resolutionNotes ?? '-', cascadedFrom: null },
      })
      break
    case 'closed':
      events.push({ ...envelope('closed', incident.closedAt ?? incident.updatedAt), type: 'IncidentClosed', payload: { cause: 'caller_confirmed' } })
      break
    case 'canceled':
      events.push({ ...envelope('canceled', incident.updatedAt), type: 'IncidentCanceled', payload: { reason: incident.cancelReason ?? 'logged_in_error', note: null } })
      break
    default:
      break
  }
  return events
}
