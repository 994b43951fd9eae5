import { compareEvents, type EventOf, type IncidentEvent, type StoredEvent } from '../events/events'
import { unfoldEvent } from '../events/importedEvents'
import { EMPTY_DISCLOSURE, withCurrentShape, type AlertRecord, type Incident } from './incident'
import { LIFECYCLE } from './lifecycle'
import type { PersonRef } from './roles'
import { SECURITY_CATEGORY, type IncidentState } from './vocabulary'

/**
 * Folds events into the incident projection. Deterministic: the same events give the same
 * incident whatever order they are passed in, because the fold sorts them first.
 *
 * Each event id counts once, however often it was delivered.
 *
 * The reducer records facts; it does not judge them, with one exception: an event whose
 * lifecycle step is not valid from the state the incident is in (it reached the log in an
 * order its author could not see) does not move the state. It is kept and listed in
 * `needsAttention` instead, so nothing is dropped and terminal states stay terminal.
 */
export function foldEvents(events: readonly StoredEvent[]): Incident | undefined {
  let incident: Incident | undefined
  const seen = new Set<string>()
  for (const event of [...events].sort(compareEvents)) {
    // The same event delivered twice (a retried sync, a pending copy of a synced event) is one fact.
    if (seen.has(event.id)) continue
    seen.add(event.id)
    incident = applyEvent(incident, event)
  }
  return incident
}

/** Applies one event on top of the projection; returns a new object, never mutates. */
export function applyEvent(incident: Incident | undefined, event: IncidentEvent): Incident | undefined {
  if (event.type === 'IncidentLogged') return incident ?? logged(event)
  // An imported incident means its logging and its steps, applied in order; like a logging, it
  // never replaces an incident already there.
  if (event.type === 'IncidentImported') return incident ?? unfoldEvent<IncidentEvent>(event).reduce<Incident | undefined>(applyEvent, undefined)
  // An event for an incident this desk has not seen logged yet cannot be folded; the caller
  // keeps it and folds again once the creation arrives.
  if (!incident) return undefined
  const current = withCurrentShape(incident)
  const next = changed(current, event)
  return {
    ...next,
    updatedAt: event.occurredAt > current.updatedAt ? event.occurredAt : current.updatedAt,
    updatedBy: { userId: event.actor.userId, displayName: event.actor.displayName },
    lastEventHlc: event.hlc > current.lastEventHlc ? event.hlc : current.lastEventHlc,
    eventCount: current.eventCount + 1,
  }
}

function logged(event: EventOf<'IncidentLogged'>): Incident {
  const payload = event.payload
  return {
    id: event.incidentId,
    number: payload.number,
    numberIsProvisional: payload.numberIsProvisional,
    state: 'new',
    shortDescription: payload.shortDescription,
    description: payload.description,
    caller: payload.caller,
    channel: payload.channel,
    category: payload.category,
    subcategory: payload.subcategory,
    service: payload.service,
    configurationItem: payload.configurationItem,
    location: payload.location,
    impact: payload.impact,
    urgency: payload.urgency,
    priority: payload.priority,
    level: payload.level,
    assignmentGroup: payload.assignmentGroup,
    assignee: null,
    respondedAt: null,
    holdReason: null,
    resolutionCode: null,
    resolutionNotes: null,
    resolvedAt: null,
    resolvedBy: null,
    closedAt: null,
    cancelReason: null,
    // An imported incident counts on from what its tool had counted.
    reopenCount: payload.origin?.reopenCount ?? 0,
    reassignmentCount: payload.origin?.reassignmentCount ?? 0,
    escalations: [],
    isMajor: false,
    incidentManager: null,
    isSecurity: payload.category === SECURITY_CATEGORY,
    links: [],
    affectedServices: [],
    majorUpdateCadenceMinutes: null,
    majorUpdates: [],
    nextMajorUpdateDueAt: null,
    postIncidentReview: null,
    attachments: [],
    disclosure: EMPTY_DISCLOSURE,
    origin: payload.origin ?? null,
    alert: null,
    stormProposal: null,
    workNoteCount: 0,
    callerCommentCount: 0,
    createdAt: event.occurredAt,
    createdBy: event.actor,
    updatedAt: event.occurredAt,
    updatedBy: { userId: event.actor.userId, displayName: event.actor.displayName },
    lastEventHlc: event.hlc,
    eventCount: 1,
    needsAttention: [],
  }
}

/**
 * Moved from one assignment group to another, as ServiceNow counts reassignments: the first
 * group, or naming a person within the group, is not a reassignment.
 */
function isReassignment(incident: Incident, group: string | null): boolean {
  return incident.assignmentGroup !== null && group !== incident.assignmentGroup
}

