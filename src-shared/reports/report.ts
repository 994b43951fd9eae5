import type { DomainConfig } from '../config/domainConfig'
import { LEVEL_LABELS, SUPPORT_LEVELS } from '../incident/levels'
import { PRIORITIES, PRIORITY_LABELS, type Priority } from '../incident/priority'
import type { Actor } from '../incident/roles'
import { canSeeSecurityIncidents } from '../incident/visibility'
import { CHANNEL_LABELS, CHANNELS } from '../incident/vocabulary'
import { formatInstant, parseInstant } from '../sla/calendar'
import { incidentFacts, type IncidentFacts, type IncidentHistory } from './incidentFacts'
import { reportTimeZone, validateRange, type ReportRange } from './range'
import { BACKLOG_BUCKETS, emptyTally, mergeTally, tallyBacklog, tallyMajor, tallyMeasures, type Compliance, type MeanTally, type ReportTally } from './reportTally'

/**
 * Reports over a date range (issue #5), computed from the events a desk holds: a pure function of
 * (events, range, now, config, viewer), so any two desks that hold the same events show the same
 * figures, online or not. Nothing reads the device clock or zone: `now` is passed in, the zone
 * comes from the configured calendars, events are taken in canonical order (sla/clock.ts rules),
 * and every sum is of whole milliseconds, exact whatever order incidents are added in.
 *
 * Each figure carries the sentence that says how it is computed, so the screen, a CSV and this
 * file cannot drift apart.
 */

/**
 * What a number measures.
 * - `duration`: milliseconds.
 * - `ratio`: a share between 0 and 1 (shown as a percentage).
 * - `count`: how many incidents.
 */
export type FigureUnit = 'duration' | 'ratio' | 'count'

export interface ReportFigure {
  id: string
  label: string
  /** Null when there is nothing to compute it over (no incident in its basis). */
  value: number | null
  unit: FigureUnit
  /** How many incidents the figure is computed over. */
  basis: number
  howComputed: string
}

/** A table column; `text` and `instant` (ISO) cells are strings, the others numbers as in {@link FigureUnit}. */
export interface ReportColumn {
  id: string
  label: string
  unit: FigureUnit | 'text' | 'instant'
}

export type ReportCell = string | number | null

export interface ReportTable {
  id: string
  title: string
  howComputed: string
  columns: readonly ReportColumn[]
  rows: ReadonlyArray<readonly ReportCell[]>
}

export interface Report {
  range: ReportRange
  /** The instant figures are taken at: the end of the range, or `now` when the range ends later. */
  asOf: string
  timeZone: string
  figures: ReportFigure[]
  /** By id: `sla`, `backlog`, `category`, `level`, `channel`, `major`. */
  tables: Record<ReportTableId, ReportTable>
  /**
   * Histories added that were visible to the viewer and logged by `asOf`. Depends on what the
   * caller chose to add (the screen skips incidents that cannot matter: see mayAffectReport), so
   * unlike the figures it is not the same on every desk.
   */
  incidentsRead: number
  /** Incidents held without their IncidentLogged event (snapshot desks): not in any figure. */
  incompleteHistories: number
}

export const REPORT_TABLE_IDS = ['sla', 'backlog', 'category', 'level', 'channel', 'major'] as const
export type ReportTableId = (typeof REPORT_TABLE_IDS)[number]

export interface ReportOptions {
  range: ReportRange
  nowIso: string
  config: DomainConfig
  /** Who is looking: security incidents count only when this person may see them. */
  viewer: Actor
}

export { BACKLOG_BUCKETS, UNCATEGORIZED_LABEL } from './reportTally'

