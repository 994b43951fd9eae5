import { compareEvents, type IncidentEvent } from '../events/events'
import { unfoldEvents } from '../events/importedEvents'
import type { Priority } from '../incident/priority'
import { countBusinessMillis, formatInstant, instantAfterBusinessMillis, parseInstant, type BusinessCalendar, type CompiledCalendar } from './calendar'
import { targetsFor } from '../config/serviceCatalogue'
import { SLA_BREACH_THRESHOLD, SLA_WARNING_THRESHOLD } from './policy'
import { compiledCalendar, piecesOf, versionAt, type SlaRules, type SlaRulesHistory } from './rulesHistory'

/**
 * SLA clocks as a pure function of (events, policy, calendars, now) (DESIGN §1 SLA). No clock is
 * stored: the queue, the incident view and a report computing the same incident at the same
 * `now` agree to the millisecond, on any device. What a desk keeps on a running incident's row is
 * the history reduced to its tracks (SlaTracks below), from which the same function gives the
 * same clocks.
 */

/** Which promise a clock measures. */
export type SlaClockKind = 'response' | 'resolution'

/**
 * Where a clock stands.
 * - `on_track`: running or paused, under 75 % of its target used.
 * - `warning`: running or paused, 75 % used or more: time to act.
 * - `breached`: running or paused, the whole target used; it stays breached, a breach can escalate.
 * - `met`: stopped within target.
 * - `missed`: stopped after the target was used up (reports count it as a breach).
 * - `canceled`: the incident was canceled before this clock stopped; it counts neither way,
 *   so an incident logged in error does not drag down the desk's figures.
 */
export const SLA_STATUSES = ['on_track', 'warning', 'breached', 'met', 'missed', 'canceled'] as const
export type SlaStatus = (typeof SLA_STATUSES)[number]

export const SLA_STATUS_LABELS: Record<SlaStatus, string> = {
  on_track: 'On track',
  warning: 'Warning',
  breached: 'Breached',
  met: 'Met',
  missed: 'Missed',
  canceled: 'Canceled',
}

export function slaStatusLabel(status: SlaStatus): string {
  return SLA_STATUS_LABELS[status]
}

export interface SlaClock {
  target: SlaClockKind
  /** The priority whose targets apply: the one in force at `now`. */
  priority: Priority
  calendarId: string
  targetMillis: number
  /** Business time counted so far: open hours while running, never On Hold time. */
  elapsedMillis: number
  /** Business time left; negative once breached. */
  remainingMillis: number
  /** Share of the target used, in percent; above 100 once breached. */
  percent: number
  status: SlaStatus
  /** Counting now (it may still be outside open hours, where it counts nothing). */
  running: boolean
  /** Held: the incident is On Hold. */
  paused: boolean
  /** When the target is or was reached if the clock keeps running; null unless running. */
  dueAt: string | null
  /** When the target was used up, whatever the clock does now; null while within target. */
  breachedAt: string | null
  /** When the clock stopped; null while it runs or is paused. */
  stoppedAt: string | null
}

export interface SlaClocks {
  response: SlaClock
  resolution: SlaClock
}

/**
 * What an event does to a clock.
 * - `pause` / `resume`: On Hold and back.
 * - `stop`: resolution reached; `restart` (reopen) may bring it back.
 * - `finish`: stopped for good (a response happened; the incident closed).
 * - `cancel`: the incident was canceled; the clock stops and counts neither way.
 */
type ClockAction = 'pause' | 'resume' | 'stop' | 'restart' | 'finish' | 'cancel'

/**
 * A resolution is also the response: an L1 agent who fixes a password on the phone has
 * responded, even without an assignment event.
 */
function responseAction(event: IncidentEvent): ClockAction | undefined {
  switch (event.type) {
    case 'IncidentPutOnHold':
      return 'pause'
    case 'IncidentResumed':
      return 'resume'
    case 'IncidentAcknowledged':
    case 'IncidentResolved':
    case 'IncidentClosed':
      return 'finish'
    case 'IncidentAssigned':
      // Assigning a group only routes the incident; a named person taking it is the response.
      return event.payload.assignee ? 'finish' : undefined
    case 'IncidentCanceled':
      return 'cancel'
    default:
      return undefined
  }
}

