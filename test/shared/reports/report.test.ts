import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_DOMAIN_CONFIG } from '../../../src-shared/config/domainConfig'
import { computeReport, createReportBuilder, type Report, type ReportFigure } from '../../../src-shared/reports/report'
import { shuffled } from '../../fixtures/shuffle'
import { ADMIN, fortnight, INCIDENT_MANAGER, NOW, RANGE } from './reportFixture'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

function figure(report: Report, id: string): ReportFigure {
  const found = report.figures.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`No figure ${id}`)
  return found
}

function value(report: Report, id: string): number | null {
  return figure(report, id).value
}

const options = { range: RANGE, nowIso: NOW, config: DEFAULT_DOMAIN_CONFIG, viewer: INCIDENT_MANAGER }

describe('report over a hand-computed fortnight (weekend, On Hold, reopen)', () => {
  const report = computeReport(fortnight(), options)

  it('takes its figures at the end of the range when the range is over', () => {
    expect(report.asOf).toBe(RANGE.to)
    expect(report.timeZone).toBe('UTC')
  })

  it('reads the incidents the viewer may see, and counts those without a start apart', () => {
    // Visible with a known start by the end of the range: A B C D E F H = 7 (G is security, J after the range).
    expect(report.incidentsRead).toBe(7)
    // I holds only a work note.
    expect(report.incompleteHistories).toBe(1)
  })

  it('counts incidents logged, resolved, canceled and open at the end', () => {
    // Logged in range, not canceled: A (7 Mar), B (3 Mar), C (8 Mar), D (12 Mar), H (5 Mar) = 5.
    // F was logged in February; E was canceled; G is hidden; J comes after the range.
    expect(value(report, 'logged')).toBe(5)
    expect(value(report, 'canceled')).toBe(1)
    // First resolved in range: A (10 Mar 12:00), B (4 Mar 12:00), C (8 Mar 05:20), H (5 Mar 14:45) = 4.
    expect(value(report, 'resolved')).toBe(4)
    // Open at 17 Mar 00:00: D (New) and F (In Progress) = 2.
    expect(value(report, 'backlog')).toBe(2)
  })

  it('MTTA is the mean wall-clock and business time to first response of incidents logged in range', () => {
    // Wall clock: A 16:00→16:30 = 30 min; B 07:00→08:40 = 100 min; C 02:00→02:10 = 10 min;
    // H 14:00→14:45 (resolved on the spot, which is the response) = 45 min. D has no response yet.
    // (30 + 100 + 10 + 45) / 4 = 185 / 4 = 46.25 min.
    expect(value(report, 'mtta')).toBe(46.25 * MINUTE)
    expect(figure(report, 'mtta').basis).toBe(4)
    // Business hours: B's clock only starts at 08:00 opening, so 08:00→08:40 = 40 min; C is P1 on
    // the 24×7 calendar, 10 min; A and H were inside weekday hours: 30 and 45.
    // (30 + 40 + 10 + 45) / 4 = 125 / 4 = 31.25 min.
    expect(value(report, 'mttaBusiness')).toBe(31.25 * MINUTE)
  })

  it('MTTR is the mean time to first resolution, wall clock with weekends and holds, business hours without', () => {
    // Wall clock: A Fri 7 Mar 16:00 → Mon 10 Mar 12:00 = 68 h = 4080 min;
    // B Mon 3 Mar 07:00 → Tue 4 Mar 12:00 = 29 h = 1740 min; C 02:00 → 05:20 = 200 min; H 45 min.
    // (4080 + 1740 + 200 + 45) / 4 = 6065 / 4 = 1516.25 min.
    expect(value(report, 'mttr')).toBe(1516.25 * MINUTE)
    // Business: A runs Fri 16:00–17:00 (1 h), is On Hold over the weekend until Mon 10:00, runs
    // 10:00–12:00 (2 h) = 3 h = 180 min. B: Mon 08:00–18:00 (10 h) + Tue 08:00–12:00 (4 h) = 14 h
    // = 840 min. C (24×7) 200 min. H 45 min. (180 + 840 + 200 + 45) / 4 = 1265 / 4 = 316.25 min.
    expect(value(report, 'mttrBusiness')).toBe(316.25 * MINUTE)
    expect(figure(report, 'mttrBusiness').basis).toBe(4)
  })

  it('SLA compliance counts each target in the period it was met or fell due', () => {
    // Response: A P3 met at 16:30; B P2 target 30 business min from 08:00 → due 08:30, met only
    // at 08:40: breached; C P1 met at 02:10; D P4 8 business h from Wed 17:00: Wed 1 h + Thu
    // 08:00–15:00 7 h → breached Thu 13 Mar 15:00, still unanswered; H P3 met at 14:45;
    // F P5 met on 10 Feb (before the range: not counted); E canceled (neither way).
    // Resolution: A P3 met (latest resolution Tue 11:00, 1 + 2 + 2 = 5 h of 30 h); B P2 8 business
    // h from Mon 08:00 → due Mon 16:00, resolved Tue: breached; C P1 met (3 h 20 of 4 h); H met;
    // D P4 on track (1 + 10 + 10 = 21 h of 50 h); F P5 100 h used up Mon 24 Feb 09:00 (9 h on
    // 10 Feb, 40 the rest of that week, 50 the next, 1 on 24 Feb): fell due before the range.
    const rows = report.tables.sla.rows
    expect(rows).toEqual([
      ['P1 Critical', 1, 0, 1, 1, 0, 1],
      ['P2 High', 0, 1, 0, 0, 1, 0],
      ['P3 Moderate', 2, 0, 1, 2, 0, 1],
      ['P4 Low', 0, 1, 0, 0, 0, null],
      ['P5 Planning', 0, 0, null, 0, 0, null],
      ['All priorities', 3, 2, 0.6, 3, 1, 0.75],
    ])
    // Response 3 met of 5 judged = 0.6; resolution 3 met of 4 judged = 0.75.
    expect(value(report, 'slaResponse')).toBe(0.6)
    expect(value(report, 'slaResolution')).toBe(0.75)
  })

  it('escalation, reopen and first-contact resolution rates', () => {
    // Functional escalations among the 5 logged: B (L1→L2), C (L1→L3). D's is hierarchical. 2 / 5.
    expect(value(report, 'escalationRate')).toBe(0.4)
    // Of the 4 resolved, A was reopened. 1 / 4.
    expect(value(report, 'reopenRate')).toBe(0.25)
    // Resolved at L1 with no functional escalation: A and H. 2 / 4.
    expect(value(report, 'fcr')).toBe(0.5)
  })

  it('backlog by age bucket at the end of the range', () => {
    // D: 17 Mar 00:00 − 12 Mar 17:00 = 4 d 7 h → 3–7 days. F: since 10 Feb 09:00 = 34 d 15 h → 30 days or more.
    expect(report.tables.backlog.rows).toEqual([
      ['Under 1 day', 0],
      ['1–3 days', 0],
      ['3–7 days', 1],
      ['7–30 days', 0],
      ['30 days or more', 1],
    ])
  })

  it('volume by category, level at logging and channel', () => {
    // A software, B network, C software, D hardware, H hardware: most first, ties by name.
    expect(report.tables.category.rows).toEqual([
      ['hardware', 2, 0.4],
      ['software', 2, 0.4],
      ['network', 1, 0.2],
    ])
    // D was logged at L2; A B C H at L1 (C's escalation to L3 does not move it here).
    expect(report.tables.level.rows).toEqual([
      ['L1', 4, 0.8],
      ['L2', 1, 0.2],
      ['L3', 0, 0],
    ])
    // A, H phone; B email; D walk-in; C monitoring.
    expect(report.tables.channel.rows).toEqual([
      ['Phone', 2, 0.4],
      ['Email', 1, 0.2],
      ['Walk-in', 1, 0.2],
      ['Self-service portal', 0, 0],
      ['Monitoring alert', 1, 0.2],
      ['Field visit', 0, 0],
    ])
  })

  it('lists major incidents with their declared-to-resolved duration', () => {
    // C declared Sat 02:20, resolved 05:20: 3 h.
    expect(report.tables.major.rows).toEqual([
      ['INC0000103', 'Email down for the whole company', 'P1 Critical', '2025-03-08T02:20:00.000Z', '2025-03-08T05:20:00.000Z', 3 * HOUR, 'Resolved'],
    ])
  })

  it('says how every figure and table is computed', () => {
    for (const each of report.figures) expect(each.howComputed.length).toBeGreaterThan(40)
    for (const table of Object.values(report.tables)) expect(table.howComputed.length).toBeGreaterThan(40)
  })
})

