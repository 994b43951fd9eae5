/**
 * The fold: events in, incident out. It must give the same incident whatever order the events
 * arrive in, and it must never let a late event move an incident out of a terminal state.
 */
import { describe, expect, it } from 'vitest'
import { shuffled } from '../../fixtures/shuffle'
import type { EventDraft, IncidentEvent } from '../../../src-shared/events/events'
import type { Incident } from '../../../src-shared/incident/incident'
import { applyEvent, foldEvents } from '../../../src-shared/incident/reducer'
import {
  advance,
  createClock,
  createDesk,
  forkDesk,
  HOUR,
  incidentIn,
  MINUTE,
  people,
  personRef,
  reports,
  stampEvents,
  type Desk,
} from '../../fixtures/incidents'


/** The incident without the fields every folded event touches. */
function substance(incident: Incident | undefined) {
  if (!incident) throw new Error('Expected an incident')
  const { updatedAt: _updatedAt, updatedBy: _updatedBy, lastEventHlc: _hlc, eventCount: _count, needsAttention: _attention, ...rest } = incident
  return rest
}

/** A full working life: triage, a wait on the caller, escalation, resolution, a reopen, closure. */
function busyIncident(): { desk: Desk; id: string } {
  const desk = createDesk()
  const id = desk.log(reports.vpnDrops, people.grace).id
  desk.run({ action: 'categorize', incidentId: id, category: 'network', subcategory: 'vpn client', service: 'Remote access' }, people.grace)
  desk.run({ action: 'prioritize', incidentId: id, impact: 1, urgency: 1 }, people.grace)
  desk.run({ action: 'assign', incidentId: id, assignmentGroup: 'Service Desk', assignee: personRef(people.grace) }, people.grace)
  desk.run({ action: 'acknowledge', incidentId: id }, people.grace)
  desk.run({ action: 'addWorkNote', incidentId: id, text: 'Client 5.1 on the laptop; known flaky.' }, people.grace)
  desk.run({ action: 'hold', incidentId: id, reason: 'awaiting_caller', callerComment: 'Can you try the wired network tonight?' }, people.grace)
  desk.run({ action: 'addCallerComment', incidentId: id, text: 'Same on wired.', direction: 'from_caller' }, people.grace)
  desk.run({ action: 'escalate', incidentId: id, escalation: { kind: 'functional', toLevel: 2, toGroup: 'Network L2', reason: 'Not the client.' } }, people.grace)
  desk.run({ action: 'assign', incidentId: id, assignmentGroup: 'Network L2', assignee: personRef(people.dmitri) }, people.grace)
  desk.run({ action: 'resolve', incidentId: id, resolutionCode: 'resolved_by_change', resolutionNotes: 'Idle timeout raised to 8 h.' }, people.dmitri)
  desk.run({ action: 'reopen', incidentId: id, reason: 'Dropped again at 14:10.' }, people.grace)
  desk.run({ action: 'resolve', incidentId: id, resolutionCode: 'solution_provided', resolutionNotes: 'MTU set to 1400 on the profile.' }, people.dmitri)
  desk.run({ action: 'close', incidentId: id, cause: 'caller_confirmed' }, people.dmitri)
  return { desk, id }
}

describe('foldEvents is deterministic', () => {
  const { desk, id } = busyIncident()
  const events = desk.eventsOf(id)
  const inOrder = foldEvents(events)

  it('the busy incident ends where its story ends', () => {
    expect(inOrder).toMatchObject({
      state: 'closed',
      priority: 1,
      level: 2,
      reopenCount: 1,
      resolutionNotes: 'MTU set to 1400 on the profile.',
      workNoteCount: 1,
      callerCommentCount: 2,
      needsAttention: [],
      eventCount: events.length,
    })
  })

  it('reversed', () => {
    expect(foldEvents([...events].reverse())).toEqual(inOrder)
  })

  it.each([1, 2, 3, 42, 2024, 65_537])('shuffled with seed %i', (seed) => {
    const order = shuffled(events, seed)
    expect(order.map((event) => event.id)).not.toEqual(events.map((event) => event.id))
    expect(foldEvents(order)).toEqual(inOrder)
  })

  it('does not reorder the array it is given', () => {
    const reversed = [...events].reverse()
    const copy = [...reversed]
    foldEvents(reversed)
    expect(reversed).toEqual(copy)
  })
})

