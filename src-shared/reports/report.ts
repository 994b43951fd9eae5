import type { DomainConfig } from '../config/domainConfig'
import { isCreation } from '../events/importedEvents'
import { SUPPORT_LEVELS } from '../incident/levels'
import { PRIORITIES, type Priority } from '../incident/priority'
import type { Actor } from '../incident/roles'
import { canSeeSecurityIncidents } from '../incident/visibility'
import { CHANNELS } from '../incident/vocabulary'
import { formatInstant, parseInstant } from '../sla/calendar'
import { incidentFacts, type IncidentFacts, type IncidentHistory } from './incidentFacts'
import { reportTimeZone, validateRange, type ReportRange } from './range'
import type { AnyLocale } from '../i18n/locales'
import type { MessageId } from '../i18n/catalog'
import { translatorFor, type Translator } from '../i18n/translator'
import { BACKLOG_BUCKETS, emptyTally, meanOfTimes, medianOfTimes, mergeTally, tallyBacklog, timesCounted, tallyMajor, tallyMeasures, UNCATEGORIZED_LABEL, type Compliance, type MeanTally, type ReportTally } from './reportTally'

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
  /** By id: `sla`, `priority`, `backlog`, `category`, `level`, `channel`, `major`. */
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

export const REPORT_TABLE_IDS = ['sla', 'priority', 'backlog', 'category', 'level', 'channel', 'major'] as const
export type ReportTableId = (typeof REPORT_TABLE_IDS)[number]

export interface ReportOptions {
  range: ReportRange
  nowIso: string
  config: DomainConfig
  /** Who is looking: security incidents count only when this person may see them. */
  viewer: Actor
  /** The language the report's titles, labels and definitions are written in; English when not given. */
  locale?: AnyLocale
}

