import { DateTime, IANAZone } from 'luxon'

/**
 * Business-hours calendars (DESIGN §1 SLA): the hours an SLA clock counts. Pure functions of
 * (calendar, instants): ISO 8601 strings in the plain API, epoch milliseconds on a compiled
 * calendar for code that computes many intervals.
 *
 * Opening hours are local wall-clock times in the calendar's own IANA zone, so a desk open
 * 09:00–17:00 in London is open 8 h on the day the clocks change, while a 00:00–24:00 day on that
 * date lasts 23 h or 25 h: we count real elapsed time between real instants.
 */

/** ISO weekday: 1 is Monday, 7 is Sunday (luxon's `weekday`). */
export const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const
export type IsoWeekday = (typeof ISO_WEEKDAYS)[number]

/** One stretch of opening hours, local `HH:mm`; `end` may be `24:00` (midnight ending the day). */
export interface BusinessHoursRange {
  start: string
  end: string
}

export interface BusinessCalendar {
  id: string
  name: string
  /** IANA zone the opening hours and holidays are read in, e.g. `Europe/London`. */
  timeZone: string
  /** Per ISO weekday, ranges in ascending order without overlap; an empty list means closed all day. */
  weeklyHours: Readonly<Record<IsoWeekday, readonly BusinessHoursRange[]>>
  /** Whole local days closed, `YYYY-MM-DD` in the calendar's zone. */
  holidays: readonly string[]
}

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000
const DAY_MINUTES = 1440
/**
 * How far `addBusinessMillis` looks for enough open hours before giving up. A valid calendar
 * opens every week, so only a holiday list covering decades could exhaust it; stopping turns
 * that misconfiguration into an error instead of a frozen screen.
 */
const SEARCH_LIMIT_DAYS = 366 * 25
/** How far ahead one offset lookup is trusted to hold when it matches at both ends; see offsetTimeline. */
const STABLE_OFFSET_MS = 3 * DAY_MS

const ALWAYS_OPEN: readonly BusinessHoursRange[] = [{ start: '00:00', end: '24:00' }]
const OFFICE_HOURS: readonly BusinessHoursRange[] = [{ start: '08:00', end: '18:00' }]

/** Every instant counts: the default for P1, where nights and weekends are no excuse. */
export const CALENDAR_24X7: BusinessCalendar = {
  id: '24x7',
  name: '24×7',
  timeZone: 'UTC',
  weeklyHours: { 1: ALWAYS_OPEN, 2: ALWAYS_OPEN, 3: ALWAYS_OPEN, 4: ALWAYS_OPEN, 5: ALWAYS_OPEN, 6: ALWAYS_OPEN, 7: ALWAYS_OPEN },
  holidays: [],
}

/**
 * Monday to Friday, 08:00–18:00, the default for P2–P5. It ships in UTC with no holidays so a
 * fresh install computes the same due dates on every device whatever its locale; an admin sets
 * the desk's own zone and public holidays when setting up (we cannot guess the country).
 */
export const CALENDAR_WEEKDAYS: BusinessCalendar = {
  id: 'weekdays',
  name: 'Weekdays 08:00–18:00',
  timeZone: 'UTC',
  weeklyHours: { 1: OFFICE_HOURS, 2: OFFICE_HOURS, 3: OFFICE_HOURS, 4: OFFICE_HOURS, 5: OFFICE_HOURS, 6: [], 7: [] },
  holidays: [],
}

export const DEFAULT_CALENDARS: Readonly<Record<string, BusinessCalendar>> = {
  [CALENDAR_24X7.id]: CALENDAR_24X7,
  [CALENDAR_WEEKDAYS.id]: CALENDAR_WEEKDAYS,
}

const TIME_PATTERN = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

/** Minutes after local midnight for `HH:mm`, or undefined when malformed. `24:00` is 1440. */
function parseTimeOfDay(text: string): number | undefined {
  const match = TIME_PATTERN.exec(text)
  if (!match) return undefined
  return Number(match[1] ?? match[3]) * 60 + Number(match[2] ?? match[4])
}

