import { describe, expect, it } from 'vitest'
import { EVENT_SCHEMA_VERSION, type EventPayloads, type EventType, type StoredEvent } from '../../src-shared/events/events'
import { formatHlc } from '../../src-shared/events/hlc'
import type { Actor } from '../../src-shared/incident/roles'
import { buildActivity, wereConcurrent } from '../../src-renderer/activity/activityEntries'

/**
 * The activity timeline's reading of an incident's log: field changes folded step by step, edits
 * two desks made without seeing each other's, and steps that were no longer valid when they
 * reached the server. Events are built by hand so each test sets the clocks and server order.
 */

const INCIDENT = '0193a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b'
const grace: Actor = { userId: 'u-grace', displayName: 'Grace Okafor', role: 'l1_agent' }
const dmitri: Actor = { userId: 'u-dmitri', displayName: 'Dmitri Volkov', role: 'l2_specialist' }
const GRACE_DESK = 'desk-grace'
const DMITRI_DESK = 'desk-dmitri'
const T0 = Date.parse('2025-03-04T09:00:00Z')

let counter = 0
function event<T extends EventType>(
  type: T,
  payload: EventPayloads[T],
  options: { actor: Actor; device: string; atMinute: number; serverSeq?: number },
): StoredEvent {
  counter += 1
  const wallMs = T0 + options.atMinute * 60_000
  return {
    id: `0193a3c4-0000-7000-8000-${String(counter).padStart(12, '0')}`,
    incidentId: INCIDENT,
    type,
    payload,
    actor: options.actor,
    deviceId: options.device,
    hlc: formatHlc({ wallMs, counter: 0, node: options.device }),
    occurredAt: new Date(wallMs).toISOString(),
    schemaVersion: EVENT_SCHEMA_VERSION,
    ...(options.serverSeq === undefined ? {} : { serverSeq: options.serverSeq }),
  } as StoredEvent
}

function logged(serverSeq?: number): StoredEvent {
  return event(
    'IncidentLogged',
    {
      number: 'INC0000042',
      numberIsProvisional: false,
      shortDescription: 'VPN drops every few minutes for the Rotterdam sales team',
      description: '',
      caller: { name: 'Sanne de Vries' },
      channel: 'phone',
      category: null,
      subcategory: null,
      service: null,
      configurationItem: null,
      location: null,
      impact: 2,
      urgency: 3,
      priority: 4,
      level: 1,
      assignmentGroup: null,
    },
    { actor: grace, device: GRACE_DESK, atMinute: 0, ...(serverSeq === undefined ? {} : { serverSeq }) },
  )
}

