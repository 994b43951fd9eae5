import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import {
  CALENDAR_24X7,
  CALENDAR_WEEKDAYS,
  DEFAULT_CALENDARS,
  addBusinessMillis,
  businessMillisBetween,
  formatInstant,
  parseInstant,
  validateCalendar,
  type BusinessCalendar,
} from '../../../src-shared/sla/calendar'
import { AUCKLAND_OFFICE, LONDON_OFFICE, NEW_YORK_NIGHT_SHIFT, NEW_YORK_OFFICE, WEEKEND_ON_CALL, sevenDayDesk } from './calendars'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

describe('business time on ordinary days', () => {
  it('counts only the open hours of a weekday when the interval starts and ends outside them', () => {
    // Monday 16 June 2025, 06:00 to 20:00 in London (BST).
    expect(businessMillisBetween(LONDON_OFFICE, '2025-06-16T05:00:00Z', '2025-06-16T19:00:00Z')).toBe(8 * HOUR)
  })

  it('counts nothing over a weekend', () => {
    expect(businessMillisBetween(LONDON_OFFICE, '2025-06-14T00:00:00Z', '2025-06-16T07:59:59Z')).toBe(0)
  })

  it('counts nothing when the interval is empty or runs backwards', () => {
    expect(businessMillisBetween(LONDON_OFFICE, '2025-06-16T10:00:00Z', '2025-06-16T10:00:00Z')).toBe(0)
    expect(businessMillisBetween(LONDON_OFFICE, '2025-06-16T12:00:00Z', '2025-06-16T10:00:00Z')).toBe(0)
  })

  it('skips the weekend between Friday afternoon and Monday morning', () => {
    // Friday 13 June 2025 16:00 BST to Monday 16 June 10:00 BST: one hour each side.
    expect(businessMillisBetween(LONDON_OFFICE, '2025-06-13T15:00:00Z', '2025-06-16T09:00:00Z')).toBe(2 * HOUR)
    expect(addBusinessMillis(LONDON_OFFICE, '2025-06-13T15:00:00Z', 2 * HOUR)).toBe('2025-06-16T09:00:00.000Z')
  })

  it('starts counting at the next opening when the incident arrives on a Saturday', () => {
    expect(addBusinessMillis(LONDON_OFFICE, '2025-06-14T10:00:00Z', 30 * MINUTE)).toBe('2025-06-16T08:30:00.000Z')
  })

  it('excludes the lunch break and makes a target that ends at the break due at the break', () => {
    // Monday 16 June 2025 in New York (EDT): 09:00–12:30 and 13:30–17:30.
    expect(businessMillisBetween(NEW_YORK_OFFICE, '2025-06-16T13:00:00Z', '2025-06-16T21:30:00Z')).toBe(7.5 * HOUR)
    expect(addBusinessMillis(NEW_YORK_OFFICE, '2025-06-16T13:00:00Z', 3.5 * HOUR)).toBe('2025-06-16T16:30:00.000Z')
    expect(addBusinessMillis(NEW_YORK_OFFICE, '2025-06-16T13:00:00Z', 3.5 * HOUR + 1)).toBe('2025-06-16T17:30:00.001Z')
  })

  it('makes no business time due at the start instant, even outside hours', () => {
    expect(addBusinessMillis(LONDON_OFFICE, '2025-06-14T10:00:00Z', 0)).toBe('2025-06-14T10:00:00.000Z')
  })

  it('counts every instant on the 24×7 calendar', () => {
    expect(businessMillisBetween(CALENDAR_24X7, '2025-06-14T22:15:00Z', '2025-06-16T01:45:00Z')).toBe(27.5 * HOUR)
    expect(addBusinessMillis(CALENDAR_24X7, '2025-06-14T22:15:00Z', 4 * HOUR)).toBe('2025-06-15T02:15:00.000Z')
  })
})

describe('business time on holidays', () => {
  it('closes Christmas and Boxing Day in London', () => {
    // Wednesday 24 December 2025 12:00 GMT to Monday 29 December 12:00: Wed 5 h + Mon 3 h.
    expect(businessMillisBetween(LONDON_OFFICE, '2025-12-24T12:00:00Z', '2025-12-29T12:00:00Z')).toBe(8 * HOUR)
    expect(addBusinessMillis(LONDON_OFFICE, '2025-12-24T12:00:00Z', 6 * HOUR)).toBe('2025-12-29T10:00:00.000Z')
  })

  it('reads holidays as local dates, not UTC dates, in Auckland', () => {
    // Christmas morning in Auckland (NZDT, UTC+13) is still 24 December in UTC.
    expect(businessMillisBetween(AUCKLAND_OFFICE, '2025-12-24T19:00:00Z', '2025-12-26T05:00:00Z')).toBe(0)
    // Next opening: Monday 29 December 09:00 NZDT.
    expect(addBusinessMillis(AUCKLAND_OFFICE, '2025-12-24T19:00:00Z', HOUR)).toBe('2025-12-28T21:00:00.000Z')
  })
})

