import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import type { IncidentEvent } from '../../../src-shared/events/events'
import type { Priority } from '../../../src-shared/incident/priority'
import { CALENDAR_24X7, DEFAULT_CALENDARS, businessMillisBetween, formatInstant, type BusinessCalendar } from '../../../src-shared/sla/calendar'
import { SLA_STATUSES, computeSlaClocks, slaStatusLabel, type SlaClocks } from '../../../src-shared/sla/clock'
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../../src-shared/sla/policy'
import type { SlaRulesVersion } from '../../../src-shared/sla/rulesHistory'
import { slaDeadlines, slaDeadlinesOfTracks } from '../../../src-shared/sla/deadlines'
import { LONDON_OFFICE, NEW_YORK_OFFICE } from './calendars'
import {
  SPECIALIST,
  acknowledged,
  assigned,
  canceled,
  closed,
  logged,
  prioritized,
  putOnHold,
  reopened,
  resolved,
  resumed,
  stamp,
  story,
  workNote,
  type Step,
} from './incidentStory'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

function clocksAt(events: readonly IncidentEvent[], nowIso: string, policy: SlaPolicy = DEFAULT_SLA_POLICY, calendars = DEFAULT_CALENDARS): SlaClocks {
  const clocks = computeSlaClocks(events, { slaPolicy: policy, calendars }, nowIso)
  if (!clocks) throw new Error('expected SLA clocks')
  return clocks
}

/** Every priority on one calendar, keeping the default minutes. */
function policyOn(calendar: BusinessCalendar): SlaPolicy {
  const on = (priority: Priority) => ({ ...DEFAULT_SLA_POLICY[priority], calendarId: calendar.id })
  return { 1: on(1), 2: on(2), 3: on(3), 4: on(4), 5: on(5) }
}

// Monday 16 June 2025, 09:00 UTC: the default weekday calendar is open 08:00–18:00 UTC.
const MONDAY_0900 = '2025-06-16T09:00:00Z'

describe('SLA clocks of a P1 outage on the 24×7 calendar', () => {
  // Saturday 14 June 2025, 02:00: the payroll database is down.
  const outage = story(logged('2025-06-14T02:00:00Z', 1, 'Payroll database down'))

  it('runs through the night and the weekend from the moment it is logged', () => {
    const { response, resolution } = clocksAt(outage, '2025-06-14T02:10:00Z')
    expect(response).toMatchObject({
      target: 'response',
      priority: 1,
      calendarId: '24x7',
      targetMillis: 15 * MINUTE,
      elapsedMillis: 10 * MINUTE,
      remainingMillis: 5 * MINUTE,
      status: 'on_track',
      running: true,
      paused: false,
      dueAt: '2025-06-14T02:15:00.000Z',
      breachedAt: null,
      stoppedAt: null,
    })
    expect(response.percent).toBeCloseTo(66.667, 3)
    expect(resolution).toMatchObject({ targetMillis: 4 * HOUR, dueAt: '2025-06-14T06:00:00.000Z', status: 'on_track' })
  })

  it('turns to warning exactly at 75 % of the response target, not a millisecond before', () => {
    expect(clocksAt(outage, '2025-06-14T02:11:14.999Z').response.status).toBe('on_track')
    const atThreshold = clocksAt(outage, '2025-06-14T02:11:15.000Z').response
    expect(atThreshold).toMatchObject({ status: 'warning', percent: 75 })
  })

  it('breaches exactly at 100 % of the response target, not a millisecond before', () => {
    expect(clocksAt(outage, '2025-06-14T02:14:59.999Z').response.status).toBe('warning')
    expect(clocksAt(outage, '2025-06-14T02:15:00.000Z').response).toMatchObject({
      status: 'breached',
      percent: 100,
      remainingMillis: 0,
      breachedAt: '2025-06-14T02:15:00.000Z',
      dueAt: '2025-06-14T02:15:00.000Z',
    })
  })

  it('keeps counting past the breach, with negative time left and the breach instant kept', () => {
    const { response } = clocksAt(outage, '2025-06-14T02:20:00Z')
    expect(response).toMatchObject({ status: 'breached', remainingMillis: -5 * MINUTE, breachedAt: '2025-06-14T02:15:00.000Z', running: true })
    expect(response.percent).toBeCloseTo(133.333, 3)
  })

  it('turns the resolution clock to warning after 3 of its 4 hours', () => {
    expect(clocksAt(outage, '2025-06-14T04:59:59.999Z').resolution.status).toBe('on_track')
    expect(clocksAt(outage, '2025-06-14T05:00:00Z').resolution.status).toBe('warning')
  })
})

