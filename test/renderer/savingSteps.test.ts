/**
 * A step taken in the incident view shows at once (src-renderer/activity/savingSteps.ts): the
 * page decides it with the shared lifecycle and folds provisional events; they must be what the
 * store will record, sort after the incident's history, never stand in for a refused step, and
 * stay on screen until the store's commit is read back.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_DOMAIN_CONFIG } from '../../src-shared/config/domainConfig'
import { compareEvents } from '../../src-shared/events/events'
import { applyEvent } from '../../src-shared/incident/reducer'
import { provisionalEvents, stillSaving, type SavingStep } from '../../src-renderer/activity/savingSteps'
import { createDesk, exampleCommand, people, reports } from '../fixtures/incidents'

const context = (nowMs: number) => ({ actor: people.sofia, deviceId: 'laptop-7', nowMs, config: DEFAULT_DOMAIN_CONFIG })

describe('steps shown while they are saved', () => {
  it('are the events the store records, after the incident’s history, and fold to the same incident', () => {
    const desk = createDesk()
    const incident = desk.log(reports.outlookPassword, people.sofia)
    const command = exampleCommand('acknowledge', incident)
    const provisional = provisionalEvents(incident, command, context(desk.clock.nowMs), 1)!
    const recorded = desk.run(command, people.sofia)
    expect(provisional.map((event) => [event.type, event.payload])).toEqual(recorded.map((event) => [event.type, event.payload]))
    for (const event of provisional) expect(compareEvents(desk.eventsOf(incident.id).find((held) => held.hlc === incident.lastEventHlc)!, event)).toBeLessThan(0)
    const shown = provisional.reduce((current, event) => applyEvent(current, event)!, incident)
    expect(shown.state).toBe('in_progress')
    expect(shown.state).toBe(desk.get(incident.id).state)
  })

  it('never stand in for a step the lifecycle refuses', () => {
    const desk = createDesk()
    const incident = desk.log(reports.outlookPassword, people.sofia)
    expect(provisionalEvents(incident, exampleCommand('close', incident), context(desk.clock.nowMs), 2)).toBeNull()
    // A field technician may not declare a major incident: the store says why, nothing is shown meanwhile.
    expect(provisionalEvents(incident, exampleCommand('declareMajor', incident), { ...context(desk.clock.nowMs), actor: people.tomas }, 3)).toBeNull()
  })

  it('stay until the committed events are read back, then go', () => {
    const desk = createDesk()
    const incident = desk.log(reports.outlookPassword, people.sofia)
    const step: SavingStep = { key: 4, events: provisionalEvents(incident, exampleCommand('addWorkNote', incident), context(desk.clock.nowMs), 4)!, committedIds: null }
    const held = desk.eventsOf(incident.id)
    expect(stillSaving([step], held)).toEqual([step])
    const recorded = desk.run(exampleCommand('addWorkNote', incident), people.sofia)
    const answered = { ...step, committedIds: recorded.map((event) => event.id) }
    // Answered, not yet read back: still shown.
    expect(stillSaving([answered], held)).toEqual([answered])
    expect(stillSaving([answered], desk.eventsOf(incident.id))).toEqual([])
  })
})
