import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PRIORITIES } from '../../src-shared/incident/priority'
import { INCIDENT_STATES } from '../../src-shared/incident/vocabulary'
import type { IncidentSummary } from '../../src-renderer/search/incidentSearchIndex'
import { decodeDocuments, decodeIndexPart, encodeDocuments, encodeIndexChunk, type TermSlots } from '../../src-renderer/search/searchIndexCodec'

/**
 * The saved search index's compact form gives back exactly what FlexSearch exported and what the
 * summaries held; a damaged or impossible value is refused, never loaded wrong.
 */

const key = fc.integer({ min: 0, max: 0x7fffffff })
const slots: fc.Arbitrary<TermSlots> = fc.array(fc.option(fc.array(key, { maxLength: 30 }), { nil: null }), { minLength: 1, maxLength: 9 })
const mapEntries = fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), slots), { maxLength: 60 })

function roundTrip(chunkKey: string, data: unknown, idsPerPart?: number): unknown[] {
  return encodeIndexChunk(chunkKey, data, idsPerPart).flatMap((part) => {
    const decoded = decodeIndexPart(part)
    expect(decoded.key).toBe(chunkKey)
    return decoded.data as unknown[]
  })
}

describe('the saved form of FlexSearch’s export', () => {
  it('gives back every term’s ids slot by slot, in their order, however the parts are cut', () => {
    fc.assert(
      fc.property(mapEntries, fc.integer({ min: 1, max: 100 }), (entries, idsPerPart) => {
        expect(roundTrip('1.map', entries, idsPerPart)).toEqual(entries)
      }),
    )
  })

  it('gives back the register of keys', () => {
    fc.assert(fc.property(fc.array(key, { maxLength: 200 }), (ids) => void expect(roundTrip('1.reg', ids)).toEqual(ids)))
  })

  it('cuts a map chunk where its ids pass the limit, and keeps a very common term whole', () => {
    const common: [string, TermSlots] = ['printer', [Array.from({ length: 500 }, (_, index) => index * 3), null, [7]]]
    const rare: Array<[string, TermSlots]> = Array.from({ length: 20 }, (_, index) => [`term${index}`, [null, [index, index + 1]]])
    const parts = encodeIndexChunk('1.map', [...rare.slice(0, 10), common, ...rare.slice(10)], 10)
    expect(parts.every((part) => part.kind === 'map')).toBe(true)
    const terms = parts.map((part) => (part.kind === 'map' ? part.terms : []))
    expect(terms.find((list) => list.includes('printer'))).toEqual(['printer'])
    expect(terms.flat()).toHaveLength(21)
  })

  it('keeps a chunk it has no compact form for as FlexSearch wrote it', () => {
    const context = [['printer', [['jam', [[1, 2]]]]]]
    const [part] = encodeIndexChunk('1.ctx', context)
    expect(part).toMatchObject({ kind: 'json' })
    expect(JSON.parse(decodeIndexPart(part!).data as string)).toEqual(context)
  })

  it('refuses a key it cannot hold, rather than saving it wrong', () => {
    expect(() => encodeIndexChunk('1.reg', [1, 2 ** 31])).toThrow(/cannot hold/)
    expect(() => encodeIndexChunk('1.map', [['printer', [[1.5]]]])).toThrow(/cannot hold/)
  })

  it('refuses a part cut short', () => {
    const [part] = encodeIndexChunk('1.map', [['printer', [[1, 200, 40_000]]]])
    if (part?.kind !== 'map') throw new Error('expected a map part')
    expect(() => decodeIndexPart({ ...part, slots: part.slots.slice(0, part.slots.byteLength - 2) })).toThrow(/cut short/)
  })
})

describe('the saved summaries', () => {
  const summary: fc.Arbitrary<IncidentSummary> = fc.record({
    id: fc.uuid(),
    number: fc.stringMatching(/^INC\d{7}$/),
    priority: fc.constantFrom(...PRIORITIES),
    state: fc.constantFrom(...INCIDENT_STATES),
    shortDescription: fc.string({ maxLength: 80 }),
    open: fc.boolean(),
    isSecurity: fc.boolean(),
    updatedAt: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    revision: fc.string({ maxLength: 30 }),
  })

  it('give back every summary with its key, across parts', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, summary), { maxLength: 40 }), fc.integer({ min: 1, max: 15 }), (documents, perPart) => {
        const parts = encodeDocuments(documents, perPart)
        expect(parts.length).toBe(Math.ceil(documents.length / perPart))
        expect(parts.flatMap(decodeDocuments)).toEqual(documents)
      }),
    )
  })

  it('refuse a part whose columns disagree', () => {
    const [part] = encodeDocuments([[1, { id: 'a', number: 'INC0000001', priority: PRIORITIES[2], state: 'new', shortDescription: 'Printer jams', open: true, isSecurity: false, updatedAt: '2026-11-25T09:30:00.000Z', revision: '1@x' }]])
    expect(() => decodeDocuments({ ...part!, flags: new Uint8Array(0) })).toThrow(/different lengths/)
    expect(() => decodeDocuments({ ...part!, numbers: { ...part!.numbers, text: 'INC1' } })).toThrow(/do not add up/)
  })
})
