/**
 * Property tests (DESIGN §4): random command sequences, from random people, with valid and
 * invalid fields, are decided, stamped and folded the way a desk does it. Whatever happens,
 * every invariant below holds after every step. One property per invariant, so a failure names
 * the rule it broke; fast-check shrinks the sequence to the few commands that break it.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { shuffled } from '../../fixtures/shuffle'
import type { IncidentEvent } from '../../../src-shared/events/events'
import { LIMITS } from '../../../src-shared/events/limits'
import { validateEvent } from '../../../src-shared/events/schemas'
import type { Command } from '../../../src-shared/incident/commands'
import type { Incident } from '../../../src-shared/incident/incident'
import { HIERARCHICAL_TRIGGERS, type SupportLevel } from '../../../src-shared/incident/levels'
import { checkEventRules } from '../../../src-shared/incident/eventRules'
import { checkPermission, type Decision } from '../../../src-shared/incident/lifecycle'
import { DEFAULT_PRIORITY_MATRIX, priorityFor, type Impact, type PriorityMatrix, type Urgency } from '../../../src-shared/incident/priority'
import { applyEvent, foldEvents } from '../../../src-shared/incident/reducer'
import type { Actor } from '../../../src-shared/incident/roles'
import {
  CANCEL_REASONS,
  CHANNELS,
  HOLD_REASONS,
  INCIDENT_STATES,
  isTerminal,
  LINK_KINDS,
  RESOLUTION_CODES,
  SECURITY_CATEGORY,
  type CancelReason,
  type HoldReason,
  type ResolutionCode,
} from '../../../src-shared/incident/vocabulary'
import { ALL_PEOPLE, createDesk, DAY, HOUR, personRef, reports, type Desk } from '../../fixtures/incidents'

const NUM_RUNS = 200

/** Three incident slots with fixed ids, so commands can be generated before anything exists. */
const SLOTS = ['0195a0c1-8f00-7000-8000-000000000001', '0195a0c1-8f00-7000-8000-000000000002', '0195a0c1-8f00-7000-8000-000000000003'] as const

/** A stricter desk's matrix, to show the configured one is used, not the default. */
const STRICT_MATRIX: PriorityMatrix = [
  [1, 1, 2],
  [1, 2, 3],
  [2, 3, 4],
]

// ---------------------------------------------------------------------------------------------
// Arbitraries: mostly sensible values, sometimes blank, oversized or outside the closed sets.

/** Most commands go to the first incident so its life runs deep; the others are there to link and cascade to. */
const slot = fc.oneof(
  { weight: 4, arbitrary: fc.constant(SLOTS[0]) },
  { weight: 1, arbitrary: fc.constant(SLOTS[1]) },
  { weight: 1, arbitrary: fc.constant(SLOTS[2]) },
)
const actor = fc.constantFrom(...ALL_PEOPLE)
const person = actor.map(personRef)
const level = fc.constantFrom<SupportLevel>(1, 2, 3)
const impact = fc.constantFrom<Impact>(1, 2, 3)
const urgency = fc.constantFrom<Urgency>(1, 2, 3)

function text(limit: number, samples: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...samples) },
    { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom('', '   ', '\n\t') },
    { weight: 1, arbitrary: fc.constant('x'.repeat(limit + 1)) },
  )
}

const noteText = text(LIMITS.note, ['Rebooted; watching it.', 'Caller confirmed it works.', 'Replaced the toner.'])
const reasonText = text(LIMITS.reason, ['Needs network access.', 'Happened again.', 'SLA at risk.'])
const groupText = text(LIMITS.name, ['Network L2', 'Service Desk', 'Infrastructure L3'])

/** A closed-set value, or occasionally one outside the set (a buggy client, an old version). */
function member<T extends string>(values: readonly T[], invalid: string): fc.Arbitrary<T> {
  return fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...values) },
    { weight: 1, arbitrary: fc.constantFrom(invalid as T, undefined as unknown as T) },
  )
}

