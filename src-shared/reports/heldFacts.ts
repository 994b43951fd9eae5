import type { DomainConfig } from '../config/domainConfig'
import { unfoldEvents } from '../events/importedEvents'
import { isOpenState } from '../incident/vocabulary'
import { parseInstant } from '../sla/calendar'
import { incidentFacts, type IncidentFacts, type IncidentHistory, type JudgedClock } from './incidentFacts'
import { emptyTally, isEmptyTally, majorRowOf, tallyMeasures, type ReportTally } from './reportTally'

/**
 * One incident's report facts as of its own last event, which is what lets a desk work them out
 * once per change instead of once per report (dayAggregates.ts in the renderer keeps them).
 *
 * Why facts taken at the last event serve a report taken at any later `asOf`: nothing happens to
 * an incident between events except that a running SLA clock keeps running. So the facts at
 * `asOf` are these, with each running clock breached once its due instant has passed
 * (factsAsOf). An incident that is no longer open, with no clock running and any major incident
 * ended, is *settled*: its facts are final and its figures can be summed per day once and for all.
 */
export interface HeldFacts {
  incidentId: string
  /** The latest `occurredAt` of its events, epoch ms: a report taken before it must fold the events instead. */
  lastAt: number
  /** Null when the desk holds no IncidentLogged event for it (a snapshot desk): in no figure. */
  facts: IncidentFacts | null
}

export function heldFactsOf(history: IncidentHistory, config: DomainConfig): HeldFacts {
  let lastAt = -Infinity
  // An imported incident's steps carry their own times, after its one event's.
  for (const event of unfoldEvents(history.events)) lastAt = Math.max(lastAt, parseInstant(event.occurredAt))
  if (lastAt === -Infinity) return { incidentId: history.incidentId, lastAt: 0, facts: null }
  return { incidentId: history.incidentId, lastAt, facts: incidentFacts(history, -Infinity, lastAt, config) }
}

/** Final: not open, no clock running, any major incident ended. Its day contributions never change until its next event. */
export function isSettled(facts: IncidentFacts): boolean {
  if (isOpenState(facts.stateAtAsOf)) return false
  if (facts.clocks && (isCounting(facts.clocks.response) || isCounting(facts.clocks.resolution))) return false
  return facts.majorDeclaredAt === null || facts.majorEndedAt !== null
}

function isCounting(clock: JudgedClock): boolean {
  return clock.dueAt !== null
}

/** The facts at `asOf` (not before the incident's last event): running clocks whose due instant passed are breached. */
export function factsAsOf(facts: IncidentFacts, asOf: number): IncidentFacts {
  if (!facts.clocks) return facts
  const response = clockAsOf(facts.clocks.response, asOf)
  const resolution = clockAsOf(facts.clocks.resolution, asOf)
  if (response === facts.clocks.response && resolution === facts.clocks.resolution) return facts
  return { ...facts, clocks: { response, resolution } }
}

function clockAsOf(clock: JudgedClock, asOf: number): JudgedClock {
  if (clock.dueAt === null || clock.breachedAt !== null || clock.dueAt > asOf) return clock
  return { ...clock, status: 'breached', breachedAt: clock.dueAt }
}

/**
 * A settled incident's figures, one tally per day its instants fall on (`dayOf` names the day in
 * the report's zone): logging, first resolution, each clock's stop or breach, and the end of a
 * major incident (a settled major's row belongs to the days of its end: a range shows it when it
 * ended in the range, and it was declared before).
 */
export function dayContributions(facts: IncidentFacts, dayOf: (at: number) => string): Map<string, ReportTally> {
  const instants = [facts.loggedAt, facts.firstResolvedAt, facts.majorEndedAt]
  if (facts.clocks) instants.push(facts.clocks.response.stoppedAt, facts.clocks.response.breachedAt, facts.clocks.resolution.stoppedAt, facts.clocks.resolution.breachedAt)
  const days = new Set<string>()
  for (const at of instants) if (at !== null) days.add(dayOf(at))
  const contributions = new Map<string, ReportTally>()
  for (const day of days) {
    const tally = emptyTally()
    tallyMeasures(tally, facts, (at) => dayOf(at) === day)
    if (facts.majorDeclaredAt !== null && facts.majorEndedAt !== null && dayOf(facts.majorEndedAt) === day) tally.majors[facts.incidentId] = majorRowOf(facts)
    if (!isEmptyTally(tally)) contributions.set(day, tally)
  }
  return contributions
}
