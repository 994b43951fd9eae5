import type { BusinessCalendar, BusinessHoursRange } from '../../../src-shared/sla/calendar'

/** Calendars real desks run, shared by the SLA tests. */

const CLOSED: readonly BusinessHoursRange[] = []

function weekdays(ranges: readonly BusinessHoursRange[]): BusinessCalendar['weeklyHours'] {
  return { 1: ranges, 2: ranges, 3: ranges, 4: ranges, 5: ranges, 6: CLOSED, 7: CLOSED }
}

function everyDay(ranges: readonly BusinessHoursRange[]): BusinessCalendar['weeklyHours'] {
  return { 1: ranges, 2: ranges, 3: ranges, 4: ranges, 5: ranges, 6: ranges, 7: ranges }
}

/** A London office: weekdays 09:00–17:00, English bank holidays of 2025 that fall on weekdays. */
export const LONDON_OFFICE: BusinessCalendar = {
  id: 'london-office',
  name: 'London office',
  timeZone: 'Europe/London',
  weeklyHours: weekdays([{ start: '09:00', end: '17:00' }]),
  holidays: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
}

/** A retail service desk open every day 08:00–20:00, Sundays included (both clock changes fall on a Sunday). */
export function sevenDayDesk(timeZone: string): BusinessCalendar {
  return { id: `seven-day-${timeZone}`, name: `Seven-day desk (${timeZone})`, timeZone, weeklyHours: everyDay([{ start: '08:00', end: '20:00' }]), holidays: [] }
}

/** Weekend on-call cover in London: all of Saturday and Sunday. */
export const WEEKEND_ON_CALL: BusinessCalendar = {
  id: 'weekend-on-call',
  name: 'Weekend on-call',
  timeZone: 'Europe/London',
  weeklyHours: { 1: CLOSED, 2: CLOSED, 3: CLOSED, 4: CLOSED, 5: CLOSED, 6: [{ start: '00:00', end: '24:00' }], 7: [{ start: '00:00', end: '24:00' }] },
  holidays: [],
}

/** A New York night shift that straddles the 02:00 clock change: 00:00–06:00 and 22:00–24:00. */
export const NEW_YORK_NIGHT_SHIFT: BusinessCalendar = {
  id: 'ny-night-shift',
  name: 'New York night shift',
  timeZone: 'America/New_York',
  weeklyHours: everyDay([
    { start: '00:00', end: '06:00' },
    { start: '22:00', end: '24:00' },
  ]),
  holidays: [],
}

/** A New York office with a lunch break, closed on US holidays. */
export const NEW_YORK_OFFICE: BusinessCalendar = {
  id: 'ny-office',
  name: 'New York office',
  timeZone: 'America/New_York',
  weeklyHours: weekdays([
    { start: '09:00', end: '12:30' },
    { start: '13:30', end: '17:30' },
  ]),
  holidays: ['2025-07-04', '2025-11-27', '2025-12-25'],
}

/** An Auckland office: local dates run up to 13 h ahead of UTC, so holidays must be read locally. */
export const AUCKLAND_OFFICE: BusinessCalendar = {
  id: 'auckland-office',
  name: 'Auckland office',
  timeZone: 'Pacific/Auckland',
  weeklyHours: weekdays([{ start: '09:00', end: '17:00' }]),
  holidays: ['2025-12-25', '2025-12-26'],
}
