import type { DomainConfig } from '../config/domainConfig'
import { compareEvents, type StoredEvent } from '../events/events'
import { unfoldEvents } from '../events/importedEvents'
import type { Incident } from '../incident/incident'
import type { SupportLevel } from '../incident/levels'
import type { Priority } from '../incident/priority'
import { applyEvent } from '../incident/reducer'
import { isOpenState, type Channel, type IncidentState } from '../incident/vocabulary'
import { formatInstant, parseInstant } from '../sla/calendar'
import { computeSlaClocks, type SlaClock, type SlaStatus } from '../sla/clock'

/** One incident's events as a desk holds them, in any order, possibly with duplicates. */
export interface IncidentHistory {
  incidentId: string
  events: readonly StoredEvent[]
}

/**
 * What the report needs to know about one incident as of the end of the range (`asOf`), read
 * from its events alone. Times are epoch ms.
 */
export interface IncidentFacts {
  incidentId: string
  number: string
  shortDescription: string
  loggedAt: number
  /** The incident as it stood at `asOf`. */
  stateAtAsOf: IncidentState
  priorityAtAsOf: Priority
  categoryAtAsOf: string | null
  channelAtAsOf: Channel
  levelAtLogging: SupportLevel
  /** Category Security as the incident stands now (all events, not only those up to `asOf`): who may see it today. */
  isSecurityNow: boolean
  /** First response (the SLA response clock's stop: acknowledgement, assignment to a person, or resolution); null if none by `asOf`. */
  firstResponseAt: number | null
  /** Business time, On Hold excluded, from logging to first response (SLA rules). */
  businessMillisToFirstResponse: number | null
  firstResolvedAt: number | null
  /** Business time the resolution clock ran from logging to first resolution (SLA rules: On Hold excluded). */
  businessMillisToFirstResolution: number | null
  levelAtFirstResolution: SupportLevel | null
  /** Functional escalations recorded before the first resolution. */
  functionalEscalationsBeforeFirstResolution: number
  /** Functional escalations recorded by `asOf`. */
  functionalEscalations: number
  reopens: number
  /** Moves from one assignment group to another by `asOf` (an import starts from its source's count). */
  reassignments: number
  majorDeclaredAt: number | null
  /** First resolution (or cancellation) at or after the major declaration. */
  majorEndedAt: number | null
  majorEndedBy: 'resolved' | 'canceled' | null
  /**
   * Both SLA clocks at `asOf`; null when nothing of them can fall at or after `from`: the
   * incident's last event (up to `asOf`) came before `from` and it is not open at `asOf`, so both
   * clocks had stopped before the range. Skipping them is what makes a long history cheap.
   */
  clocks: { response: JudgedClock; resolution: JudgedClock } | null
}

/** What a report judges of an SLA clock, times in epoch ms. */
export interface JudgedClock {
  /** The priority whose targets apply: the one in force at `asOf`. */
  priority: Priority
  status: SlaStatus
  stoppedAt: number | null
  breachedAt: number | null
  /** While the clock runs: when its target is used up if it keeps running (see factsAsOf). */
  dueAt: number | null
}

function judgedClock(clock: SlaClock): JudgedClock {
  return {
    priority: clock.priority,
    status: clock.status,
    stoppedAt: clock.stoppedAt === null ? null : parseInstant(clock.stoppedAt),
    breachedAt: clock.breachedAt === null ? null : parseInstant(clock.breachedAt),
    dueAt: clock.dueAt === null ? null : parseInstant(clock.dueAt),
  }
}

/**
 * The events in canonical order, each id once, from the IncidentLogged event on, each with a time
 * that never goes back (device clocks disagree; same rule as the SLA clocks in sla/clock.ts).
 */
function canonicalTimeline(events: readonly StoredEvent[]): Array<{ event: StoredEvent; at: number }> | null {
  const sorted = [...unfoldEvents(events)].sort(compareEvents)
  const seen = new Set<string>()
  const timed: Array<{ event: StoredEvent; at: number }> = []
  let previous = -Infinity
  let started = false
  for (const event of sorted) {
    if (seen.has(event.id)) continue
    seen.add(event.id)
    if (!started) {
      if (event.type !== 'IncidentLogged') continue
      started = true
    }
    const at = Math.max(previous, parseInstant(event.occurredAt))
    timed.push({ event, at })
    previous = at
  }
  return started ? timed : null
}

