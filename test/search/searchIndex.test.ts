import fc from 'fast-check'
import { Index } from 'flexsearch'
import { describe, expect, it } from 'vitest'
import { canSee } from '../../src-shared/incident/visibility'
import { decodeIndexPart, encodeIndexChunk } from '../../src-renderer/search/searchIndexCodec'
import { createIncidentSearchIndex, exportedParts, numberDigits, numberParts, importIncidentSearchIndex, type SearchDocument } from '../../src-renderer/search/incidentSearchIndex'
import { describeMatch, queryTerms, searchFieldsOf, similarityTerms, type IncidentNotes } from '../../src-renderer/search/searchText'
import { people, reports, type Report } from '../fixtures/incidents'

/** The in-memory index and the match quoting, without a store: the rules the palette relies on. */

let sequence = 0
function documentFor(report: Report, options: { number?: string; notes?: IncidentNotes; isSecurity?: boolean; open?: boolean } = {}): SearchDocument {
  sequence += 1
  const number = options.number ?? `INC${String(sequence).padStart(7, '0')}`
  const incident = {
    number,
    shortDescription: report.shortDescription,
    description: report.description ?? '',
    caller: report.caller,
    category: report.category ?? null,
    subcategory: report.subcategory ?? null,
    service: report.service ?? null,
    configurationItem: report.configurationItem ?? null,
    location: report.location ?? null,
  }
  return {
    id: `id-${sequence}`,
    revision: '1',
    number,
    priority: 3,
    state: options.open === false ? 'resolved' : 'new',
    shortDescription: report.shortDescription,
    open: options.open ?? true,
    isSecurity: options.isSecurity ?? report.category === 'security',
    updatedAt: '2026-03-02T09:00:00.000Z',
    fields: searchFieldsOf(incident, options.notes),
  }
}

function numbers(index: ReturnType<typeof createIncidentSearchIndex>, query: string, visible?: (summary: { isSecurity: boolean }) => boolean): string[] {
  return index.match(query, { limit: 20, ...(visible ? { visible } : {}) }).map((match) => match.summary.number)
}

describe('incident search index', () => {
  it('finds an incident by its number typed in full, without zeros, or without the prefix, first', () => {
    const index = createIncidentSearchIndex()
    index.put(documentFor(reports.printerJams, { number: 'INC0001234' }))
    index.put(documentFor({ ...reports.vpnDrops, description: 'Ticket 1234 from the old system mentions the same VPN.' }, { number: 'INC0000077' }))

    for (const query of ['INC0001234', 'inc1234', '1234', '0001234']) expect(numbers(index, query)[0]).toBe('INC0001234')
    expect(numbers(index, 'CHG0001234')).toEqual([])
    expect(numbers(index, '1234')).toEqual(['INC0001234', 'INC0000077'])
  })

  it('matches a half-typed word in a title from three letters, and in a description or note from four', () => {
    const index = createIncidentSearchIndex()
    index.put(documentFor(reports.printerJams, { number: 'INC0000001' }))
    index.put(documentFor(reports.outlookPassword, { number: 'INC0000002', notes: { workNotes: ['Cached credentials in the quokka keychain.'], callerComments: [] } }))

    expect(numbers(index, 'pr')).toEqual([])
    expect(numbers(index, 'pri')).toEqual(['INC0000001'])
    expect(numbers(index, 'prom')).toEqual(['INC0000002'])
    expect(numbers(index, 'la')).toEqual([])
    expect(numbers(index, 'lase')).toEqual(['INC0000001'])
    expect(numbers(index, 'quo')).toEqual([])
    expect(numbers(index, 'quok')).toEqual(['INC0000002'])
    // Short words in the head match as prefixes too (both locations say HQ).
    expect(numbers(index, 'hq').sort()).toEqual(['INC0000001', 'INC0000002'])
  })

  it('replaces an incident’s text on update and forgets it on remove', () => {
    const index = createIncidentSearchIndex()
    const printer = documentFor(reports.printerJams)
    index.put(printer)
    index.put({ ...printer, shortDescription: 'Kitchen printer misfeeds', fields: { ...printer.fields, shortDescription: ['Kitchen printer misfeeds'], description: ['Paper misfeeds on duplex.'] } })
    expect(index.size).toBe(1)
    expect(numbers(index, 'misfeeds')).toEqual([printer.number])
    expect(numbers(index, 'laserjet')).toEqual([])
    index.remove(printer.id)
    expect(index.size).toBe(0)
    expect(numbers(index, 'misfeeds')).toEqual([])
    expect(numbers(index, printer.number)).toEqual([])
  })

  it('returns a security incident only when the visibility check passes', () => {
    const index = createIncidentSearchIndex()
    const phishing = documentFor(reports.phishingClick)
    index.put(phishing)
    expect(phishing.isSecurity).toBe(true)
    expect(numbers(index, 'payroll', (summary) => canSee(people.priya, summary))).toEqual([phishing.number])
    expect(numbers(index, 'payroll', (summary) => canSee(people.alex, summary))).toEqual([phishing.number])
    expect(numbers(index, 'payroll', (summary) => canSee(people.grace, summary))).toEqual([])
    expect(numbers(index, 'payroll', (summary) => canSee(people.sofia, summary))).toEqual([])
  })

  it('offers similar open incidents by shared words, skipping closed ones', () => {
    const index = createIncidentSearchIndex()
    const open = documentFor(reports.vpnDrops)
    const closed = documentFor(reports.vpnDrops, { open: false })
    index.put(open)
    index.put(closed)
    const similar = index.matchSimilar('VPN keeps dropping at home', { limit: 5, openOnly: true })
    expect(similar.map((match) => match.summary.number)).toEqual([open.number])
  })
})

