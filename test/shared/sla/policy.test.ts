import { describe, it, expect } from 'vitest'
import { CALENDAR_WEEKDAYS, DEFAULT_CALENDARS, addBusinessMillis } from '../../../src-shared/sla/calendar'
import { BUSINESS_DAY_MINUTES, DEFAULT_SLA_POLICY, SLA_BREACH_THRESHOLD, SLA_WARNING_THRESHOLD, validateSlaPolicy, type SlaPolicy } from '../../../src-shared/sla/policy'

describe('default SLA policy', () => {
  it('is valid against the default calendars', () => {
    expect(validateSlaPolicy(DEFAULT_SLA_POLICY, DEFAULT_CALENDARS)).toBeUndefined()
  })

  it('runs P1 around the clock and every other priority on weekdays', () => {
    expect(DEFAULT_SLA_POLICY[1]).toEqual({ responseMinutes: 15, resolutionMinutes: 240, calendarId: '24x7' })
    for (const priority of [2, 3, 4, 5] as const) expect(DEFAULT_SLA_POLICY[priority].calendarId).toBe('weekdays')
  })

  it('counts P3–P5 days as business days of the weekday calendar', () => {
    expect(BUSINESS_DAY_MINUTES).toBe(600)
    expect(DEFAULT_SLA_POLICY[3].resolutionMinutes).toBe(3 * 600)
    expect(DEFAULT_SLA_POLICY[4]).toMatchObject({ responseMinutes: 8 * 60, resolutionMinutes: 5 * 600 })
    expect(DEFAULT_SLA_POLICY[5]).toMatchObject({ responseMinutes: 2 * 600, resolutionMinutes: 10 * 600 })
  })

  it('makes a P3 logged on Monday at 10:00 due on Thursday at 10:00', () => {
    const due = addBusinessMillis(CALENDAR_WEEKDAYS, '2025-06-16T10:00:00Z', DEFAULT_SLA_POLICY[3].resolutionMinutes * 60_000)
    expect(due).toBe('2025-06-19T10:00:00.000Z')
  })

  it('warns at 75 % and breaches at 100 %', () => {
    expect(SLA_WARNING_THRESHOLD).toBe(0.75)
    expect(SLA_BREACH_THRESHOLD).toBe(1)
  })
})

describe('validateSlaPolicy', () => {
  const withP3 = (targets: Partial<SlaPolicy[3]>): SlaPolicy => ({ ...DEFAULT_SLA_POLICY, 3: { ...DEFAULT_SLA_POLICY[3], ...targets } })
  const { 5: _planning, ...fourPriorities } = DEFAULT_SLA_POLICY

  it.each([
    ['a priority without targets', fourPriorities as SlaPolicy, 'P5 Planning has no SLA targets.'],
    ['a zero response target', withP3({ responseMinutes: 0 }), 'P3 Moderate: the response target must be a whole number of minutes above 0.'],
    ['a fractional resolution target', withP3({ resolutionMinutes: 90.5 }), 'P3 Moderate: the resolution target must be a whole number of minutes above 0.'],
    ['a resolution target shorter than the response target', withP3({ responseMinutes: 600, resolutionMinutes: 300 }), 'P3 Moderate: the resolution target cannot be shorter than the response target.'],
    ['an unknown calendar', withP3({ calendarId: 'night-shift' }), 'P3 Moderate: calendar "night-shift" does not exist.'],
    ['a calendar id inherited from Object', withP3({ calendarId: 'toString' }), 'P3 Moderate: calendar "toString" does not exist.'],
  ] as const)('rejects %s', (_case, policy, message) => {
    expect(validateSlaPolicy(policy, DEFAULT_CALENDARS)).toBe(message)
  })
})
