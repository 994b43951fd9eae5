import fc from 'fast-check'
import { stringify } from 'csv-stringify/sync'
import { describe, expect, it } from 'vitest'
import { translatorFor } from '../../../src-shared/i18n/translator'
import { wordedIn } from '../../../src-shared/i18n/worded'
import { encodeCsvRows, UTF8_BOM } from '../../../src-shared/csv/encode'
import { couldStartFormula, FORMULA_TRIGGERS, neutralizeCell, restoreNeutralizedCell } from '../../../src-shared/csv/neutralize'
import { parseCsvText } from '../../../src-shared/csv/parse'
import { formatCsvTimestamp, parseImportTimestamp } from '../../../src-shared/csv/timestamps'

/** Cells that break naive CSV writers and readers, or that a spreadsheet would execute. */
export const HOSTILE_CELLS: readonly string[] = [
  'plain',
  'comma, inside',
  'a "quoted" word',
  '"',
  '""',
  'line one\nline two',
  'windows\r\nline',
  'old mac\rline',
  '\n',
  'tab\tinside',
  '\tleading tab',
  '\rleading carriage return',
  '=HYPERLINK("http://evil.example","click")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  "'already quoted",
  "''two apostrophes",
  "'",
  '=',
  'unicode: café, naïve, Ελληνικά, 日本語, עברית',
  'emoji: 🔥🚨👩🏽‍💻 and a flag 🇫🇷',
  '   leading and trailing spaces   ',
  '',
  'x'.repeat(30_000),
  `${'=a,"b"\n'.repeat(4_300)}😀`,
]

describe('the formula neutralization rule', () => {
  it('prefixes an apostrophe to every cell a spreadsheet could read as a formula, and to cells already starting with one', () => {
    for (const trigger of FORMULA_TRIGGERS) expect(neutralizeCell(`${trigger}x`)).toBe(`'${trigger}x`)
    expect(neutralizeCell("'x")).toBe("''x")
    expect(neutralizeCell('x=1')).toBe('x=1')
    expect(neutralizeCell('')).toBe('')
  })

  it('is undone exactly by stripping one apostrophe, whatever the cell', () => {
    for (const cell of HOSTILE_CELLS) expect(restoreNeutralizedCell(neutralizeCell(cell))).toBe(cell)
  })
})