/** A state change is applied only from a state the lifecycle allows it from. */
function transition(incident: Incident, event: IncidentEvent, from: readonly IncidentState[], apply: () => Incident): Incident {
  if (!from.includes(incident.state)) return { ...incident, needsAttention: [...incident.needsAttention, event.id] }
  return apply()
}

function by(event: IncidentEvent): PersonRef {
  return { userId: event.actor.userId, displayName: event.actor.displayName }
}

function changed(incident: Incident, event: Exclude<IncidentEvent, { type: 'IncidentLogged' | 'IncidentImported' }>): Incident {
  switch (event.type) {
    case 'IncidentCategorized':
      return transition(incident, event, LIFECYCLE.categorize.from, () => ({
        ...incident,
        ...event.payload,
        isSecurity: event.payload.category === SECURITY_CATEGORY,
      }))
    case 'IncidentPrioritized':
      return transition(incident, event, LIFECYCLE.prioritize.from, () => ({ ...incident, ...event.payload }))
    case 'IncidentAssigned':
      return transition(incident, event, LIFECYCLE.assign.from, () => {
        const { assignee, assignmentGroup } = event.payload
        // Assignment does not change the state: the assignee takes it (acknowledges) to start work.
        // It does meet the response target (DESIGN §1: first assignment or acknowledgement).
        return {
          ...incident,
          assignee,
          assignmentGroup,
          respondedAt: incident.respondedAt ?? (assignee ? event.occurredAt : null),
          reassignmentCount: incident.reassignmentCount + (isReassignment(incident, assignmentGroup) ? 1 : 0),
        }
      })
    case 'IncidentAcknowledged':
      return transition(incident, event, LIFECYCLE.acknowledge.from, () => ({
        ...incident,
        state: 'in_progress',
        assignee: event.payload.assignee,
        respondedAt: incident.respondedAt ?? event.occurredAt,
      }))
    case 'WorkNoteAdded':
      return { ...incident, workNoteCount: incident.workNoteCount + 1 }
    case 'CallerCommentAdded':
      return { ...incident, callerCommentCount: incident.callerCommentCount + 1 }
    case 'IncidentPutOnHold':
      return transition(incident, event, LIFECYCLE.hold.from, () => ({
        ...incident,
        state: 'on_hold',
        holdReason: event.payload.reason,
        callerCommentCount: incident.callerCommentCount + (event.payload.callerComment ? 1 : 0),
      }))
    case 'IncidentResumed':
      return transition(incident, event, LIFECYCLE.resume.from, () => ({ ...incident, state: 'in_progress', holdReason: null }))
    case 'IncidentEscalated': {
      const payload = event.payload
      const record = { ...payload, at: event.occurredAt, by: by(event) }
      if (payload.kind === 'hierarchical') {
        return transition(incident, event, LIFECYCLE.escalate.from, () => ({ ...incident, escalations: [...incident.escalations, record] }))
      }
      return transition(incident, event, LIFECYCLE.escalate.from, () => ({
        ...incident,
        level: payload.toLevel,
        assignmentGroup: payload.toGroup,
        // The new group's queue picks it up; the previous owner no longer holds it.
        assignee: null,
        escalations: [...incident.escalations, record],
      }))
    }
    case 'IncidentResolved':
      return transition(incident, event, LIFECYCLE.resolve.from, () => ({
        ...incident,
        state: 'resolved',
        holdReason: null,
        resolutionCode: event.payload.resolutionCode,
        resolutionNotes: event.payload.resolutionNotes,
        resolvedAt: event.occurredAt,
        resolvedBy: by(event),
      }))
    case 'IncidentClosed':
      return transition(incident, event, LIFECYCLE.close.from, () => ({ ...incident, state: 'closed', closedAt: event.occurredAt }))
    case 'IncidentReopened':
      return transition(incident, event, LIFECYCLE.reopen.from, () => ({
        ...incident,
        state: 'in_progress',
        reopenCount: incident.reopenCount + 1,
        resolutionCode: null,
        resolutionNotes: null,
        resolvedAt: null,
        resolvedBy: null,
      }))
    case 'IncidentCanceled':
      return transition(incident, event, LIFECYCLE.cancel.from, () => ({
        ...incident,
        state: 'canceled',
        holdReason: null,
        cancelReason: event.payload.reason,
      }))
    case 'MajorIncidentDeclared':
      return transition(incident, event, LIFECYCLE.declareMajor.from, () => ({
        ...incident,
        isMajor: true,
        incidentManager: event.payload.incidentManager,
        affectedServices: event.payload.affectedServices ?? incident.affectedServices,
        majorUpdateCadenceMinutes: event.payload.updateCadenceMinutes ?? incident.majorUpdateCadenceMinutes,
        nextMajorUpdateDueAt: event.payload.nextUpdateDueAt ?? incident.nextMajorUpdateDueAt,
      }))
    case 'IncidentDetailsEdited':
      return transition(incident, event, LIFECYCLE.editDetails.from, () => ({ ...incident, ...event.payload.changes }))
    case 'AttachmentAdded': {
      // Append-only like notes: an attachment is a fact even on a closed incident.
      if (incident.attachments.some((attachment) => attachment.attachmentId === event.payload.attachmentId)) return incident
      return { ...incident, attachments: [...incident.attachments, { ...event.payload, addedAt: event.occurredAt, addedBy: by(event) }] }
    }
    case 'MajorIncidentUpdatePosted':
      return {
        ...incident,
        majorUpdates: [...incident.majorUpdates, { id: event.id, ...event.payload, at: event.occurredAt, by: by(event) }],
        nextMajorUpdateDueAt: event.payload.nextUpdateDueAt,
      }
    case 'MajorIncidentDetailsUpdated': {
      const payload = event.payload
      return {
        ...incident,
        affectedServices: payload.affectedServices ?? incident.affectedServices,
        majorUpdateCadenceMinutes: payload.updateCadenceMinutes ?? incident.majorUpdateCadenceMinutes,
        incidentManager: payload.incidentManager ?? incident.incidentManager,
      }
    }
    case 'PostIncidentReviewRecorded':
      return { ...incident, postIncidentReview: { ...event.payload, recordedAt: event.occurredAt, recordedBy: by(event) } }
    case 'DisclosureRegimesSet':
      return { ...incident, disclosure: { ...incident.disclosure, regimes: event.payload.regimes } }
    case 'DisclosureTriggerRecorded':
      return {
        ...incident,
        disclosure: { ...incident.disclosure, triggers: { ...incident.disclosure.triggers, [event.payload.trigger]: event.payload.occurredAt } },
      }
    case 'DisclosureSubmitted': {
      const { deadlineId, submittedAt, reference } = event.payload
      const references = { ...incident.disclosure.references }
      if (reference) references[deadlineId] = reference
      return {
        ...incident,
        disclosure: { ...incident.disclosure, submissions: { ...incident.disclosure.submissions, [deadlineId]: submittedAt }, references },
      }
    }
    case 'IncidentNumbered':
      return { ...incident, number: event.payload.number, numberIsProvisional: false }
    case 'AlertReceived':
      return { ...incident, alert: alertAfter(incident.alert, event) }
    case 'AlertStormDetected': {
      const { sourceName, service, alerts, windowMinutes } = event.payload
      return { ...incident, stormProposal: { sourceName, service, alerts, windowMinutes, at: event.occurredAt } }
    }
    case 'MailReceived':
    case 'MailSent':
    case 'MailFailed':
      // The mail thread is in the timeline; the incident itself does not change.
      return incident
    case 'IncidentLinked': {
      const link = { kind: event.payload.kind, incidentId: event.payload.targetIncidentId }
      const known = incident.links.some((existing) => existing.kind === link.kind && existing.incidentId === link.incidentId)
      return known ? incident : { ...incident, links: [...incident.links, link] }
    }
    default:
      return assertNever(event)
  }
}

