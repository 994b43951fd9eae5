import { describe, expect, it } from 'vitest'
import { emptyTally, meanOfTimes, medianOfTimes, mergeTally, timesCounted } from '../../../src-shared/reports/reportTally'

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
})
