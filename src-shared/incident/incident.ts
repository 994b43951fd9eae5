import type { Actor, PersonRef } from './roles'
import type { Impact, Priority, Urgency } from './priority'
import type { SupportLevel } from './levels'
import type { CancelReason, Channel, HoldReason, IncidentState, LinkKind, ResolutionCode } from './vocabulary'

export interface Caller {
  name: string
  contact?: string
  vip?: boolean
}

export interface IncidentLink {
  kind: LinkKind
  incidentId: string
}

export interface EscalationRecord {
  kind: 'functional' | 'hierarchical'
  reason: string
  at: string
  by: PersonRef
  fromLevel?: SupportLevel
  toLevel?: SupportLevel
  toGroup?: string
  manager?: string
}

/**
 * The projection of an incident: the fold of its events (see reducer.ts). Never edited directly;
 * every field here can be rebuilt from the event log.
 */
export interface Incident {
  id: string
  /** Human number (INC0001234). Provisional until a sync server accepts the incident. */
  number: string
  numberIsProvisional: boolean
  state: IncidentState
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
  assignee: PersonRef | null
  /** First assignment to a person or acknowledgement: the moment the response SLA is met. */
  respondedAt: string | null
  holdReason: HoldReason | null
  resolutionCode: ResolutionCode | null
  resolutionNotes: string | null
  resolvedAt: string | null
  resolvedBy: PersonRef | null
  closedAt: string | null
  cancelReason: CancelReason | null
  reopenCount: number
  escalations: EscalationRecord[]
  isMajor: boolean
  incidentManager: PersonRef | null
  /** Category Security: visible only to the security group and admins. */
  isSecurity: boolean
  links: IncidentLink[]
  workNoteCount: number
  callerCommentCount: number
  createdAt: string
  createdBy: Actor
  updatedAt: string
  updatedBy: PersonRef
  /** HLC of the last event folded in; the projection is current up to here. */
  lastEventHlc: string
  eventCount: number
  /**
   * Ids of events that arrived in an order where their lifecycle step was no longer valid
   * (two desks acted offline at once). They stay in the log; the incident waits for a person.
   */
  needsAttention: string[]
}