describe('events for an incident this desk has not seen logged', () => {
  it('fold to nothing', () => {
    const { desk, incident } = incidentIn('in_progress')
    const withoutCreation = desk.eventsOf(incident.id).filter((event) => event.type !== 'IncidentLogged')
    expect(withoutCreation.length).toBeGreaterThan(0)
    expect(foldEvents(withoutCreation)).toBeUndefined()
    expect(applyEvent(undefined, withoutCreation[0]!)).toBeUndefined()
  })

  it('fold to nothing when there are no events', () => {
    expect(foldEvents([])).toBeUndefined()
  })

  it('fold into the incident once the creation arrives', () => {
    const { desk, incident } = incidentIn('in_progress')
    const events = desk.eventsOf(incident.id)
    const creation = events.filter((event) => event.type === 'IncidentLogged')
    const rest = events.filter((event) => event.type !== 'IncidentLogged')
    expect(foldEvents([...rest, ...creation])).toEqual(incident)
  })

  it('a second creation event for the same incident changes nothing', () => {
    const { desk, incident } = incidentIn('in_progress')
    const creation = desk.eventsOf(incident.id).find((event) => event.type === 'IncidentLogged')!
    expect(applyEvent(incident, creation)).toBe(incident)
  })
})

describe('the projection', () => {
  it('starts New with the logged report, the logger as creator, and nothing resolved', () => {
    const desk = createDesk()
    const incident = desk.log(reports.outlookPassword, people.tomas)
    const [creation] = desk.eventsOf(incident.id)
    expect(incident).toMatchObject({
      state: 'new',
      number: 'INC0000001',
      numberIsProvisional: true,
      shortDescription: 'Outlook keeps asking for password',
      caller: reports.outlookPassword.caller,
      priority: 4,
      level: 1,
      assignee: null,
      respondedAt: null,
      resolutionCode: null,
      reopenCount: 0,
      isMajor: false,
      isSecurity: false,
      links: [],
      createdBy: people.tomas,
      createdAt: creation?.occurredAt,
      updatedAt: creation?.occurredAt,
      updatedBy: personRef(people.tomas),
      lastEventHlc: creation?.hlc,
      eventCount: 1,
      needsAttention: [],
    })
  })

  it('a security category at logging marks it a security incident', () => {
    expect(createDesk().log(reports.phishingClick, people.priya).isSecurity).toBe(true)
  })

  it('counts a reassignment when the incident moves from one group to another, not when a person in the group is named', () => {
    const desk = createDesk()
    const id = desk.log(reports.vpnDrops, people.grace).id
    desk.run({ action: 'assign', incidentId: id, assignmentGroup: 'Service Desk', assignee: null }, people.grace)
    desk.run({ action: 'assign', incidentId: id, assignmentGroup: 'Service Desk', assignee: personRef(people.grace) }, people.grace)
    expect(desk.get(id).reassignmentCount).toBe(0)
    desk.run({ action: 'assign', incidentId: id, assignmentGroup: 'Network', assignee: null }, people.grace)
    desk.run({ action: 'assign', incidentId: id, assignmentGroup: 'Service Desk', assignee: null }, people.grace)
    expect(desk.get(id).reassignmentCount).toBe(2)
  })

  it('tracks who touched it last and when, and the newest clock', () => {
    const { desk, incident } = incidentIn('new')
    desk.run({ action: 'addWorkNote', incidentId: incident.id, text: 'Tray 2 empty.' }, people.dmitri)
    const last = desk.eventsOf(incident.id).at(-1)!
    expect(desk.get(incident.id)).toMatchObject({
      updatedAt: last.occurredAt,
      updatedBy: personRef(people.dmitri),
      lastEventHlc: last.hlc,
      eventCount: 2,
      createdBy: people.grace,
    })
  })

  it('applyEvent returns a new object and leaves the old projection alone', () => {
    const { desk, incident } = incidentIn('in_progress')
    const frozen = Object.freeze({ ...incident, links: Object.freeze([...incident.links]), escalations: Object.freeze([...incident.escalations]) }) as Incident
    const [note] = stampEvents([{ incidentId: incident.id, type: 'WorkNoteAdded', payload: { text: 'Checked.' } }], people.grace, desk.clock)
    const next = applyEvent(frozen, note!)
    expect(next).not.toBe(frozen)
    expect(next?.workNoteCount).toBe(frozen.workNoteCount + 1)
    expect(frozen.workNoteCount).toBe(incident.workNoteCount)
  })

  it('the same link arriving from two desks is listed once', () => {
    const desk = createDesk()
    const outage = desk.log(reports.emailOutage, people.grace)
    const outlook = desk.log(reports.outlookPassword, people.grace)
    const other = forkDesk(desk, 'desk-b')
    desk.run({ action: 'link', incidentId: outage.id, kind: 'related', targetIncidentId: outlook.id }, people.grace)
    other.run({ action: 'link', incidentId: outlook.id, kind: 'related', targetIncidentId: outage.id }, people.dmitri)
    desk.receive(other.events)
    expect(desk.get(outage.id).links).toEqual([{ kind: 'related', incidentId: outlook.id }])
    expect(desk.get(outlook.id).links).toEqual([{ kind: 'related', incidentId: outage.id }])
  })

  it('throws on an event type it does not know rather than guessing', () => {
    const { desk, incident } = incidentIn('new')
    const [note] = stampEvents([{ incidentId: incident.id, type: 'WorkNoteAdded', payload: { text: 'x' } }], people.grace, desk.clock)
    const bogus = { ...note, type: 'IncidentTeleported' } as unknown as IncidentEvent
    expect(() => applyEvent(incident, bogus)).toThrow(/Unhandled event/)
  })
})

