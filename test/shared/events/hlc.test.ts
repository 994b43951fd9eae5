/**
 * The hybrid logical clock: local events strictly ordered even when the wall clock misbehaves,
 * remote clocks followed but not blindly, and a text form whose string order is clock order.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatHlc, HLC_MAX_DRIFT_MS, HlcError, isHlc, parseHlc, receiveHlc, tickHlc, type HlcTimestamp } from '../../../src-shared/events/hlc'

const T0 = Date.parse('2025-03-03T09:00:00.000Z')
const MAX_COUNTER = 99_999
const MAX_WALL = 10 ** 15 - 1

/** Clock order: wall time, then counter, then node. */
function compareClocks(a: HlcTimestamp, b: HlcTimestamp): number {
  if (a.wallMs !== b.wallMs) return a.wallMs < b.wallMs ? -1 : 1
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1
  if (a.node !== b.node) return a.node < b.node ? -1 : 1
  return 0
}

/** Strictly later in clock order, ignoring the node (a device's own node never changes). */
function isAfter(a: HlcTimestamp, b: HlcTimestamp): boolean {
  return a.wallMs > b.wallMs || (a.wallMs === b.wallMs && a.counter > b.counter)
}

const nodeArbitrary = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/)
const hlcArbitrary = fc.record({
  wallMs: fc.integer({ min: 0, max: MAX_WALL }),
  counter: fc.integer({ min: 0, max: MAX_COUNTER }),
  node: nodeArbitrary,
})

describe('tickHlc', () => {
  it('starts at the wall clock with counter 0', () => {
    expect(tickHlc(null, T0, 'desk-a')).toEqual({ wallMs: T0, counter: 0, node: 'desk-a' })
  })

  it('follows the wall clock when it moves forward', () => {
    expect(tickHlc({ wallMs: T0, counter: 7, node: 'desk-a' }, T0 + 5, 'desk-a')).toEqual({ wallMs: T0 + 5, counter: 0, node: 'desk-a' })
  })

  it('counts within the same millisecond', () => {
    expect(tickHlc({ wallMs: T0, counter: 7, node: 'desk-a' }, T0, 'desk-a')).toEqual({ wallMs: T0, counter: 8, node: 'desk-a' })
  })

  it('never goes back when the wall clock does (NTP correction, a dead CMOS battery)', () => {
    const last = { wallMs: T0, counter: 3, node: 'desk-a' }
    expect(tickHlc(last, T0 - 60 * 60 * 1000, 'desk-a')).toEqual({ wallMs: T0, counter: 4, node: 'desk-a' })
  })

  it('moves on a millisecond when the counter would overflow', () => {
    expect(tickHlc({ wallMs: T0, counter: MAX_COUNTER, node: 'desk-a' }, T0, 'desk-a')).toEqual({ wallMs: T0 + 1, counter: 0, node: 'desk-a' })
  })

  it('is strictly monotonic whatever the wall clock does (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10_000, max: 10_000 }), { minLength: 1, maxLength: 200 }), (jumps) => {
        let nowMs = T0
        let last: HlcTimestamp | null = null
        for (const jump of jumps) {
          nowMs += jump
          const next = tickHlc(last, nowMs, 'desk-a')
          if (last) {
            expect(isAfter(next, last)).toBe(true)
            expect(formatHlc(next) > formatHlc(last)).toBe(true)
          }
          expect(next.wallMs).toBeGreaterThanOrEqual(nowMs)
          last = next
        }
      }),
      { numRuns: 200 },
    )
  })
})

