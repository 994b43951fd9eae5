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
import { buildActivity, savingActivity } from '../../src-renderer/activity/activityEntries'
import { answerStep, provisionalEvents, stillSaving, takeStep, type SavingStep } from '../../src-renderer/activity/savingSteps'
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

  it('are decided on top of the steps still saving, however far behind the store’s read is', () => {
    const desk = createDesk()
    const incident = desk.log(reports.outlookPassword, people.sofia)
    const read = { stored: incident, held: desk.eventsOf(incident.id) }
    const acknowledged = takeStep([], read, exampleCommand('acknowledge', incident), context(desk.clock.nowMs), 10)!
    // Read before the acknowledgement: on the stored incident alone, "hold" is refused (it is still new).
    expect(provisionalEvents(incident, exampleCommand('hold', incident), context(desk.clock.nowMs), 11)).toBeNull()
    const held = takeStep(acknowledged, read, exampleCommand('hold', incident), context(desk.clock.nowMs), 11)!
    expect(held.map((step) => step.key)).toEqual([10, 11])
    expect(held[1]!.events.map((event) => event.type)).toEqual(['IncidentPutOnHold'])
    // The store refuses the first: it goes, and the second stays until it is answered.
    const refused = answerStep(held, 10, { ok: false, refusal: { code: 'invalid_transition', message: 'Changed meanwhile.' } } as never)
    expect(refused.map((step) => step.key)).toEqual([11])
    expect(answerStep(refused, 11, { ok: true, events: [{ id: 'stored-1' }] } as never)[0]!.committedIds).toEqual(['stored-1'])
  })

  it('show in the timeline as the entries the whole history would end with', () => {
    const desk = createDesk()
    const incident = desk.log(reports.outlookPassword, people.sofia)
    desk.run(exampleCommand('acknowledge', incident), people.sofia)
    desk.run(exampleCommand('addWorkNote', incident), people.sofia)
    const held = desk.eventsOf(incident.id)
    const stored = desk.get(incident.id)
    const reprioritized = provisionalEvents(stored, exampleCommand('prioritize', stored), context(desk.clock.nowMs), 20)!
    const afterIt = reprioritized.reduce((current, event) => applyEvent(current, event)!, stored)
    const noted = provisionalEvents(afterIt, exampleCommand('addCallerComment', afterIt), context(desk.clock.nowMs), 21)!
    const history = buildActivity(held)
    const whole = buildActivity([...held, ...reprioritized, ...noted])
    const saving = savingActivity(history.incident!, [...reprioritized, ...noted])
    expect(saving.some((entry) => entry.changes.some((change) => change.field === 'priority'))).toBe(true)
    expect([...history.entries, ...saving]).toEqual(whole.entries)
  })
})