describe('security incidents in reports', () => {
  it('count only for viewers who may see them', () => {
    const report = computeReport(fortnight(), { ...options, viewer: ADMIN })
    // G joins: logged 6, resolved 5; MTTA wall (185 + 15) / 5 = 40 min; MTTR wall (6065 + 240) / 5 = 1261 min.
    expect(value(report, 'logged')).toBe(6)
    expect(value(report, 'resolved')).toBe(5)
    expect(value(report, 'mtta')).toBe(40 * MINUTE)
    expect(value(report, 'mttr')).toBe(1261 * MINUTE)
    expect(report.tables.category.rows).toContainEqual(['security', 1, 1 / 6])
    // G at L1, never escalated: FCR (A, G, H) 3 / 5.
    expect(value(report, 'fcr')).toBe(0.6)
  })
})

describe('ranges and now', () => {
  it('a range still running is taken at now, and later events do not count yet', () => {
    // Range 10 Mar → 24 Mar, now Tue 11 Mar 10:00: A was reopened at 09:00 and is open again.
    const report = computeReport(fortnight(), { ...options, range: { from: '2025-03-10T00:00:00.000Z', to: '2025-03-24T00:00:00.000Z' }, nowIso: '2025-03-11T10:00:00.000Z' })
    expect(report.asOf).toBe('2025-03-11T10:00:00.000Z')
    // Logged from 10 Mar up to now: none (D comes on 12 Mar).
    expect(value(report, 'logged')).toBe(0)
    expect(value(report, 'mtta')).toBeNull()
    // A's first resolution (10 Mar 12:00) is in range, and it has been reopened since.
    expect(value(report, 'resolved')).toBe(1)
    expect(value(report, 'reopenRate')).toBe(1)
    // Open at now: A (reopened; Fri 7 Mar 16:00 → Tue 11 Mar 10:00 = 3 d 18 h: 3–7 days) and
    // F (10 Feb 09:00 → 11 Mar 10:00 = 29 d 1 h: 7–30 days).
    expect(report.tables.backlog.rows.map((row) => row[1])).toEqual([0, 0, 1, 1, 0])
  })

  it('refuses a range that ends before it starts, with a clear message', () => {
    expect(() => createReportBuilder({ ...options, range: { from: RANGE.to, to: RANGE.from } })).toThrow('A report range must end after it starts.')
    expect(() => createReportBuilder({ ...options, range: { from: 'yesterday', to: RANGE.to } })).toThrow('"yesterday" is not an ISO 8601 instant.')
  })
})

describe('the report is the same on every desk', () => {
  it('whatever order the incidents and their events arrive in, and however often an event is delivered', () => {
    const expected = computeReport(fortnight(), options)
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean(), (seed, duplicate) => {
        const histories = shuffled(fortnight(), seed).map((history, index) => {
          const events = duplicate ? [...history.events, ...history.events.slice(0, 2)] : history.events
          return { ...history, events: shuffled(events, seed + index) }
        })
        expect(computeReport(histories, options)).toEqual(expected)
      }),
      { numRuns: 60 },
    )
  })
})
