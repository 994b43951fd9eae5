import { describe, expect, it } from 'vitest'
import type { Actor } from '../../src-shared/incident/roles'
import { countdownText, formatDuration } from '../../src-renderer/major/countdown'
import {
  cadenceLabel,
  cascadeSummary,
  incidentManagerCandidates,
  nextUpdateView,
  parseIncidentNumbers,
  splitLines,
  splitList,
  summarizeLinkOutcomes,
} from '../../src-renderer/major/majorViewModel'
import { sortMajorsByNextUpdate } from '../../src-renderer/major/runningMajors'

/** What the major-incident view reads off the projection: the next-update clock, typed numbers, outcomes. */

const NOW = Date.parse('2025-03-04T10:00:00Z')
const minutes = (count: number) => new Date(NOW + count * 60_000).toISOString()

describe('countdown formatting', () => {
  it.each([
    [30_000, 'less than a minute'],
    [59_999, 'less than a minute'],
    [60_000, '1 min'],
    [42 * 60_000 + 59_000, '42 min'],
    [65 * 60_000, '1 h 05 min'],
    [47 * 60 * 60_000 + 59 * 60_000, '47 h 59 min'],
    [48 * 60 * 60_000, '2 d'],
    [4 * 24 * 60 * 60_000 + 6 * 60 * 60_000 + 59 * 60_000, '4 d 6 h'],
  ])('%i ms reads as "%s", rounded down so it never promises more time than is left', (millis, text) => {
    expect(formatDuration(millis)).toBe(text)
    expect(formatDuration(-millis)).toBe(text)
  })

  it('counts down to a due time and turns to overdue at the due instant', () => {
    expect(countdownText(minutes(42), NOW)).toBe('due in 42 min')
    expect(countdownText(minutes(0), NOW)).toBe('overdue by less than a minute')
    expect(countdownText(minutes(-5), NOW)).toBe('overdue by 5 min')
  })
})

describe('next stakeholder update', () => {
  it('is on track early in a 60-minute cadence, due soon in its last quarter, overdue once passed', () => {
    expect(nextUpdateView({ nextMajorUpdateDueAt: minutes(16), majorUpdateCadenceMinutes: 60 }, NOW)).toMatchObject({
      status: 'on_track',
      text: 'Next update due in 16 min',
    })
    expect(nextUpdateView({ nextMajorUpdateDueAt: minutes(15), majorUpdateCadenceMinutes: 60 }, NOW).status).toBe('due_soon')
    expect(nextUpdateView({ nextMajorUpdateDueAt: minutes(-3), majorUpdateCadenceMinutes: 60 }, NOW)).toMatchObject({
      status: 'overdue',
      text: 'Next update overdue by 3 min',
      remainingMillis: -3 * 60_000,
    })
  })

  it('warns at least ten minutes ahead even on a short cadence', () => {
    expect(nextUpdateView({ nextMajorUpdateDueAt: minutes(10), majorUpdateCadenceMinutes: 15 }, NOW).status).toBe('due_soon')
    expect(nextUpdateView({ nextMajorUpdateDueAt: minutes(11), majorUpdateCadenceMinutes: 15 }, NOW).status).toBe('on_track')
  })

  it('says so when no update is promised', () => {
    expect(nextUpdateView({ nextMajorUpdateDueAt: null, majorUpdateCadenceMinutes: 30 }, NOW)).toEqual({
      status: 'none',
      dueAt: null,
      remainingMillis: null,
      text: 'No update scheduled',
    })
  })

  it('lists overdue majors first, then the soonest due, then those with nothing promised', () => {
    const sorted = sortMajorsByNextUpdate([
      { number: 'INC0000003', nextMajorUpdateDueAt: null },
      { number: 'INC0000002', nextMajorUpdateDueAt: minutes(20) },
      { number: 'INC0000001', nextMajorUpdateDueAt: minutes(-5) },
    ])
    expect(sorted.map((incident) => incident.number)).toEqual(['INC0000001', 'INC0000002', 'INC0000003'])
  })
})

describe('typed incident numbers', () => {
  it('reads numbers separated by spaces, commas, semicolons and lines, padding bare and short ones', () => {
    expect(parseIncidentNumbers('INC0000002, inc0000003;\n4  INC12')).toEqual({
      numbers: ['INC0000002', 'INC0000003', 'INC0000004', 'INC0000012'],
      invalid: [],
    })
  })

  it('keeps provisional numbers, drops repeats and reports what is not a number', () => {
    expect(parseIncidentNumbers('NEW-ABC123-4 new-abc123-4 printer INC-7')).toEqual({
      numbers: ['NEW-ABC123-4'],
      invalid: ['printer', 'INC-7'],
    })
  })

  it('reads nothing from blank input', () => {
    expect(parseIncidentNumbers('  \n , ')).toEqual({ numbers: [], invalid: [] })
  })
})

describe('lists typed into the forms', () => {
  it('splits affected services on commas and lines, trimmed and without repeats', () => {
    expect(splitList('Payroll, VPN\n Payroll ,, Email ')).toEqual(['Payroll', 'VPN', 'Email'])
  })

  it('keeps commas inside a follow-up action, one action per line', () => {
    expect(splitLines('Add a disk alert, at 80 %\n\n Review the runbook ')).toEqual(['Add a disk alert, at 80 %', 'Review the runbook'])
  })
})

describe('outcomes', () => {
  it('reports linked children and each refusal', () => {
    const summary = summarizeLinkOutcomes([
      { number: 'INC0000002', ok: true },
      { number: 'INC0000003', ok: false, reason: 'INC0000003 already has a parent incident.' },
      { number: 'INC0000004', ok: true },
    ])
    expect(summary.text).toBe('Linked 2 child incidents: INC0000002, INC0000004. 1 incident not linked.')
    expect(summary.refused).toEqual([{ number: 'INC0000003', reason: 'INC0000003 already has a parent incident.' }])
  })

  it('says what a cascade resolve resolved', () => {
    expect(cascadeSummary('INC0000001', ['INC0000002', 'INC0000003', 'INC0000004'])).toBe(
      'Resolved INC0000001 and 3 child incidents (INC0000002, INC0000003, INC0000004).',
    )
    expect(cascadeSummary('INC0000001', ['INC0000002'])).toBe('Resolved INC0000001 and 1 child incident (INC0000002).')
    expect(cascadeSummary('INC0000001', [])).toBe('Resolved INC0000001.')
  })

  it('labels cadences in minutes and hours', () => {
    expect([15, 60, 90, 240].map(cadenceLabel)).toEqual(['Every 15 min', 'Every 1 h', 'Every 1 h 30 min', 'Every 4 h'])
  })
})

describe('incident manager candidates', () => {
  const me: Actor = { userId: 'u-me', displayName: 'Grace Okafor', role: 'l1_agent' }
  const im: Actor = { userId: 'u-im', displayName: 'Ines Moreau', role: 'incident_manager' }
  const l2: Actor = { userId: 'u-l2', displayName: 'Dmitri Volkov', role: 'l2_specialist' }

  it('offers the current manager, the person at the desk and managers seen on the incident, once each', () => {
    const current = { userId: 'u-old', displayName: 'Omar Reyes' }
    expect(incidentManagerCandidates(me, current, [l2, im, im])).toEqual([
      current,
      { userId: 'u-me', displayName: 'Grace Okafor' },
      { userId: 'u-im', displayName: 'Ines Moreau' },
    ])
  })
})