describe('respondedAt: the moment the response target is met', () => {
  it('is set by the first assignment to a person', () => {
    const { desk, incident } = incidentIn('new')
    const [assigned] = desk.run({ action: 'assign', incidentId: incident.id, assignmentGroup: 'Service Desk', assignee: personRef(people.dmitri) }, people.grace)
    expect(desk.get(incident.id).respondedAt).toBe(assigned?.occurredAt)
  })

  it('is not set by assigning only a group', () => {
    const { desk, incident } = incidentIn('new')
    desk.run({ action: 'assign', incidentId: incident.id, assignmentGroup: 'Service Desk', assignee: null }, people.grace)
    expect(desk.get(incident.id).respondedAt).toBeNull()
  })

  it('is set by an acknowledgement', () => {
    const { desk, incident } = incidentIn('new')
    desk.run({ action: 'assign', incidentId: incident.id, assignmentGroup: 'Service Desk', assignee: null }, people.grace)
    const [acknowledged] = desk.run({ action: 'acknowledge', incidentId: incident.id }, people.dmitri)
    expect(desk.get(incident.id)).toMatchObject({ respondedAt: acknowledged?.occurredAt, state: 'in_progress', assignee: personRef(people.dmitri) })
  })

  it('does not move when the incident is reassigned later', () => {
    const { desk, incident } = incidentIn('in_progress', { assignee: people.dmitri })
    advance(desk.clock, 2 * HOUR)
    desk.run({ action: 'assign', incidentId: incident.id, assignmentGroup: 'Network L2', assignee: personRef(people.aiko) }, people.grace)
    expect(desk.get(incident.id).respondedAt).toBe(incident.respondedAt)
    expect(incident.respondedAt).not.toBeNull()
  })
})