/** Days since 1970-01-01 for a real calendar date `YYYY-MM-DD`, or undefined (2025-02-30 is not a date). */
function parseCalendarDate(text: string): number | undefined {
  const match = DATE_PATTERN.exec(text)
  if (!match) return undefined
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const epochMs = Date.UTC(year, month - 1, day)
  const roundTrip = new Date(epochMs)
  if (roundTrip.getUTCFullYear() !== year || roundTrip.getUTCMonth() !== month - 1 || roundTrip.getUTCDate() !== day) return undefined
  return epochMs / DAY_MS
}

function validateDayHours(weekday: IsoWeekday, ranges: readonly BusinessHoursRange[] | undefined): string | undefined {
  if (!Array.isArray(ranges)) return `Opening hours for weekday ${weekday} are missing.`
  let previousEnd = 0
  for (const range of ranges) {
    const start = parseTimeOfDay(range.start)
    const end = parseTimeOfDay(range.end)
    if (start === undefined || start === DAY_MINUTES) return `Weekday ${weekday}: "${range.start}" is not a start time (HH:mm, 00:00–23:59).`
    if (end === undefined) return `Weekday ${weekday}: "${range.end}" is not an end time (HH:mm, up to 24:00).`
    if (end <= start) return `Weekday ${weekday}: ${range.start}–${range.end} ends before it starts.`
    if (start < previousEnd) return `Weekday ${weekday}: ${range.start}–${range.end} overlaps or precedes the range before it.`
    previousEnd = end
  }
  return undefined
}

/** Why the calendar cannot be used, or undefined when it can. Every admin edit goes through this. */
export function validateCalendar(calendar: BusinessCalendar): string | undefined {
  if (!calendar.id.trim()) return 'A calendar needs an id.'
  if (!calendar.name.trim()) return 'A calendar needs a name.'
  // create() is memoized by luxon; isValidZone() builds a new Intl formatter on every call.
  if (!IANAZone.create(calendar.timeZone).isValid) return `"${calendar.timeZone}" is not an IANA time zone.`
  for (const weekday of ISO_WEEKDAYS) {
    const problem = validateDayHours(weekday, calendar.weeklyHours[weekday])
    if (problem) return problem
  }
  // A week with no open hours would make every due date infinitely far away.
  if (ISO_WEEKDAYS.every((weekday) => calendar.weeklyHours[weekday].length === 0)) return 'A calendar must be open at least one day a week.'
  for (const holiday of calendar.holidays) {
    if (parseCalendarDate(holiday) === undefined) return `Holiday "${holiday}" is not a date (YYYY-MM-DD).`
  }
  return undefined
}

/**
 * A calendar checked once and turned into numbers, so the day loop does no parsing. Code that
 * computes many intervals on one calendar (every clock of an incident, a queue of incidents)
 * compiles it once and works in epoch milliseconds.
 */
export interface CompiledCalendar {
  readonly zone: IANAZone
  /** Index = ISO weekday; minute ranges after local midnight. */
  readonly weeklyMinutes: ReadonlyArray<ReadonlyArray<readonly [number, number]>>
  /** Holidays as days since 1970-01-01. */
  readonly holidayDays: ReadonlySet<number>
  /** Open every minute of every day: business time is wall time, whatever the zone. */
  readonly alwaysOpen: boolean
  /** The offset of a zone that never changes it (UTC), so the day loop asks no zone at all. */
  readonly fixedOffsetMinutes: number | null
}

/** Zones whose offset is zero for all time; asking Intl for it is most of a report's run time. */
const UNIVERSAL_ZONES = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'Etc/GMT', 'Etc/Universal', 'Etc/Zulu', 'GMT', 'UCT', 'Universal', 'Zulu'])

/** Throws a RangeError naming the calendar when it is not valid. */
export function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  const problem = validateCalendar(calendar)
  if (problem) throw new RangeError(`Calendar "${calendar.id}": ${problem}`)
  const weeklyMinutes: Array<ReadonlyArray<readonly [number, number]>> = [[]]
  for (const weekday of ISO_WEEKDAYS) {
    weeklyMinutes[weekday] = calendar.weeklyHours[weekday].map((range) => [parseTimeOfDay(range.start)!, parseTimeOfDay(range.end)!] as const)
  }
  const isWholeDay = (ranges: ReadonlyArray<readonly [number, number]>) => ranges.length === 1 && ranges[0]![0] === 0 && ranges[0]![1] === DAY_MINUTES
  const alwaysOpen = calendar.holidays.length === 0 && ISO_WEEKDAYS.every((weekday) => isWholeDay(weeklyMinutes[weekday]!))
  return {
    zone: IANAZone.create(calendar.timeZone),
    weeklyMinutes,
    holidayDays: new Set(calendar.holidays.map((holiday) => parseCalendarDate(holiday)!)),
    alwaysOpen,
    fixedOffsetMinutes: UNIVERSAL_ZONES.has(calendar.timeZone) ? 0 : null,
  }
}

