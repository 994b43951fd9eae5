import type { EventPayloads, EventType, IncidentEvent } from '../../../src-shared/events/events'
import type { Impact, Priority, Urgency } from '../../../src-shared/incident/priority'
import type { Actor, PersonRef } from '../../../src-shared/incident/roles'

/**
 * Builds the event log of one incident the way the desk would record it, for SLA tests.
 * Each step is a fact at a wall-clock instant; the story stamps ids and HLCs in listing order.
 */
export type StepOf<T extends EventType> = { type: T; at: string; payload: EventPayloads[T] }
export type Step = { [T in EventType]: StepOf<T> }[EventType]

export const AGENT: Actor = { userId: 'u-amira', displayName: 'Amira Haddad', role: 'l1_agent' }
export const SPECIALIST: PersonRef = { userId: 'u-jonas', displayName: 'Jonas Berg' }

const IMPACT_URGENCY: Record<Priority, readonly [Impact, Urgency]> = { 1: [1, 1], 2: [1, 2], 3: [2, 2], 4: [2, 3], 5: [3, 3] }

export function logged(at: string, priority: Priority, shortDescription = 'Payroll export fails for the finance team'): StepOf<'IncidentLogged'> {
  const [impact, urgency] = IMPACT_URGENCY[priority]
  return {
    type: 'IncidentLogged',
    at,
    payload: {
      number: 'INC0001042',
      numberIsProvisional: false,
      shortDescription,
      description: 'Reported by phone; the nightly export to the bank stops at 40 %.',
      caller: { name: 'Grace Okafor', contact: 'grace.okafor@example.com' },
      channel: 'phone',
      category: 'software',
      subcategory: null,
      service: 'Payroll',
      configurationItem: 'payroll-db-01',
      location: 'London HQ',
      impact,
      urgency,
      priority,
      level: 1,
      assignmentGroup: 'Service Desk',
    },
  }
}

export function prioritized(at: string, priority: Priority): StepOf<'IncidentPrioritized'> {
  const [impact, urgency] = IMPACT_URGENCY[priority]
  return { type: 'IncidentPrioritized', at, payload: { impact, urgency, priority } }
}

export function assigned(at: string, assignee: PersonRef | null, assignmentGroup = 'Payroll Support'): StepOf<'IncidentAssigned'> {
  return { type: 'IncidentAssigned', at, payload: { assignmentGroup, assignee } }
}

export function acknowledged(at: string): StepOf<'IncidentAcknowledged'> {
  return { type: 'IncidentAcknowledged', at, payload: { assignee: SPECIALIST } }
}

export function putOnHold(at: string): StepOf<'IncidentPutOnHold'> {
  return { type: 'IncidentPutOnHold', at, payload: { reason: 'awaiting_vendor', callerComment: null } }
}

export function resumed(at: string): StepOf<'IncidentResumed'> {
  return { type: 'IncidentResumed', at, payload: { cause: 'manual' } }
}

export function resolved(at: string): StepOf<'IncidentResolved'> {
  return { type: 'IncidentResolved', at, payload: { resolutionCode: 'solution_provided', resolutionNotes: 'Vendor patch applied; export re-run.', cascadedFrom: null } }
}

export function reopened(at: string): StepOf<'IncidentReopened'> {
  return { type: 'IncidentReopened', at, payload: { reason: 'Export failed again the next night.' } }
}

export function closed(at: string): StepOf<'IncidentClosed'> {
  return { type: 'IncidentClosed', at, payload: { cause: 'caller_confirmed' } }
}

export function canceled(at: string): StepOf<'IncidentCanceled'> {
  return { type: 'IncidentCanceled', at, payload: { reason: 'duplicate', note: 'Same as INC0001041.' } }
}

export function workNote(at: string): StepOf<'WorkNoteAdded'> {
  return { type: 'WorkNoteAdded', at, payload: { text: 'Checked the export job logs.' } }
}

/** `${wall ms:15}:${counter:5}:${node}`, the HLC text form. */
export function hlcText(wallMs: number, counter: number, node = 'dev1'): string {
  return `${String(wallMs).padStart(15, '0')}:${String(counter).padStart(5, '0')}:${node}`
}

/** Stamps the steps in listing order: HLC wall time from the step's instant, counter from its index. */
export function story(...steps: Step[]): IncidentEvent[] {
  return steps.map((step, index) => stamp(step, index, Date.parse(step.at)))
}

/** One stamped event; `hlcWallMs` may differ from `at` to model a device clock that lies. */
export function stamp(step: Step, index: number, hlcWallMs: number): IncidentEvent {
  return {
    id: `evt-${String(index).padStart(4, '0')}`,
    incidentId: 'inc-1042',
    type: step.type,
    payload: step.payload,
    actor: AGENT,
    deviceId: 'dev1',
    hlc: hlcText(hlcWallMs, index),
    occurredAt: step.at,
    schemaVersion: 1,
  } as IncidentEvent
}