describe('functional escalation', () => {
  it('clears the assignee and raises the level; the group takes it', () => {
    const { desk, incident } = incidentIn('in_progress', { assignee: people.grace })
    desk.run(
      { action: 'escalate', incidentId: incident.id, escalation: { kind: 'functional', toLevel: 2, toGroup: 'Print L2', reason: 'Fuser error code.' } },
      people.grace,
    )
    expect(desk.get(incident.id)).toMatchObject({ level: 2, assignmentGroup: 'Print L2', assignee: null, state: 'in_progress' })
  })

  it('hierarchical escalation leaves level and assignee alone', () => {
    const { desk, incident } = incidentIn('in_progress', { assignee: people.grace })
    desk.run(
      { action: 'escalate', incidentId: incident.id, escalation: { kind: 'hierarchical', manager: 'Helen Brooks', trigger: 'sla_at_risk', reason: 'SLA at 80 %.' } },
      people.grace,
    )
    expect(desk.get(incident.id)).toMatchObject({ level: 1, assignee: personRef(people.grace), escalations: [{ kind: 'hierarchical' }] })
  })
})

describe('two desks acting offline at once', () => {
  /** A resolved incident both desks have; then each goes offline. */
  function resolvedOnTwoDesks() {
    const { desk, incident } = incidentIn('resolved', { assignee: people.dmitri })
    return { a: desk, b: forkDesk(desk, 'desk-b'), incident }
  }

  it('reopen after a close: the close stands, the reopen waits for a person', () => {
    const { a, b, incident } = resolvedOnTwoDesks()
    const [close] = a.run({ action: 'close', incidentId: incident.id, cause: 'caller_confirmed' }, people.dmitri)
    advance(b.clock, 30 * MINUTE)
    const [reopen] = b.run({ action: 'reopen', incidentId: incident.id, reason: 'Still jamming.' }, people.grace)
    a.receive(b.events)
    expect(close!.hlc < reopen!.hlc).toBe(true)
    expect(a.get(incident.id)).toMatchObject({ state: 'closed', reopenCount: 0, needsAttention: [reopen!.id], resolutionCode: 'solution_provided' })
  })

  it('close after a reopen: the reopen stands, the close waits for a person', () => {
    const { a, b, incident } = resolvedOnTwoDesks()
    advance(a.clock, 30 * MINUTE)
    const [close] = a.run({ action: 'close', incidentId: incident.id, cause: 'caller_confirmed' }, people.dmitri)
    const [reopen] = b.run({ action: 'reopen', incidentId: incident.id, reason: 'Still jamming.' }, people.grace)
    b.receive(a.events)
    expect(reopen!.hlc < close!.hlc).toBe(true)
    expect(b.get(incident.id)).toMatchObject({ state: 'in_progress', reopenCount: 1, needsAttention: [close!.id], resolutionCode: null })
  })

  it('both desks end with the same incident', () => {
    const { a, b, incident } = resolvedOnTwoDesks()
    a.run({ action: 'close', incidentId: incident.id, cause: 'caller_confirmed' }, people.dmitri)
    b.run({ action: 'reopen', incidentId: incident.id, reason: 'Still jamming.' }, people.grace)
    const aEvents = [...a.events]
    a.receive(b.events)
    b.receive(aEvents)
    expect(a.get(incident.id)).toEqual(b.get(incident.id))
  })

  it('a resolution made elsewhere does not revive a canceled incident', () => {
    const { desk: a, incident } = incidentIn('in_progress', { assignee: people.dmitri })
    const b = forkDesk(a, 'desk-b')
    a.run({ action: 'cancel', incidentId: incident.id, reason: 'duplicate', note: 'Same as INC0000003.' }, people.grace)
    advance(b.clock, MINUTE)
    const [resolved] = b.run({ action: 'resolve', incidentId: incident.id, resolutionCode: 'solution_provided', resolutionNotes: 'Cleared the jam.' }, people.dmitri)
    a.receive(b.events)
    expect(a.get(incident.id)).toMatchObject({ state: 'canceled', resolutionCode: null, resolvedAt: null, needsAttention: [resolved!.id] })
  })

  it('two holds at once: the second waits for a person, the first reason stands', () => {
    const { desk: a, incident } = incidentIn('in_progress', { assignee: people.dmitri })
    const b = forkDesk(a, 'desk-b')
    a.run({ action: 'hold', incidentId: incident.id, reason: 'awaiting_vendor' }, people.dmitri)
    advance(b.clock, MINUTE)
    const [second] = b.run({ action: 'hold', incidentId: incident.id, reason: 'awaiting_change' }, people.grace)
    a.receive(b.events)
    expect(a.get(incident.id)).toMatchObject({ state: 'on_hold', holdReason: 'awaiting_vendor', needsAttention: [second!.id] })
  })
})

