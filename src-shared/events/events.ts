import type { Actor, PersonRef } from '../incident/roles'
import type { Impact, Priority, Urgency } from '../incident/priority'
import type { HierarchicalTrigger, SupportLevel } from '../incident/levels'
import type { Caller } from '../incident/incident'
import type { CancelReason, Channel, HoldReason, LinkKind, ResolutionCode } from '../incident/vocabulary'

/** Bump when an event payload changes shape; readers upgrade older events on the way in. */
export const EVENT_SCHEMA_VERSION = 1

export interface IncidentLoggedPayload {
  number: string
  numberIsProvisional: boolean
  shortDescription: string
  description: string
  caller: Caller
  channel: Channel
  category: string | null
  subcategory: string | null
  service: string | null
  configurationItem: string | null
  location: string | null
  impact: Impact
  urgency: Urgency
  priority: Priority
  level: SupportLevel
  assignmentGroup: string | null
}

export interface IncidentCategorizedPayload {
  category: string
  subcategory: string | null
  service: string | null
  configurationItem: string | null
}

export interface IncidentPrioritizedPayload {
  impact: Impact
  urgency: Urgency
  priority: Priority
}

export interface IncidentAssignedPayload {
  assignmentGroup: string | null
  assignee: PersonRef | null
}

export interface IncidentAcknowledgedPayload {
  /** Who takes it: the assignee after this event. */
  assignee: PersonRef
}

export interface NotePayload {
  text: string
}

export interface CallerCommentPayload {
  text: string
  /** `to_caller`: the desk writes to the caller; `from_caller`: the caller's reply, recorded by the desk. */
  direction: 'to_caller' | 'from_caller'
}

export interface IncidentPutOnHoldPayload {
  reason: HoldReason
  /** What the caller is asked for; required when the reason is awaiting_caller. */
  callerComment: string | null
}

export interface IncidentResumedPayload {
  cause: 'manual' | 'caller_replied'
}

export type IncidentEscalatedPayload =
  | { kind: 'functional'; fromLevel: SupportLevel; toLevel: SupportLevel; toGroup: string; reason: string }
  | { kind: 'hierarchical'; manager: string; trigger: HierarchicalTrigger; reason: string }

export interface IncidentResolvedPayload {
  resolutionCode: ResolutionCode
  resolutionNotes: string
  /** Set when a major incident's resolution resolved this child. */
  cascadedFrom: string | null
}

export interface IncidentClosedPayload {
  cause: 'caller_confirmed' | 'auto_close'
}

export interface IncidentReopenedPayload {
  reason: string
}

export interface IncidentCanceledPayload {
  reason: CancelReason
  note: string | null
}

export interface MajorIncidentDeclaredPayload {
  incidentManager: PersonRef
  reason: string
}

export interface IncidentLinkedPayload {
  kind: LinkKind
  targetIncidentId: string
}

/** Event type → payload. Names are past tense: an event is a fact that happened. */
export interface EventPayloads {
  IncidentLogged: IncidentLoggedPayload
  IncidentCategorized: IncidentCategorizedPayload
  IncidentPrioritized: IncidentPrioritizedPayload
  IncidentAssigned: IncidentAssignedPayload
  IncidentAcknowledged: IncidentAcknowledgedPayload
  WorkNoteAdded: NotePayload
  CallerCommentAdded: CallerCommentPayload
  IncidentPutOnHold: IncidentPutOnHoldPayload
  IncidentResumed: IncidentResumedPayload
  IncidentEscalated: IncidentEscalatedPayload
  IncidentResolved: IncidentResolvedPayload
  IncidentClosed: IncidentClosedPayload
  IncidentReopened: IncidentReopenedPayload
  IncidentCanceled: IncidentCanceledPayload
  MajorIncidentDeclared: MajorIncidentDeclaredPayload
  IncidentLinked: IncidentLinkedPayload
}

export type EventType = keyof EventPayloads

export const EVENT_TYPES = [
  'IncidentLogged',
  'IncidentCategorized',
  'IncidentPrioritized',
  'IncidentAssigned',
  'IncidentAcknowledged',
  'WorkNoteAdded',
  'CallerCommentAdded',
  'IncidentPutOnHold',
  'IncidentResumed',
  'IncidentEscalated',
  'IncidentResolved',
  'IncidentClosed',
  'IncidentReopened',
  'IncidentCanceled',
  'MajorIncidentDeclared',
  'IncidentLinked',
] as const satisfies readonly EventType[]

/** What the lifecycle decides: an event without its stamp (id, actor, device, clock). */
export type EventDraft = {
  [T in EventType]: { incidentId: string; type: T; payload: EventPayloads[T] }
}[EventType]

/**
 * An immutable, stamped event: the unit of storage, sync and audit.
 * `hlc` orders events across devices; `occurredAt` is its wall-clock part, for people and SLA clocks.
 */
export type IncidentEvent = {
  [T in EventType]: {
    id: string
    incidentId: string
    type: T
    payload: EventPayloads[T]
    actor: Actor
    deviceId: string
    hlc: string
    occurredAt: string
    schemaVersion: number
  }
}[EventType]

export type EventOf<T extends EventType> = Extract<IncidentEvent, { type: T }>

/** Canonical local order: HLC, then id to break exact ties deterministically. */
export function compareEvents(a: Pick<IncidentEvent, 'hlc' | 'id'>, b: Pick<IncidentEvent, 'hlc' | 'id'>): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1
  if (a.id !== b.id) return a.id < b.id ? -1 : 1
  return 0
}