export { BACKLOG_BUCKETS, UNCATEGORIZED_LABEL } from './reportTally'


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
  // Words are the report's last step: the tallies are the same whatever the language.
  const { t } = translatorFor(options.locale ?? 'en')
  const column = (id: ReportColumnId, unit: ReportColumn['unit']): ReportColumn => reportColumn(t, id, unit)

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
        if (!history.events.some(isCreation)) incomplete++
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
          priority: priorityTable(),
          backlog: {
            id: 'backlog',
            title: t('report.table.backlog'),
            howComputed: t('report.how.backlog'),
            columns: [
              column('age', 'text'),
              column('open', 'count'),
            ],
            rows: BACKLOG_BUCKETS.map((bucket, index) => [t(`report.bucket.${bucket.id}`), tally.backlog[index]!]),
          },
          category: volumeTable(t, 'category', sortedVolume(tally.byCategory, t('report.uncategorized'))),
          level: volumeTable(t, 'level', SUPPORT_LEVELS.map((level) => [t(`level.${level}`), tally.byLevel[level] ?? 0] as const)),
          channel: volumeTable(t, 'channel', CHANNELS.map((channel) => [t(`channel.${channel}`), tally.byChannel[channel] ?? 0] as const)),
          major: majorTable(),
        },
        incidentsRead,
        incompleteHistories: incomplete,
      }
    },
  }

  function figures(): ReportFigure[] {
    const { logged, resolved, canceled, escalated, reopened, reassigned, firstContact, backlog } = tally
    const totalResponse = sumCompliance(tally.response)
    const totalResolution = sumCompliance(tally.resolution)
    return [
      count('logged', t('report.figure.logged'), logged, t('report.how.logged')),
      count('resolved', t('report.figure.resolved'), resolved, t('report.how.resolved')),
      count('backlog', t('report.figure.backlog'), backlog.reduce((sum, value) => sum + value, 0), t('report.how.backlog')),
      count('canceled', t('report.figure.canceled'), canceled, t('report.how.canceled')),
      mean('mtta', t('report.figure.mtta'), tally.mttaWall, t('report.how.mttaWall')),
      mean('mttaBusiness', t('report.figure.mttaBusiness'), tally.mttaBusiness, t('report.how.mttaBusiness')),
      mean('mttr', t('report.figure.mttr'), tally.mttrWall, t('report.how.mttrWall')),
      mean('mttrBusiness', t('report.figure.mttrBusiness'), tally.mttrBusiness, t('report.how.mttrBusiness')),
      ratio('slaResponse', t('report.figure.slaResponse'), totalResponse.met, totalResponse.met + totalResponse.breached, t('report.how.slaResponse')),
      ratio('slaResolution', t('report.figure.slaResolution'), totalResolution.met, totalResolution.met + totalResolution.breached, t('report.how.slaResolution')),
      ratio('escalationRate', t('report.figure.escalationRate'), escalated, logged, t('report.how.escalationRate')),
      ratio('reopenRate', t('report.figure.reopenRate'), reopened, resolved, t('report.how.reopenRate')),
      ratio('reassignmentRate', t('report.figure.reassignmentRate'), reassigned, logged, t('report.how.reassignmentRate')),
      ratio('fcr', t('report.figure.fcr'), firstContact, resolved, t('report.how.fcr')),
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
      title: t('report.table.sla'),
      howComputed: `${t('report.how.slaResponse')} ${t('report.how.slaResolution')}`,
      columns: [
        column('priority', 'text'),
        column('responseMet', 'count'),
        column('responseBreached', 'count'),
        column('responseCompliance', 'ratio'),
        column('resolutionMet', 'count'),
        column('resolutionBreached', 'count'),
        column('resolutionCompliance', 'ratio'),
      ],
      rows: [
        ...PRIORITIES.map((priority) => row(t(`priority.${priority}`), tally.response[priority], tally.resolution[priority])),
        row(t('report.allPriorities'), sumCompliance(tally.response), sumCompliance(tally.resolution)),
      ],
    }
  }

  function priorityTable(): ReportTable {
    return {
      id: 'priority',
      title: t('report.table.priority'),
      howComputed: t('report.how.priority'),
      columns: [column('priority', 'text'), column('incidents', 'count'), column('share', 'ratio'), column('resolved', 'count'), column('mttrMean', 'duration'), column('mttrMedian', 'duration')],
      rows: PRIORITIES.map((priority): ReportCell[] => {
        const times = tally.resolutionTimesByPriority[priority] ?? {}
        const count = tally.byPriority[priority] ?? 0
        return [t(`priority.${priority}`), count, share(count, tally.logged), timesCounted(times), meanOfTimes(times), medianOfTimes(times)]
      }),
    }
  }

  function majorTable(): ReportTable {
    const rows = Object.values(tally.majors)
      .sort((a, b) => a.declaredAt - b.declaredAt || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0))
      .map((major): ReportCell[] => [
        major.number,
        major.shortDescription,
        t(`priority.${major.priority}`),
        formatInstant(major.declaredAt),
        major.endedAt === null ? null : formatInstant(major.endedAt),
        (major.endedAt ?? asOf) - major.declaredAt,
        major.endedBy === 'resolved' ? t('report.status.resolved') : major.endedBy === 'canceled' ? t('report.status.canceled') : t('report.status.ongoing'),
      ])
    return {
      id: 'major',
      title: t('report.table.major'),
      howComputed: t('report.how.major'),
      columns: [
        column('number', 'text'),
        column('shortDescription', 'text'),
        column('priority', 'text'),
        column('declaredAt', 'instant'),
        column('endedAt', 'instant'),
        column('duration', 'duration'),
        column('status', 'text'),
      ],
      rows,
    }
  }
}

type ColumnIdOf<Id> = Id extends `report.col.${infer Column}` ? Column : never
type ReportColumnId = ColumnIdOf<MessageId>

/** A column whose heading is its own message (`report.col.<id>`). */
function reportColumn(t: Translator['t'], id: ReportColumnId, unit: ReportColumn['unit']): ReportColumn {
  return { id, label: t(`report.col.${id}`), unit }
}

/** Volume rows: name, count and share of the total. */
function volumeTable(
  t: Translator['t'],
  id: 'category' | 'level' | 'channel',
  counts: ReadonlyArray<readonly [string, number]>,
): ReportTable {
  const total = counts.reduce((sum, [, value]) => sum + value, 0)
  return {
    id,
    title: t(`report.table.${id}`),
    howComputed: t(`report.how.${id}`),
    columns: [
      { id: 'name', label: t(`report.col.${id}`), unit: 'text' },
      { id: 'count', label: t('report.col.incidents'), unit: 'count' },
      reportColumn(t, 'share', 'ratio'),
    ],
    rows: counts.map(([name, value]) => [name, value, share(value, total)]),
  }
}

/** Most first; equal counts by name, so the order is the same on every desk. */
function sortedVolume(counts: Readonly<Record<string, number>>, uncategorized: string): Array<readonly [string, number]> {
  return Object.entries(counts)
    .map(([name, value]) => [name === UNCATEGORIZED_LABEL ? uncategorized : name, value] as const)
    .sort(([nameA, a], [nameB, b]) => b - a || (nameA < nameB ? -1 : nameA > nameB ? 1 : 0))
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
