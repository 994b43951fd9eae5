import ICAL from 'ical.js'

/**
 * Public holidays from an iCalendar file (RFC 5545), the format governments and calendar services
 * publish them in: each all-day VEVENT is a closed day; a multi-day one closes each of its days
 * (DTEND is exclusive); a recurring one (Christmas as `RRULE:FREQ=YEARLY`) closes its occurrences
 * up to `untilYear`. An event with a time of day is not a holiday and is counted as skipped.
 */
export interface IcalHolidays {
  /** `YYYY-MM-DD`, sorted, without repeats. */
  holidays: string[]
  /** With their names, for the preview. */
  named: { date: string; name: string }[]
  /** Timed events left out (a meeting is not a closed day). */
  skipped: number
}

export type IcalHolidaysResult = { ok: true; value: IcalHolidays } | { ok: false; message: string }

/** No calendar closes more days than this; a file that does is not a holiday list. */
const MAX_DAYS = 2_000
const DAY_MS = 86_400_000

export function holidaysFromIcal(text: string, untilYear: number): IcalHolidaysResult {
  let root: ICAL.Component
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[])
  } catch (error) {
    return { ok: false, message: `This is not an iCalendar file: ${error instanceof Error ? error.message : String(error)}` }
  }
  if (root.name !== 'vcalendar') return { ok: false, message: 'This is not an iCalendar file: it has no VCALENDAR.' }
  const named = new Map<string, string>()
  let skipped = 0
  for (const component of root.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component)
    const start = event.startDate
    if (!start) continue
    if (!start.isDate) {
      skipped += 1
      continue
    }
    const lengthDays = event.endDate ? Math.max(1, Math.round((event.endDate.toUnixTime() - start.toUnixTime()) * 1000 / DAY_MS)) : 1
    const starts: ICAL.Time[] = []
    if (event.isRecurring()) {
      const expansion = event.iterator()
      for (let next = expansion.next(); next && next.year <= untilYear && starts.length < MAX_DAYS; next = expansion.next()) starts.push(next)
    } else {
      starts.push(start)
    }
    for (const first of starts) {
      for (let offset = 0; offset < lengthDays; offset += 1) {
        named.set(isoDate(first, offset), event.summary ?? '')
        if (named.size > MAX_DAYS) return { ok: false, message: `The file closes more than ${MAX_DAYS} days; a holiday list has far fewer.` }
      }
    }
  }
  const holidays = [...named.keys()].sort()
  return { ok: true, value: { holidays, named: holidays.map((date) => ({ date, name: named.get(date)! })), skipped } }
}

/** The calendar date `offsetDays` after `time`'s own date (a floating all-day date, no zone). */
function isoDate(time: ICAL.Time, offsetDays: number): string {
  return new Date(Date.UTC(time.year, time.month - 1, time.day + offsetDays)).toISOString().slice(0, 10)
}