/** The alert as one more batch of its deliveries leaves it; a different key (never written by the intake) starts afresh. */
function alertAfter(alert: AlertRecord | null, event: EventOf<'AlertReceived'>): AlertRecord {
  const { source, sourceName, dedupKey, action, count, summary, severity, firstAt, lastAt } = event.payload
  const current: AlertRecord =
    alert && alert.source === source && alert.dedupKey === dedupKey
      ? alert
      : { source, sourceName, dedupKey, occurrences: 0, firstSeenAt: firstAt, lastSeenAt: firstAt, severity, summary, acknowledgedAtSource: null, recoveredAtSource: null }
  switch (action) {
    case 'trigger': {
      const lastSeenAt = lastAt > current.lastSeenAt ? lastAt : current.lastSeenAt
      // It fired again: whatever the source said before about handling or recovery no longer holds.
      return { ...current, sourceName, occurrences: current.occurrences + count, lastSeenAt, severity: severity ?? current.severity, summary: summary || current.summary, acknowledgedAtSource: null, recoveredAtSource: null }
    }
    case 'acknowledge':
      return { ...current, sourceName, acknowledgedAtSource: lastAt }
    case 'resolve':
      return { ...current, sourceName, recoveredAtSource: lastAt }
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled event ${JSON.stringify(value)}`)
}