describe('business time across daylight-saving changes', () => {
  const clockChangeDays = [
    { zone: 'Europe/London', change: 'spring forward', localMidnight: '2025-03-30T00:00:00Z', nextMidnight: '2025-03-30T23:00:00Z', opensAt: '2025-03-30T07:00:00.000Z' },
    { zone: 'Europe/London', change: 'fall back', localMidnight: '2025-10-25T23:00:00Z', nextMidnight: '2025-10-27T00:00:00Z', opensAt: '2025-10-26T08:00:00.000Z' },
    { zone: 'America/New_York', change: 'spring forward', localMidnight: '2025-03-09T05:00:00Z', nextMidnight: '2025-03-10T04:00:00Z', opensAt: '2025-03-09T12:00:00.000Z' },
    { zone: 'America/New_York', change: 'fall back', localMidnight: '2025-11-02T04:00:00Z', nextMidnight: '2025-11-03T05:00:00Z', opensAt: '2025-11-02T13:00:00.000Z' },
  ]

  it.each(clockChangeDays)('keeps 08:00–20:00 at 12 h on the $change day in $zone', ({ zone, localMidnight, nextMidnight, opensAt }) => {
    const desk = sevenDayDesk(zone)
    expect(businessMillisBetween(desk, localMidnight, nextMidnight)).toBe(12 * HOUR)
    expect(addBusinessMillis(desk, localMidnight, 0.5 * MINUTE)).toBe(formatInstant(parseInstant(opensAt) + 0.5 * MINUTE))
  })

  it('counts a whole Sunday as 23 h when London springs forward and 25 h when it falls back', () => {
    expect(businessMillisBetween(WEEKEND_ON_CALL, '2025-03-28T12:00:00Z', '2025-04-01T12:00:00Z')).toBe((24 + 23) * HOUR)
    expect(businessMillisBetween(WEEKEND_ON_CALL, '2025-10-24T12:00:00Z', '2025-10-28T12:00:00Z')).toBe((24 + 25) * HOUR)
  })

  it('counts a New York night shift that spans 02:00 as the hours that really pass', () => {
    // Spring forward: 00:00–06:00 lasts 5 h; with 22:00–24:00 the day holds 7 h.
    expect(businessMillisBetween(NEW_YORK_NIGHT_SHIFT, '2025-03-09T05:00:00Z', '2025-03-09T10:00:00Z')).toBe(5 * HOUR)
    expect(businessMillisBetween(NEW_YORK_NIGHT_SHIFT, '2025-03-09T05:00:00Z', '2025-03-10T04:00:00Z')).toBe(7 * HOUR)
    // Fall back: 00:00–06:00 lasts 7 h; the day holds 9 h.
    expect(businessMillisBetween(NEW_YORK_NIGHT_SHIFT, '2025-11-02T04:00:00Z', '2025-11-03T05:00:00Z')).toBe(9 * HOUR)
  })

  it('ends the fifth hour of the spring-forward night shift at 06:00 EDT', () => {
    expect(addBusinessMillis(NEW_YORK_NIGHT_SHIFT, '2025-03-09T05:00:00Z', 5 * HOUR)).toBe('2025-03-09T10:00:00.000Z')
    expect(addBusinessMillis(NEW_YORK_NIGHT_SHIFT, '2025-03-09T05:00:00Z', 5 * HOUR + 1)).toBe('2025-03-10T02:00:00.001Z')
  })

  it('starts a shift set inside the skipped hour when the clocks have jumped', () => {
    const ranges = [{ start: '01:30', end: '09:00' }]
    const earlyShift: BusinessCalendar = {
      id: 'early-shift',
      name: 'London early shift',
      timeZone: 'Europe/London',
      weeklyHours: { 1: ranges, 2: ranges, 3: ranges, 4: ranges, 5: ranges, 6: ranges, 7: ranges },
      holidays: [],
    }
    // 01:30 does not exist on 30 March 2025; the shift runs 02:30–09:00 BST.
    expect(businessMillisBetween(earlyShift, '2025-03-30T00:00:00Z', '2025-03-30T23:00:00Z')).toBe(6.5 * HOUR)
    expect(businessMillisBetween(earlyShift, '2025-03-31T00:00:00Z', '2025-03-31T23:00:00Z')).toBe(7.5 * HOUR)
  })
})

