import { describe, expect, it } from 'vitest'
import { DEFAULT_DOMAIN_CONFIG } from '../../../src-shared/config/domainConfig'
import type { IncidentEvent } from '../../../src-shared/events/events'
import { isCreation, packImported, unfoldEvent, unfoldEvents } from '../../../src-shared/events/importedEvents'
import { foldEvents } from '../../../src-shared/incident/reducer'
import type { IncidentState } from '../../../src-shared/incident/vocabulary'
import { heldFactsOf } from '../../../src-shared/reports/heldFacts'
import { incidentFacts } from '../../../src-shared/reports/incidentFacts'
import { computeSlaClocks } from '../../../src-shared/sla/clock'
import { incidentIn, nowIso } from '../../fixtures/incidents'

/** An incident's events as one importer's would be: every step by the person who logged it. */
function importersEvents(state: IncidentState): { events: IncidentEvent[]; now: string } {
  const { desk, incident } = incidentIn(state)
  const events = desk.eventsOf(incident.id)
  const importer = events[0]!.actor
  return { events: events.map((event) => ({ ...event, actor: importer })), now: nowIso(desk.clock) }
}

const STATES: IncidentState[] = ['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled']

describe('an imported incident’s one event means exactly the events it packs', () => {
  it.each(STATES)('%s: the same incident, SLA clocks and report facts as its steps one by one', (state) => {
    const { events, now } = importersEvents(state)
    const packed = packImported(events)
    expect(packed).not.toBeNull()
    expect(packed!.payload.steps).toHaveLength(events.length - 1)

    // Only the clock stamp differs: the packed steps share the one event's clock.
    const { lastEventHlc: _one, ...fromSteps } = foldEvents(events)!
    const { lastEventHlc: _other, ...fromPacked } = foldEvents([packed!])!
    expect(fromPacked).toEqual(fromSteps)
    expect(fromPacked.state).toBe(state)

    expect(computeSlaClocks([packed!], DEFAULT_DOMAIN_CONFIG, now)).toEqual(computeSlaClocks(events, DEFAULT_DOMAIN_CONFIG, now))
    const asOf = Date.parse(now)
    const facts = (list: readonly IncidentEvent[]) => incidentFacts({ incidentId: events[0]!.incidentId, events: list }, 0, asOf, DEFAULT_DOMAIN_CONFIG)
    expect(facts([packed!])).toEqual(facts(events))
    // What the per-day aggregates keep: the facts as of the last step, not as of the one event's own time.
    const held = (list: readonly IncidentEvent[]) => heldFactsOf({ incidentId: events[0]!.incidentId, events: list }, DEFAULT_DOMAIN_CONFIG)
    expect(held([packed!])).toEqual(held(events))
  })

  it('unfolds to its logging and its steps, each at its own time, with ids that keep their order', () => {
    const { events } = importersEvents('closed')
    const packed = packImported(events)!
    const unfolded = unfoldEvent(packed)
    expect(unfolded.map((event) => [event.type, event.occurredAt, event.payload])).toEqual(events.map((event) => [event.type, event.occurredAt, event.payload]))
    expect(unfolded[0]!.id).toBe(packed.id)
    expect(unfolded.map((event) => event.id)).toEqual([...unfolded.map((event) => event.id)].sort())
    expect(new Set(unfolded.map((event) => event.id)).size).toBe(unfolded.length)
    expect(isCreation(packed)).toBe(true)
    expect(isCreation(unfolded[1]!)).toBe(false)
  })

  it('leaves a history without imports as it is, and unfolds one inside a longer history', () => {
    const { events } = importersEvents('resolved')
    expect(unfoldEvents(events)).toBe(events)
    const packed = packImported(events)!
    expect(unfoldEvents([packed]).map((event) => event.type)).toEqual(events.map((event) => event.type))
  })

  it('does not pack what an import never writes: no logging first, or another incident’s step', () => {
    const { events } = importersEvents('in_progress')
    expect(packImported(events.slice(1))).toBeNull()
    const other = importersEvents('resolved').events
    expect(packImported([...events, other[1]!])).toBeNull()
    const declared = { ...events[1]!, type: 'MajorIncidentDeclared' } as IncidentEvent
    expect(packImported([events[0]!, declared])).toBeNull()
  })
})