function resolutionAction(event: IncidentEvent): ClockAction | undefined {
  switch (event.type) {
    case 'IncidentPutOnHold':
      return 'pause'
    case 'IncidentResumed':
      return 'resume'
    case 'IncidentResolved':
      return 'stop'
    case 'IncidentReopened':
      return 'restart'
    case 'IncidentClosed':
      return 'finish'
    case 'IncidentCanceled':
      return 'cancel'
    default:
      return undefined
  }
}

type Phase = 'running' | 'paused' | 'stopped' | 'finished'

/** One clock's history: the stretches it ran, and where it stands. Plain data (stored on the desk's rows). */
export interface Track {
  phase: Phase
  /** Closed stretches of running time, [start, end) in epoch ms. */
  runs: Array<readonly [number, number]>
  /** Start of the stretch running now, when `phase` is running. */
  runningSince: number | null
  stoppedAt: number | null
  canceled: boolean
}

function startTrack(at: number): Track {
  return { phase: 'running', runs: [], runningSince: at, stoppedAt: null, canceled: false }
}

function closeRun(track: Track, at: number): Array<readonly [number, number]> {
  return track.runningSince === null ? track.runs : [...track.runs, [track.runningSince, at] as const]
}

/**
 * Apply one action. An action that does not fit the phase is ignored rather than trusted: merged
 * offline edits can interleave (a hold from one device after a resolve from another), and the
 * clock must follow the lifecycle's outcome, not invent a second one.
 */
function applyAction(track: Track, action: ClockAction, at: number): Track {
  const active = track.phase === 'running' || track.phase === 'paused'
  switch (action) {
    case 'pause':
      return track.phase === 'running' ? { ...track, phase: 'paused', runs: closeRun(track, at), runningSince: null } : track
    case 'resume':
      return track.phase === 'paused' ? { ...track, phase: 'running', runningSince: at } : track
    case 'stop':
      return active ? { ...track, phase: 'stopped', runs: closeRun(track, at), runningSince: null, stoppedAt: at } : track
    case 'restart':
      return track.phase === 'stopped' ? { ...track, phase: 'running', runningSince: at, stoppedAt: null } : track
    case 'finish':
      if (track.phase === 'finished') return track
      return { ...track, phase: 'finished', runs: closeRun(track, at), runningSince: null, stoppedAt: track.stoppedAt ?? at }
    case 'cancel':
      if (track.phase === 'finished') return track
      return { ...track, phase: 'finished', runs: closeRun(track, at), runningSince: null, stoppedAt: track.stoppedAt ?? at, canceled: true }
  }
}

/** The events that count at `now`, in canonical order, each with a time that never goes back. */
interface TimedEvent {
  event: IncidentEvent
  at: number
}

/**
 * Device clocks disagree, so `occurredAt` can run backwards along the canonical order; we clamp
 * each time to the one before it so no stretch has a negative length. Events stamped after `now`
 * (a device clock running ahead) have not happened yet at `now`, which keeps elapsed time
 * monotonic in `now`. Nothing before the IncidentLogged event counts: there is no clock yet.
 */
function timeline(events: readonly IncidentEvent[], now: number): { timed: TimedEvent[]; whole: boolean } | null {
  const sorted = [...unfoldEvents(events)].sort(compareEvents)
  const loggedIndex = sorted.findIndex((event) => event.type === 'IncidentLogged')
  if (loggedIndex < 0) return null
  const timed: TimedEvent[] = []
  let previous = -Infinity
  let whole = true
  for (const event of sorted.slice(loggedIndex)) {
    const at = Math.max(previous, parseInstant(event.occurredAt))
    if (timed.length > 0 && at > now) {
      whole = false
      break
    }
    timed.push({ event, at })
    previous = at
  }
  return { timed, whole }
}

function priorityInForce(timed: readonly TimedEvent[]): Priority {
  let priority: Priority | undefined
  for (const { event } of timed) {
    if (event.type === 'IncidentLogged' || event.type === 'IncidentPrioritized') priority = event.payload.priority
  }
  return priority!
}

/** The service the incident is filed under now, whose own SLA targets (if any) apply. */
function serviceInForce(timed: readonly TimedEvent[]): string | null {
  let service: string | null = null
  for (const { event } of timed) {
    if (event.type === 'IncidentLogged' || event.type === 'IncidentCategorized') service = event.payload.service
  }
  return service
}

function trackOf(timed: readonly TimedEvent[], actionOf: (event: IncidentEvent) => ClockAction | undefined): Track {
  let track = startTrack(timed[0]!.at)
  for (const { event, at } of timed.slice(1)) {
    const action = actionOf(event)
    if (action) track = applyAction(track, action, at)
  }
  return track
}

