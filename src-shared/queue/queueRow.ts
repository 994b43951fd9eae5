import type { EscalationRecord } from '../incident/incident'
import type { SupportLevel } from '../incident/levels'
import type { Priority } from '../incident/priority'
import type { PersonRef } from '../incident/roles'
import type { IncidentState } from '../incident/vocabulary'
import type { SlaClockKind } from '../sla/clock'

/** What names an incident in a list: the queue's rows and search results both start with it. */
export interface IncidentHeadline {
  id: string
  number: string
  numberIsProvisional: boolean
  priority: Priority
  state: IncidentState
  shortDescription: string
  callerName: string
}

/**
 * One incident as the queue needs it: the columns, the filter keys and the few facts the
 * lifecycle's permission check reads, and nothing else. A full projection row is ~1.3 KB and
 * carries the description, links and escalation history; this is a few hundred bytes, so 100k
 * of them fit in memory and a filter, sort and count over all of them is a plain loop
 * (bench/queueBench.ts measures it).
 */
export interface QueueRow extends IncidentHeadline {
  callerVip: boolean
  category: string | null
  level: SupportLevel
  assignmentGroup: string | null
  /** '' when unassigned, as in the projection's index. */
  assigneeId: string
  assigneeName: string | null
  /** The running SLA clock, if any, and its deadlines in epoch milliseconds (null: no clock runs). */
  slaClock: SlaClockKind | null
  slaWarningMs: number | null
  slaDueMs: number | null
  updatedAt: string
  /** `updatedAt` in epoch milliseconds, for sorting without parsing. */
  updatedMs: number
  isMajor: boolean
  isSecurity: boolean
  needsAttention: boolean
  /** Who logged it: a field technician owns what they logged until someone is assigned. */
  createdById: string
  /** Whether it was ever escalated functionally (it then belongs to that group's queue). */
  escalatedFunctionally: boolean
  /** The latest escalation, so the queue can say what was escalated and why. */
  lastEscalation: QueueEscalation | null
  escalationCount: number
  /** Events folded into the incident: with `updatedAt`, which version of it this row is. */
  eventCount: number
  /**
   * How it reached the desk when nobody typed it in: a monitoring alert (its source and how often
   * it fired) or a caller's e-mail; null otherwise. Optional: a row written before v11 has none.
   */
  cameFrom?: QueueArrival | null
}

export type QueueArrival = { kind: 'alert'; sourceName: string; occurrences: number } | { kind: 'email' }

export interface QueueEscalation {
  kind: EscalationRecord['kind']
  reason: string
  at: string
  byName: string
  toLevel: SupportLevel | null
  toGroup: string | null
  manager: string | null
}

/** Groups, people and categories seen on the desk's rows: the bulk dialogs' and the category filter's choices. */
export interface QueuePickers {
  groups: string[]
  people: PersonRef[]
  categories: string[]
}
