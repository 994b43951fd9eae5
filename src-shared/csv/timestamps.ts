import { DateTime } from 'luxon'
import { parseDateIn } from './dateFormats'

/**
 * How an export writes times.
 * - `utc`: ISO 8601 in UTC with a `Z` (`2026-03-01T08:15:00.000Z`): exact, sorts as text, the
 *   default, and what our import reads back without a time-zone question.
 * - a time-zone name (`Europe/Paris`): ISO 8601 local time with its offset
 *   (`2026-03-01T09:15:00.000+01:00`), for a person reading the sheet; still exact.
 */
export type CsvTimeZone = 'utc' | (string & {})

/** True when luxon knows the zone (IANA name such as `Europe/Paris`, or `utc`). */
export function isValidTimeZone(zone: string): boolean {
  return zone === 'utc' || DateTime.now().setZone(zone).isValid
}

/** An ISO instant as it goes in a cell; null and unparsable values become an empty cell. */
export function formatCsvTimestamp(iso: string | null | undefined, zone: CsvTimeZone): string {
  if (!iso) return ''
  if (zone === 'utc') {
    const ms = Date.parse(iso)
    return Number.isNaN(ms) ? iso : new Date(ms).toISOString()
  }
  const time = DateTime.fromISO(iso, { setZone: false }).setZone(zone)
  return time.isValid ? (time.toISO({ suppressMilliseconds: false }) ?? iso) : iso
}

/**
 * Reads a time from another tool's export. Accepts ISO 8601 (with or without an offset) and
 * the `yyyy-MM-dd HH:mm[:ss]` that ServiceNow and GLPI write; a time without an offset is in
 * `zone` (the zone of the person who exported it; by default this desk's). Returns the instant
 * as ISO UTC, or null when the text is not a date we can read without guessing (no 03/04/2026:
 * is that March or April?).
 */
export function parseImportTimestamp(text: string, zone: string): string | null {
  return parseDateIn(text, 'iso', zone)
}