describe('the response clock', () => {
  it('keeps running when the incident is only routed to a group, and stops when a person is assigned', () => {
    const events = story(logged(MONDAY_0900, 3), assigned('2025-06-16T09:30:00Z', null), assigned('2025-06-16T10:00:00Z', SPECIALIST))
    expect(clocksAt(events.slice(0, 2), '2025-06-16T09:45:00Z').response).toMatchObject({ running: true, elapsedMillis: 45 * MINUTE })
    const later = clocksAt(events, '2025-06-18T15:00:00Z').response
    expect(later).toMatchObject({ status: 'met', running: false, paused: false, elapsedMillis: HOUR, stoppedAt: '2025-06-16T10:00:00.000Z', dueAt: null, breachedAt: null })
  })

  it('is met by an acknowledgement', () => {
    const events = story(logged(MONDAY_0900, 3), acknowledged('2025-06-16T09:05:00Z'))
    expect(clocksAt(events, '2025-06-16T12:00:00Z').response).toMatchObject({ status: 'met', elapsedMillis: 5 * MINUTE })
  })

  it('is missed when the first acknowledgement comes after the target, and says when it breached', () => {
    const events = story(logged(MONDAY_0900, 2), acknowledged('2025-06-16T09:45:00Z'))
    expect(clocksAt(events, '2025-06-16T12:00:00Z').response).toMatchObject({
      status: 'missed',
      breachedAt: '2025-06-16T09:30:00.000Z',
      stoppedAt: '2025-06-16T09:45:00.000Z',
      dueAt: null,
      remainingMillis: -15 * MINUTE,
    })
  })

  it('pauses while the incident waits On Hold for the caller before anyone takes it', () => {
    const events = story(logged(MONDAY_0900, 3), putOnHold('2025-06-16T09:30:00Z'), resumed('2025-06-16T13:00:00Z'), assigned('2025-06-16T14:00:00Z', SPECIALIST))
    expect(clocksAt(events.slice(0, 2), '2025-06-16T11:00:00Z').response).toMatchObject({ paused: true, running: false, dueAt: null, elapsedMillis: 30 * MINUTE })
    expect(clocksAt(events, '2025-06-16T15:00:00Z').response).toMatchObject({ status: 'met', elapsedMillis: 1.5 * HOUR })
  })

  it('is met by a resolution on first contact, without any assignment', () => {
    const events = story(logged(MONDAY_0900, 5, 'Password reset'), resolved('2025-06-16T09:10:00Z'))
    const { response, resolution } = clocksAt(events, '2025-06-16T10:00:00Z')
    expect(response).toMatchObject({ status: 'met', elapsedMillis: 10 * MINUTE, stoppedAt: '2025-06-16T09:10:00.000Z' })
    expect(resolution).toMatchObject({ status: 'met', elapsedMillis: 10 * MINUTE })
  })

  it('does not restart when a resolved incident is reopened', () => {
    const events = story(logged(MONDAY_0900, 3), acknowledged('2025-06-16T09:10:00Z'), resolved('2025-06-16T10:00:00Z'), reopened('2025-06-16T11:00:00Z'))
    expect(clocksAt(events, '2025-06-16T12:00:00Z').response).toMatchObject({ status: 'met', elapsedMillis: 10 * MINUTE, running: false })
  })
})

