import { describe, expect, it } from 'vitest'
import { translatorFor } from '../../../src-shared/i18n/translator'
import { WordedError, wordedIn } from '../../../src-shared/i18n/worded'
import { DEFAULT_DOMAIN_CONFIG } from '../../../src-shared/config/domainConfig'
import { foldEvents } from '../../../src-shared/incident/reducer'
import { rangeDates, rangeForPreset, reportTimeZone } from '../../../src-shared/reports/range'
import { mayAffectReport } from '../../../src-shared/reports/relevance'
import { computeReport, type Report } from '../../../src-shared/reports/report'
import { fortnight, INCIDENT_MANAGER, NOW, RANGE } from './reportFixture'

describe('report ranges', () => {
  const now = '2025-03-20T12:00:00.000Z'

  it('presets are whole days of the report zone, today included', () => {
    expect(rangeForPreset('last7', now, 'UTC')).toEqual({ from: '2025-03-14T00:00:00.000Z', to: '2025-03-21T00:00:00.000Z' })
    expect(rangeForPreset('last30', now, 'UTC')).toEqual({ from: '2025-02-19T00:00:00.000Z', to: '2025-03-21T00:00:00.000Z' })
    expect(rangeForPreset('thisMonth', now, 'UTC')).toEqual({ from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' })
  })

  it('days follow the configured zone, not the machine, across a clock change', () => {
    // London moves to BST on Sunday 30 March 2025: March starts at 00:00 GMT, April at 00:00 BST (23:00 UTC).
    expect(rangeForPreset('thisMonth', now, 'Europe/London')).toEqual({ from: '2025-03-01T00:00:00.000Z', to: '2025-03-31T23:00:00.000Z' })
    expect(rangeDates({ from: '2025-03-01T00:00:00.000Z', to: '2025-03-31T23:00:00.000Z' }, 'Europe/London')).toEqual({ fromDate: '2025-03-01', toDate: '2025-03-31' })
  })

  it('a custom range includes both dates and refuses bad ones clearly', () => {
    expect(rangeForPreset('custom', now, 'UTC', { fromDate: '2025-03-03', toDate: '2025-03-16' })).toEqual(RANGE)
    expect(() => rangeForPreset('custom', now, 'UTC', { fromDate: '2025-03-10', toDate: '2025-03-09' })).toThrow('The end date is before the start date.')
    expect(() => rangeForPreset('custom', now, 'UTC', { fromDate: '2025-02-30', toDate: '2025-03-09' })).toThrow('The start date “2025-02-30” is not a date (YYYY-MM-DD).')
    expect(() => rangeForPreset('custom', now, 'UTC')).toThrow('A custom range needs a start date and an end date.')
  })

  it('says which date is wrong in the desk’s language too', () => {
    let thrown: unknown
    try {
      rangeForPreset('custom', now, 'UTC', { fromDate: '2025-03-01', toDate: '31/03/2025' })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(WordedError)
    expect(wordedIn((thrown as WordedError).worded, translatorFor('fr'))).toBe('La date de fin « 31/03/2025 » n’est pas une date (AAAA-MM-JJ).')
  })

  it('the report zone is that of the calendar most priorities use', () => {
    const london = { ...DEFAULT_DOMAIN_CONFIG.calendars.weekdays!, timeZone: 'Europe/London' }
    expect(reportTimeZone({ ...DEFAULT_DOMAIN_CONFIG, calendars: { ...DEFAULT_DOMAIN_CONFIG.calendars, weekdays: london } })).toBe('Europe/London')
  })
})

describe('reading only the incidents that matter', () => {
  it('skipping incidents mayAffectReport rules out gives the same report', () => {
    const options = { range: RANGE, nowIso: NOW, config: DEFAULT_DOMAIN_CONFIG, viewer: INCIDENT_MANAGER }
    const all = fortnight()
    const kept = all.filter((history) => {
      const incident = foldEvents(history.events)
      return !incident || mayAffectReport(incident, RANGE)
    })
    // F is open; everything else but I (no projection) has events in the range. Shift the range
    // later so that some are ruled out: from 12 Mar, A (last event 11 Mar), B, C, E, G, H go.
    const later = { from: '2025-03-12T00:00:00.000Z', to: '2025-03-17T00:00:00.000Z' }
    const keptLater = all.filter((history) => {
      const incident = foldEvents(history.events)
      return !incident || mayAffectReport(incident, later)
    })
    expect(keptLater.map((history) => history.incidentId)).toEqual(['inc-d', 'inc-f', 'inc-i', 'inc-j'])
    // Every figure and table is the same; only the count of histories read differs.
    const figuresOf = (report: Report) => ({ ...report, incidentsRead: null })
    expect(figuresOf(computeReport(kept, options))).toEqual(figuresOf(computeReport(all, options)))
    const skipped = computeReport(keptLater, { ...options, range: later })
    const full = computeReport(all, { ...options, range: later })
    expect(skipped.incidentsRead).toBe(2)
    expect(full.incidentsRead).toBe(7)
    expect(figuresOf(skipped)).toEqual(figuresOf(full))
  })
})

describe('a report over a past range after the rules changed', () => {
  it('gives the same figures: the change is dated after the range, so last period’s compliance stands', () => {
    const before = { range: RANGE, nowIso: NOW, config: DEFAULT_DOMAIN_CONFIG, viewer: INCIDENT_MANAGER }
    // After the range (which ends 17 March), targets halved on one round-the-clock calendar.
    const halved = Object.fromEntries(
      Object.entries(DEFAULT_DOMAIN_CONFIG.slaPolicy).map(([priority, targets]) => [priority, { ...targets, responseMinutes: Math.ceil(targets.responseMinutes / 2), resolutionMinutes: Math.ceil(targets.resolutionMinutes / 2), calendarId: '24x7' }]),
    ) as unknown as typeof DEFAULT_DOMAIN_CONFIG.slaPolicy
    const changed = {
      ...DEFAULT_DOMAIN_CONFIG,
      slaPolicy: halved,
      slaHistory: [
        { from: '', slaPolicy: DEFAULT_DOMAIN_CONFIG.slaPolicy, calendars: DEFAULT_DOMAIN_CONFIG.calendars },
        { from: '2025-03-18T10:00:00.000Z', slaPolicy: halved, calendars: DEFAULT_DOMAIN_CONFIG.calendars },
      ],
    }
    const all = fortnight()
    expect(computeReport(all, { ...before, config: changed })).toEqual(computeReport(all, before))
    // Without the history (the change applied to all time) the past would be judged by the new targets.
    expect(computeReport(all, { ...before, config: { ...changed, slaHistory: undefined } })).not.toEqual(computeReport(all, before))
  })
})
