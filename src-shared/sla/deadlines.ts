import { compiledCalendar, type SlaRules, type SlaRulesHistory } from './rulesHistory'
import type { EventType, IncidentEvent } from '../events/events'
import { formatInstant, instantAfterBusinessMillis, parseInstant, type BusinessCalendar } from './calendar'
import { clocksOfTracks, readSlaTracks, type SlaClock, type SlaClockKind, type SlaTracks } from './clock'
import { SLA_WARNING_THRESHOLD } from './policy'

/**
 * The instants the queue sorts and filters on: when the running SLA clock reaches its warning
 * share and its target. Stored on the projection at commit time so that "breached" and
 * "due soonest" are index range reads (now ≥ dueAt), never a clock computed per row.
 * A running clock's deadlines do not move with time; they change only when an event changes
 * the clock (hold, resume, resolve, reopen, a new priority), which is when they are recomputed.
 */
export interface SlaDeadlines {
  /** The clock the deadlines belong to: the response while nobody has responded, else the resolution. */
  clock: SlaClockKind | null
  /** When the warning share (75 %) is or was reached; null unless a clock runs. */
  warningAt: string | null
  /** When the target is or was reached; null unless a clock runs (paused or stopped clocks are not due). */
  dueAt: string | null
  /**
   * While a clock runs: its history reduced to what the deadlines depend on (clock.ts), kept on the
   * desk's row so a change of the rules moves the deadlines without reading the events again.
   * Absent when no clock runs, or when an event is stamped after `now` (the tracks would not hold later).
   */
  tracks?: SlaTracks
}

export const NO_SLA_DEADLINES: SlaDeadlines = { clock: null, warningAt: null, dueAt: null }

/** Events that can move an SLA clock; only these make a commit recompute the deadlines. */
export const SLA_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'IncidentLogged',
  'IncidentImported',
  'IncidentPrioritized',
  'IncidentAssigned',
  'IncidentAcknowledged',
  'IncidentPutOnHold',
  'IncidentResumed',
  'IncidentResolved',
  'IncidentReopened',
  'IncidentClosed',
  'IncidentCanceled',
])

export function affectsSla(events: readonly Pick<IncidentEvent, 'type'>[]): boolean {
  return events.some((event) => SLA_EVENT_TYPES.has(event.type))
}

function deadlinesOf(clock: SlaClock, calendar: BusinessCalendar, nowIso: string): SlaDeadlines {
  const warningMillis = clock.targetMillis * SLA_WARNING_THRESHOLD - clock.elapsedMillis
  return {
    clock: clock.target,
    // Past the warning share already: the exact instant no longer matters for "now ≥ warningAt".
    // The calendar compiled once (rulesHistory.ts), not once per incident: a recompute does thousands.
    // A clock already past its due instant was past its warning then too: the due instant stands
    // in, so a breach long ago (an imported incident's, say) never reads as a warning crossed now.
    warningAt:
      warningMillis > 0
        ? formatInstant(instantAfterBusinessMillis(compiledCalendar(calendar), parseInstant(nowIso), warningMillis))
        : clock.dueAt !== null && parseInstant(clock.dueAt) < parseInstant(nowIso)
          ? clock.dueAt
          : nowIso,
    dueAt: clock.dueAt,
  }
}

type SlaRulesInForce = SlaRules & { slaHistory?: SlaRulesHistory }

/** The deadlines of an incident's running SLA clock as of `nowIso`. */
export function slaDeadlines(events: readonly IncidentEvent[], rules: SlaRulesInForce, nowIso: string): SlaDeadlines {
  const now = parseInstant(nowIso)
  const read = readSlaTracks(events, now)
  if (!read) return NO_SLA_DEADLINES
  const deadlines = deadlinesOfRunningClock(read.tracks, rules, now, nowIso)
  return read.whole && deadlines.clock !== null ? { ...deadlines, tracks: read.tracks } : deadlines
}

/**
 * The same deadlines from the tracks a row keeps (`SlaDeadlines.tracks`), without the history;
 * undefined when `nowIso` is before the tracks' last event, where only the history can tell.
 */
export function slaDeadlinesOfTracks(tracks: SlaTracks, rules: SlaRulesInForce, nowIso: string): SlaDeadlines | undefined {
  const now = parseInstant(nowIso)
  if (now < tracks.lastAt) return undefined
  const deadlines = deadlinesOfRunningClock(tracks, rules, now, nowIso)
  return deadlines.clock !== null ? { ...deadlines, tracks } : deadlines
}

/**
 * The deadlines of whichever clock runs. Only a running clock has deadlines, so a finished,
 * stopped or paused pair is not counted on the calendar at all (most of an import of closed
 * incidents' SLA work).
 */
function deadlinesOfRunningClock(tracks: SlaTracks, rules: SlaRulesInForce, now: number, nowIso: string): SlaDeadlines {
  if (tracks.response.phase !== 'running' && tracks.resolution.phase !== 'running') return NO_SLA_DEADLINES
  const clocks = clocksOfTracks(tracks, rules, now)
  const running = [clocks.response, clocks.resolution].find((clock) => clock.running && clock.dueAt)
  if (!running) return NO_SLA_DEADLINES
  return deadlinesOf(running, rules.calendars[running.calendarId]!, nowIso)
}