describe('the resolution clock', () => {
  // P3: 30 business hours on the weekday calendar (08:00–18:00 UTC).
  const vendorWaits = story(
    logged(MONDAY_0900, 3),
    assigned('2025-06-16T09:20:00Z', SPECIALIST),
    putOnHold('2025-06-16T11:00:00Z'),
    resumed('2025-06-17T10:00:00Z'),
    putOnHold('2025-06-17T15:00:00Z'),
    resumed('2025-06-19T09:00:00Z'),
  )

  it('leaves out every On Hold period when an incident waits on a vendor twice', () => {
    // Running: Mon 09–11, Tue 10–15, Thu 09–12.
    const clock = clocksAt(vendorWaits, '2025-06-19T12:00:00Z').resolution
    expect(clock).toMatchObject({ elapsedMillis: 10 * HOUR, remainingMillis: 20 * HOUR, running: true, paused: false, status: 'on_track' })
    // Thu 12–18, Fri 08–18, Mon 08–12.
    expect(clock.dueAt).toBe('2025-06-23T12:00:00.000Z')
  })

  it('has no due date while On Hold, since nobody knows when the vendor answers', () => {
    const clock = clocksAt(vendorWaits, '2025-06-18T12:00:00Z').resolution
    expect(clock).toMatchObject({ elapsedMillis: 7 * HOUR, paused: true, running: false, dueAt: null, stoppedAt: null, status: 'on_track' })
  })

  it('resumes from where it stopped when a resolved incident is reopened, and stops again', () => {
    // P4: 50 business hours.
    const events = story(
      logged(MONDAY_0900, 4),
      acknowledged('2025-06-16T09:30:00Z'),
      resolved('2025-06-17T12:00:00Z'),
      reopened('2025-06-19T08:00:00Z'),
      resolved('2025-06-19T11:00:00Z'),
      closed('2025-06-27T09:00:00Z'),
    )
    expect(clocksAt(events, '2025-06-18T12:00:00Z').resolution).toMatchObject({
      status: 'met',
      elapsedMillis: 13 * HOUR,
      running: false,
      stoppedAt: '2025-06-17T12:00:00.000Z',
    })
    const reopenedClock = clocksAt(events, '2025-06-19T10:00:00Z').resolution
    expect(reopenedClock).toMatchObject({ elapsedMillis: 15 * HOUR, running: true, stoppedAt: null, dueAt: '2025-06-24T15:00:00.000Z' })
    expect(clocksAt(events, '2025-07-01T09:00:00Z').resolution).toMatchObject({ status: 'met', elapsedMillis: 16 * HOUR, stoppedAt: '2025-06-19T11:00:00.000Z' })
  })

  it('stops, and is no longer paused, when the incident is resolved from On Hold', () => {
    const events = story(logged(MONDAY_0900, 3), acknowledged('2025-06-16T09:05:00Z'), putOnHold('2025-06-16T10:00:00Z'), resolved('2025-06-17T12:00:00Z'))
    expect(clocksAt(events, '2025-06-18T09:00:00Z').resolution).toMatchObject({ status: 'met', paused: false, running: false, elapsedMillis: HOUR, stoppedAt: '2025-06-17T12:00:00.000Z' })
  })

  it('is missed when resolved after the target', () => {
    const events = story(logged(MONDAY_0900, 2), acknowledged('2025-06-16T09:10:00Z'), resolved('2025-06-17T09:00:00Z'))
    // P2: 8 business hours, used up Monday 17:00.
    expect(clocksAt(events, '2025-06-17T10:00:00Z').resolution).toMatchObject({ status: 'missed', elapsedMillis: 10 * HOUR, breachedAt: '2025-06-16T17:00:00.000Z' })
  })

  it('reports a breach reached before a hold even while the incident is On Hold', () => {
    const events = story(logged(MONDAY_0900, 2), acknowledged('2025-06-16T09:10:00Z'), putOnHold('2025-06-16T18:00:00Z'))
    expect(clocksAt(events, '2025-06-17T10:00:00Z').resolution).toMatchObject({ status: 'breached', paused: true, dueAt: null, breachedAt: '2025-06-16T17:00:00.000Z' })
  })
})

describe('canceled incidents', () => {
  it('cancels both clocks, ending the hold, when a duplicate is canceled while On Hold', () => {
    const events = story(logged(MONDAY_0900, 3), putOnHold('2025-06-16T09:30:00Z'), canceled('2025-06-16T11:00:00Z'))
    const { response, resolution } = clocksAt(events, '2025-06-17T09:00:00Z')
    for (const clock of [response, resolution]) {
      expect(clock).toMatchObject({ status: 'canceled', paused: false, running: false, elapsedMillis: 30 * MINUTE, stoppedAt: '2025-06-16T11:00:00.000Z', dueAt: null })
    }
  })

  it('keeps a response that was met before the incident was canceled', () => {
    const events = story(logged(MONDAY_0900, 3), acknowledged('2025-06-16T09:05:00Z'), canceled('2025-06-16T11:00:00Z'))
    const { response, resolution } = clocksAt(events, '2025-06-17T09:00:00Z')
    expect(response.status).toBe('met')
    expect(resolution).toMatchObject({ status: 'canceled', elapsedMillis: 2 * HOUR })
  })
})

describe('priority changes', () => {
  const raised = story(logged(MONDAY_0900, 4), prioritized('2025-06-16T10:00:00Z', 2))

  it('judges the whole history by the priority in force now: a P4 raised to P2 after an hour has breached its response', () => {
    expect(clocksAt(raised, '2025-06-16T09:50:00Z').response).toMatchObject({ priority: 4, status: 'on_track', targetMillis: 8 * HOUR })
    expect(clocksAt(raised, '2025-06-16T10:00:00Z').response).toMatchObject({
      priority: 2,
      status: 'breached',
      targetMillis: 30 * MINUTE,
      breachedAt: '2025-06-16T09:30:00.000Z',
    })
  })

  it('moves to the weekday calendar when a P1 logged on Saturday night is lowered to P3', () => {
    const lowered = story(logged('2025-06-14T02:00:00Z', 1), prioritized('2025-06-14T02:05:00Z', 3))
    expect(clocksAt(lowered, '2025-06-14T10:00:00Z').response).toMatchObject({
      priority: 3,
      calendarId: 'weekdays',
      elapsedMillis: 0,
      dueAt: '2025-06-16T12:00:00.000Z',
    })
  })
})