/**
 * Every stretch the clock ran up to `now`, the current one cut at `now` (or empty at its start
 * when that is later: an incident logged by a device whose clock runs ahead).
 */
function runsUntil(track: Track, now: number): Array<readonly [number, number]> {
  return track.runningSince === null ? track.runs : [...track.runs, [track.runningSince, Math.max(track.runningSince, now)] as const]
}

/** A stretch the clock ran, with the calendar it was counted on and the business time it counted. */
interface Stretch {
  start: number
  calendar: CompiledCalendar
  businessMillis: number
}

/** The instant the running stretches used up the target, if they did. */
function breachInstant(stretches: readonly Stretch[], targetMillis: number): number | null {
  let used = 0
  for (const { start, calendar, businessMillis } of stretches) {
    if (used + businessMillis >= targetMillis) return instantAfterBusinessMillis(calendar, start, targetMillis - used)
    used += businessMillis
  }
  return null
}

function statusOf(track: Track, elapsedMillis: number, targetMillis: number): SlaStatus {
  if (track.canceled) return 'canceled'
  const breached = elapsedMillis >= targetMillis * SLA_BREACH_THRESHOLD
  if (track.phase === 'stopped' || track.phase === 'finished') return breached ? 'missed' : 'met'
  if (breached) return 'breached'
  return elapsedMillis >= targetMillis * SLA_WARNING_THRESHOLD ? 'warning' : 'on_track'
}

interface ClockTerms {
  kind: SlaClockKind
  priority: Priority
  calendarId: string
  /** The calendar in force at the clock's reference instant: where a running clock's due date is projected. */
  calendar: CompiledCalendar
  targetMillis: number
  /** A stretch of running time cut where the rules changed (rulesHistory.ts); one piece without a history. */
  pieces: (start: number, end: number) => ReadonlyArray<{ start: number; end: number; calendar: CompiledCalendar }>
}

function clockOf(track: Track, terms: ClockTerms, now: number): SlaClock {
  const stretches = runsUntil(track, now)
    .flatMap(([start, end]) => terms.pieces(start, end))
    .map((piece) => ({ start: piece.start, calendar: piece.calendar, businessMillis: countBusinessMillis(piece.calendar, piece.start, piece.end) }))
  const elapsedMillis = stretches.reduce((sum, stretch) => sum + stretch.businessMillis, 0)
  const remainingMillis = terms.targetMillis - elapsedMillis
  const breachedAt = breachInstant(stretches, terms.targetMillis)
  const running = track.phase === 'running'
  const projectedDue = (): number => breachedAt ?? instantAfterBusinessMillis(terms.calendar, Math.max(now, track.runningSince ?? now), remainingMillis)
  return {
    target: terms.kind,
    priority: terms.priority,
    calendarId: terms.calendarId,
    targetMillis: terms.targetMillis,
    elapsedMillis,
    remainingMillis,
    percent: (elapsedMillis / terms.targetMillis) * 100,
    status: statusOf(track, elapsedMillis, terms.targetMillis),
    running,
    paused: track.phase === 'paused',
    dueAt: running ? formatInstant(projectedDue()) : null,
    breachedAt: breachedAt === null ? null : formatInstant(breachedAt),
    stoppedAt: track.stoppedAt === null ? null : formatInstant(track.stoppedAt),
  }
}

function calendarFor(calendars: Readonly<Record<string, BusinessCalendar>>, calendarId: string): BusinessCalendar {
  const calendar = Object.hasOwn(calendars, calendarId) ? calendars[calendarId] : undefined
  if (!calendar) throw new RangeError(`SLA calendar "${calendarId}" does not exist; validate the policy with validateSlaPolicy.`)
  return calendar
}