/** Epoch milliseconds of an ISO 8601 instant; text without an offset is read as UTC, never as the device's zone. */
export function parseInstant(iso: string): number {
  // Fast path for the form every stored instant has (toISOString): luxon's parser is ~100× slower,
  // and the round trip rejects what Date.parse would quietly bend, such as 30 February.
  const fast = Date.parse(iso)
  if (Number.isFinite(fast) && new Date(fast).toISOString() === iso) return fast
  const parsed = DateTime.fromISO(iso, { zone: 'utc' })
  if (!parsed.isValid) throw new RangeError(`"${iso}" is not an ISO 8601 instant.`)
  return parsed.toMillis()
}

/** The canonical text of an instant, as events store it: `toISOString`, always UTC. */
export function formatInstant(epochMs: number): string {
  return new Date(epochMs).toISOString()
}

/** ISO weekday of a day number (1970-01-01, day 0, was a Thursday). */
function weekdayOf(dayNumber: number): IsoWeekday {
  return ((((dayNumber + 3) % 7) + 7) % 7 + 1) as IsoWeekday
}

/** UTC offset in minutes at an instant. */
type OffsetAt = (epochMs: number) => number

/**
 * Asking a zone for its offset is an Intl call of a few microseconds, and a long span asks twice a
 * day. Offsets change rarely, so one walk through time remembers a stretch over which the offset
 * is known to hold, and asks again only past its end. Sound because no zone changes its offset
 * twice within a few days: checked against every zone of the tz database from 1990 to 2037, the
 * closest pair is 7 days apart (Brazil, October 2000), so equal offsets 3 days apart held between.
 * Local to one walk, never shared: the function stays pure.
 */
function offsetTimeline(calendar: CompiledCalendar): OffsetAt {
  const fixed = calendar.fixedOffsetMinutes
  if (fixed !== null) return () => fixed
  const zone = calendar.zone
  let knownFrom = Number.NaN
  let knownUntil = Number.NaN
  let knownOffset = Number.NaN
  return (epochMs) => {
    if (epochMs >= knownFrom && epochMs <= knownUntil) return knownOffset
    if (epochMs > knownUntil && epochMs <= knownUntil + STABLE_OFFSET_MS && zone.offset(knownUntil + STABLE_OFFSET_MS) === knownOffset) {
      knownUntil += STABLE_OFFSET_MS
      return knownOffset
    }
    knownOffset = zone.offset(epochMs)
    knownFrom = epochMs
    knownUntil = zone.offset(epochMs + STABLE_OFFSET_MS) === knownOffset ? epochMs + STABLE_OFFSET_MS : epochMs
    return knownOffset
  }
}

/** The local calendar day, as a day number, that contains the instant. */
function localDayOf(offsetAt: OffsetAt, epochMs: number): number {
  return Math.floor((epochMs + offsetAt(epochMs) * MINUTE_MS) / DAY_MS)
}

/**
 * The instant a local wall time (written as if it were UTC) happens. Same rule as luxon: a time
 * skipped by spring-forward moves forward by the gap, a time repeated by fall-back takes the
 * later instant. Written here because luxon keeps its own private, and the day loop needs it with
 * the cached offsets.
 */
function wallTimeToInstant(offsetAt: OffsetAt, wallMs: number): number {
  const firstOffset = offsetAt(wallMs)
  let guess = wallMs - firstOffset * MINUTE_MS
  const secondOffset = offsetAt(guess)
  if (firstOffset === secondOffset) return guess
  guess -= (secondOffset - firstOffset) * MINUTE_MS
  const thirdOffset = offsetAt(guess)
  if (secondOffset === thirdOffset) return guess
  return wallMs - Math.min(secondOffset, thirdOffset) * MINUTE_MS
}