describe('receiveHlc', () => {
  const last = { wallMs: T0, counter: 4, node: 'desk-a' }

  it('adopts a remote clock that is ahead, counting on from it', () => {
    const remote = { wallMs: T0 + 5_000, counter: 9, node: 'desk-b' }
    expect(receiveHlc(last, remote, T0 + 1_000, 'desk-a')).toEqual({ wallMs: T0 + 5_000, counter: 10, node: 'desk-a' })
  })

  it('keeps its own clock when the remote one is behind', () => {
    const remote = { wallMs: T0 - 5_000, counter: 50, node: 'desk-b' }
    expect(receiveHlc(last, remote, T0 - 1_000, 'desk-a')).toEqual({ wallMs: T0, counter: 5, node: 'desk-a' })
  })

  it('takes the larger counter when both clocks read the same millisecond', () => {
    const remote = { wallMs: T0, counter: 40, node: 'desk-b' }
    expect(receiveHlc(last, remote, T0 - 1, 'desk-a')).toEqual({ wallMs: T0, counter: 41, node: 'desk-a' })
  })

  it('returns to the wall clock once it is ahead of both', () => {
    const remote = { wallMs: T0 + 10, counter: 40, node: 'desk-b' }
    expect(receiveHlc(last, remote, T0 + 20, 'desk-a')).toEqual({ wallMs: T0 + 20, counter: 0, node: 'desk-a' })
  })

  it('works for a device that has no clock value yet', () => {
    expect(receiveHlc(null, { wallMs: T0 + 10, counter: 2, node: 'desk-b' }, T0, 'desk-a')).toEqual({ wallMs: T0 + 10, counter: 3, node: 'desk-a' })
    expect(receiveHlc(null, { wallMs: T0, counter: 2, node: 'desk-b' }, T0, 'desk-a')).toEqual({ wallMs: T0, counter: 3, node: 'desk-a' })
  })

  it('works for a fresh device whose wall clock reads 0, as the remote one does', () => {
    // Used to dereference the missing local clock (TypeError) when all three wall times were 0.
    expect(receiveHlc(null, { wallMs: 0, counter: 2, node: 'desk-b' }, 0, 'desk-a')).toEqual({ wallMs: 0, counter: 3, node: 'desk-a' })
  })

  it('refuses a remote clock more than 24 h ahead: a broken device, not a slow network', () => {
    const remote = { wallMs: T0 + HLC_MAX_DRIFT_MS + 1, counter: 0, node: 'desk-b' }
    expect(() => receiveHlc(last, remote, T0, 'desk-a')).toThrow(HlcError)
    expect(() => receiveHlc(last, remote, T0, 'desk-a')).toThrow('Remote clock is 24 h ahead of this device; refusing to follow it.')
  })

  it('follows a remote clock exactly 24 h ahead', () => {
    const remote = { wallMs: T0 + HLC_MAX_DRIFT_MS, counter: 0, node: 'desk-b' }
    expect(receiveHlc(last, remote, T0, 'desk-a')).toEqual({ wallMs: T0 + HLC_MAX_DRIFT_MS, counter: 1, node: 'desk-a' })
  })

  it('moves on a millisecond when the merged counter would overflow', () => {
    const remote = { wallMs: T0, counter: MAX_COUNTER, node: 'desk-b' }
    expect(receiveHlc(last, remote, T0, 'desk-a')).toEqual({ wallMs: T0 + 1, counter: 0, node: 'desk-a' })
  })

  it('the result is after both the last local and the remote clock, and never behind the wall clock (property)', () => {
    fc.assert(
      fc.property(
        fc.option(hlcArbitrary, { nil: null }),
        hlcArbitrary,
        fc.integer({ min: 0, max: MAX_WALL - 1 }),
        (local, remote, nowMs) => {
          fc.pre(remote.wallMs - nowMs <= HLC_MAX_DRIFT_MS)
          fc.pre(!local || local.wallMs < MAX_WALL)
          fc.pre(remote.wallMs < MAX_WALL)
          const merged = receiveHlc(local, remote, nowMs, 'desk-a')
          expect(isAfter(merged, remote)).toBe(true)
          if (local) expect(isAfter(merged, local)).toBe(true)
          expect(merged.wallMs).toBeGreaterThanOrEqual(nowMs)
          expect(merged.node).toBe('desk-a')
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('text form', () => {
  it('pads wall time to 15 digits and the counter to 5', () => {
    expect(formatHlc({ wallMs: T0, counter: 42, node: 'desk-a' })).toBe(`00${T0}:00042:desk-a`)
  })

  it('parses what it formats (property)', () => {
    fc.assert(
      fc.property(hlcArbitrary, (timestamp) => {
        const text = formatHlc(timestamp)
        expect(isHlc(text)).toBe(true)
        expect(parseHlc(text)).toEqual(timestamp)
      }),
      { numRuns: 500 },
    )
  })

  it('string order is clock order (property)', () => {
    fc.assert(
      fc.property(hlcArbitrary, hlcArbitrary, (a, b) => {
        const byText = formatHlc(a) < formatHlc(b) ? -1 : formatHlc(a) > formatHlc(b) ? 1 : 0
        expect(byText).toBe(compareClocks(a, b))
      }),
      { numRuns: 500 },
    )
  })

  it.each([
    { why: 'a negative wall time', timestamp: { wallMs: -1, counter: 0, node: 'a' }, message: 'Invalid wall time -1.' },
    { why: 'a fractional wall time', timestamp: { wallMs: 1.5, counter: 0, node: 'a' }, message: 'Invalid wall time 1.5.' },
    { why: 'a wall time that does not fit 15 digits', timestamp: { wallMs: 10 ** 15, counter: 0, node: 'a' }, message: 'Invalid wall time 1000000000000000.' },
    { why: 'a negative counter', timestamp: { wallMs: 0, counter: -1, node: 'a' }, message: 'HLC counter -1 out of range.' },
    { why: 'a counter past 99999', timestamp: { wallMs: 0, counter: 100_000, node: 'a' }, message: 'HLC counter 100000 out of range.' },
    { why: 'a fractional counter', timestamp: { wallMs: 0, counter: 0.5, node: 'a' }, message: 'HLC counter 0.5 out of range.' },
    { why: 'an empty node', timestamp: { wallMs: 0, counter: 0, node: '' }, message: 'Invalid HLC node id "".' },
    { why: 'a node with a colon', timestamp: { wallMs: 0, counter: 0, node: 'desk:a' }, message: 'Invalid HLC node id "desk:a".' },
    { why: 'a 65-character node', timestamp: { wallMs: 0, counter: 0, node: 'n'.repeat(65) }, message: `Invalid HLC node id "${'n'.repeat(65)}".` },
  ])('formatHlc refuses $why', ({ timestamp, message }) => {
    expect(() => formatHlc(timestamp)).toThrow(HlcError)
    expect(() => formatHlc(timestamp)).toThrow(message)
  })

  it.each(['', 'hello', '1741000000000:00001:desk', '001741000000000:1:desk', '001741000000000:00001:', '001741000000000:00001:desk a', ' 001741000000000:00001:desk'])(
    'parseHlc refuses %j',
    (text) => {
      expect(isHlc(text)).toBe(false)
      expect(() => parseHlc(text)).toThrow(HlcError)
      expect(() => parseHlc(text)).toThrow('is not a hybrid logical clock value')
    },
  )

  it('HlcError is an Error with its own name', () => {
    const error = new HlcError('x')
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('HlcError')
  })
})
