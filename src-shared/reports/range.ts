import { DateTime } from 'luxon'
import type { DomainConfig } from '../config/domainConfig'
import { PRIORITIES } from '../incident/priority'
import { WordedError } from '../i18n/worded'
import { formatInstant, parseInstant } from '../sla/calendar'

/**
 * The period a report covers: [from, to) as ISO 8601 instants (UTC text, as events store them).
 * Days are days of the report's time zone, never the desk's own, so two desks in different
 * countries asking for "this month" get the same instants and the same figures.
 */
export interface ReportRange {
  from: string
  to: string
}

/**
 * The ranges the Reports screen offers.
 * - `last7` / `last30`: the last 7 (30) whole days, today included.
 * - `thisMonth`: from the first of this month to the first of the next.
 * - `custom`: from one date to another, both days included.
 */
export const RANGE_PRESETS = ['last7', 'last30', 'thisMonth', 'custom'] as const
export type RangePreset = (typeof RANGE_PRESETS)[number]

/**
 * The zone report days are counted in: that of the business calendar most SLA priorities use
 * (ties go to the more urgent priority). The default policy puts P2–P5 on the weekday calendar,
 * so its zone is the desk's business zone an admin set up; it comes from configuration, which
 * every synced desk shares, not from the machine.
 */
export function reportTimeZone(config: DomainConfig): string {
  const uses = new Map<string, number>()
  for (const priority of PRIORITIES) {
    const calendarId = config.slaPolicy[priority].calendarId
    uses.set(calendarId, (uses.get(calendarId) ?? 0) + 1)
  }
  let best: string | undefined
  for (const [calendarId, count] of uses) if (best === undefined || count > uses.get(best)!) best = calendarId
  return config.calendars[best!]?.timeZone ?? 'UTC'
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/

function startOfDate(date: string, timeZone: string, which: 'start' | 'end'): DateTime {
  const parsed = DATE_PATTERN.test(date) ? DateTime.fromISO(date, { zone: timeZone }) : null
  if (!parsed?.isValid) throw new WordedError('reports.range.notADate', { which, date })
  return parsed.startOf('day')
}

function toRange(from: DateTime, to: DateTime): ReportRange {
  return { from: formatInstant(from.toMillis()), to: formatInstant(to.toMillis()) }
}

/**
 * The instants of a preset as of `nowIso`, in `timeZone`. `custom` needs both dates
 * (`YYYY-MM-DD`, inclusive); a bad or reversed date throws a WordedError saying which.
 */
export function rangeForPreset(preset: RangePreset, nowIso: string, timeZone: string, custom?: { fromDate: string; toDate: string }): ReportRange {
  const today = DateTime.fromMillis(parseInstant(nowIso), { zone: timeZone }).startOf('day')
  switch (preset) {
    case 'last7':
      return toRange(today.minus({ days: 6 }), today.plus({ days: 1 }))
    case 'last30':
      return toRange(today.minus({ days: 29 }), today.plus({ days: 1 }))
    case 'thisMonth':
      return toRange(today.startOf('month'), today.startOf('month').plus({ months: 1 }))
    case 'custom': {
      if (!custom) throw new WordedError('reports.range.needsDates')
      const from = startOfDate(custom.fromDate, timeZone, 'start')
      const lastDay = startOfDate(custom.toDate, timeZone, 'end')
      if (lastDay < from) throw new WordedError('reports.range.endBeforeStart')
      return toRange(from, lastDay.plus({ days: 1 }))
    }
  }
}

/** The local dates (`YYYY-MM-DD`, inclusive) a range covers, for showing it and prefilling a custom range. */
export function rangeDates(range: ReportRange, timeZone: string): { fromDate: string; toDate: string } {
  const from = DateTime.fromMillis(parseInstant(range.from), { zone: timeZone })
  const lastMoment = DateTime.fromMillis(parseInstant(range.to) - 1, { zone: timeZone })
  return { fromDate: from.toISODate()!, toDate: lastMoment.toISODate()! }
}

/** Why a range cannot be reported on, or undefined when it can. */
export function validateRange(range: ReportRange): string | undefined {
  let from: number
  let to: number
  try {
    from = parseInstant(range.from)
    to = parseInstant(range.to)
  } catch (error) {
    return (error as Error).message
  }
  if (to <= from) return 'A report range must end after it starts.'
  return undefined
}

const QUARTER_HOUR_MS = 900_000

/**
 * Names the day (`YYYY-MM-DD` in `timeZone`) an instant falls on. Every zone's offset is a whole
 * number of quarter hours, so a day starts on a quarter hour and the name is cached per quarter
 * hour: keeping per-day aggregates asks this millions of times.
 */
export function dayNamer(timeZone: string): (at: number) => string {
  const names = new Map<number, string>()
  return (at) => {
    const quarter = Math.floor(at / QUARTER_HOUR_MS)
    let name = names.get(quarter)
    if (name === undefined) {
      name = DateTime.fromMillis(quarter * QUARTER_HOUR_MS, { zone: timeZone }).toISODate()!
      names.set(quarter, name)
    }
    return name
  }
}

/** The first and last day of a range made of whole days of `timeZone`, or null when it starts or ends within a day. */
export function wholeDaysOf(range: ReportRange, timeZone: string): { firstDay: string; lastDay: string } | null {
  const from = DateTime.fromMillis(parseInstant(range.from), { zone: timeZone })
  const to = DateTime.fromMillis(parseInstant(range.to), { zone: timeZone })
  if (+from.startOf('day') !== +from || +to.startOf('day') !== +to) return null
  return { firstDay: from.toISODate()!, lastDay: to.minus({ days: 1 }).toISODate()! }
}