describe('describing a match', () => {
  const index = createIncidentSearchIndex()
  const fields = searchFieldsOf(
    {
      number: 'INC0000042',
      shortDescription: 'Printer 3rd floor jams',
      description: 'The LaserJet by the kitchen jams on every duplex job; single-sided prints are fine.',
      caller: { name: 'Ben Whitaker' },
      category: 'hardware',
      subcategory: 'printer',
      service: null,
      configurationItem: 'PRN-3F-01',
      location: 'HQ, 3rd floor',
    },
    {
      workNotes: [`${'Checked the tray rollers and the paper path twice before anything else. '.repeat(3)}Replaced the fuser; prints clean now.`],
      callerComments: ['Café on the 3rd floor says it jams again.'],
    },
  )

  it('quotes the field holding most of the query’s words, marking them, with ellipses when cut', () => {
    const match = describeMatch(index.words, queryTerms(index.encoder, 'fuser clean'), fields)!
    expect(match.field).toBe('workNote')
    expect(match.label).toBe('Work note (internal)')
    expect(match.parts.filter((part) => part.highlighted).map((part) => part.text)).toEqual(['fuser', 'clean'])
    expect(match.parts[0]!.text.startsWith('…')).toBe(true)
    expect(match.termsMatched).toBe(2)
  })

  it('prefers the earlier field on a tie, folds accents, and returns null when nothing matches', () => {
    expect(describeMatch(index.words, queryTerms(index.encoder, 'jams'), fields)!.field).toBe('shortDescription')
    expect(describeMatch(index.words, queryTerms(index.encoder, 'cafe'), fields)).toMatchObject({ field: 'callerComment', parts: [{ text: 'Café', highlighted: true }, { text: ' on the 3rd floor says it jams again.', highlighted: false }] })
    expect(describeMatch(index.words, queryTerms(index.encoder, 'teleportation'), fields)).toBeNull()
  })

  it('ignores stop words and short words when comparing for duplicates', () => {
    expect(similarityTerms(index.encoder, 'The VPN is down for the whole floor again')).toEqual(['vpn', 'down', 'whole', 'flor'])
  })
})