/** The definitions, one sentence each, shown beside the figures. */
export const HOW_COMPUTED = {
  logged: 'Incidents logged in the range, canceled ones (duplicates, logged in error) left out.',
  resolved: 'Incidents whose first resolution falls in the range, canceled ones left out.',
  canceled: 'Incidents logged in the range and canceled by its end.',
  mttaWall:
    'Mean time to acknowledge: for incidents logged in the range that had a first response by its end (assignment to a person, acknowledgement, or resolution: the SLA response clock), the mean of first response − logged, in wall-clock time.',
  mttaBusiness:
    'As MTTA, but counting only open hours of the SLA calendar of the incident’s priority, On Hold time excluded (the SLA response clock’s elapsed time).',
  mttrWall: 'Mean time to resolve: for incidents first resolved in the range, the mean of first resolution − logged, in wall-clock time (nights, weekends and On Hold included).',
  mttrBusiness:
    'As MTTR, but in business time: open hours of the SLA calendar of the priority in force at the resolution, On Hold time excluded (the SLA resolution clock’s elapsed time when first resolved).',
  slaResponse:
    'Response SLA compliance: met ÷ (met + breached) over incidents whose response target was met in the range, or fell due in the range without being met. Canceled incidents count neither way. Priority is the one in force at the end of the range.',
  slaResolution:
    'Resolution SLA compliance: met ÷ (met + breached) over incidents whose resolution clock stopped within target in the range, or used up its target in the range. A reopened incident is judged on its latest resolution.',
  escalationRate: 'Incidents logged in the range with at least one functional escalation (to a higher level) by its end ÷ incidents logged in the range.',
  reopenRate: 'Incidents first resolved in the range that were reopened at least once by its end ÷ incidents first resolved in the range.',
  fcr: 'First-contact resolution: incidents first resolved in the range while at L1, with no functional escalation by the end of the range ÷ incidents first resolved in the range.',
  backlog:
    'Incidents open at the end of the range (New, In Progress or On Hold), by wall-clock age since logging: under 1 day, 1–3, 3–7, 7–30, 30 days or more (each bucket includes its lower bound).',
  category: 'Incidents logged in the range, canceled ones left out, by category as it stood at the end of the range (categorization often follows logging).',
  level: 'Incidents logged in the range, canceled ones left out, by the support level they were logged at (where they first arrived; escalations are in the escalation rate).',
  channel: 'Incidents logged in the range, canceled ones left out, by the channel they came in through.',
  major:
    'Major incidents whose declared-to-resolved span overlaps the range: declared before its end, and not resolved before its start. Duration is first resolution after declaration − declaration, in wall-clock time; an unresolved one runs to the end of the range (or to now), a canceled one to its cancellation.',
} as const

/**
 * Adds incidents one at a time (or a chunk at a time, so a screen can show progress and never
 * freeze) and gives the report at the end. The result does not depend on the order incidents
 * are added in.
 */
export interface ReportBuilder {
  add(history: IncidentHistory): void
  /**
   * Adds facts already worked out for this report's `asOf` (see factsAsOf), as `add` would from
   * the history. Security incidents the viewer may not see are skipped here too.
   */
  addFacts(facts: IncidentFacts): void
  /** Adds (or, with -1, takes back) sums already kept per day for incidents settled before `asOf` (dayAggregates.ts). */
  addTally(tally: ReportTally, sign?: 1 | -1): void
  /** Counts an incident held without its IncidentLogged event. */
  addIncomplete(): void
  /** Counts incidents whose figures came in through addTally, for incidentsRead. */
  addRead(count: number): void
  finish(): Report
}

/** The report's window: [from, to), taken at `asOf`. */
export interface ReportWindow {
  from: number
  to: number
  asOf: number
}

export function reportWindow(options: Pick<ReportOptions, 'range' | 'nowIso'>): ReportWindow {
  const problem = validateRange(options.range)
  if (problem) throw new RangeError(problem)
  const from = parseInstant(options.range.from)
  const to = parseInstant(options.range.to)
  // Figures are taken at the end of the range; a range still running is taken at now.
  return { from, to, asOf: Math.min(to, parseInstant(options.nowIso)) }
}

