import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { holidaysFromIcal } from '../../../src-shared/sla/icalHolidays'

// A holiday feed as gov.uk publishes it (CRLF, all-day VEVENTs with an exclusive DTEND), plus a
// timed meeting and a yearly recurring day, the two things such files mix in.
const feed = fs.readFileSync(new URL('../../fixtures/ical/uk-bank-holidays.ics', import.meta.url), 'utf8')

describe('holidays from an iCalendar file', () => {
  it('takes each all-day event as closed days, each day of a multi-day one, recurring ones up to the horizon, and skips timed events', () => {
    const result = holidaysFromIcal(feed, 2027)
    expect(result).toEqual({
      ok: true,
      value: {
        holidays: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-01', '2025-12-25', '2025-12-26', '2026-05-01', '2027-05-01'],
        named: expect.arrayContaining([{ date: '2025-12-26', name: 'Christmas Day and Boxing Day' }, { date: '2026-05-01', name: 'Fête du Travail' }]),
        skipped: 1,
      },
    })
  })

  it('refuses what is not an iCalendar file with the parser’s reason', () => {
    const csv = holidaysFromIcal('date,name\n2025-01-01,New Year\n', 2027)
    expect(csv.ok).toBe(false)
    expect(!csv.ok && csv.message).toMatch(/^This is not an iCalendar file: /)
    expect(holidaysFromIcal('BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Someone\r\nEND:VCARD\r\n', 2027)).toEqual({ ok: false, message: 'This is not an iCalendar file: it has no VCALENDAR.' })
  })
})