/** The open intervals of one local day as [start, end) instants, ascending and non-overlapping. */
function openIntervalsOn(calendar: CompiledCalendar, offsetAt: OffsetAt, dayNumber: number): Array<readonly [number, number]> {
  const ranges = calendar.weeklyMinutes[weekdayOf(dayNumber)]!
  if (ranges.length === 0 || calendar.holidayDays.has(dayNumber)) return []
  const midnightWallMs = dayNumber * DAY_MS
  const firstWallMs = midnightWallMs + ranges[0]![0] * MINUTE_MS
  const lastWallMs = midnightWallMs + ranges[ranges.length - 1]![1] * MINUTE_MS
  const firstInstant = wallTimeToInstant(offsetAt, firstWallMs)
  const lastInstant = wallTimeToInstant(offsetAt, lastWallMs)
  // Nearly every day: the offset is the same at both ends, so one shift places every range.
  if (lastInstant - firstInstant === lastWallMs - firstWallMs) {
    const shift = firstInstant - firstWallMs
    return ranges.map(([start, end]) => [midnightWallMs + start * MINUTE_MS + shift, midnightWallMs + end * MINUTE_MS + shift] as const)
  }
  // The clocks change inside the open hours: place each boundary on its own, keeping them ordered.
  const intervals: Array<readonly [number, number]> = []
  let floor = -Infinity
  for (const [start, end] of ranges) {
    const startInstant = Math.max(floor, wallTimeToInstant(offsetAt, midnightWallMs + start * MINUTE_MS))
    const endInstant = Math.max(startInstant, wallTimeToInstant(offsetAt, midnightWallMs + end * MINUTE_MS))
    intervals.push([startInstant, endInstant])
    floor = endInstant
  }
  return intervals
}

/** {@link businessMillisBetween} on a compiled calendar, in epoch milliseconds. */
export function countBusinessMillis(calendar: CompiledCalendar, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0
  // The 24×7 calendar of every P1: no need to walk the days.
  if (calendar.alwaysOpen) return toMs - fromMs
  const offsetAt = offsetTimeline(calendar)
  let total = 0
  // One day early: a range ending at a midnight that does not exist spills into the next day.
  const firstDay = localDayOf(offsetAt, fromMs) - 1
  const lastDay = localDayOf(offsetAt, toMs)
  for (let day = firstDay; day <= lastDay; day++) {
    for (const [start, end] of openIntervalsOn(calendar, offsetAt, day)) total += Math.max(0, Math.min(end, toMs) - Math.max(start, fromMs))
  }
  return total
}

/** {@link addBusinessMillis} on a compiled calendar, in epoch milliseconds. */
export function instantAfterBusinessMillis(calendar: CompiledCalendar, fromMs: number, millis: number): number {
  if (!Number.isFinite(millis) || millis < 0) throw new RangeError(`Business time to add must be a finite, non-negative number of ms, not ${millis}.`)
  if (millis === 0 || calendar.alwaysOpen) return fromMs + millis
  const offsetAt = offsetTimeline(calendar)
  let remaining = millis
  const firstDay = localDayOf(offsetAt, fromMs) - 1
  for (let day = firstDay; day <= firstDay + SEARCH_LIMIT_DAYS; day++) {
    for (const [start, end] of openIntervalsOn(calendar, offsetAt, day)) {
      if (end <= fromMs) continue
      const begin = Math.max(start, fromMs)
      if (remaining <= end - begin) return begin + remaining
      remaining -= end - begin
    }
  }
  throw new RangeError(`No ${millis} ms of business time within ${Math.floor(SEARCH_LIMIT_DAYS / 366)} years: check the holidays.`)
}

/**
 * Business time elapsed between two instants: the part of [from, to) inside open hours.
 * 0 when `to` is not after `from`.
 */
export function businessMillisBetween(calendar: BusinessCalendar, fromIso: string, toIso: string): number {
  return countBusinessMillis(compileCalendar(calendar), parseInstant(fromIso), parseInstant(toIso))
}

/**
 * The earliest instant by which `millis` of business time has elapsed since `fromIso`: a due
 * date. Starting outside hours counts from the next opening; a target that uses up a day's
 * hours exactly is due at closing time, not at the next opening.
 */
export function addBusinessMillis(calendar: BusinessCalendar, fromIso: string, millis: number): string {
  return formatInstant(instantAfterBusinessMillis(compileCalendar(calendar), parseInstant(fromIso), millis))
}