export function createReportBuilder(options: ReportOptions): ReportBuilder {
  const { from, to, asOf } = reportWindow(options)
  const seesSecurity = canSeeSecurityIncidents(options.viewer.role)
  const inRange = (at: number): boolean => at >= from && at < to && at <= asOf

  let incidentsRead = 0
  let incomplete = 0
  const tally = emptyTally()

  function addFacts(facts: IncidentFacts): void {
    if (facts.isSecurityNow && !seesSecurity) return
    incidentsRead++
    tallyMeasures(tally, facts, inRange)
    tallyBacklog(tally, facts, asOf)
    tallyMajor(tally, facts, from, to)
  }

  return {
    add(history) {
      const facts = incidentFacts(history, from, asOf, options.config)
      if (!facts) {
        // Logged after the range: not part of it. No IncidentLogged at all: history incomplete.
        if (!history.events.some((event) => event.type === 'IncidentLogged')) incomplete++
        return
      }
      addFacts(facts)
    },
    addFacts,
    addTally(part, sign = 1) {
      mergeTally(tally, part, sign)
    },
    addIncomplete() {
      incomplete++
    },
    addRead(count) {
      incidentsRead += count
    },
    finish() {
      return {
        range: options.range,
        asOf: formatInstant(asOf),
        timeZone: reportTimeZone(options.config),
        figures: figures(),
        tables: {
          sla: slaTable(),
          backlog: {
            id: 'backlog',
            title: 'Backlog by age',
            howComputed: HOW_COMPUTED.backlog,
            columns: [
              { id: 'age', label: 'Age', unit: 'text' },
              { id: 'open', label: 'Open incidents', unit: 'count' },
            ],
            rows: BACKLOG_BUCKETS.map((bucket, index) => [bucket.label, tally.backlog[index]!]),
          },
          category: volumeTable('category', 'Volume by category', HOW_COMPUTED.category, 'Category', sortedVolume(tally.byCategory)),
          level: volumeTable('level', 'Volume by level', HOW_COMPUTED.level, 'Level', SUPPORT_LEVELS.map((level) => [LEVEL_LABELS[level], tally.byLevel[level] ?? 0] as const)),
          channel: volumeTable('channel', 'Volume by channel', HOW_COMPUTED.channel, 'Channel', CHANNELS.map((channel) => [CHANNEL_LABELS[channel], tally.byChannel[channel] ?? 0] as const)),
          major: majorTable(),
        },
        incidentsRead,
        incompleteHistories: incomplete,
      }
    },
  }

  function figures(): ReportFigure[] {
    const { logged, resolved, canceled, escalated, reopened, firstContact, backlog } = tally
    const totalResponse = sumCompliance(tally.response)
    const totalResolution = sumCompliance(tally.resolution)
    return [
      count('logged', 'Logged', logged, HOW_COMPUTED.logged),
      count('resolved', 'Resolved', resolved, HOW_COMPUTED.resolved),
      count('backlog', 'Open at end of range', backlog.reduce((sum, value) => sum + value, 0), HOW_COMPUTED.backlog),
      count('canceled', 'Canceled', canceled, HOW_COMPUTED.canceled),
      mean('mtta', 'MTTA (wall clock)', tally.mttaWall, HOW_COMPUTED.mttaWall),
      mean('mttaBusiness', 'MTTA (business hours)', tally.mttaBusiness, HOW_COMPUTED.mttaBusiness),
      mean('mttr', 'MTTR (wall clock)', tally.mttrWall, HOW_COMPUTED.mttrWall),
      mean('mttrBusiness', 'MTTR (business hours)', tally.mttrBusiness, HOW_COMPUTED.mttrBusiness),
      ratio('slaResponse', 'Response SLA met', totalResponse.met, totalResponse.met + totalResponse.breached, HOW_COMPUTED.slaResponse),
      ratio('slaResolution', 'Resolution SLA met', totalResolution.met, totalResolution.met + totalResolution.breached, HOW_COMPUTED.slaResolution),
      ratio('escalationRate', 'Escalation rate', escalated, logged, HOW_COMPUTED.escalationRate),
      ratio('reopenRate', 'Reopen rate', reopened, resolved, HOW_COMPUTED.reopenRate),
      ratio('fcr', 'First-contact resolution', firstContact, resolved, HOW_COMPUTED.fcr),
    ]
  }

  function slaTable(): ReportTable {
    const row = (label: string, responseTally: Compliance, resolutionTally: Compliance): ReportCell[] => [
      label,
      responseTally.met,
      responseTally.breached,
      share(responseTally.met, responseTally.met + responseTally.breached),
      resolutionTally.met,
      resolutionTally.breached,
      share(resolutionTally.met, resolutionTally.met + resolutionTally.breached),
    ]
    return {
      id: 'sla',
      title: 'SLA compliance by priority',
      howComputed: `${HOW_COMPUTED.slaResponse} ${HOW_COMPUTED.slaResolution}`,
      columns: [
        { id: 'priority', label: 'Priority', unit: 'text' },
        { id: 'responseMet', label: 'Response met', unit: 'count' },
        { id: 'responseBreached', label: 'Response breached', unit: 'count' },
        { id: 'responseCompliance', label: 'Response compliance', unit: 'ratio' },
        { id: 'resolutionMet', label: 'Resolution met', unit: 'count' },
        { id: 'resolutionBreached', label: 'Resolution breached', unit: 'count' },
        { id: 'resolutionCompliance', label: 'Resolution compliance', unit: 'ratio' },
      ],
      rows: [
        ...PRIORITIES.map((priority) => row(PRIORITY_LABELS[priority], tally.response[priority], tally.resolution[priority])),
        row('All priorities', sumCompliance(tally.response), sumCompliance(tally.resolution)),
      ],
    }
  }

  function majorTable(): ReportTable {
    const rows = Object.values(tally.majors)
      .sort((a, b) => a.declaredAt - b.declaredAt || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0))
      .map((major): ReportCell[] => [
        major.number,
        major.shortDescription,
        PRIORITY_LABELS[major.priority],
        formatInstant(major.declaredAt),
        major.endedAt === null ? null : formatInstant(major.endedAt),
        (major.endedAt ?? asOf) - major.declaredAt,
        major.endedBy === 'resolved' ? 'Resolved' : major.endedBy === 'canceled' ? 'Canceled' : 'Ongoing',
      ])
    return {
      id: 'major',
      title: 'Major incidents',
      howComputed: HOW_COMPUTED.major,
      columns: [
        { id: 'number', label: 'Number', unit: 'text' },
        { id: 'shortDescription', label: 'Short description', unit: 'text' },
        { id: 'priority', label: 'Priority', unit: 'text' },
        { id: 'declaredAt', label: 'Declared', unit: 'instant' },
        { id: 'endedAt', label: 'Ended', unit: 'instant' },
        { id: 'duration', label: 'Duration', unit: 'duration' },
        { id: 'status', label: 'Status', unit: 'text' },
      ],
      rows,
    }
  }
}