/** `undefined` (keep the default) most of the time, else a value from `arbitrary`. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary })
}

function logCommandFor(incidentId: fc.Arbitrary<string>): fc.Arbitrary<Command> {
  return fc
    .record({
      incidentId,
      report: fc.constantFrom(...Object.values(reports)),
      // Usually the report as the caller gave it; sometimes retyped, possibly blank or far too long.
      shortDescription: sometimes(text(LIMITS.shortDescription, ['Laptop will not boot', 'Wi-Fi slow in room 2.14'])),
      category: sometimes(fc.constantFrom('hardware', 'network', SECURITY_CATEGORY)),
      channel: fc.constantFrom(...CHANNELS),
      impact,
      urgency,
    })
    .map(({ incidentId, report, shortDescription, category, channel, impact, urgency }) => ({
      action: 'log',
      incidentId,
      number: `INC000000${SLOTS.indexOf(incidentId as (typeof SLOTS)[number]) + 1}`,
      numberIsProvisional: true,
      ...report,
      shortDescription: shortDescription ?? report.shortDescription,
      category: category ?? report.category,
      channel,
      impact,
      urgency,
    }))
}

const categorize = fc.record({
  action: fc.constant('categorize' as const),
  incidentId: slot,
  category: fc.constantFrom('hardware', 'network', 'software', SECURITY_CATEGORY, '', '  '),
  subcategory: fc.option(fc.constantFrom('printer', 'vpn', 'x'.repeat(LIMITS.label + 1))),
})
const prioritize = fc.record({ action: fc.constant('prioritize' as const), incidentId: slot, impact, urgency })
const assign = fc.record({
  action: fc.constant('assign' as const),
  incidentId: slot,
  assignmentGroup: fc.option(fc.constantFrom('Service Desk', 'Network L2')),
  assignee: fc.option(person),
})
const acknowledge = fc.record({ action: fc.constant('acknowledge' as const), incidentId: slot })
const addWorkNote = fc.record({ action: fc.constant('addWorkNote' as const), incidentId: slot, text: noteText })
const addCallerComment = fc.record({
  action: fc.constant('addCallerComment' as const),
  incidentId: slot,
  text: noteText,
  direction: fc.constantFrom('to_caller' as const, 'from_caller' as const),
})
const hold = fc.record({
  action: fc.constant('hold' as const),
  incidentId: slot,
  reason: member<HoldReason>(HOLD_REASONS, 'awaiting_godot'),
  callerComment: fc.option(noteText),
})
const resume = fc.record({ action: fc.constant('resume' as const), incidentId: slot })
const escalate = fc.record({
  action: fc.constant('escalate' as const),
  incidentId: slot,
  escalation: fc.oneof(
    fc.record({ kind: fc.constant('functional' as const), toLevel: level, toGroup: groupText, reason: reasonText }),
    fc.record({
      kind: fc.constant('hierarchical' as const),
      manager: text(LIMITS.name, ['Helen Brooks']),
      trigger: fc.constantFrom(...HIERARCHICAL_TRIGGERS),
      reason: reasonText,
    }),
  ),
})
const resolve = fc.record({
  action: fc.constant('resolve' as const),
  incidentId: slot,
  resolutionCode: member<ResolutionCode>(RESOLUTION_CODES, 'fixed_it'),
  resolutionNotes: noteText,
})
const close = fc.record({ action: fc.constant('close' as const), incidentId: slot, cause: fc.constantFrom('caller_confirmed' as const, 'auto_close' as const) })
const reopen = fc.record({ action: fc.constant('reopen' as const), incidentId: slot, reason: reasonText })
const cancel = fc.record({
  action: fc.constant('cancel' as const),
  incidentId: slot,
  reason: member<CancelReason>(CANCEL_REASONS, 'changed_my_mind'),
  note: fc.option(reasonText),
})
const declareMajor = fc.record({ action: fc.constant('declareMajor' as const), incidentId: slot, incidentManager: person, reason: reasonText })
const link = fc.record({ action: fc.constant('link' as const), incidentId: slot, kind: fc.constantFrom(...LINK_KINDS), targetIncidentId: slot })

/** Weighted towards the steps that move an incident along, so sequences reach every state. */
const incidentCommand: fc.Arbitrary<Command> = fc.oneof(
  { weight: 1, arbitrary: categorize },
  { weight: 1, arbitrary: prioritize },
  { weight: 3, arbitrary: assign },
  { weight: 3, arbitrary: acknowledge },
  { weight: 1, arbitrary: addWorkNote },
  { weight: 2, arbitrary: addCallerComment },
  { weight: 4, arbitrary: hold },
  { weight: 2, arbitrary: resume },
  { weight: 1, arbitrary: escalate },
  { weight: 3, arbitrary: resolve },
  { weight: 3, arbitrary: close },
  { weight: 2, arbitrary: reopen },
  { weight: 1, arbitrary: cancel },
  { weight: 1, arbitrary: declareMajor },
  { weight: 2, arbitrary: link },
)

interface Step {
  actor: Actor
  command: Command
  /** Wall time that passes before the command; sometimes days, so automatic closure comes into play. */
  advanceMs: number
}