/**
 * The facts of one incident as of `asOf` for a range starting at `from`, or null when its history holds no IncidentLogged
 * event (a desk that started from a snapshot holds only later events until the incident is
 * opened), or when it was logged after `asOf`.
 */
export function incidentFacts(history: IncidentHistory, from: number, asOf: number, config: DomainConfig): IncidentFacts | null {
  const timed = canonicalTimeline(history.events)
  if (!timed || timed[0]!.at > asOf) return null
  let incident: Incident | undefined
  let atAsOf: Incident | undefined
  const eventsUntilAsOf: StoredEvent[] = []
  let firstResolvedAt: number | null = null
  let levelAtFirstResolution: SupportLevel | null = null
  let escalationsBeforeFirstResolution = 0
  let majorDeclaredAt: number | null = null
  let majorEndedAt: number | null = null
  let majorEndedBy: IncidentFacts['majorEndedBy'] = null
  let lastAt = -Infinity
  for (const { event, at } of timed) {
    const before = incident
    incident = applyEvent(incident, event)
    if (at > asOf) continue
    eventsUntilAsOf.push(event)
    atAsOf = incident
    lastAt = at
    if (!before || !incident) continue
    const ended = incident.state === 'resolved' || incident.state === 'canceled'
    if (ended && before.state !== incident.state) {
      if (incident.state === 'resolved' && firstResolvedAt === null) {
        firstResolvedAt = at
        levelAtFirstResolution = before.level
        escalationsBeforeFirstResolution = functionalCount(before)
      }
      if (majorDeclaredAt !== null && majorEndedAt === null) {
        majorEndedAt = at
        majorEndedBy = incident.state === 'resolved' ? 'resolved' : 'canceled'
      }
    }
    if (incident.isMajor && !before.isMajor) majorDeclaredAt = at
  }
  if (!incident || !atAsOf) return null
  const open = isOpenState(atAsOf.state)
  const clocks = open || lastAt >= from ? computeSlaClocks(eventsUntilAsOf, config, formatInstant(asOf))! : null
  const responded = clocks !== null && (clocks.response.status === 'met' || clocks.response.status === 'missed')
  const firstResponseAt = responded && clocks.response.stoppedAt ? parseInstant(clocks.response.stoppedAt) : null
  const judged = clocks === null ? null : { response: judgedClock(clocks.response), resolution: judgedClock(clocks.resolution) }
  let businessMillisToFirstResolution: number | null = null
  if (clocks !== null && firstResolvedAt !== null) {
    // Never reopened: the resolution clock stopped at the first resolution and has not moved
    // since (priority cannot change once resolved), so its elapsed time is the answer. After a
    // reopen, ask the clock as it stood at the first resolution.
    businessMillisToFirstResolution =
      atAsOf.reopenCount === 0
        ? clocks.resolution.elapsedMillis
        : computeSlaClocks(eventsUntilAsOf, config, formatInstant(firstResolvedAt))!.resolution.elapsedMillis
  }
  return {
    incidentId: history.incidentId,
    number: atAsOf.number,
    shortDescription: atAsOf.shortDescription,
    loggedAt: timed[0]!.at,
    stateAtAsOf: atAsOf.state,
    priorityAtAsOf: atAsOf.priority,
    categoryAtAsOf: atAsOf.category,
    channelAtAsOf: atAsOf.channel,
    levelAtLogging: (timed[0]!.event as Extract<StoredEvent, { type: 'IncidentLogged' }>).payload.level,
    isSecurityNow: incident.isSecurity,
    firstResponseAt,
    businessMillisToFirstResponse: firstResponseAt === null || clocks === null ? null : clocks.response.elapsedMillis,
    firstResolvedAt,
    businessMillisToFirstResolution,
    levelAtFirstResolution,
    functionalEscalationsBeforeFirstResolution: escalationsBeforeFirstResolution,
    functionalEscalations: functionalCount(atAsOf),
    reopens: atAsOf.reopenCount,
    reassignments: atAsOf.reassignmentCount ?? 0,
    majorDeclaredAt,
    majorEndedAt,
    majorEndedBy,
    clocks: judged,
  }
}

function functionalCount(incident: Incident): number {
  let count = 0
  for (const escalation of incident.escalations) if (escalation.kind === 'functional') count++
  return count
}