describe('business calendars with zones, clock changes and holidays', () => {
  it('makes a P2 logged late on the Friday before London springs forward due on Monday afternoon', () => {
    // Fri 28 March 2025 16:00 GMT: 1 h on Friday, then Mon 31 March 09:00–16:00 BST.
    const events = story(logged('2025-03-28T16:00:00Z', 2))
    const clock = clocksAt(events, '2025-03-28T16:30:00Z', policyOn(LONDON_OFFICE), { [LONDON_OFFICE.id]: LONDON_OFFICE }).resolution
    expect(clock).toMatchObject({ elapsedMillis: 30 * MINUTE, dueAt: '2025-03-31T15:00:00.000Z' })
    expect(clocksAt(events, '2025-03-31T15:00:00Z', policyOn(LONDON_OFFICE), { [LONDON_OFFICE.id]: LONDON_OFFICE }).resolution.status).toBe('breached')
  })

  const newYork = { policy: policyOn(NEW_YORK_OFFICE), calendars: { [NEW_YORK_OFFICE.id]: NEW_YORK_OFFICE } }

  it.each([
    { when: 'the Friday before New York springs forward', loggedAt: '2025-03-07T20:00:00Z', priority: 3, dueAt: '2025-03-10T14:30:00.000Z' },
    { when: 'the Friday before New York falls back', loggedAt: '2025-10-31T19:00:00Z', priority: 3, dueAt: '2025-11-03T15:30:00.000Z' },
    { when: 'the afternoon before Thanksgiving', loggedAt: '2025-11-26T21:00:00Z', priority: 4, dueAt: '2025-11-28T21:30:00.000Z' },
  ] as const)('projects the response due date of an incident logged $when', ({ loggedAt, priority, dueAt }) => {
    const events = story(logged(loggedAt, priority))
    expect(clocksAt(events, loggedAt, newYork.policy, newYork.calendars).response.dueAt).toBe(dueAt)
  })
})

describe('untrusted event logs', () => {
  it('gives the same clocks whatever order the events arrive in', () => {
    const events = story(logged(MONDAY_0900, 3), assigned('2025-06-16T09:20:00Z', SPECIALIST), putOnHold('2025-06-16T11:00:00Z'), resumed('2025-06-17T10:00:00Z'))
    expect(clocksAt([...events].reverse(), '2025-06-17T12:00:00Z')).toEqual(clocksAt(events, '2025-06-17T12:00:00Z'))
  })

  it('never lets a device clock running behind make a stretch negative', () => {
    // The hold was recorded on a laptop 10 minutes slow: its occurredAt is before the logging.
    const events = [stamp(logged(MONDAY_0900, 3), 0, Date.parse(MONDAY_0900)), stamp(putOnHold('2025-06-16T08:50:00Z'), 1, Date.parse('2025-06-16T09:01:00Z')), stamp(resumed('2025-06-16T10:00:00Z'), 2, Date.parse('2025-06-16T10:00:00Z'))]
    expect(clocksAt(events, '2025-06-16T10:30:00Z').resolution.elapsedMillis).toBe(30 * MINUTE)
  })

  it('follows the first resolution when offline devices merge a hold and a second resolution after it', () => {
    // Device A resolves at 10:00; device B, offline, still saw it open and held, resolved, resumed it.
    const events = story(
      logged(MONDAY_0900, 3),
      acknowledged('2025-06-16T09:05:00Z'),
      resolved('2025-06-16T10:00:00Z'),
      putOnHold('2025-06-16T10:05:00Z'),
      resolved('2025-06-16T10:10:00Z'),
      resumed('2025-06-16T10:20:00Z'),
      closed('2025-06-16T10:30:00Z'),
      reopened('2025-06-16T10:40:00Z'),
    )
    expect(clocksAt(events, '2025-06-16T12:00:00Z').resolution).toMatchObject({ status: 'met', elapsedMillis: HOUR, stoppedAt: '2025-06-16T10:00:00.000Z', running: false })
  })

  it('ignores events stamped after now: they have not happened yet on this device', () => {
    const events = story(logged(MONDAY_0900, 3), resolved('2025-06-16T12:00:00Z'))
    expect(clocksAt(events, '2025-06-16T11:00:00Z').resolution).toMatchObject({ running: true, elapsedMillis: 2 * HOUR })
  })

  it('starts at zero when the incident was logged by a device whose clock runs ahead', () => {
    const events = story(logged(MONDAY_0900, 3))
    expect(clocksAt(events, '2025-06-16T08:59:00Z').response).toMatchObject({ running: true, elapsedMillis: 0, status: 'on_track', dueAt: '2025-06-16T13:00:00.000Z' })
  })

  it('has no clocks when the log holds no IncidentLogged event', () => {
    expect(computeSlaClocks(story(workNote(MONDAY_0900)), { slaPolicy: DEFAULT_SLA_POLICY, calendars: DEFAULT_CALENDARS }, '2025-06-16T10:00:00Z')).toBeNull()
  })

  it('ignores anything ordered before the IncidentLogged event', () => {
    const early = stamp(putOnHold('2025-06-16T08:00:00Z'), 0, Date.parse('2025-06-16T08:00:00Z'))
    const events = [early, stamp(logged(MONDAY_0900, 3), 1, Date.parse(MONDAY_0900))]
    expect(clocksAt(events, '2025-06-16T10:00:00Z').resolution).toMatchObject({ running: true, elapsedMillis: HOUR })
  })

  it('refuses a policy that names a calendar it was not given', () => {
    expect(() => computeSlaClocks(story(logged(MONDAY_0900, 3)), { slaPolicy: policyOn(LONDON_OFFICE), calendars: DEFAULT_CALENDARS }, '2025-06-16T10:00:00Z')).toThrow(
      'SLA calendar "london-office" does not exist; validate the policy with validateSlaPolicy.',
    )
  })
})