/**
 * Both SLA clocks of one incident at `now`, or null when the events hold no IncidentLogged (an
 * incident whose older events are not loaded yet has no known start).
 *
 * Both clocks start when the incident is logged. The response clock stops at the first
 * acknowledgement, assignment to a person, or resolution; the resolution clock stops at
 * resolution and picks up where it left off on reopen. Both pause while On Hold and stop for good
 * at Closed or Canceled.
 *
 * The targets and calendar are those of the priority in force at `now`, applied to the whole
 * history: raising P4 to P2 after a day judges the incident as if it had always been P2 (as
 * ServiceNow does when a priority change reattaches an SLA with a retroactive start). The
 * clock is honest about what the promise is *now*, at the cost of a clock that can jump into
 * warning on re-prioritization, which is exactly when people need to look.
 *
 * An incident of a service with targets of its own (config/services.ts) is judged by those.
 *
 * With a history of the rules (`rules.slaHistory`, rulesHistory.ts), each clock is judged by the targets in force
 * when it ended, or now while it runs, and counted on the calendar in force over each stretch it
 * ran: a later change of the rules leaves a finished clock as it was.
 *
 * Events are sorted with `compareEvents` here; the caller's order is not trusted.
 */
export function computeSlaClocks(events: readonly IncidentEvent[], rules: SlaRules & { slaHistory?: SlaRulesHistory }, nowIso: string): SlaClocks | null {
  const now = parseInstant(nowIso)
  const read = readSlaTracks(events, now)
  return read && clocksOfTracks(read.tracks, rules, now)
}

/**
 * An incident's history reduced to what its SLA clocks depend on: the priority and service in
 * force, and each clock's stretches of running time. The clocks are a function of these and the
 * rules alone, so the desk keeps them on a running incident's row and projects its deadlines
 * again after a change of the rules without reading its events (a calendar change at 100k).
 */
export interface SlaTracks {
  priority: Priority
  service: string | null
  response: Track
  resolution: Track
  /** The last event's instant (epoch ms): the tracks hold for any `now` from there on. */
  lastAt: number
}

/**
 * The tracks of `events` as of `now`; `whole` says whether every event counted (none was stamped
 * after `now` by a device clock running ahead), which is when the tracks stand for the history
 * at any later `now` too.
 */
export function readSlaTracks(events: readonly IncidentEvent[], now: number): { tracks: SlaTracks; whole: boolean } | null {
  const read = timeline(events, now)
  if (!read) return null
  const { timed, whole } = read
  return {
    tracks: {
      priority: priorityInForce(timed),
      service: serviceInForce(timed),
      response: trackOf(timed, responseAction),
      resolution: trackOf(timed, resolutionAction),
      lastAt: timed[timed.length - 1]!.at,
    },
    whole,
  }
}

/** Both clocks from their tracks at `now` (epoch ms, not before `tracks.lastAt`). */
export function clocksOfTracks(tracks: SlaTracks, rules: SlaRules & { slaHistory?: SlaRulesHistory }, now: number): SlaClocks {
  const { priority, service, response, resolution } = tracks
  const history = rules.slaHistory ?? []
  const targetsIn = (version: SlaRules) => targetsFor(version.slaPolicy, version.services, service, priority)
  if (history.length <= 1) {
    const targets = targetsIn(rules)
    const calendar = compiledCalendar(calendarFor(rules.calendars, targets.calendarId))
    const terms = (kind: SlaClockKind, minutes: number): ClockTerms => ({
      kind,
      priority,
      calendarId: targets.calendarId,
      calendar,
      targetMillis: minutes * 60_000,
      pieces: (start, end) => [{ start, end, calendar }],
    })
    return { response: clockOf(response, terms('response', targets.responseMinutes), now), resolution: clockOf(resolution, terms('resolution', targets.resolutionMinutes), now) }
  }
  // Effective-dated: each clock is judged by the targets in force when it ended (or now, while
  // it runs) and counted on the calendar in force over each stretch it ran (rulesHistory.ts).
  const datedTerms = (track: Track, kind: SlaClockKind): ClockTerms => {
    const reference = track.phase === 'stopped' || track.phase === 'finished' ? Math.min(track.stoppedAt ?? now, now) : now
    const version = versionAt(history, reference)
    const targets = targetsIn(version)
    const calendar = compiledCalendar(calendarFor(version.calendars, targets.calendarId))
    const minutes = kind === 'response' ? targets.responseMinutes : targets.resolutionMinutes
    const calendarOf = (then: SlaRules) => compiledCalendar(calendarFor(then.calendars, targetsIn(then).calendarId))
    return { kind, priority, calendarId: targets.calendarId, calendar, targetMillis: minutes * 60_000, pieces: (start, end) => piecesOf(history, calendarOf, start, end) }
  }
  return { response: clockOf(response, datedTerms(response, 'response'), now), resolution: clockOf(resolution, datedTerms(resolution, 'resolution'), now) }
}
