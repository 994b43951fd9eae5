import type { DomainConfig } from '../config/domainConfig'
import { LEVEL_LABELS, SUPPORT_LEVELS, type SupportLevel } from '../incident/levels'
import { PRIORITIES, PRIORITY_LABELS, type Priority } from '../incident/priority'
import type { Actor } from '../incident/roles'
import { canSeeSecurityIncidents } from '../incident/visibility'
import { CHANNEL_LABELS, CHANNELS, type Channel } from '../incident/vocabulary'
import { formatInstant, parseInstant } from '../sla/calendar'
import type { SlaClock } from '../sla/clock'
import { incidentFacts, type IncidentFacts, type IncidentHistory } from './incidentFacts'
import { reportTimeZone, validateRange, type ReportRange } from './range'

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

const DAY_MS = 86_400_000

/** Backlog age buckets, [lower, upper) in days of wall-clock age at the end of the range. */
export const BACKLOG_BUCKETS = [
  { id: 'lt1d', label: 'Under 1 day', fromDays: 0, toDays: 1 },
  { id: '1to3d', label: '1–3 days', fromDays: 1, toDays: 3 },
  { id: '3to7d', label: '3–7 days', fromDays: 3, toDays: 7 },
  { id: '7to30d', label: '7–30 days', fromDays: 7, toDays: 30 },
  { id: 'gt30d', label: '30 days or more', fromDays: 30, toDays: Infinity },
] as const

export const UNCATEGORIZED_LABEL = 'Uncategorized'

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

interface Mean {
  sum: number
  count: number
}

interface Compliance {
  met: number
  breached: number
}

interface MajorRow {
  number: string
  shortDescription: string
  priority: Priority
  declaredAt: number
  endedAt: number | null
  endedBy: IncidentFacts['majorEndedBy']
}

/**
 * Adds incidents one at a time (or a chunk at a time, so a screen can show progress and never
 * freeze) and gives the report at the end. The result does not depend on the order incidents
 * are added in.
 */
export interface ReportBuilder {
  add(history: IncidentHistory): void
  finish(): Report
}