describe('business time over long spans', () => {
  it('counts a whole year of a London office day by day: 253 working days of 8 h in 2025', () => {
    expect(businessMillisBetween(LONDON_OFFICE, '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z')).toBe(253 * 8 * HOUR)
    expect(addBusinessMillis(LONDON_OFFICE, '2025-01-01T00:00:00Z', 253 * 8 * HOUR)).toBe('2025-12-31T17:00:00.000Z')
  })

  it.each([
    { zone: 'Europe/London', from: '2025-03-01T00:00:00Z', to: '2025-11-01T00:00:00Z', lastClosing: '2025-10-31T20:00:00.000Z' },
    { zone: 'America/New_York', from: '2025-03-01T05:00:00Z', to: '2025-11-01T04:00:00Z', lastClosing: '2025-11-01T00:00:00.000Z' },
  ])('keeps every day at 12 h from March to October in $zone, through the spring change', ({ zone, from, to, lastClosing }) => {
    // 1 March to 31 October: 245 days.
    expect(businessMillisBetween(sevenDayDesk(zone), from, to)).toBe(245 * 12 * HOUR)
    expect(addBusinessMillis(sevenDayDesk(zone), from, 245 * 12 * HOUR)).toBe(lastClosing)
  })

  it('counts ten years on the 24×7 calendar as wall time', () => {
    const from = '2025-01-01T00:00:00Z'
    const to = '2035-01-01T00:00:00Z'
    expect(businessMillisBetween(CALENDAR_24X7, from, to)).toBe(Date.parse(to) - Date.parse(from))
  })
})

describe('instants', () => {
  it('reads an instant without an offset as UTC, whatever the device zone', () => {
    expect(parseInstant('2025-06-16T09:00')).toBe(Date.parse('2025-06-16T09:00:00Z'))
    expect(parseInstant('2025-06-16T10:00:00+01:00')).toBe(Date.parse('2025-06-16T09:00:00Z'))
  })

  it('refuses text that is not an instant', () => {
    expect(() => businessMillisBetween(CALENDAR_24X7, 'yesterday', '2025-06-16T09:00:00Z')).toThrow('"yesterday" is not an ISO 8601 instant.')
  })

  it('refuses to add negative or non-finite business time', () => {
    expect(() => addBusinessMillis(CALENDAR_24X7, '2025-06-16T09:00:00Z', -1)).toThrow(RangeError)
    expect(() => addBusinessMillis(CALENDAR_24X7, '2025-06-16T09:00:00Z', Number.NaN)).toThrow(RangeError)
    expect(() => addBusinessMillis(CALENDAR_24X7, '2025-06-16T09:00:00Z', Number.POSITIVE_INFINITY)).toThrow(RangeError)
  })
})

