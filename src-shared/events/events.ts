import type { Actor, PersonRef } from '../incident/roles'
import type { Impact, Priority, Urgency } from '../incident/priority'
import type { HierarchicalTrigger, SupportLevel } from '../incident/levels'
import type { DisclosureRegime, DisclosureTrigger } from '../security/disclosure'
import type { DetailChanges } from '../incident/commands'
import type { AttachmentDescriptor, Caller, ImportOrigin } from '../incident/incident'
import type { RoutingRule } from '../automation/routing'
import type { AlertAction } from '../intake/alertActions'
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
  /** The routing rule that chose `assignmentGroup` (automation/routing.ts); absent when a person chose it. */
  routedBy?: RoutingRule
  /** Only on imported incidents; absent on incidents logged at a desk. */
  origin?: ImportOrigin | null
}

/**
 * The lifecycle steps an imported incident went through in the tool it came from, packed into
 * its one IncidentImported event: the same payloads the desk's own events carry, each dated when
 * the source says it happened (issue #9). Only steps a desk decides for an incident; never a
 * creation, and never the types only the server writes.
 */
export const IMPORTED_STEP_TYPES = [
  'IncidentCategorized',
  'IncidentPrioritized',
  'IncidentAssigned',
  'IncidentAcknowledged',
  'IncidentPutOnHold',
  'IncidentResumed',
  'IncidentEscalated',
  'IncidentResolved',
  'IncidentClosed',
  'IncidentReopened',
  'IncidentCanceled',
] as const
export type ImportedStepType = (typeof IMPORTED_STEP_TYPES)[number]

export type ImportedStep = {
  [T in ImportedStepType]: { type: T; payload: EventPayloads[T]; occurredAt: string }
}[ImportedStepType]

/**
 * An incident brought in by an import, with its past: the logging (dated when the source opened
 * it) and the steps after it. One event where a desk-logged incident has one per step, because an
 * import writes tens of thousands at once and IndexedDB's cost is per record (issue #9: 25k
 * incidents of ~5 steps each were ~250k records with their outbox entries). Readers that need
 * the steps one by one unfold it (importedEvents.ts); it means exactly the events it unfolds to.
 */
export interface IncidentImportedPayload {
  logged: IncidentLoggedPayload
  steps: ImportedStep[]
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
  /** Added after the first release: absent on older events, read as none / no cadence. */
  affectedServices?: string[]
  updateCadenceMinutes?: number
  /** When the first stakeholder update is due (declared + cadence). */
  nextUpdateDueAt?: string | null
}

export interface IncidentDetailsEditedPayload {
  /** Only the fields this edit changes, so concurrent edits of different fields merge. */
  changes: DetailChanges
  /** Their values as the editor saw them, for the activity log's old → new. */
  previous: DetailChanges
}

export type AttachmentAddedPayload = AttachmentDescriptor

export interface MajorIncidentUpdatePostedPayload {
  text: string
  audience: string
  nextUpdateDueAt: string | null
}

export interface MajorIncidentDetailsUpdatedPayload {
  affectedServices?: string[]
  updateCadenceMinutes?: number
  incidentManager?: PersonRef
}

export interface PostIncidentReviewRecordedPayload {
  summary: string
  rootCause: string
  lessonsLearned: string
  followUpActions: string[]
}

export interface DisclosureRegimesSetPayload {
  regimes: DisclosureRegime[]
}

export interface DisclosureTriggerRecordedPayload {
  trigger: DisclosureTrigger
  /** When it happened, which may be before it was recorded. */
  occurredAt: string
  note: string | null
}

export interface DisclosureSubmittedPayload {
  deadlineId: string
  submittedAt: string
  reference: string | null
}

export interface IncidentLinkedPayload {
  kind: LinkKind
  targetIncidentId: string
}

/**
 * Written only by the sync server when it first accepts an incident: the human number that
 * replaces the desk's provisional one. It is an event like any other, so every desk folds
 * the same number from the same log.
 */
export interface IncidentNumberedPayload {
  number: string
}

/**
 * Deliveries of one monitoring alert, written only by the server's intake (src-server/intake):
 * the first trigger logs the incident, every later delivery with the same key lands here, one
 * event for all the deliveries one transaction took, so a storm of 1,000 repeats is a handful of
 * events, each counting its own.
 */
export interface AlertReceivedPayload {
  /** The intake source's id (its URL segment) and its name when the alert arrived. */
  source: string
  sourceName: string
  /** What the source identifies the alert by (Alertmanager's fingerprint, a generic event's dedupKey). */
  dedupKey: string
  action: AlertAction
  /** Deliveries of this action this event stands for. */
  count: number
  summary: string
  severity: string | null
  /** When the first and the last of them reached the server. */
  firstAt: string
  lastAt: string
}

/**
 * Written by the intake on the first incident of a correlation window when the source's alerts
 * on one service reach its storm threshold: a proposal to declare a major incident, which stays
 * a person's decision.
 */