export function createReportBuilder(options: ReportOptions): ReportBuilder {
  const problem = validateRange(options.range)
  if (problem) throw new RangeError(problem)
  const from = parseInstant(options.range.from)
  const to = parseInstant(options.range.to)
  const now = parseInstant(options.nowIso)
  // Figures are taken at the end of the range; a range still running is taken at now.
  const asOf = Math.min(to, now)
  const seesSecurity = canSeeSecurityIncidents(options.viewer.role)
  const inRange = (at: number | null): at is number => at !== null && at >= from && at < to && at <= asOf

  let incidentsRead = 0
  let incomplete = 0
  let logged = 0
  let canceled = 0
  let resolved = 0
  let escalated = 0
  let reopened = 0
  let firstContact = 0
  const mttaWall: Mean = { sum: 0, count: 0 }
  const mttaBusiness: Mean = { sum: 0, count: 0 }
  const mttrWall: Mean = { sum: 0, count: 0 }
  const mttrBusiness: Mean = { sum: 0, count: 0 }
  const response = new Map<Priority, Compliance>(PRIORITIES.map((priority) => [priority, { met: 0, breached: 0 }]))
  const resolution = new Map<Priority, Compliance>(PRIORITIES.map((priority) => [priority, { met: 0, breached: 0 }]))
  const backlog = BACKLOG_BUCKETS.map(() => 0)
  const byCategory = new Map<string, number>()
  const byLevel = new Map<SupportLevel, number>()
  const byChannel = new Map<Channel, number>()
  const majors: MajorRow[] = []

  function judge(clock: SlaClock, tally: Map<Priority, Compliance>): void {
    const entry = tally.get(clock.priority)!
    if (clock.status === 'met' && clock.stoppedAt !== null && inRange(parseInstant(clock.stoppedAt))) entry.met++
    else if ((clock.status === 'missed' || clock.status === 'breached') && clock.breachedAt !== null && inRange(parseInstant(clock.breachedAt))) entry.breached++
  }

  function addFacts(facts: IncidentFacts): void {
    const isCanceled = facts.stateAtAsOf === 'canceled'
    const loggedInRange = inRange(facts.loggedAt)
    if (facts.clocks) {
      judge(facts.clocks.response, response)
      judge(facts.clocks.resolution, resolution)
    }
    if (loggedInRange && isCanceled) canceled++
    if (loggedInRange && !isCanceled) {
      logged++
      if (facts.firstResponseAt !== null) {
        mttaWall.sum += facts.firstResponseAt - facts.loggedAt
        mttaWall.count++
        mttaBusiness.sum += facts.businessMillisToFirstResponse!
        mttaBusiness.count++
      }
      if (facts.functionalEscalations > 0) escalated++
      const category = facts.categoryAtAsOf ?? UNCATEGORIZED_LABEL
      byCategory.set(category, (byCategory.get(category) ?? 0) + 1)
      byLevel.set(facts.levelAtLogging, (byLevel.get(facts.levelAtLogging) ?? 0) + 1)
      byChannel.set(facts.channelAtAsOf, (byChannel.get(facts.channelAtAsOf) ?? 0) + 1)
    }
    if (!isCanceled && inRange(facts.firstResolvedAt)) {
      resolved++
      mttrWall.sum += facts.firstResolvedAt - facts.loggedAt
      mttrWall.count++
      mttrBusiness.sum += facts.businessMillisToFirstResolution!
      mttrBusiness.count++
      if (facts.reopens > 0) reopened++
      if (facts.levelAtFirstResolution === 1 && facts.functionalEscalations === 0) firstContact++
    }
    if (facts.stateAtAsOf === 'new' || facts.stateAtAsOf === 'in_progress' || facts.stateAtAsOf === 'on_hold') {
      const ageDays = (asOf - facts.loggedAt) / DAY_MS
      const bucket = BACKLOG_BUCKETS.findIndex((candidate) => ageDays >= candidate.fromDays && ageDays < candidate.toDays)
      backlog[bucket]!++
    }
    if (facts.majorDeclaredAt !== null && facts.majorDeclaredAt < to && (facts.majorEndedAt === null || facts.majorEndedAt >= from)) {
      majors.push({
        number: facts.number,
        shortDescription: facts.shortDescription,
        priority: facts.priorityAtAsOf,
        declaredAt: facts.majorDeclaredAt,
        endedAt: facts.majorEndedAt,
        endedBy: facts.majorEndedBy,
      })
    }
  }

  return {
    add(history) {
      const facts = incidentFacts(history, from, asOf, options.config)
      if (!facts) {
        // Logged after the range: not part of it. No IncidentLogged at all: history incomplete.
        if (!history.events.some((event) => event.type === 'IncidentLogged')) incomplete++
        return
      }
      if (facts.isSecurityNow && !seesSecurity) return
      incidentsRead++
      addFacts(facts)
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
            rows: BACKLOG_BUCKETS.map((bucket, index) => [bucket.label, backlog[index]!]),
          },
          category: volumeTable('category', 'Volume by category', HOW_COMPUTED.category, 'Category', sortedVolume(byCategory, (name) => name)),
          level: volumeTable('level', 'Volume by level', HOW_COMPUTED.level, 'Level', SUPPORT_LEVELS.map((level) => [LEVEL_LABELS[level], byLevel.get(level) ?? 0] as const)),
          channel: volumeTable('channel', 'Volume by channel', HOW_COMPUTED.channel, 'Channel', CHANNELS.map((channel) => [CHANNEL_LABELS[channel], byChannel.get(channel) ?? 0] as const)),
          major: majorTable(),
        },
        incidentsRead,
        incompleteHistories: incomplete,
      }
    },
  }

  function figures(): ReportFigure[] {
    const totalResponse = sumCompliance(response)
    const totalResolution = sumCompliance(resolution)
    return [
      count('logged', 'Logged', logged, HOW_COMPUTED.logged),
      count('resolved', 'Resolved', resolved, HOW_COMPUTED.resolved),
      count('backlog', 'Open at end of range', backlog.reduce((sum, value) => sum + value, 0), HOW_COMPUTED.backlog),
      count('canceled', 'Canceled', canceled, HOW_COMPUTED.canceled),
      mean('mtta', 'MTTA (wall clock)', mttaWall, HOW_COMPUTED.mttaWall),
      mean('mttaBusiness', 'MTTA (business hours)', mttaBusiness, HOW_COMPUTED.mttaBusiness),
      mean('mttr', 'MTTR (wall clock)', mttrWall, HOW_COMPUTED.mttrWall),
      mean('mttrBusiness', 'MTTR (business hours)', mttrBusiness, HOW_COMPUTED.mttrBusiness),
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
        ...PRIORITIES.map((priority) => row(PRIORITY_LABELS[priority], response.get(priority)!, resolution.get(priority)!)),
        row('All priorities', sumCompliance(response), sumCompliance(resolution)),
      ],
    }
  }

  function majorTable(): ReportTable {
    const rows = [...majors]
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
function sortedVolume(counts: ReadonlyMap<string, number>, label: (key: string) => string): Array<readonly [string, number]> {
  return [...counts]
    .sort(([nameA, a], [nameB, b]) => b - a || (nameA < nameB ? -1 : nameA > nameB ? 1 : 0))
    .map(([name, value]) => [label(name), value] as const)
}

function sumCompliance(tally: ReadonlyMap<Priority, Compliance>): Compliance {
  let met = 0
  let breached = 0
  for (const entry of tally.values()) {
    met += entry.met
    breached += entry.breached
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
function mean(id: string, label: string, tally: Mean, howComputed: string): ReportFigure {
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