describe('activity timeline', () => {
  it('shows each field change as old → new, folded in the server order', () => {
    const { entries } = buildActivity([
      logged(1),
      event('IncidentPrioritized', { impact: 1, urgency: 3, priority: 3 }, { actor: grace, device: GRACE_DESK, atMinute: 5, serverSeq: 2 }),
    ])
    expect(entries.map((entry) => entry.kind)).toEqual(['logged', 'change'])
    expect(entries[1]!.changes).toEqual([
      { field: 'priority', label: 'Priority', from: 'P4 Low', to: 'P3 Moderate' },
      { field: 'impact', label: 'Impact', from: 'Medium', to: 'High' },
    ])
    expect(entries[1]!.conflicts).toEqual([])
  })

  it('shows both values when two desks edited the priority without seeing each other, and which is kept', () => {
    // Grace edits at 09:10 offline, Dmitri at 09:20 offline; Dmitri's desk reaches the server first.
    const byGrace = event('IncidentPrioritized', { impact: 1, urgency: 1, priority: 1 }, { actor: grace, device: GRACE_DESK, atMinute: 10, serverSeq: 3 })
    const byDmitri = event('IncidentPrioritized', { impact: 2, urgency: 1, priority: 2 }, { actor: dmitri, device: DMITRI_DESK, atMinute: 20, serverSeq: 2 })
    const { entries, incident } = buildActivity([logged(1), byGrace, byDmitri])

    expect(incident?.priority).toBe(1)
    const last = entries.at(-1)!
    expect(last.eventId).toBe(byGrace.id)
    expect(last.conflicts).toEqual([
      {
        label: 'priority',
        earlier: { actor: dmitri, value: 'P2 High (impact Medium, urgency High)', eventId: byDmitri.id },
        later: { actor: grace, value: 'P1 Critical (impact High, urgency High)' },
        current: 'P1 Critical (impact High, urgency High)',
      },
    ])
  })

  it('does not call it a conflict when the later edit was made after its desk had seen the earlier one', () => {
    const first = event('IncidentPrioritized', { impact: 2, urgency: 1, priority: 2 }, { actor: dmitri, device: DMITRI_DESK, atMinute: 10, serverSeq: 2 })
    const second = event('IncidentPrioritized', { impact: 1, urgency: 1, priority: 1 }, { actor: grace, device: GRACE_DESK, atMinute: 20, serverSeq: 3 })
    const { entries } = buildActivity([logged(1), first, second])
    expect(entries.every((entry) => entry.conflicts.length === 0)).toBe(true)
    expect(entries.at(-1)!.changes[0]).toEqual({ field: 'priority', label: 'Priority', from: 'P2 High', to: 'P1 Critical' })
  })

  it('does not call two edits on one desk a conflict, nor two desks agreeing', () => {
    const sameDesk = [
      event('IncidentPrioritized', { impact: 2, urgency: 1, priority: 2 }, { actor: grace, device: GRACE_DESK, atMinute: 20, serverSeq: 2 }),
      event('IncidentPrioritized', { impact: 1, urgency: 1, priority: 1 }, { actor: grace, device: GRACE_DESK, atMinute: 10, serverSeq: 3 }),
    ]
    expect(wereConcurrent(sameDesk[0]!, sameDesk[1]!)).toBe(false)
    const agreeing = [
      event('IncidentPrioritized', { impact: 1, urgency: 1, priority: 1 }, { actor: dmitri, device: DMITRI_DESK, atMinute: 20, serverSeq: 4 }),
      event('IncidentPrioritized', { impact: 1, urgency: 1, priority: 1 }, { actor: grace, device: GRACE_DESK, atMinute: 10, serverSeq: 5 }),
    ]
    const { entries } = buildActivity([logged(1), ...sameDesk, ...agreeing])
    expect(entries.every((entry) => entry.conflicts.length === 0)).toBe(true)
  })

  it('marks a step that was no longer valid when it reached the server', () => {
    const resolved = event(
      'IncidentResolved',
      { resolutionCode: 'solution_provided', resolutionNotes: 'Rekey interval raised to 8 h.', cascadedFrom: null },
      { actor: dmitri, device: DMITRI_DESK, atMinute: 30, serverSeq: 2 },
    )
    const canceled = event('IncidentCanceled', { reason: 'duplicate', note: null }, { actor: grace, device: GRACE_DESK, atMinute: 25, serverSeq: 3 })
    const { entries, incident } = buildActivity([logged(1), resolved, canceled])
    expect(incident?.state).toBe('resolved')
    expect(entries.map((entry) => entry.needsAttention)).toEqual([false, false, true])
    expect(entries[2]!.changes).toEqual([])
  })

  it('tells work notes from caller comments, and marks what the server has not accepted yet', () => {
    const { entries } = buildActivity([
      logged(1),
      event('WorkNoteAdded', { text: 'IKE rekey failures every 8 minutes.' }, { actor: dmitri, device: DMITRI_DESK, atMinute: 3, serverSeq: 2 }),
      event('CallerCommentAdded', { text: 'We are on it; next update at 11:00.', direction: 'to_caller' }, { actor: grace, device: GRACE_DESK, atMinute: 4 }),
    ])
    expect(entries.map((entry) => [entry.kind, entry.direction, entry.pending])).toEqual([
      ['logged', null, false],
      ['workNote', null, false],
      ['callerComment', 'to_caller', true],
    ])
    expect(entries[0]!.detail).toBe('P4 Low (impact Medium, urgency Low) · Phone · caller Sanne de Vries · as INC0000042')
  })
})