describe('encoding and parsing CSV', () => {
  it('round-trips hostile cells (quotes, commas, line breaks, tabs, unicode, emoji, formulas, 30k-character fields, empty)', () => {
    const rows = [HOSTILE_CELLS.map((_, index) => `column ${index}`), [...HOSTILE_CELLS], [...HOSTILE_CELLS].reverse()]
    const text = encodeCsvRows(rows)
    const parsed = parseCsvText(text)
    expect(parsed.errors).toEqual([])
    expect(parsed.header).toEqual(rows[0])
    const restored = parsed.records.map((record) => record.cells.map(restoreNeutralizedCell))
    expect(restored).toEqual(rows.slice(1))
  })

  it('leaves no cell in the file that could start a formula', () => {
    const text = encodeCsvRows([[...HOSTILE_CELLS], [...HOSTILE_CELLS]])
    const parsed = parseCsvText(`${HOSTILE_CELLS.map((_, index) => `c${index}`).join(',')}\r\n${text}`)
    const cells = parsed.records.flatMap((record) => record.cells)
    expect(cells.length).toBe(HOSTILE_CELLS.length * 2)
    for (const cell of cells) expect(couldStartFormula(cell), JSON.stringify(cell.slice(0, 40))).toBe(false)
    // The formula cells are there, neutralized.
    expect(cells).toContain('\'=HYPERLINK("http://evil.example","click")')
    expect(cells).toContain("'@SUM(A1:A2)")
  })

  it('writes RFC 4180: CRLF after every record, quotes doubled, fields with separators or line breaks quoted', () => {
    expect(encodeCsvRows([['a', 'b,c', 'say "hi"', 'two\nlines', 'cr\ronly', 7, null, true]])).toBe(
      'a,"b,c","say ""hi""","two\nlines","cr\ronly",7,,true\r\n',
    )
  })

  it('writes byte for byte what csv-stringify writes for the same (neutralized) cells', () => {
    const reference = (rows: string[][]) => stringify(rows.map((row) => row.map(neutralizeCell)), { record_delimiter: 'windows', quoted_match: /[\r\n]/ })
    expect(encodeCsvRows([[...HOSTILE_CELLS], ['', 'x']])).toBe(reference([[...HOSTILE_CELLS], ['', 'x']]))
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', '🔥', ',', '"', "'", '\r', '\n', '\t', '=', '+', '-', '@', ' ') })
    fc.assert(
      // At least two columns: in a one-column file an empty value and a blank line are the same text.
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 5 }), (rows) => {
        expect(encodeCsvRows(rows)).toBe(reference(rows))
        const parsed = parseCsvText(`${rows[0]!.map((_, index) => `c${index}`).join(',')}\r\n${encodeCsvRows(rows)}`)
        // Rows of another length than the first are reported; the rest read back exactly.
        const width = rows[0]!.length
        expect(parsed.records.map((record) => record.cells.map(restoreNeutralizedCell))).toEqual(rows.filter((row) => row.length === width))
        expect(parsed.errors).toHaveLength(rows.filter((row) => row.length !== width).length)
      }),
      { numRuns: 300 },
    )
  })

  it('leaves numbers as numbers (a negative number is data, not a formula)', () => {
    expect(encodeCsvRows([[-3, 0, 2.5]])).toBe('-3,0,2.5\r\n')
  })

  it('reads a file with a byte-order mark, LF or CRLF line ends, and blank lines', () => {
    const parsed = parseCsvText(`${UTF8_BOM}Number,Title\n\nINC1,"multi\r\nline"\r\nINC2,b\n`)
    expect(parsed.header).toEqual(['Number', 'Title'])
    expect(parsed.records).toEqual([
      { line: 3, cells: ['INC1', 'multi\r\nline'] },
      { line: 5, cells: ['INC2', 'b'] },
    ])
  })

  it('reports every row with the wrong field count and an unclosed quote, each with its line', () => {
    const text = ['a,b,c', '1,2,3', '1,2', '"multi', 'line",2,3', '1,2,3,4', '1,2,3', '"never closed,2,3', '1,2,3'].join('\r\n')
    const parsed = parseCsvText(text)
    expect(parsed.errors.map(({ line, message }) => ({ line, message }))).toEqual([
      { line: 3, message: 'Has 2 fields; the header has 3.' },
      { line: 6, message: 'Has 4 fields; the header has 3.' },
      { line: 8, message: expect.stringContaining('never closed') },
    ])
    // The desk words the same problems in its own language.
    const french = translatorFor('fr')
    expect(parsed.errors.map((error) => wordedIn(error, french))).toEqual([
      'A 2 champs ; l’en-tête en a 3.',
      'A 4 champs ; l’en-tête en a 3.',
      'Un guillemet ouvert sur cette ligne n’est jamais fermé ; rien ne peut être lu d’ici à la fin du fichier.',
    ])
    expect(parsed.records.map((record) => record.line)).toEqual([2, 4, 7])
  })
})

describe('timestamps', () => {
  it('writes ISO 8601 in UTC, or local time with its offset', () => {
    expect(formatCsvTimestamp('2026-03-01T08:15:00.000Z', 'utc')).toBe('2026-03-01T08:15:00.000Z')
    expect(formatCsvTimestamp('2026-03-01T08:15:00.000Z', 'Europe/Paris')).toBe('2026-03-01T09:15:00.000+01:00')
    expect(formatCsvTimestamp('2026-07-01T08:15:00.000Z', 'America/New_York')).toBe('2026-07-01T04:15:00.000-04:00')
    expect(formatCsvTimestamp(null, 'utc')).toBe('')
  })

  it('reads back both forms as the same instant', () => {
    const local = formatCsvTimestamp('2026-03-01T08:15:00.000Z', 'Asia/Kolkata')
    expect(parseImportTimestamp(local, 'utc')).toBe('2026-03-01T08:15:00.000Z')
    expect(parseImportTimestamp('2026-03-01T08:15:00.000Z', 'Europe/Paris')).toBe('2026-03-01T08:15:00.000Z')
  })

  it("reads ServiceNow's and GLPI's 'yyyy-MM-dd HH:mm[:ss]' in the given zone, and refuses ambiguous or impossible dates", () => {
    expect(parseImportTimestamp('2024-03-05 14:30:00', 'Europe/Paris')).toBe('2024-03-05T13:30:00.000Z')
    expect(parseImportTimestamp('2024-03-05 14:30', 'utc')).toBe('2024-03-05T14:30:00.000Z')
    expect(parseImportTimestamp('03/05/2024', 'utc')).toBeNull()
    expect(parseImportTimestamp('2024-02-30 10:00:00', 'utc')).toBeNull()
    expect(parseImportTimestamp('yesterday', 'utc')).toBeNull()
  })
})