/** Volume rows: name, count and share of the total. */
function volumeTable(id: ReportTableId, title: string, howComputed: string, nameLabel: string, counts: ReadonlyArray<readonly [string, number]>): ReportTable {
  const total = counts.reduce((sum, [, value]) => sum + value, 0)
  return {
    id,
    title,
    howComputed,
    columns: [
      { id: 'name', label: nameLabel, unit: 'text' },
      { id: 'count', label: 'Incidents', unit: 'count' },
      { id: 'share', label: 'Share', unit: 'ratio' },
    ],
    rows: counts.map(([name, value]) => [name, value, share(value, total)]),
  }
}

/** Most first; equal counts by name, so the order is the same on every desk. */
function sortedVolume(counts: Readonly<Record<string, number>>): Array<readonly [string, number]> {
  return Object.entries(counts).sort(([nameA, a], [nameB, b]) => b - a || (nameA < nameB ? -1 : nameA > nameB ? 1 : 0))
}

function sumCompliance(tally: Readonly<Record<Priority, Compliance>>): Compliance {
  let met = 0
  let breached = 0
  for (const priority of PRIORITIES) {
    met += tally[priority].met
    breached += tally[priority].breached
  }
  return { met, breached }
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole
}

function count(id: string, label: string, value: number, howComputed: string): ReportFigure {
  return { id, label, value, unit: 'count', basis: value, howComputed }
}

/** Mean of whole milliseconds, rounded to the millisecond. */
function mean(id: string, label: string, tally: MeanTally, howComputed: string): ReportFigure {
  return { id, label, value: tally.count === 0 ? null : Math.round(tally.sum / tally.count), unit: 'duration', basis: tally.count, howComputed }
}

function ratio(id: string, label: string, part: number, whole: number, howComputed: string): ReportFigure {
  return { id, label, value: share(part, whole), unit: 'ratio', basis: whole, howComputed }
}

/** The whole report in one call, for histories already in memory. */
export function computeReport(histories: Iterable<IncidentHistory>, options: ReportOptions): Report {
  const builder = createReportBuilder(options)
  for (const history of histories) builder.add(history)
  return builder.finish()
}
