/**
 * The full report (src-shared/reports) over 100k synthetic incidents' events, in Node: the pure
 * computation a desk runs after reading the events. The lead wires it into bench/run.ts.
 */
import { DEFAULT_DOMAIN_CONFIG } from '../src-shared/config/domainConfig'
import { EVENT_SCHEMA_VERSION, type EventDraft, type IncidentEvent } from '../src-shared/events/events'
import type { IncidentHistory } from '../src-shared/reports/incidentFacts'
import { computeReport } from '../src-shared/reports/report'
import { mayAffectReport } from '../src-shared/reports/relevance'
import { foldEvents } from '../src-shared/incident/reducer'
import type { Impact, Priority, Urgency } from '../src-shared/incident/priority'
import { priorityFor } from '../src-shared/incident/priority'
import type { Actor } from '../src-shared/incident/roles'
import { CHANNELS } from '../src-shared/incident/vocabulary'

const ACTOR: Actor = { userId: 'u-bench', displayName: 'Bench Agent', role: 'admin' }
const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** Monday 6 January 2025, 00:00 UTC: incidents spread over the next 90 days. */
const START = Date.UTC(2025, 0, 6)
const SPAN_MS = 90 * 24 * HOUR

function hlc(wallMs: number, counter: number): string {
  return `${String(wallMs).padStart(15, '0')}:${String(counter).padStart(5, '0')}:bench`
}

/**
 * One incident's events, varied by index so the report meets every path: a weekday-calendar or
 * 24×7 clock, holds over nights, escalations, reopens, major incidents, incidents still open.
 */
export function syntheticHistory(index: number): IncidentHistory {
  const incidentId = `inc-${index}`
  // A deterministic spread (golden-ratio steps) rather than Math.random, so runs compare.
  const loggedAt = START + Math.floor(((index * 0.618_033_988_75) % 1) * SPAN_MS)
  const impact = ((index % 3) + 1) as Impact
  const urgency = (((index >> 2) % 3) + 1) as Urgency
  const priority: Priority = priorityFor(impact, urgency)
  const drafts: Array<{ at: number; draft: EventDraft }> = []
  const add = (at: number, draft: Omit<EventDraft, 'incidentId'>) => drafts.push({ at, draft: { ...draft, incidentId } as EventDraft })
  add(loggedAt, {
    type: 'IncidentLogged',
    payload: {
      number: `INC${String(index).padStart(7, '0')}`,
      numberIsProvisional: false,
      shortDescription: `Synthetic incident ${index}`,
      description: 'Generated for the report benchmark.',
      caller: { name: 'Bench Caller' },
      channel: CHANNELS[index % CHANNELS.length]!,
      category: ['email', 'hardware', 'network', 'access', 'software', 'security'][index % 6]!,
      subcategory: null,
      service: null,
      configurationItem: null,
      location: null,
      impact,
      urgency,
      priority,
      level: index % 5 === 0 ? 2 : 1,
      assignmentGroup: 'Service Desk',
    },
  })
  let at = loggedAt + ((index % 7) + 1) * 9 * MINUTE
  add(at, { type: 'IncidentAcknowledged', payload: { assignee: { userId: ACTOR.userId, displayName: ACTOR.displayName } } })
  if (priority === 1 && index % 2 === 0) {
    at += 5 * MINUTE
    add(at, { type: 'MajorIncidentDeclared', payload: { incidentManager: { userId: 'u-im', displayName: 'Incident Manager' }, reason: 'Outage.' } })
  }
  if (index % 4 === 1) {
    at += 30 * MINUTE
    add(at, { type: 'IncidentEscalated', payload: { kind: 'functional', fromLevel: 1, toLevel: 2, toGroup: 'L2', reason: 'Needs L2.' } })
  }
  add(at + 10 * MINUTE, { type: 'WorkNoteAdded', payload: { text: 'Investigating.' } })
  if (index % 3 === 0) {
    at += 2 * HOUR
    add(at, { type: 'IncidentPutOnHold', payload: { reason: 'awaiting_vendor', callerComment: null } })
    at += 20 * HOUR
    add(at, { type: 'IncidentResumed', payload: { cause: 'manual' } })
  }
  // One in ten stays open.
  if (index % 10 !== 9) {
    at += ((index % 11) + 1) * 3 * HOUR
    add(at, { type: 'IncidentResolved', payload: { resolutionCode: 'solution_provided', resolutionNotes: 'Fixed.', cascadedFrom: null } })
    if (index % 13 === 0) {
      at += 4 * HOUR
      add(at, { type: 'IncidentReopened', payload: { reason: 'Came back.' } })
      at += 5 * HOUR
      add(at, { type: 'IncidentResolved', payload: { resolutionCode: 'solution_provided', resolutionNotes: 'Fixed again.', cascadedFrom: null } })
    }
    add(at + 3 * 24 * HOUR, { type: 'IncidentClosed', payload: { cause: 'caller_confirmed' } })
  }
  const events = drafts.map(({ at: time, draft }, counter): IncidentEvent => ({
    ...draft,
    id: `${incidentId}-${counter}`,
    actor: ACTOR,
    deviceId: 'bench',
    hlc: hlc(time, counter),
    occurredAt: new Date(time).toISOString(),
    schemaVersion: EVENT_SCHEMA_VERSION,
  }) as IncidentEvent)
  return { incidentId, events }
}

export interface ReportsBenchResult {
  incidents: number
  events: number
  /** The report over every history. */
  ms: number
  /** How many histories the Reports screen would read for this range (mayAffectReport on the projections). */
  relevant: number
  /** The report over those only: what the screen computes after reading them. */
  relevantMs: number
}

/** Builds `incidents` synthetic histories, then times one full report over a 30-day range. */
export function benchReports(incidents = 100_000): ReportsBenchResult {
  const histories = Array.from({ length: incidents }, (_, index) => syntheticHistory(index))
  const events = histories.reduce((sum, history) => sum + history.events.length, 0)
  const options = {
    range: { from: '2025-02-01T00:00:00.000Z', to: '2025-03-03T00:00:00.000Z' },
    nowIso: '2025-04-15T12:00:00.000Z',
    config: DEFAULT_DOMAIN_CONFIG,
    viewer: ACTOR,
  }
  const start = performance.now()
  const full = computeReport(histories, options)
  const ms = performance.now() - start
  // The desk filters on its projection table; here the projection is folded outside the timing.
  const relevantHistories = histories.filter((history) => mayAffectReport(foldEvents(history.events)!, options.range))
  const relevantStart = performance.now()
  const filtered = computeReport(relevantHistories, options)
  const relevantMs = performance.now() - relevantStart
  if (JSON.stringify(filtered.figures) !== JSON.stringify(full.figures)) throw new Error('The filtered report differs from the full one.')
  return { incidents, events, ms, relevant: relevantHistories.length, relevantMs }
}

/** Lines for `npm run bench`, in the style of the other suites. */
export function describeReportsBench(result: ReportsBenchResult): string {
  return [
    `reports: full report over ${result.incidents} incidents (${result.events} events) in ${result.ms.toFixed(0)} ms → ${Math.round((result.incidents / result.ms) * 1000)} incidents/s;`,
    `the ${result.relevant} a 30-day range needs (open, or with an event since it started) in ${result.relevantMs.toFixed(0)} ms`,
  ].join(' ')
}