describe('slaStatusLabel', () => {
  it('names every status for people', () => {
    expect(SLA_STATUSES.map(slaStatusLabel)).toEqual(['On track', 'Warning', 'Breached', 'Met', 'Missed', 'Canceled'])
  })
})

/**
 * A model of the incident lifecycle that generates only sequences the desk can produce, and
 * tracks, independently of the clock code, when the incident sat in which state.
 */
type ModelState = 'new' | 'in_progress' | 'on_hold' | 'resolved' | 'closed' | 'canceled'

interface Move {
  step: (at: string, choice: number) => Step
  next: ModelState | null
  /** This move is a response: a person takes the incident or it is resolved. */
  responds?: boolean
}

const WORKING_MOVES: readonly Move[] = [
  { step: (at) => assigned(at, SPECIALIST), next: 'in_progress', responds: true },
  { step: (at) => assigned(at, null), next: null },
  { step: (at) => acknowledged(at), next: 'in_progress', responds: true },
  { step: (at) => putOnHold(at), next: 'on_hold' },
  { step: (at) => resolved(at), next: 'resolved', responds: true },
  { step: (at) => canceled(at), next: 'canceled' },
  { step: (at) => workNote(at), next: null },
  { step: (at, choice) => prioritized(at, ((choice % 5) + 1) as Priority), next: null },
]

const MOVES: Record<ModelState, readonly Move[]> = {
  new: WORKING_MOVES,
  in_progress: WORKING_MOVES,
  on_hold: [
    { step: (at) => resumed(at), next: 'in_progress' },
    { step: (at) => resolved(at), next: 'resolved', responds: true },
    { step: (at) => canceled(at), next: 'canceled' },
    { step: (at) => workNote(at), next: null },
  ],
  resolved: [
    { step: (at) => reopened(at), next: 'in_progress' },
    { step: (at) => closed(at), next: 'closed' },
  ],
  closed: [{ step: (at) => workNote(at), next: null }],
  canceled: [{ step: (at) => workNote(at), next: null }],
}

interface Scenario {
  events: IncidentEvent[]
  loggedAt: number
  /** [from, to) stretches when the resolution clock should count: New or In Progress. */
  resolutionActive: Array<[number, number]>
  /** [from, to) stretches when the response clock should count: New or In Progress, before any response. */
  responseActive: Array<[number, number]>
  /** Priority changes, in time order, starting with the logged one. */
  priorities: Array<[number, Priority]>
}

