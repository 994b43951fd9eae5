/**
 * Ids are UUIDv7: unique without coordination (desks create incidents offline) and ordered by
 * creation time.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { isUuid, newId, uuidv7Time } from '../../../src-shared/events/ids'

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

afterEach(() => {
  vi.useRealTimers()
})

describe('newId', () => {
  it('is a version 7, RFC 9562 variant UUID in lower case', () => {
    for (let index = 0; index < 100; index += 1) expect(newId()).toMatch(V7)
  })

  it('is unique', () => {
    const ids = Array.from({ length: 10_000 }, () => newId())
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('carries its creation time', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2025-03-03T09:00:00.000Z'))
    expect(uuidv7Time(newId())).toBe(Date.parse('2025-03-03T09:00:00.000Z'))
  })

  it('ids created later sort after earlier ones, across milliseconds and within one', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const start = Date.parse('2025-03-03T09:00:00.000Z')
    const ids: string[] = []
    for (let step = 0; step < 50; step += 1) {
      vi.setSystemTime(start + step * 1_000)
      // Several in the same millisecond, as a cascade or a link records several events at once.
      for (let burst = 0; burst < 20; burst += 1) ids.push(newId())
    }
    expect([...ids].sort()).toEqual(ids)
    expect(uuidv7Time(ids.at(-1)!)).toBe(start + 49_000)
  })
})

describe('isUuid', () => {
  it.each([
    ['0195a0c1-8f00-7000-8000-000000000001', true],
    ['0195A0C1-8F00-7000-8000-000000000001', false],
    ['0195a0c1-8f00-7000-8000-00000000001', false],
    ['0195a0c18f00700080000000000000001', false],
    ['INC0000001', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isUuid(value)).toBe(expected)
  })

  it('accepts every new id', () => {
    expect(isUuid(newId())).toBe(true)
  })
})
