import { DateTime } from 'luxon'

/**
 * How an export writes its dates. A file says nothing about it, and 03/04/2026 is March in one
 * country and April in another, so the import never guesses silently: it offers the formats that
 * read every date of the file (`detectDateFormats`), shows what the first ones become, and the
 * person confirms.
 * - `iso`: ISO 8601 (`2026-03-04T09:15:00Z`, with or without an offset) and `2026-03-04 09:15[:00]`
 *   (ServiceNow's and GLPI's default).
 * - `dmy`: day first, `/` (`4/3/2026 9:15`, `04/03/2026 09:15:00`): ServiceNow with a European
 *   date format, and the incident event log datasets taken from it.
 * - `mdy`: month first, `/` (`3/4/2026 9:15 AM`, `03/04/2026 09:15`): US locales.
 * - `dmyDash`: day first, `-` (`04-03-2026 09:15`).
 * - `dmyDot`: day first, `.` (`04.03.2026 09:15`): German and other locales.
 * A date alone (no time) is read as its midnight in the file's zone.
 */
export const IMPORT_DATE_FORMATS = ['iso', 'dmy', 'mdy', 'dmyDash', 'dmyDot'] as const
export type ImportDateFormat = (typeof IMPORT_DATE_FORMATS)[number]

export function isImportDateFormat(value: string): value is ImportDateFormat {
  return (IMPORT_DATE_FORMATS as readonly string[]).includes(value)
}

/** Luxon patterns per format, single-digit day, month and hour accepted (`d` reads `04` too). */
const PATTERNS: Record<Exclude<ImportDateFormat, 'iso'>, readonly string[]> = {
  dmy: withTimes('d/M/yyyy'),
  mdy: [...withTimes('M/d/yyyy'), 'M/d/yyyy h:mm a', 'M/d/yyyy h:mm:ss a'],
  dmyDash: withTimes('d-M-yyyy'),
  dmyDot: withTimes('d.M.yyyy'),
}

function withTimes(date: string): string[] {
  return [`${date} H:mm:ss`, `${date} H:mm`, date]
}

const ISO_SPACED = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'yyyy-MM-dd H:mm:ss', 'yyyy-MM-dd H:mm']

/**
 * Luxon's parser of each pattern, built once: `DateTime.fromFormat` works its pattern out again at
 * every call, which was most of the time an import spends on dates (a 100k-row file reads a few
 * dates per row, and a plan is worked out again at every change of the person's choices).
 */
const parsers = new Map<string, ReturnType<typeof DateTime.buildFormatParser>>()

function parserOf(pattern: string): ReturnType<typeof DateTime.buildFormatParser> {
  let parser = parsers.get(pattern)
  if (!parser) parsers.set(pattern, (parser = DateTime.buildFormatParser(pattern)))
  return parser
}

/** The first pattern that reads `text`, tried in order (the most common first). */
function firstFitting(text: string, patterns: readonly string[], options: { zone: string }): DateTime | null {
  for (const pattern of patterns) {
    const date = DateTime.fromFormatParser(text, parserOf(pattern), options)
    if (date.isValid) return date
  }
  return null
}

/**
 * The instant `text` names in `format`, as ISO UTC, or null when it is not such a date. Times
 * without an offset are in `zone` (the zone of whoever exported the file; `utc` or an IANA name).
 */
export function parseDateIn(text: string, format: ImportDateFormat, zone: string): string | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const options = { zone: zone === 'utc' ? 'utc' : zone }
  const iso = format === 'iso' ? DateTime.fromISO(trimmed, options) : null
  const found = iso?.isValid ? iso : firstFitting(trimmed, format === 'iso' ? ISO_SPACED : PATTERNS[format], options)
  if (!found) return null
  if (found.year < 1970 || found.year > 9999) return null
  return found.toUTC().toISO()
}

/** How many dates of a file are looked at to choose its format. */
const SAMPLE = 500

/**
 * The formats that read every non-empty date of `samples` (the first few hundred are enough), in
 * the order above. Empty when none does; two or more when the file cannot tell (every day ≤ 12):
 * the person chooses, seeing what the first dates become.
 */
export function detectDateFormats(samples: readonly string[]): ImportDateFormat[] {
  const dates = samples.filter((sample) => sample.trim() !== '').slice(0, SAMPLE)
  if (dates.length === 0) return [...IMPORT_DATE_FORMATS]
  return IMPORT_DATE_FORMATS.filter((format) => dates.every((date) => parseDateIn(date, format, 'utc') !== null))
}
