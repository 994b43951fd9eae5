import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { DateTime } from 'luxon'
import {
  EDGAR_TIME_ZONE,
  US_FEDERAL_HOLIDAYS,
  US_FEDERAL_HOLIDAYS_KNOWN_THROUGH,
  addUsFederalBusinessDays,
  isUsFederalBusinessDay,
} from '../../../src-shared/security/usFederalCalendar'

/** 5 U.S.C. 6103, computed from its rules, to check the hand-maintained list against. */
function statutoryHolidays(year: number): string[] {
  const nthWeekday = (month: number, weekday: number, nth: number) => {
    let day = DateTime.utc(year, month, 1)
    while (day.weekday !== weekday) day = day.plus({ days: 1 })
    return day.plus({ weeks: nth - 1 })
  }
  const lastMonday = (month: number) => {
    let day = DateTime.utc(year, month, 1).endOf('month').startOf('day')
    while (day.weekday !== 1) day = day.minus({ days: 1 })
    return day
  }
  // A Saturday holiday is observed on the Friday before, a Sunday one on the Monday after.
  const observed = (month: number, day: number) => {
    const date = DateTime.utc(year, month, day)
    return date.weekday === 6 ? date.minus({ days: 1 }) : date.weekday === 7 ? date.plus({ days: 1 }) : date
  }
  return [
    observed(1, 1),
    nthWeekday(1, 1, 3),
    nthWeekday(2, 1, 3),
    lastMonday(5),
    observed(6, 19),
    observed(7, 4),
    nthWeekday(9, 1, 1),
    nthWeekday(10, 1, 2),
    observed(11, 11),
    nthWeekday(11, 4, 4),
    observed(12, 25),
  ].map((date) => date.toISODate()!)
}

describe('US federal holiday list', () => {
  it('holds exactly the statutory holidays of 2025–2027, with New Year 2028 observed on 31 December 2027', () => {
    const expected = [2025, 2026, 2027, 2028].flatMap(statutoryHolidays).filter((date) => date <= US_FEDERAL_HOLIDAYS_KNOWN_THROUGH)
    const listed = US_FEDERAL_HOLIDAYS.filter((holiday) => holiday.basis === 'statute').map((holiday) => holiday.date)
    expect(listed).toEqual(expected)
    expect(listed).toContain('2027-12-31')
  })

  it('includes the closures ordered by the President: the Carter day of mourning and Christmas 2025', () => {
    const closures = US_FEDERAL_HOLIDAYS.filter((holiday) => holiday.basis === 'executive_order').map((holiday) => holiday.date)
    expect(closures).toEqual(['2025-01-09', '2025-12-24', '2025-12-26'])
  })

  it('is sorted, without duplicates, and only lists weekdays', () => {
    const dates = US_FEDERAL_HOLIDAYS.map((holiday) => holiday.date)
    expect([...dates].sort()).toEqual(dates)
    expect(new Set(dates).size).toBe(dates.length)
    for (const date of dates) expect(DateTime.fromISO(date).weekday).toBeLessThanOrEqual(5)
  })
})

describe('isUsFederalBusinessDay', () => {
  it.each([
    ['2025-07-04', false, 'Independence Day'],
    ['2025-07-05', false, 'a Saturday'],
    ['2025-07-06', false, 'a Sunday'],
    ['2025-07-07', true, 'an ordinary Monday'],
    ['2026-07-03', false, 'Independence Day observed on a Friday'],
  ] as const)('says %s is %s (%s)', (date, expected, _reason) => {
    expect(isUsFederalBusinessDay(date)).toBe(expected)
  })

  it('refuses text that is not a date', () => {
    expect(() => isUsFederalBusinessDay('2025-13-01')).toThrow('"2025-13-01" is not a date (YYYY-MM-DD).')
  })
})

describe('addUsFederalBusinessDays', () => {
  it('refuses a count that is not a whole number of at least 1', () => {
    expect(() => addUsFederalBusinessDays('2025-06-02T14:00:00Z', 0)).toThrow(RangeError)
    expect(() => addUsFederalBusinessDays('2025-06-02T14:00:00Z', 1.5)).toThrow(RangeError)
  })

  it('lands on a business day at 5:30 p.m. Eastern, exactly n business days after the trigger day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-12-01T00:00:00Z') }),
        fc.integer({ min: 1, max: 10 }),
        (start, businessDays) => {
          const due = DateTime.fromISO(addUsFederalBusinessDays(new Date(start).toISOString(), businessDays), { zone: EDGAR_TIME_ZONE })
          expect(due.toMillis()).toBeGreaterThan(start)
          expect([due.hour, due.minute, due.second]).toEqual([17, 30, 0])
          expect(isUsFederalBusinessDay(due.toISODate()!)).toBe(true)
          let counted = 0
          for (let day = DateTime.fromMillis(start, { zone: EDGAR_TIME_ZONE }).startOf('day').plus({ days: 1 }); day <= due; day = day.plus({ days: 1 })) {
            if (isUsFederalBusinessDay(day.toISODate()!)) counted++
          }
          expect(counted).toBe(businessDays)
        },
      ),
    )
  })
})
