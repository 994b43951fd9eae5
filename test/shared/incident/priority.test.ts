/**
 * Priority is impact × urgency through a matrix an admin can change (DESIGN §1 Priority).
 */
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_PRIORITY_MATRIX,
  PRIORITY_LABELS,
  impactUrgencyFor,
  PRIORITIES,
  priorityFor,
  validatePriorityMatrix,
  type Impact,
  type Priority,
  type PriorityMatrix,
  type Urgency,
} from '../../../src-shared/incident/priority'
import { createDesk, people, reports } from '../../fixtures/incidents'

describe('the default matrix', () => {
  it.each([
    { impact: 1, urgency: 1, label: 'P1 Critical' },
    { impact: 1, urgency: 2, label: 'P2 High' },
    { impact: 1, urgency: 3, label: 'P3 Moderate' },
    { impact: 2, urgency: 1, label: 'P2 High' },
    { impact: 2, urgency: 2, label: 'P3 Moderate' },
    { impact: 2, urgency: 3, label: 'P4 Low' },
    { impact: 3, urgency: 1, label: 'P3 Moderate' },
    { impact: 3, urgency: 2, label: 'P4 Low' },
    { impact: 3, urgency: 3, label: 'P5 Planning' },
  ] as const)('impact $impact × urgency $urgency → $label', ({ impact, urgency, label }) => {
    expect(PRIORITY_LABELS[priorityFor(impact, urgency)]).toBe(label)
    expect(priorityFor(impact, urgency, DEFAULT_PRIORITY_MATRIX)).toBe(priorityFor(impact, urgency))
  })

  it('is a valid matrix', () => {
    expect(validatePriorityMatrix(DEFAULT_PRIORITY_MATRIX)).toBeUndefined()
  })
})

describe('a custom matrix from the configuration', () => {
  /** A stricter desk: anything with high impact or high urgency is at least P2. */
  const strict: PriorityMatrix = [
    [1, 1, 2],
    [1, 2, 3],
    [2, 3, 4],
  ]

  it('is valid', () => {
    expect(validatePriorityMatrix(strict)).toBeUndefined()
  })

  it('gives the priority when an incident is logged', () => {
    const desk = createDesk({ config: { priorityMatrix: strict } })
    const vpn = desk.log(reports.vpnDrops, people.grace)
    expect(vpn).toMatchObject({ impact: 2, urgency: 1, priority: 1 })
  })

  it('gives the priority when it is reprioritized', () => {
    const desk = createDesk({ config: { priorityMatrix: strict } })
    const printer = desk.log(reports.printerJams, people.grace)
    expect(printer.priority).toBe(2)
    desk.run({ action: 'prioritize', incidentId: printer.id, impact: 3, urgency: 3 }, people.grace)
    expect(desk.get(printer.id)).toMatchObject({ impact: 3, urgency: 3, priority: 4 })
  })
})

describe('validatePriorityMatrix', () => {
  const withCell = (impact: Impact, urgency: Urgency, priority: Priority): PriorityMatrix => {
    const rows = DEFAULT_PRIORITY_MATRIX.map((row) => [...row]) as [Priority, Priority, Priority][]
    rows[impact - 1]![urgency - 1] = priority
    return rows as unknown as PriorityMatrix
  }

  it('rejects a matrix where lower impact outranks higher impact', () => {
    // Impact 3 (one person) at urgency 1 ranked P1, above impact 2 (a floor) at P2.
    expect(validatePriorityMatrix(withCell(3, 1, 1))).toBe('Impact 2 must not give a lower priority than impact 3 (urgency 1).')
  })

  it('rejects a matrix where lower urgency outranks higher urgency', () => {
    // Impact 1 at urgency 3 ranked P1, above urgency 2 (P2).
    expect(validatePriorityMatrix(withCell(1, 3, 1))).toBe('Urgency 2 must not give a lower priority than urgency 3 (impact 1).')
  })

  it('rejects a company-wide outage ranked below a single printer', () => {
    const upsideDown: PriorityMatrix = [
      [5, 4, 3],
      [4, 3, 2],
      [3, 2, 1],
    ]
    expect(validatePriorityMatrix(upsideDown)).toMatch(/must not give a lower priority/)
  })

  it('accepts a flat matrix: equal is not lower', () => {
    expect(validatePriorityMatrix([[3, 3, 3], [3, 3, 3], [3, 3, 3]])).toBeUndefined()
  })
})

describe('impact and urgency for a known priority (an import that has only a priority)', () => {
  it('gives back every priority the default matrix has, through its most balanced pair', () => {
    for (const priority of PRIORITIES) {
      const { impact, urgency } = impactUrgencyFor(priority)
      expect(priorityFor(impact, urgency)).toBe(priority)
    }
    expect(impactUrgencyFor(2)).toEqual({ impact: 1, urgency: 2 })
    expect(impactUrgencyFor(3)).toEqual({ impact: 2, urgency: 2 })
  })

  it('takes the nearest priority a matrix gives when it never gives this one', () => {
    expect(priorityFor(...pair(impactUrgencyFor(5, [[1, 1, 2], [1, 2, 3], [2, 3, 4]])), [[1, 1, 2], [1, 2, 3], [2, 3, 4]])).toBe(4)
  })
})

function pair({ impact, urgency }: { impact: Impact; urgency: Urgency }): [Impact, Urgency] {
  return [impact, urgency]
}