describe('validateCalendar', () => {
  it.each([CALENDAR_24X7, CALENDAR_WEEKDAYS, LONDON_OFFICE, NEW_YORK_OFFICE, NEW_YORK_NIGHT_SHIFT, WEEKEND_ON_CALL, AUCKLAND_OFFICE])('accepts $name', (calendar) => {
    expect(validateCalendar(calendar)).toBeUndefined()
  })

  it('ships a default calendar set keyed by id', () => {
    expect(Object.keys(DEFAULT_CALENDARS)).toEqual(['24x7', 'weekdays'])
    expect(CALENDAR_WEEKDAYS.timeZone).toBe('UTC')
  })

  const office = LONDON_OFFICE
  const withMonday = (ranges: Array<{ start: string; end: string }>): BusinessCalendar => ({ ...office, weeklyHours: { ...office.weeklyHours, 1: ranges } })
  const closedWeek: BusinessCalendar = { ...office, weeklyHours: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] } }
  const { 7: _sunday, ...sixDays } = office.weeklyHours

  it.each([
    ['a blank id', { ...office, id: '' }, 'A calendar needs an id.'],
    ['a blank name', { ...office, name: '  ' }, 'A calendar needs a name.'],
    ['an unknown zone', { ...office, timeZone: 'Mars/Olympus_Mons' }, '"Mars/Olympus_Mons" is not an IANA time zone.'],
    ['a missing weekday', { ...office, weeklyHours: sixDays as BusinessCalendar['weeklyHours'] }, 'Opening hours for weekday 7 are missing.'],
    ['a start without a leading zero', withMonday([{ start: '9:00', end: '17:00' }]), 'Weekday 1: "9:00" is not a start time (HH:mm, 00:00–23:59).'],
    ['a start at 24:00', withMonday([{ start: '24:00', end: '24:00' }]), 'Weekday 1: "24:00" is not a start time (HH:mm, 00:00–23:59).'],
    ['an end after midnight', withMonday([{ start: '22:00', end: '24:30' }]), 'Weekday 1: "24:30" is not an end time (HH:mm, up to 24:00).'],
    ['a range ending before it starts', withMonday([{ start: '17:00', end: '09:00' }]), 'Weekday 1: 17:00–09:00 ends before it starts.'],
    [
      'overlapping ranges',
      withMonday([
        { start: '09:00', end: '13:00' },
        { start: '12:00', end: '17:00' },
      ]),
      'Weekday 1: 12:00–17:00 overlaps or precedes the range before it.',
    ],
    ['a week with no open hours', closedWeek, 'A calendar must be open at least one day a week.'],
    ['a holiday that is not a date', { ...office, holidays: ['2025-02-30'] }, 'Holiday "2025-02-30" is not a date (YYYY-MM-DD).'],
    ['a holiday in another format', { ...office, holidays: ['25/12/2025'] }, 'Holiday "25/12/2025" is not a date (YYYY-MM-DD).'],
  ] as const)('rejects %s', (_case, calendar, message) => {
    expect(validateCalendar(calendar as BusinessCalendar)).toBe(message)
  })

  it('refuses to compute with an invalid calendar, naming it', () => {
    expect(() => businessMillisBetween({ ...office, timeZone: 'Nowhere' }, '2025-06-16T09:00:00Z', '2025-06-16T10:00:00Z')).toThrow(
      'Calendar "london-office": "Nowhere" is not an IANA time zone.',
    )
  })

  it('gives up with a clear error when holidays leave no open hours for decades', () => {
    // Open on Mondays only, and every Monday for 30 years is a holiday.
    const mondays: string[] = []
    for (let day = Date.parse('2025-01-06T00:00:00Z'); day < Date.parse('2055-01-01T00:00:00Z'); day += 7 * 24 * HOUR) {
      mondays.push(new Date(day).toISOString().slice(0, 10))
    }
    const mondaysOnly: BusinessCalendar = { ...closedWeek, weeklyHours: { ...closedWeek.weeklyHours, 1: [{ start: '09:00', end: '17:00' }] }, holidays: mondays }
    expect(() => addBusinessMillis(mondaysOnly, '2025-01-01T00:00:00Z', HOUR)).toThrow('No 3600000 ms of business time within 25 years: check the holidays.')
  })
})

describe('business time properties', () => {
  const calendars = [LONDON_OFFICE, NEW_YORK_OFFICE, NEW_YORK_NIGHT_SHIFT, WEEKEND_ON_CALL, AUCKLAND_OFFICE, CALENDAR_24X7, sevenDayDesk('America/New_York')]
  const calendar = fc.constantFrom(...calendars)
  // 2025–2027: three springs and three autumns in each zone.
  const instant = fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') })
  const businessMillis = fc.integer({ min: 0, max: 200 * HOUR })
  const span = fc.integer({ min: 0, max: 60 * 24 * HOUR })

  it('addBusinessMillis is the inverse of businessMillisBetween', () => {
    fc.assert(
      fc.property(calendar, instant, businessMillis, (cal, from, millis) => {
        const fromIso = formatInstant(from)
        expect(businessMillisBetween(cal, fromIso, addBusinessMillis(cal, fromIso, millis))).toBe(millis)
      }),
    )
  })

  it('the due date for the business time of an interval is the earliest instant with that much elapsed', () => {
    fc.assert(
      fc.property(calendar, instant, span, (cal, from, length) => {
        const fromIso = formatInstant(from)
        const toIso = formatInstant(from + length)
        const elapsed = businessMillisBetween(cal, fromIso, toIso)
        const due = addBusinessMillis(cal, fromIso, elapsed)
        expect(parseInstant(due)).toBeLessThanOrEqual(from + length)
        expect(businessMillisBetween(cal, fromIso, due)).toBe(elapsed)
      }),
    )
  })

  it('splitting an interval anywhere splits its business time exactly', () => {
    fc.assert(
      fc.property(calendar, instant, span, span, (cal, from, first, second) => {
        const [a, b, c] = [from, from + first, from + first + second].map(formatInstant) as [string, string, string]
        expect(businessMillisBetween(cal, a, c)).toBe(businessMillisBetween(cal, a, b) + businessMillisBetween(cal, b, c))
      }),
    )
  })

  it('never counts more than the wall time of the interval', () => {
    fc.assert(
      fc.property(calendar, instant, span, (cal, from, length) => {
        const elapsed = businessMillisBetween(cal, formatInstant(from), formatInstant(from + length))
        expect(elapsed).toBeGreaterThanOrEqual(0)
        expect(elapsed).toBeLessThanOrEqual(length)
      }),
    )
  })
})
