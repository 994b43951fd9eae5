import { describe, expect, it } from 'vitest'
import { emptyTally, isEmptyTally, meanOfTimes, medianOfTimes, mergeTally, timesCounted } from '../../../src-shared/reports/reportTally'

describe('resolution times kept for means and medians', () => {
  it('takes the median of counted times, the mean of the two middle ones for an even count', () => {
    expect(medianOfTimes({})).toBeNull()
    expect(medianOfTimes({ '5': 1 })).toBe(5)
    expect(medianOfTimes({ '1': 1, '9': 1, '3': 2 })).toBe(3)
    expect(medianOfTimes({ '1': 1, '3': 1, '8': 1, '10': 1 })).toBe(5.5)
    expect(medianOfTimes({ '2': 3, '100': 1 })).toBe(2)
    expect(meanOfTimes({ '2': 3, '100': 1 })).toBe(26.5)
    expect(timesCounted({ '2': 3, '100': 1 })).toBe(4)
  })

  it('a change that takes a time back before adding the new one sums exactly, in any order', () => {
    const day = emptyTally()
    day.resolutionTimesByPriority['3'] = { '3600000': 1, '7200000': 1 }
    // A day's change, built from empty: the old time out (a count below zero), the new one in.
    const change = emptyTally()
    mergeTally(change, { ...emptyTally(), resolutionTimesByPriority: { '3': { '3600000': 1 } } }, -1)
    mergeTally(change, { ...emptyTally(), resolutionTimesByPriority: { '3': { '5400000': 1 } } })
    expect(change.resolutionTimesByPriority['3']).toEqual({ '3600000': -1, '5400000': 1 })
    mergeTally(day, change)
    expect(day.resolutionTimesByPriority).toEqual({ '3': { '7200000': 1, '5400000': 1 } })
    mergeTally(day, structuredClone(day), -1)
    expect(day.resolutionTimesByPriority).toEqual({})
  })

  it('keeps no empty table for a priority: adding nothing adds none, and a change that cancels another removes it', () => {
    const sum = emptyTally()
    mergeTally(sum, emptyTally())
    expect(isEmptyTally(sum)).toBe(true)
    // A positive count that a later change cancels with its negative one, added (sign 1) not taken out.
    mergeTally(sum, { ...emptyTally(), resolutionTimesByPriority: { '2': { '60000': 1 } } })
    mergeTally(sum, { ...emptyTally(), resolutionTimesByPriority: { '2': { '60000': -1 } } })
    expect(sum.resolutionTimesByPriority).toEqual({})
    expect(isEmptyTally(sum)).toBe(true)
    // A year of days summed: every time kept, each table once.
    for (let day = 0; day < 365; day++) mergeTally(sum, { ...emptyTally(), resolutionTimesByPriority: { '3': { [String(60_000 * (day + 1))]: 1 } } })
    expect(timesCounted(sum.resolutionTimesByPriority['3']!)).toBe(365)
    expect(medianOfTimes(sum.resolutionTimesByPriority['3']!)).toBe(60_000 * 183)
    expect(Object.keys(sum.resolutionTimesByPriority)).toEqual(['3'])
  })
})