function playScenario(loggedAt: number, priority: Priority, moves: ReadonlyArray<{ gapMinutes: number; choice: number }>): Scenario {
  const steps: Step[] = [logged(formatInstant(loggedAt), priority)]
  const stateChanges: Array<[number, ModelState]> = [[loggedAt, 'new']]
  const priorities: Array<[number, Priority]> = [[loggedAt, priority]]
  let respondedAt = Infinity
  let state: ModelState = 'new'
  let at = loggedAt
  for (const { gapMinutes, choice } of moves) {
    at += gapMinutes * MINUTE
    const options: readonly Move[] = MOVES[state]
    const move: Move = options[choice % options.length]!
    const step = move.step(formatInstant(at), choice)
    steps.push(step)
    if (step.type === 'IncidentPrioritized') priorities.push([at, step.payload.priority])
    if (move.responds && respondedAt === Infinity) respondedAt = at
    if (move.next === 'canceled' && respondedAt === Infinity) respondedAt = at
    if (move.next) {
      state = move.next
      stateChanges.push([at, state])
    }
  }
  const resolutionActive: Array<[number, number]> = []
  stateChanges.forEach(([from, changedTo], index) => {
    const to = stateChanges[index + 1]?.[0] ?? Infinity
    if (changedTo === 'new' || changedTo === 'in_progress') resolutionActive.push([from, to])
  })
  const responseActive = resolutionActive.filter(([from]) => from < respondedAt).map(([from, to]): [number, number] => [from, Math.min(to, respondedAt)])
  return { events: story(...steps), loggedAt, resolutionActive, responseActive, priorities }
}

function activeMillisUntil(stretches: ReadonlyArray<[number, number]>, now: number, calendar: BusinessCalendar): number {
  return stretches.reduce((sum, [from, to]) => sum + businessMillisBetween(calendar, formatInstant(from), formatInstant(Math.max(from, Math.min(to, now)))), 0)
}

function priorityAt(scenario: Scenario, now: number): Priority {
  return scenario.priorities.filter(([at]) => at <= now).at(-1)![1]
}

/** Random incident histories played through the lifecycle, with what their clocks should count. */
const scenario = fc
  .record({
    loggedAt: fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') }),
    priority: fc.constantFrom<Priority>(1, 2, 3, 4, 5),
    moves: fc.array(fc.record({ gapMinutes: fc.integer({ min: 0, max: 3 * 24 * 60 }), choice: fc.nat(1000) }), { maxLength: 12 }),
  })
  .map(({ loggedAt, priority, moves }) => playScenario(loggedAt, priority, moves))

describe('SLA clock properties over generated incident histories', () => {
  const nowAfterLogging = fc.integer({ min: 0, max: 40 * 24 * 60 }).map((minutes) => minutes * MINUTE)
  const ALL_DAY_POLICY = policyOn(CALENDAR_24X7)

  it('on the 24×7 calendar, counts exactly the time spent New or In Progress: never On Hold, Resolved or after the end', () => {
    fc.assert(
      fc.property(scenario, nowAfterLogging, (generated, offset) => {
        const now = generated.loggedAt + offset
        const clocks = clocksAt(generated.events, formatInstant(now), ALL_DAY_POLICY)
        expect(clocks.resolution.elapsedMillis).toBe(activeMillisUntil(generated.resolutionActive, now, CALENDAR_24X7))
        expect(clocks.response.elapsedMillis).toBe(activeMillisUntil(generated.responseActive, now, CALENDAR_24X7))
      }),
    )
  })

  it('on business calendars, counts only open hours of the active time, so never more than wall time minus hold time', () => {
    fc.assert(
      fc.property(scenario, nowAfterLogging, (generated, offset) => {
        const now = generated.loggedAt + offset
        const clocks = clocksAt(generated.events, formatInstant(now))
        const calendar = DEFAULT_CALENDARS[DEFAULT_SLA_POLICY[priorityAt(generated, now)].calendarId]!
        const resolutionExpected = activeMillisUntil(generated.resolutionActive, now, calendar)
        expect(clocks.resolution.elapsedMillis).toBe(resolutionExpected)
        expect(clocks.resolution.elapsedMillis).toBeLessThanOrEqual(activeMillisUntil(generated.resolutionActive, now, CALENDAR_24X7))
        expect(clocks.response.elapsedMillis).toBe(activeMillisUntil(generated.responseActive, now, calendar))
      }),
    )
  })

  it('never counts backwards as now moves forward, for a fixed priority', () => {
    const fixedPriority = scenario.filter((generated) => generated.priorities.length === 1)
    fc.assert(
      fc.property(fixedPriority, nowAfterLogging, nowAfterLogging, (generated, first, second) => {
        const [earlier, later] = [Math.min(first, second), Math.max(first, second)].map((offset) => formatInstant(generated.loggedAt + offset)) as [string, string]
        const before = clocksAt(generated.events, earlier)
        const after = clocksAt(generated.events, later)
        expect(after.response.elapsedMillis).toBeGreaterThanOrEqual(before.response.elapsedMillis)
        expect(after.resolution.elapsedMillis).toBeGreaterThanOrEqual(before.resolution.elapsedMillis)
      }),
    )
  })

  it('does not depend on the order events arrive in', () => {
    const withShuffledLog = scenario.chain((generated) =>
      fc.shuffledSubarray(generated.events, { minLength: generated.events.length }).map((shuffled) => ({ generated, shuffled })),
    )
    fc.assert(
      fc.property(withShuffledLog, nowAfterLogging, ({ generated, shuffled }, offset) => {
        const now = formatInstant(generated.loggedAt + offset)
        expect(clocksAt(shuffled, now)).toEqual(clocksAt(generated.events, now))
      }),
    )
  })

  it('keeps every field of a clock consistent with its status', () => {
    fc.assert(
      fc.property(scenario, nowAfterLogging, (generated, offset) => {
        const clocks = clocksAt(generated.events, formatInstant(generated.loggedAt + offset))
        for (const clock of [clocks.response, clocks.resolution]) {
          const counting = clock.running || clock.paused
          expect(clock.remainingMillis).toBe(clock.targetMillis - clock.elapsedMillis)
          expect(clock.dueAt !== null).toBe(clock.running)
          expect(clock.stoppedAt === null).toBe(counting)
          expect(['on_track', 'warning', 'breached'].includes(clock.status)).toBe(counting)
          expect(clock.breachedAt !== null).toBe(clock.elapsedMillis >= clock.targetMillis)
        }
      }),
    )
  })
})

