import type { IncidentEvent } from '../events/events'
import type { SupportLevel } from './levels'
import { refusal, type Refusal } from './refusal'

/**
 * The lifecycle's rules that an event can be judged by on its own, whatever else happened
 * concurrently: `decide` never writes an event that breaks one, so one that does was not
 * written by the shared rules, and the server refuses it (DESIGN §1: "the server enforces it
 * again"). Rules that hinge on the incident's state at the time (two people escalating at
 * once, offline) are not here: those are kept and marked needs-attention by the reducer.
 *
 * Times are compared with the event's own `occurredAt`, the device's clock at the step, so a
 * rule holds however late the event reaches the server.
 */
export function checkEventRules(event: IncidentEvent): Refusal | undefined {
  const at = Date.parse(event.occurredAt)
  switch (event.type) {
    case 'IncidentLogged':
      // Every incident starts at the first level; it goes up only by escalation, with a reason.
      if (event.payload.level !== 1) return refusal('invalid_field', 'newStartsAtL1')
      return undefined
    case 'IncidentEscalated': {
      if (event.payload.kind !== 'functional') return undefined
      return functionalEscalationRefusal(event.payload.fromLevel, event.payload.toLevel)
    }
    case 'IncidentLinked':
      if (event.payload.targetIncidentId === event.incidentId) return refusal('invalid_link', 'linkSelf')
      return undefined
    case 'IncidentResolved':
      if (event.payload.cascadedFrom === event.incidentId) return refusal('invalid_link', 'resolvedAsOwnChild')
      return undefined
    case 'MajorIncidentDeclared':
    case 'MajorIncidentUpdatePosted': {
      const due = event.payload.nextUpdateDueAt
      if (due && Date.parse(due) <= at) return refusal('invalid_field', 'nextUpdateFuture')
      return undefined
    }
    case 'DisclosureTriggerRecorded':
      if (Date.parse(event.payload.occurredAt) > at) return refusal('invalid_field', 'triggerFuture')
      return undefined
    case 'DisclosureSubmitted':
      if (Date.parse(event.payload.submittedAt) > at) return refusal('invalid_field', 'submissionFuture')
      return undefined
    default:
      return undefined
  }
}

/** A functional escalation must go up: L1→L2, L1→L3 or L2→L3; never sideways or down. */
export function functionalEscalationRefusal(from: SupportLevel, to: SupportLevel): Refusal | undefined {
  if (to <= from) return refusal('invalid_escalation', 'escalationUp', { level: from })
  return undefined
}
