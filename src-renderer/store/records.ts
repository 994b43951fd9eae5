import type { IncidentEvent } from '../../src-shared/events/events'
import type { Incident } from '../../src-shared/incident/incident'
import { isTerminal, type IncidentState } from '../../src-shared/incident/vocabulary'
import type { SlaDeadlines } from '../../src-shared/sla/deadlines'

/**
 * What the projection table stores: the incident plus the flat keys the queue indexes on.
 * IndexedDB cannot index booleans or nulls, so open/unassigned become 1/0 and ''.
 */
export interface IncidentRecord extends Incident {
  /** 1 while the incident still needs work (not Resolved, Closed or Canceled). */
  open: 0 | 1
  /** Assignee's user id, or '' when unassigned (so "unassigned" is an index lookup). */
  assigneeId: string
  /** The running SLA clock's deadlines; null (and so absent from their indexes) when no clock runs. */
  slaClock: SlaDeadlines['clock']
  slaWarningAt: string | null
  slaDueAt: string | null
}

/** An event waiting to be pushed to the sync server. */
export interface OutboxEntry {
  seq?: number
  eventId: string
  incidentId: string
  queuedAt: string
  attempts: number
  lastError: string | null
}

export type StoredEvent = IncidentEvent

export interface MetaEntry<T = unknown> {
  key: string
  value: T
}

const CLOSED_FOR_QUEUE: readonly IncidentState[] = ['resolved']

export function toRecord(incident: Incident, sla: SlaDeadlines): IncidentRecord {
  const open = isTerminal(incident.state) || CLOSED_FOR_QUEUE.includes(incident.state) ? 0 : 1
  return {
    ...incident,
    open,
    assigneeId: incident.assignee?.userId ?? '',
    slaClock: sla.clock,
    slaWarningAt: sla.warningAt,
    slaDueAt: sla.dueAt,
  }
}

export function slaDeadlinesOf(record: IncidentRecord): SlaDeadlines {
  return { clock: record.slaClock, warningAt: record.slaWarningAt, dueAt: record.slaDueAt }
}

export function fromRecord(record: IncidentRecord): Incident {
  const { open: _open, assigneeId: _assigneeId, slaClock: _slaClock, slaWarningAt: _slaWarningAt, slaDueAt: _slaDueAt, ...incident } = record
  return incident
}