describe('SLA clocks under a history of rules (effective dating)', () => {
  const minutes = (max: number) => fc.integer({ min: 0, max }).map((value) => value * MINUTE)
  // What an admin might change to: everything on the London office's hours, targets halved.
  const halved = (priority: Priority) => ({ ...DEFAULT_SLA_POLICY[priority], responseMinutes: Math.ceil(DEFAULT_SLA_POLICY[priority].responseMinutes / 2), resolutionMinutes: Math.ceil(DEFAULT_SLA_POLICY[priority].resolutionMinutes / 2), calendarId: LONDON_OFFICE.id })
  const CHANGED: SlaRulesVersion = { from: '', slaPolicy: { 1: halved(1), 2: halved(2), 3: halved(3), 4: halved(4), 5: halved(5) }, calendars: { [LONDON_OFFICE.id]: LONDON_OFFICE } }
  const historyWithChangeAt = (at: number): SlaRulesVersion[] => [{ from: '', slaPolicy: DEFAULT_SLA_POLICY, calendars: DEFAULT_CALENDARS }, { ...CHANGED, from: formatInstant(at) }]
  const withHistory = (events: readonly IncidentEvent[], now: number, history: readonly SlaRulesVersion[]) => {
    const current = history.at(-1)!
    return computeSlaClocks(events, { ...current, slaHistory: history }, formatInstant(now))!
  }

  it('leaves a clock that ended before a change exactly as it was: last quarter’s compliance is not rewritten', () => {
    fc.assert(
      fc.property(scenario, minutes(40 * 24 * 60), minutes(40 * 24 * 60).map((ms) => ms + MINUTE), (generated, untilNow, afterEnd) => {
        const now = generated.loggedAt + untilNow
        const before = clocksAt(generated.events, formatInstant(now))
        for (const kind of ['response', 'resolution'] as const) {
          const clock = before[kind]
          if (clock.running || clock.paused || clock.stoppedAt === null) continue
          // Strictly after it ended (and not after now: a change still ahead is the other property's).
          const changeAt = Date.parse(clock.stoppedAt) + afterEnd
          if (changeAt > now) continue
          const after = withHistory(generated.events, now, historyWithChangeAt(changeAt))[kind]
          expect(after).toEqual(clock)
        }
      }),
    )
  })

  it('counts a running clock on the old calendar up to the change and on the new one after it', () => {
    fc.assert(
      fc.property(scenario, minutes(10 * 24 * 60), minutes(10 * 24 * 60), (generated, toChange, afterChange) => {
        const changeAt = generated.loggedAt + toChange
        const now = changeAt + afterChange
        const clocks = withHistory(generated.events, now, historyWithChangeAt(changeAt))
        for (const kind of ['response', 'resolution'] as const) {
          const clock = clocks[kind]
          if (!clock.running) continue
          const active = kind === 'response' ? generated.responseActive : generated.resolutionActive
          const oldCalendar = DEFAULT_CALENDARS[DEFAULT_SLA_POLICY[priorityAt(generated, now)].calendarId]!
          const upToChange = active.map(([from, to]): [number, number] => [from, Math.min(to, changeAt)]).filter(([from, to]) => to > from)
          const fromChange = active.map(([from, to]): [number, number] => [Math.max(from, changeAt), to]).filter(([from, to]) => to > from)
          expect(clock.elapsedMillis).toBe(activeMillisUntil(upToChange, now, oldCalendar) + activeMillisUntil(fromChange, now, LONDON_OFFICE))
          expect(clock.targetMillis).toBe((kind === 'response' ? halved(clock.priority).responseMinutes : halved(clock.priority).resolutionMinutes) * MINUTE)
        }
      }),
    )
  })

  it('gives the same clocks whatever order the events and a change arrive in, and a change still ahead changes nothing', () => {
    const withShuffledLog = scenario.chain((generated) => fc.shuffledSubarray(generated.events, { minLength: generated.events.length }).map((shuffled) => ({ generated, shuffled })))
    fc.assert(
      fc.property(withShuffledLog, minutes(20 * 24 * 60), minutes(20 * 24 * 60), ({ generated, shuffled }, toChange, toNow) => {
        const now = generated.loggedAt + toNow
        const history = historyWithChangeAt(generated.loggedAt + toChange)
        expect(withHistory(shuffled, now, history)).toEqual(withHistory(generated.events, now, history))
        // A change dated after now is not in force yet.
        expect(withHistory(generated.events, now, historyWithChangeAt(now + MINUTE))).toEqual(clocksAt(generated.events, formatInstant(now)))
      }),
    )
  })
})