describe('a terminal incident never moves', () => {
  /** Every event that changes the lifecycle, as another desk could have recorded it. */
  function lifecycleDrafts(incidentId: string): EventDraft[] {
    return [
      { incidentId, type: 'IncidentCategorized', payload: { category: 'network', subcategory: null, service: null, configurationItem: null } },
      { incidentId, type: 'IncidentPrioritized', payload: { impact: 1, urgency: 1, priority: 1 } },
      { incidentId, type: 'IncidentAssigned', payload: { assignmentGroup: 'Network L2', assignee: personRef(people.aiko) } },
      { incidentId, type: 'IncidentAcknowledged', payload: { assignee: personRef(people.aiko) } },
      { incidentId, type: 'IncidentPutOnHold', payload: { reason: 'awaiting_vendor', callerComment: null } },
      { incidentId, type: 'IncidentResumed', payload: { cause: 'manual' } },
      { incidentId, type: 'IncidentEscalated', payload: { kind: 'functional', fromLevel: 1, toLevel: 3, toGroup: 'Infra L3', reason: 'Late.' } },
      { incidentId, type: 'IncidentResolved', payload: { resolutionCode: 'known_error', resolutionNotes: 'Late resolution.', cascadedFrom: null } },
      { incidentId, type: 'IncidentClosed', payload: { cause: 'auto_close' } },
      { incidentId, type: 'IncidentReopened', payload: { reason: 'Late reopen.' } },
      { incidentId, type: 'IncidentCanceled', payload: { reason: 'not_an_incident', note: null } },
    ]
  }

  const cases = (['closed', 'canceled'] as const).flatMap((state) =>
    lifecycleDrafts('placeholder').map((draft) => [state, draft.type] as const),
  )

  it.each(cases)('a %s incident ignores a late %s and flags it', (state, type) => {
    const { desk, incident } = incidentIn(state, { assignee: people.dmitri })
    const other = createClock(new Date(desk.clock.nowMs + HOUR).toISOString(), 'desk-late')
    const draft = lifecycleDrafts(incident.id).find((candidate) => candidate.type === type)!
    const [late] = stampEvents([draft], people.alex, other)
    const after = foldEvents([...desk.eventsOf(incident.id), late!])
    expect(after?.state).toBe(state)
    expect(after?.needsAttention).toEqual([late!.id])
    expect(substance(after)).toEqual(substance(incident))
    expect(after?.eventCount).toBe(incident.eventCount + 1)
  })

  it('facts that are not lifecycle steps are still recorded on a closed incident', () => {
    const { desk, incident } = incidentIn('closed')
    const late = stampEvents([{ incidentId: incident.id, type: 'WorkNoteAdded', payload: { text: 'Post-mortem: roller batch was faulty.' } }], people.grace, desk.clock)
    const after = foldEvents([...desk.eventsOf(incident.id), ...late])
    expect(after).toMatchObject({ state: 'closed', workNoteCount: incident.workNoteCount + 1, needsAttention: [] })
  })
})