export interface AlertStormDetectedPayload {
  source: string
  sourceName: string
  service: string
  /** Alerts on the service inside the window when the threshold was crossed. */
  alerts: number
  windowMinutes: number
}

/** Notifications the server sends by e-mail (src-server/mail/templates.ts). */
export const MAIL_TEMPLATE_IDS = ['logged', 'question', 'resolved', 'closed', 'majorUpdate'] as const
export type MailTemplateId = (typeof MAIL_TEMPLATE_IDS)[number]

/**
 * A message the server's mail intake took for this incident: the one that logged it, a reply
 * threaded onto it (recorded as a caller comment besides), or an auto-reply recognised as one.
 */
export interface MailReceivedPayload {
  messageId: string
  from: string
  subject: string
  /** An out-of-office or other automatic answer: recorded, never answered, never a comment. */
  autoReply: boolean
}

/** A notification the server sent for one of this incident's events. */
export interface MailSentPayload {
  messageId: string
  template: MailTemplateId
  to: string[]
  subject: string
  /** The event it tells about (its `occurredAt` is when it was written, perhaps offline, long before). */
  forEventId: string
}

/** A notification that could not be sent: after its first failed attempt, and when the server gave up. */
export interface MailFailedPayload {
  template: MailTemplateId
  to: string[]
  subject: string
  forEventId: string
  error: string
  attempts: number
  /** The last attempt: nothing more will be tried unless an admin queues it again. */
  gaveUp: boolean
}

/** Event type → payload. Names are past tense: an event is a fact that happened. */
export interface EventPayloads {
  IncidentLogged: IncidentLoggedPayload
  IncidentImported: IncidentImportedPayload
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
  IncidentNumbered: IncidentNumberedPayload
  IncidentDetailsEdited: IncidentDetailsEditedPayload
  AttachmentAdded: AttachmentAddedPayload
  MajorIncidentUpdatePosted: MajorIncidentUpdatePostedPayload
  MajorIncidentDetailsUpdated: MajorIncidentDetailsUpdatedPayload
  PostIncidentReviewRecorded: PostIncidentReviewRecordedPayload
  DisclosureRegimesSet: DisclosureRegimesSetPayload
  DisclosureTriggerRecorded: DisclosureTriggerRecordedPayload
  DisclosureSubmitted: DisclosureSubmittedPayload
  AlertReceived: AlertReceivedPayload
  AlertStormDetected: AlertStormDetectedPayload
  MailReceived: MailReceivedPayload
  MailSent: MailSentPayload
  MailFailed: MailFailedPayload
}

export type EventType = keyof EventPayloads

export const EVENT_TYPES = [
  'IncidentLogged',
  'IncidentImported',
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
  'IncidentNumbered',
  'IncidentDetailsEdited',
  'AttachmentAdded',
  'MajorIncidentUpdatePosted',
  'MajorIncidentDetailsUpdated',
  'PostIncidentReviewRecorded',
  'DisclosureRegimesSet',
  'DisclosureTriggerRecorded',
  'DisclosureSubmitted',
  'AlertReceived',
  'AlertStormDetected',
  'MailReceived',
  'MailSent',
  'MailFailed',
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

/** Event types only the sync server writes; a desk never creates or pushes them. */
export const SERVER_EVENT_TYPES: readonly EventType[] = ['IncidentNumbered', 'AlertReceived', 'AlertStormDetected', 'MailReceived', 'MailSent', 'MailFailed']

/** The actor of events the sync server writes itself. */
export const SYNC_SERVER_ACTOR: Actor = { userId: 'system:sync-server', displayName: 'Sync server', role: 'admin' }

/** The actor of what the server's mail writes: incidents logged from a caller's e-mail, replies, received and sent messages. The desk's queue tells a mailed-in incident by it. */
export const MAIL_INTAKE_ACTOR: Actor = { userId: 'system:mail', displayName: 'E-mail', role: 'admin' }

/**
 * An event as a desk keeps it: once the server has accepted it, `serverSeq` is its place in the
 * server's log (DESIGN §2: the canonical order is the server's). Not part of the event itself,
 * which stays immutable and is what gets pushed.
 */
export type StoredEvent = IncidentEvent & { serverSeq?: number }

/**
 * Canonical order: events the server has sequenced come first, in server order; events still
 * pending on this desk follow in clock (HLC) order, id breaking exact ties. Every desk that
 * has synced the same events therefore folds them in the same order as the server.
 */
export function compareEvents(
  a: Pick<IncidentEvent, 'hlc' | 'id'> & { serverSeq?: number },
  b: Pick<IncidentEvent, 'hlc' | 'id'> & { serverSeq?: number },
): number {
  if (a.serverSeq !== undefined || b.serverSeq !== undefined) {
    if (a.serverSeq === undefined) return 1
    if (b.serverSeq === undefined) return -1
    if (a.serverSeq !== b.serverSeq) return a.serverSeq - b.serverSeq
  }
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1
  if (a.id !== b.id) return a.id < b.id ? -1 : 1
  return 0
}