const step: fc.Arbitrary<Step> = fc.record({
  actor,
  command: fc.oneof({ weight: 1, arbitrary: logCommandFor(slot) }, { weight: 20, arbitrary: incidentCommand }),
  advanceMs: fc.oneof(fc.integer({ min: 0, max: 2 * HOUR }), fc.constant(8 * DAY)),
})

interface Scenario {
  matrix: PriorityMatrix
  opening: Step[]
  steps: Step[]
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  matrix: fc.constantFrom(DEFAULT_PRIORITY_MATRIX, STRICT_MATRIX),
  // Every slot gets a log first (which may itself be refused), so most of the sequence acts on something.
  opening: fc.tuple(...SLOTS.map((id) => fc.record({ actor, command: logCommandFor(fc.constant(id)), advanceMs: fc.constant(0) }))),
  steps: fc.array(step, { maxLength: 50, size: 'max' }),
})

// ---------------------------------------------------------------------------------------------
// Playing a scenario on a desk, keeping what each invariant needs to look at.

type Snapshot = Record<string, Incident | undefined>

interface StepRecord {
  step: Step
  permission: ReturnType<typeof checkPermission> | 'not_applicable'
  decision: Decision
  before: Snapshot
  after: Snapshot
  newEvents: IncidentEvent[]
}

interface Trace {
  desk: Desk
  records: StepRecord[]
}

function snapshot(desk: Desk): Snapshot {
  return Object.fromEntries(SLOTS.map((id) => [id, desk.find(id)]))
}

function play({ matrix, opening, steps }: Scenario): Trace {
  const desk = createDesk({ config: { priorityMatrix: matrix } })
  const records: StepRecord[] = []
  for (const current of [...opening, ...steps]) {
    desk.clock.nowMs += current.advanceMs
    const before = snapshot(desk)
    const incident = before[current.command.incidentId]
    const permission = current.command.action === 'log' || !incident ? 'not_applicable' : checkPermission(incident, current.command.action, current.actor)
    const eventCount = desk.events.length
    const decision = desk.attempt(current.command, current.actor)
    records.push({ step: current, permission, decision, before, after: snapshot(desk), newEvents: desk.events.slice(eventCount) })
  }
  return { desk, records }
}

function incidentsAfter(record: StepRecord): Incident[] {
  return Object.values(record.after).filter((incident): incident is Incident => incident !== undefined)
}


function forAllScenarios(check: (trace: Trace, scenario: Scenario) => void): void {
  fc.assert(
    fc.property(scenario, (generated) => {
      check(play(generated), generated)
    }),
    { numRuns: NUM_RUNS },
  )
}

// ---------------------------------------------------------------------------------------------

