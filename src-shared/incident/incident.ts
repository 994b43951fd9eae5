import type { Actor, PersonRef } from './roles'
import type { Impact, Priority, Urgency } from './priority'
import type { SupportLevel } from './levels'
import type { DisclosureRegime, DisclosureTriggers } from '../security/disclosure'
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

/** A stakeholder update in a major incident's communication log. */
export interface MajorUpdate {
  /** The event that posted it. */
  id: string
  text: string
  /** Who it went to: "All staff", "Executives", "Service desk"… */
  audience: string
  at: string
  by: PersonRef
  /** When the next update is promised; the major-incident view counts down to it. */
  nextUpdateDueAt: string | null
}

/** The post-incident review of a major incident, recorded once it is resolved. */
export interface PostIncidentReview {
  summary: string
  rootCause: string
  lessonsLearned: string
  followUpActions: string[]
  recordedAt: string
  recordedBy: PersonRef
}

/** A file attached to an incident. The bytes live beside the log, by content hash (DESIGN §2). */
export interface AttachmentDescriptor {
  attachmentId: string
  name: string
  mediaType: string
  size: number
  /** Lower-case hex SHA-256 of the bytes: where the desk (and later the server) keeps them. */
  sha256: string
}

export interface AttachmentRef extends AttachmentDescriptor {
  addedAt: string
  addedBy: PersonRef
}

/** Where an imported incident came from: its number and timestamps in the other tool. */
export interface ImportOrigin {
  /** "ServiceNow", "GLPI", or what the person importing named it. */
  system: string
  number: string
  openedAt: string
  closedAt: string | null
  /** The state it had there, as that tool spelled it. */
  state: string | null
  /** When it was resolved there (the desk's own resolution is dated the same: importHistory.ts). */
  resolvedAt?: string | null
  /**
   * The priority it had there, through the preset's table, when the file gives one: the incident
   * keeps it even where that tool's matrix disagrees with the desk's.
   */
  priority?: Priority | null
  /** How often it was reopened and reassigned there; the desk counts on from these. */
  reopenCount?: number
  reassignmentCount?: number
}

/** The monitoring alert an incident was logged for, as its deliveries added up (events AlertReceived). */
export interface AlertRecord {
  source: string
  sourceName: string
  dedupKey: string
  /** Triggers delivered: the first, which logged the incident, and every repeat since. */
  occurrences: number
  /** When its first and its latest trigger reached the server (an acknowledgement or recovery is not a sighting). */
  firstSeenAt: string
  lastSeenAt: string
  severity: string | null
  summary: string
  /** When the source last said someone acknowledged it there; null since a new trigger. */
  acknowledgedAtSource: string | null
  /** When the source last said it recovered; null since a new trigger. */
  recoveredAtSource: string | null
}

/** A storm of alerts on one service, proposed as a major incident (event AlertStormDetected). */
export interface StormProposal {
  sourceName: string
  service: string
  alerts: number
  windowMinutes: number
  at: string
}

/** Regulatory disclosure tracking of a security incident (see security/disclosure.ts). */
export interface DisclosureRecord {
  regimes: DisclosureRegime[]
  /** When each trigger happened (not when it was typed in). */
  triggers: DisclosureTriggers
  /** When each deadline's report was submitted, by deadline id. */
  submissions: Record<string, string>
  /** References of the submitted reports (authority case numbers), by deadline id. */
  references: Record<string, string>
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
  /** Moves from one assignment group to another (an import starts from its source's count). */
  reassignmentCount: number
  escalations: EscalationRecord[]
  isMajor: boolean
  incidentManager: PersonRef | null
  /** Category Security: visible only to the security group and admins. */
  isSecurity: boolean
  links: IncidentLink[]
  /** Major incidents: the services the outage touches. */
  affectedServices: string[]
  /** Major incidents: how often stakeholders are promised an update. */
  majorUpdateCadenceMinutes: number | null
  majorUpdates: MajorUpdate[]
  nextMajorUpdateDueAt: string | null
  postIncidentReview: PostIncidentReview | null
  attachments: AttachmentRef[]
  disclosure: DisclosureRecord
  origin: ImportOrigin | null
  /** Set on incidents a monitoring source raised; null otherwise. */
  alert: AlertRecord | null
  /** Set when a storm of alerts proposed this incident as a major one. */
  stormProposal: StormProposal | null
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

export const EMPTY_DISCLOSURE: DisclosureRecord = { regimes: [], triggers: {}, submissions: {}, references: {} }

/**
 * Fills the fields later releases added, for projections stored before them (a desk's IndexedDB
 * rows, the server's projection table). Cheap when the incident is already current.
 */
export function withCurrentShape(incident: Incident): Incident {
  if (incident.attachments !== undefined && incident.disclosure !== undefined && incident.reassignmentCount !== undefined && incident.alert !== undefined) return incident
  return {
    ...incident,
    affectedServices: incident.affectedServices ?? [],
    majorUpdateCadenceMinutes: incident.majorUpdateCadenceMinutes ?? null,
    majorUpdates: incident.majorUpdates ?? [],
    nextMajorUpdateDueAt: incident.nextMajorUpdateDueAt ?? null,
    postIncidentReview: incident.postIncidentReview ?? null,
    attachments: incident.attachments ?? [],
    disclosure: incident.disclosure ?? EMPTY_DISCLOSURE,
    origin: incident.origin ?? null,
    reassignmentCount: incident.reassignmentCount ?? 0,
    alert: incident.alert ?? null,
    stormProposal: incident.stormProposal ?? null,
  }
}
