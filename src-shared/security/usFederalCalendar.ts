import { DateTime } from 'luxon'
import { formatInstant, parseInstant } from '../sla/calendar'

/**
 * US federal business days, for SEC deadlines. Exchange Act Rule 0-3 and Regulation S-T count
 * every day except Saturdays, Sundays and federal holidays, and EDGAR closes on those days.
 *
 * THIS LIST MUST BE MAINTAINED. It covers 2025–2027 only: the statutory holidays of
 * 5 U.S.C. 6103 (a Saturday holiday is observed on the Friday before, a Sunday one on the Monday
 * after) plus the closures ordered by the President that we know of. New closures are announced
 * at a few days' notice (a national day of mourning, an extra day at Christmas), so someone has to
 * add them, and extend the list before 2028. A missing holiday makes a due date *earlier* than the
 * real one, never later: a stale list errs on the side of filing early.
 */
export interface UsFederalHoliday {
  /** Observed date, `YYYY-MM-DD`. */
  date: string
  name: string
  /**
   * - `statute`: 5 U.S.C. 6103, known years ahead.
   * - `executive_order`: a one-off closure; EDGAR closes and the SEC treats the day as a federal
   *   holiday for filing purposes, as it did for the 2018–2020 Christmas Eve closures.
   */
  basis: 'statute' | 'executive_order'
}

export const US_FEDERAL_HOLIDAYS: readonly UsFederalHoliday[] = [
  { date: '2025-01-01', name: "New Year's Day", basis: 'statute' },
  { date: '2025-01-09', name: 'National Day of Mourning for President Carter', basis: 'executive_order' },
  { date: '2025-01-20', name: 'Birthday of Martin Luther King, Jr.', basis: 'statute' },
  { date: '2025-02-17', name: "Washington's Birthday", basis: 'statute' },
  { date: '2025-05-26', name: 'Memorial Day', basis: 'statute' },
  { date: '2025-06-19', name: 'Juneteenth National Independence Day', basis: 'statute' },
  { date: '2025-07-04', name: 'Independence Day', basis: 'statute' },
  { date: '2025-09-01', name: 'Labor Day', basis: 'statute' },
  { date: '2025-10-13', name: 'Columbus Day', basis: 'statute' },
  { date: '2025-11-11', name: 'Veterans Day', basis: 'statute' },
  { date: '2025-11-27', name: 'Thanksgiving Day', basis: 'statute' },
  // Executive Order 14371 closed executive departments on 24 and 26 December 2025.
  { date: '2025-12-24', name: 'Christmas Eve closure', basis: 'executive_order' },
  { date: '2025-12-25', name: 'Christmas Day', basis: 'statute' },
  { date: '2025-12-26', name: 'Day after Christmas closure', basis: 'executive_order' },
  { date: '2026-01-01', name: "New Year's Day", basis: 'statute' },
  { date: '2026-01-19', name: 'Birthday of Martin Luther King, Jr.', basis: 'statute' },
  { date: '2026-02-16', name: "Washington's Birthday", basis: 'statute' },
  { date: '2026-05-25', name: 'Memorial Day', basis: 'statute' },
  { date: '2026-06-19', name: 'Juneteenth National Independence Day', basis: 'statute' },
  { date: '2026-07-03', name: 'Independence Day (observed)', basis: 'statute' },
  { date: '2026-09-07', name: 'Labor Day', basis: 'statute' },
  { date: '2026-10-12', name: 'Columbus Day', basis: 'statute' },
  { date: '2026-11-11', name: 'Veterans Day', basis: 'statute' },
  { date: '2026-11-26', name: 'Thanksgiving Day', basis: 'statute' },
  { date: '2026-12-25', name: 'Christmas Day', basis: 'statute' },
  { date: '2027-01-01', name: "New Year's Day", basis: 'statute' },
  { date: '2027-01-18', name: 'Birthday of Martin Luther King, Jr.', basis: 'statute' },
  { date: '2027-02-15', name: "Washington's Birthday", basis: 'statute' },
  { date: '2027-05-31', name: 'Memorial Day', basis: 'statute' },
  { date: '2027-06-18', name: 'Juneteenth National Independence Day (observed)', basis: 'statute' },
  { date: '2027-07-05', name: 'Independence Day (observed)', basis: 'statute' },
  { date: '2027-09-06', name: 'Labor Day', basis: 'statute' },
  { date: '2027-10-11', name: 'Columbus Day', basis: 'statute' },
  { date: '2027-11-11', name: 'Veterans Day', basis: 'statute' },
  { date: '2027-11-25', name: 'Thanksgiving Day', basis: 'statute' },
  { date: '2027-12-24', name: 'Christmas Day (observed)', basis: 'statute' },
  // 1 January 2028 is a Saturday: federal offices observe it on Friday 31 December 2027.
  { date: '2027-12-31', name: "New Year's Day 2028 (observed)", basis: 'statute' },
]

/** The last day the holiday list is known to be complete for; deadlines past it may be early. */
export const US_FEDERAL_HOLIDAYS_KNOWN_THROUGH = '2027-12-31'

/** EDGAR runs on Eastern time; a day's date there decides which business day an event falls on. */
export const EDGAR_TIME_ZONE = 'America/New_York'

/**
 * A filing submitted after 5:30 p.m. Eastern is deemed filed the next business day
 * (Regulation S-T Rule 13(a)(2), 17 CFR 232.13), so a business-day deadline ends then.
 */
export const EDGAR_FILING_CUTOFF = { hour: 17, minute: 30 } as const

const HOLIDAY_DATES: ReadonlySet<string> = new Set(US_FEDERAL_HOLIDAYS.map((holiday) => holiday.date))

/** Whether a `YYYY-MM-DD` date is a US federal business day (not a weekend, not a listed holiday). */
export function isUsFederalBusinessDay(isoDate: string): boolean {
  const date = DateTime.fromISO(isoDate, { zone: 'utc' })
  if (!date.isValid) throw new RangeError(`"${isoDate}" is not a date (YYYY-MM-DD).`)
  return date.weekday <= 5 && !HOLIDAY_DATES.has(isoDate)
}

/**
 * The end of the `businessDays`-th business day after the day containing `fromIso`, read in
 * Eastern time. With 4 business days: an event on a Monday, even late in the evening, is due that
 * Friday at 5:30 p.m. Eastern; one on a Saturday is due the Thursday after.
 */
export function addUsFederalBusinessDays(fromIso: string, businessDays: number): string {
  if (!Number.isSafeInteger(businessDays) || businessDays < 1) throw new RangeError(`Business days to add must be a whole number of at least 1, not ${businessDays}.`)
  let day = DateTime.fromMillis(parseInstant(fromIso), { zone: EDGAR_TIME_ZONE }).startOf('day')
  let counted = 0
  while (counted < businessDays) {
    day = day.plus({ days: 1 })
    if (isUsFederalBusinessDay(day.toISODate()!)) counted++
  }
  return formatInstant(day.set(EDGAR_FILING_CUTOFF).toMillis())
}