// Each property plays 200 sequences of up to 53 commands; give them room on a slow CI machine.
describe('random command sequences keep every invariant', { timeout: 60_000 }, () => {
  it('the generator reaches every state in a fair share of runs (so the properties below are not vacuous)', () => {
    const runsReaching = new Map<string, number>()
    fc.assert(
      fc.property(scenario, (generated) => {
        const states = new Set(play(generated).records.flatMap((record) => incidentsAfter(record).map((incident) => incident.state)))
        for (const state of states) runsReaching.set(state, (runsReaching.get(state) ?? 0) + 1)
      }),
      { numRuns: NUM_RUNS },
    )
    // Typically 30–40 runs reach the rarest state; 1 in 20 keeps this check far from flaky.
    for (const state of INCIDENT_STATES) expect(runsReaching.get(state) ?? 0, state).toBeGreaterThanOrEqual(NUM_RUNS / 20)
  })

  it('a terminal state stays terminal', () => {
    forAllScenarios(({ records }) => {
      for (const record of records) {
        for (const id of SLOTS) {
          const before = record.before[id]
          if (before && isTerminal(before.state)) expect(record.after[id]?.state).toBe(before.state)
        }
      }
    })
  })

  it('a resolved incident always has a resolution code and non-blank notes; only resolved and closed ones do', () => {
    forAllScenarios(({ records }) => {
      for (const record of records) {
        for (const incident of incidentsAfter(record)) {
          if (incident.state === 'resolved') {
            expect(RESOLUTION_CODES).toContain(incident.resolutionCode)
            expect(incident.resolutionNotes?.trim()).toBeTruthy()
            expect(incident.resolvedAt).not.toBeNull()
            expect(incident.resolvedBy).not.toBeNull()
          }
          const hasResolution = incident.resolutionCode !== null
          expect(hasResolution).toBe(incident.state === 'resolved' || incident.state === 'closed')
        }
      }
    })
  })

  it('priority always equals the configured matrix at impact × urgency', () => {
    forAllScenarios(({ records }, { matrix }) => {
      for (const record of records) {
        for (const incident of incidentsAfter(record)) expect(incident.priority).toBe(priorityFor(incident.impact, incident.urgency, matrix))
      }
    })
  })

  it('reopenCount equals the number of IncidentReopened events', () => {
    forAllScenarios(({ desk }) => {
      for (const id of SLOTS) {
        const incident = desk.find(id)
        if (!incident) continue
        expect(incident.reopenCount).toBe(desk.eventsOf(id).filter((event) => event.type === 'IncidentReopened').length)
      }
    })
  })

  it('a refused command produces no events and changes nothing; an accepted one records at least one', () => {
    forAllScenarios(({ records }) => {
      for (const record of records) {
        if (record.decision.ok) {
          expect(record.newEvents.length).toBeGreaterThan(0)
        } else {
          expect(record.newEvents).toEqual([])
          expect(record.after).toEqual(record.before)
          expect(record.decision.refusal.message.trim()).not.toBe('')
        }
      }
    })
  })

  it('decide refuses exactly when and why checkPermission does', () => {
    forAllScenarios(({ records }) => {
      for (const record of records) {
        if (record.permission === 'not_applicable' || record.permission === undefined) continue
        expect(record.decision.ok).toBe(false)
        if (!record.decision.ok) expect(record.decision.refusal).toEqual(record.permission)
      }
    })
  })

  it('every event produced validates once stamped, unchanged by validation', () => {
    forAllScenarios(({ desk }) => {
      for (const event of desk.events) {
        const result = validateEvent(JSON.parse(JSON.stringify(event)))
        expect(result.ok ? 'ok' : result.error).toBe('ok')
        if (result.ok) expect(result.value).toEqual(event)
      }
    })
  })

  it('every event decide produces passes the order-independent rules the server enforces', () => {
    forAllScenarios(({ desk }) => {
      for (const event of desk.events) expect(checkEventRules(event), `${event.type} ${JSON.stringify(event.payload)}`).toBeUndefined()
    })
  })

  it('folding the same events in any order gives an identical incident', () => {
    fc.assert(
      fc.property(scenario, fc.integer(), (generated, seed) => {
        const { desk } = play(generated)
        for (const id of SLOTS) {
          const events = desk.eventsOf(id)
          expect(foldEvents(shuffled(events, seed))).toEqual(foldEvents(events))
        }
      }),
      { numRuns: NUM_RUNS },
    )
  })

  it('applying events one by one gives the fold; on one desk nothing ever needs attention', () => {
    forAllScenarios(({ desk }) => {
      for (const id of SLOTS) {
        const events = desk.eventsOf(id)
        const stepwise = events.reduce<Incident | undefined>((incident, event) => applyEvent(incident, event), undefined)
        expect(stepwise).toEqual(foldEvents(events))
        if (stepwise) {
          expect(stepwise.needsAttention).toEqual([])
          expect(stepwise.eventCount).toBe(events.length)
        }
      }
    })
  })

  it('an incident is On Hold exactly when it has a hold reason', () => {
    forAllScenarios(({ records }) => {
      for (const record of records) {
        for (const incident of incidentsAfter(record)) expect(incident.holdReason !== null).toBe(incident.state === 'on_hold')
      }
    })
  })

  it('links are recorded on both ends, and no incident has two parents', () => {
    forAllScenarios(({ desk }) => {
      const incidents = SLOTS.map((id) => desk.find(id)).filter((incident): incident is Incident => incident !== undefined)
      const byId = new Map(incidents.map((incident) => [incident.id, incident]))
      const inverse = { parent: 'child', child: 'parent', duplicate_of: 'duplicated_by', duplicated_by: 'duplicate_of', related: 'related' } as const
      for (const incident of incidents) {
        for (const link of incident.links) {
          expect(link.incidentId).not.toBe(incident.id)
          expect(byId.get(link.incidentId)?.links).toContainEqual({ kind: inverse[link.kind], incidentId: incident.id })
        }
        expect(incident.links.filter((link) => link.kind === 'parent').length).toBeLessThanOrEqual(1)
      }
    })
  })

  it('a security incident is exactly one in category Security', () => {
    forAllScenarios(({ records }) => {
      for (const record of records) {
        for (const incident of incidentsAfter(record)) expect(incident.isSecurity).toBe(incident.category === SECURITY_CATEGORY)
      }
    })
  })
})
