import { describe, expect, it } from 'vitest'
import type { IncidentEvent } from '../../../src-shared/events/events'
import { checkEventRules } from '../../../src-shared/incident/eventRules'
import { createDesk, people, reports, stampEvents } from '../../fixtures/incidents'

/** An event as a desk that skipped the shared rules would write it. */
function eventOf(draft: Pick<IncidentEvent, 'type' | 'payload'>, at = '2025-03-03T10:00:00.000Z'): IncidentEvent {
  const desk = createDesk()
  const incident = desk.log(reports.printerJams, people.grace)
  const [event] = stampEvents([{ incidentId: incident.id, ...draft } as never], people.dmitri, desk.clock)
  return { ...event!, occurredAt: at } as IncidentEvent
}

describe('the rules an event is judged by on its own (the server runs them on every push)', () => {
  it.each([
    ['a functional escalation down a level', { type: 'IncidentEscalated', payload: { kind: 'functional', fromLevel: 2, toLevel: 1, toGroup: 'Service Desk', reason: 'Back.' } }, 'invalid_escalation'],
    ['a functional escalation to the same level', { type: 'IncidentEscalated', payload: { kind: 'functional', fromLevel: 2, toLevel: 2, toGroup: 'Network', reason: 'Sideways.' } }, 'invalid_escalation'],
    ['a trigger after the step that records it', { type: 'DisclosureTriggerRecorded', payload: { trigger: 'awareness', occurredAt: '2025-03-04T10:00:00.000Z', note: null } }, 'invalid_field'],
    ['a submission after the step that records it', { type: 'DisclosureSubmitted', payload: { deadlineId: 'gdpr_supervisory_authority', submittedAt: '2025-03-04T10:00:00.000Z', reference: null } }, 'invalid_field'],
    ['a stakeholder update whose next one is due already', { type: 'MajorIncidentUpdatePosted', payload: { text: 'Still down.', audience: 'All staff', nextUpdateDueAt: '2025-03-03T09:59:00.000Z' } }, 'invalid_field'],
  ] as const)('should refuse %s', (_name, draft, code) => {
    expect(checkEventRules(eventOf(draft as never))).toMatchObject({ code })
  })

  it('should accept the same steps taken the way the shared rules take them', () => {
    const fine = [
      { type: 'IncidentEscalated', payload: { kind: 'functional', fromLevel: 1, toLevel: 3, toGroup: 'Major incidents', reason: 'Outage.' } },
      { type: 'IncidentEscalated', payload: { kind: 'hierarchical', manager: 'Sofia Lindqvist', trigger: 'sla_at_risk', reason: 'Due soon.' } },
      { type: 'DisclosureTriggerRecorded', payload: { trigger: 'awareness', occurredAt: '2025-03-03T08:00:00.000Z', note: null } },
      { type: 'MajorIncidentUpdatePosted', payload: { text: 'Still down.', audience: 'All staff', nextUpdateDueAt: '2025-03-03T11:00:00.000Z' } },
      { type: 'MajorIncidentUpdatePosted', payload: { text: 'All clear.', audience: 'All staff', nextUpdateDueAt: null } },
    ]
    for (const draft of fine) expect(checkEventRules(eventOf(draft as never))).toBeUndefined()
  })

  it('should refuse a link of an incident to itself and a cascade from itself', () => {
    const link = eventOf({ type: 'IncidentLinked', payload: { kind: 'related', targetIncidentId: '00000000-0000-7000-8000-000000000000' } } as never)
    expect(checkEventRules({ ...link, payload: { kind: 'related', targetIncidentId: link.incidentId } } as IncidentEvent)).toMatchObject({ code: 'invalid_link' })
    const resolve = eventOf({ type: 'IncidentResolved', payload: { resolutionCode: 'solution_provided', resolutionNotes: 'Done.', cascadedFrom: null } } as never)
    expect(checkEventRules(resolve)).toBeUndefined()
    expect(checkEventRules({ ...resolve, payload: { ...resolve.payload, cascadedFrom: resolve.incidentId } } as IncidentEvent)).toMatchObject({ code: 'invalid_link' })
  })
})
