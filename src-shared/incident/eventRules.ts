import type { IncidentEvent } from '../events/events'
import { functionalEscalationError } from './levels'
import type { Refusal } from './lifecycle'

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
      if (event.payload.level !== 1) return invalid('invalid_field', 'A new incident starts at L1; escalate it to move it up.')
      return undefined
    case 'IncidentEscalated': {
      if (event.payload.kind !== 'functional') return undefined
      const error = functionalEscalationError(event.payload.fromLevel, event.payload.toLevel)
      return error ? invalid('invalid_escalation', error) : undefined
    }
    case 'IncidentLinked':
      if (event.payload.targetIncidentId === event.incidentId) return invalid('invalid_link', 'An incident cannot be linked to itself.')
      return undefined
    case 'IncidentResolved':
      if (event.payload.cascadedFrom === event.incidentId) return invalid('invalid_link', 'An incident cannot be resolved as its own child.')
      return undefined
    case 'MajorIncidentDeclared':
    case 'MajorIncidentUpdatePosted': {
      const due = event.payload.nextUpdateDueAt
      if (due && Date.parse(due) <= at) return invalid('invalid_field', 'The next update must be due in the future.')
      return undefined
    }
    case 'DisclosureTriggerRecorded':
      if (Date.parse(event.payload.occurredAt) > at) return invalid('invalid_field', 'A trigger cannot be in the future.')
      return undefined
    case 'DisclosureSubmitted':
      if (Date.parse(event.payload.submittedAt) > at) return invalid('invalid_field', 'A submission cannot be in the future.')
      return undefined
    default:
      return undefined
  }
}

function invalid(code: Refusal['code'], message: string): Refusal {
  return { code, message }
}