describe('a saved index cut into small parts', () => {
  function builtIndex() {
    const index = createIncidentSearchIndex()
    const all = Object.values(reports)
    for (let copy = 0; copy < 40; copy++) {
      for (const report of all) index.put(documentFor({ ...report, shortDescription: `${report.shortDescription} (site ${copy})` }))
    }
    return index
  }

  it('answers every query as the index it was saved from, however small the parts', async () => {
    const original = builtIndex()
    const snapshot = await original.exportSnapshot()
    // The same maps saved with at most 50 ids to a part instead of 500,000.
    const cut = snapshot.parts.flatMap((part) => {
      const { key, data } = decodeIndexPart(part)
      return part.kind === 'map' ? encodeIndexChunk(key, data, 50) : [part]
    })
    const termCount = (parts: typeof cut) => parts.reduce((sum, part) => sum + (part.kind === 'map' ? part.terms.length : 0), 0)
    expect(cut.length).toBeGreaterThan(snapshot.parts.length * 5)
    expect(termCount(cut)).toBe(termCount(snapshot.parts))

    const pauses: number[] = []
    const loaded = await importIncidentSearchIndex({ ...snapshot, parts: cut }, async () => void pauses.push(pauses.length))
    // The load stepped aside between parts (the data worker answers the queue meanwhile).
    expect(pauses.length).toBeGreaterThanOrEqual(cut.length)
    expect(loaded.size).toBe(original.size)
    // FlexSearch holds the very maps it held: exported again, it writes the same chunks.
    expect((await loaded.exportSnapshot()).parts).toEqual(snapshot.parts)
    // Every word of every report, and some prefixes and numbers: each term's ids are in some part.
    const words = new Set(Object.values(reports).flatMap((report) => `${report.shortDescription} ${report.description ?? ''}`.toLowerCase().match(/[a-z]{4,}/g) ?? []))
    // …and the numbers typed short of their last digit (prefix terms, not the exact-number lookup).
    const numberPrefixes = new Set([...original.summaries()].map((summary) => summary.number.slice(0, -1).toLowerCase()))
    const queries = [...words, ...numberPrefixes, 'site 17', 'jam', 'pri']
    expect(queries.length).toBeGreaterThan(50)
    for (const query of queries) expect(numbers(loaded, query), query).toEqual(numbers(original, query))
  })
})

describe('saving FlexSearch’s maps', () => {
  it('saves exactly what FlexSearch’s own export writes', async () => {
    const index = new Index({ tokenize: 'strict', resolution: 9 })
    const words = ['printer', 'jams', 'duplex', 'vpn', 'drops', 'outlook', 'password', 'badge', 'reader', 'offline']
    for (let key = 1; key <= 300; key++) index.add(key, Array.from({ length: 1 + (key % 7) }, (_, at) => words[(key * 3 + at * 5) % words.length]).join(' '))
    const viaExport: Array<{ key: string; data: unknown }> = []
    await index.export((key, data) => void viaExport.push({ key, data: JSON.parse(data) as unknown }))
    const dataOf = (kind: string, parts: Array<{ key: string; data: unknown }>) => parts.filter((part) => part.key.endsWith(kind)).flatMap((part) => part.data as unknown[])
    for (const idsPerPart of [500_000, 40]) {
      let pauses = 0
      const encoded = await exportedParts(index, async () => void (pauses += 1), idsPerPart)
      const walked = encoded.map(decodeIndexPart)
      expect(dataOf('reg', walked)).toEqual(dataOf('reg', viaExport))
      expect(dataOf('map', walked)).toEqual(dataOf('map', viaExport))
      expect(dataOf('map', walked).length).toBeGreaterThan(5)
      // Cut small, the register and the terms come in many parts, with a pause after each full one.
      if (idsPerPart === 40) expect(encoded.filter((part) => part.kind === 'reg').length).toBeGreaterThan(5)
      if (idsPerPart === 40) expect(pauses).toBeGreaterThan(10)
    }
    // Nothing else was in FlexSearch's export (no context map), so nothing else is saved.
    expect(viaExport.every((part) => part.key.endsWith('reg') || part.key.endsWith('map') || (part.data as unknown[]).length === 0)).toBe(true)
  })
})

describe('the digits of an incident number', () => {
  it('are what the number parser finds, for numbers of every shape and any other text', () => {
    const numberLike = fc.tuple(fc.stringMatching(/^[A-Za-z]{0,4}$/), fc.constantFrom('', '-', ' ', '\t'), fc.stringMatching(/^0{0,4}$/), fc.stringMatching(/^\d{0,8}$/), fc.constantFrom('', ' ', 'x'))
    fc.assert(
      fc.property(fc.oneof(numberLike.map((parts) => parts.join('')), fc.string({ maxLength: 12 })), (text) => {
        expect(numberDigits(text)).toBe(numberParts(text)?.digits)
      }),
      { numRuns: 2000 },
    )
    expect(numberDigits('INC0012345')).toBe('12345')
    expect(numberDigits('INC0000000')).toBe('0')
  })
})
