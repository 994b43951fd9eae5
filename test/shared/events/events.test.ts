/**
 * The canonical local order of events: HLC first, id to break an exact tie.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareEvents } from '../../../src-shared/events/events'

const a = '0195a0c1-8f00-7000-8000-00000000000a'
const b = '0195a0c1-8f00-7000-8000-00000000000b'
const early = '001741000000000:00000:desk-a'
const late = '001741000000000:00001:desk-a'

describe('compareEvents', () => {
  it('orders by clock first, whatever the ids', () => {
    expect(compareEvents({ hlc: early, id: b }, { hlc: late, id: a })).toBe(-1)
    expect(compareEvents({ hlc: late, id: a }, { hlc: early, id: b })).toBe(1)
  })

  it('breaks an exact clock tie by id', () => {
    expect(compareEvents({ hlc: early, id: a }, { hlc: early, id: b })).toBe(-1)
    expect(compareEvents({ hlc: early, id: b }, { hlc: early, id: a })).toBe(1)
  })

  it('an event equals itself', () => {
    expect(compareEvents({ hlc: early, id: a }, { hlc: early, id: a })).toBe(0)
  })

  it('is a total order: antisymmetric and transitive (property)', () => {
    const key = fc.record({ hlc: fc.constantFrom(early, late, '001741000000001:00000:desk-b'), id: fc.constantFrom(a, b) })
    fc.assert(
      fc.property(key, key, key, (x, y, z) => {
        expect(Math.sign(compareEvents(x, y)) + Math.sign(compareEvents(y, x))).toBe(0)
        if (compareEvents(x, y) <= 0 && compareEvents(y, z) <= 0) expect(compareEvents(x, z)).toBeLessThanOrEqual(0)
        if (compareEvents(x, y) === 0) expect(x).toEqual(y)
      }),
      { numRuns: 200 },
    )
  })
})