describe('deadlines projected again from the tracks a row keeps, without the history', () => {
  const minutes = (max: number) => fc.integer({ min: 0, max }).map((value) => value * MINUTE)
  const LONDON_ONLY = policyOn(LONDON_OFFICE)
  const calendarChangeAt = (at: number): SlaRulesVersion[] => [
    { from: '', slaPolicy: DEFAULT_SLA_POLICY, calendars: DEFAULT_CALENDARS },
    { from: formatInstant(at), slaPolicy: LONDON_ONLY, calendars: { ...DEFAULT_CALENDARS, [LONDON_OFFICE.id]: LONDON_OFFICE } },
  ]
  const lastInstant = (events: readonly IncidentEvent[]) => Math.max(...events.map((event) => Date.parse(event.occurredAt)))

  it('gives the deadlines the whole history gives, after any later change of calendar and policy', () => {
    fc.assert(
      fc.property(scenario, minutes(5 * 24 * 60), minutes(5 * 24 * 60), minutes(5 * 24 * 60), (generated, toCommit, toChange, afterChange) => {
        // Written when the last event was committed; the rules change later; the desk recomputes later still.
        const committedAt = lastInstant(generated.events) + toCommit
        const changeAt = committedAt + toChange
        const now = formatInstant(changeAt + afterChange)
        const kept = slaDeadlines(generated.events, { slaPolicy: DEFAULT_SLA_POLICY, calendars: DEFAULT_CALENDARS }, formatInstant(committedAt))
        const history = calendarChangeAt(changeAt)
        const rules = { ...history[1]!, slaHistory: history }
        const fromHistory = slaDeadlines(generated.events, rules, now)
        if (!kept.tracks) {
          // Only a running clock keeps tracks, and a running clock always does.
          expect(kept.dueAt).toBeNull()
          return
        }
        // Through a structured clone, as IndexedDB stores the row.
        expect(slaDeadlinesOfTracks(structuredClone(kept.tracks), rules, now)).toEqual(fromHistory)
      }),
    )
  })

  it('keeps no tracks when an event is stamped after now, and projects none before the last event', () => {
    const events = story(logged(MONDAY_0900, 3), putOnHold('2025-06-16T10:00:00Z'), resumed('2025-06-16T12:00:00Z'))
    const rules = { slaPolicy: DEFAULT_SLA_POLICY, calendars: DEFAULT_CALENDARS }
    // A device clock running ahead: at 11:00 the resume has not happened yet here.
    expect(slaDeadlines(events, rules, '2025-06-16T09:30:00Z').tracks).toBeUndefined()
    const kept = slaDeadlines(events, rules, '2025-06-16T12:30:00Z')
    expect(kept.tracks?.resolution.runs).toEqual([[Date.parse(MONDAY_0900), Date.parse('2025-06-16T10:00:00Z')]])
    expect(slaDeadlinesOfTracks(kept.tracks!, rules, '2025-06-16T11:59:00Z')).toBeUndefined()
    expect(slaDeadlinesOfTracks(kept.tracks!, rules, '2025-06-16T12:30:00Z')).toEqual(kept)
  })
})
