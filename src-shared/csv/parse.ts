import { parse, type CsvError } from 'csv-parse/browser/esm/sync'
import { worded, type Worded } from '../i18n/worded'
import { detectDelimiter, type CsvDelimiter } from './dialect'

/** One record of a CSV file with the line it starts on (1-based, the header is line 1). */
export interface CsvRecord {
  line: number
  cells: string[]
}

/** A problem with one row of a file, said so a person can find it in a text editor (English `message`; the desk words `id`). */
export interface CsvRowError extends Worded {
  line: number
}

export interface ParsedCsv {
  header: string[]
  records: CsvRecord[]
  /** Rows whose field count differs from the header, and an unclosed quote: never imported. */
  errors: CsvRowError[]
  /** The separator the file was read with: the one asked for, or the one detected (dialect.ts). */
  delimiter: CsvDelimiter
  /**
   * Every line ended with a separator (GLPI 10 writes `"a";"b";`): the empty last column that
   * makes was dropped. Also how a GLPI 10 file is told from a GLPI 11 one (presets.ts).
   */
  trailingDelimiter: boolean
}

export interface CsvReadOptions {
  /** The separator; detected from the file's first lines when not given. */
  delimiter?: CsvDelimiter
  /** Heard every few thousand records with how many characters of the text are read. */
  onProgress?: (done: number) => void
}

const PROGRESS_EVERY = 5_000

/**
 * Parses CSV text (RFC 4180; a byte-order mark is dropped; CRLF, LF or CR line ends) into the
 * header and the records, each with the line it starts on.
 *
 * Every problem is collected rather than the first thrown, so a person fixes a broken file in
 * one pass: a record with the wrong number of fields is an error on its line; a quote that is
 * never closed swallows the rest of the file, so it is reported on the line where it opened and
 * nothing after it is read. Blank lines are skipped.
 *
 * Line numbers are counted here from each record's raw text: csv-parse's own `info.lines`
 * counts a CRLF inside a quoted field twice (checked with 7.0.3).
 */
export function parseCsvText(text: string, options: CsvReadOptions = {}): ParsedCsv {
  const delimiter = options.delimiter ?? detectDelimiter(text)
  const errors: CsvRowError[] = []
  const records: CsvRecord[] = []
  let fatal: CsvError | null = null
  let consumed = 0
  let seen = 0
  let line = 1
  let header: string[] | null = null
  let trailingDelimiter = false
  // Exports repeat the same few values over and over (a state, a group, `?`, a date shared by
  // an incident's updates): each distinct text is kept once, which holds a 45 MB event log in a
  // fraction of the memory of one string per cell.
  const distinct = new Map<string, string>()
  const intern = (cell: string): string => {
    const known = distinct.get(cell)
    if (known !== undefined) return known
    distinct.set(cell, cell)
    return cell
  }
  // Records are taken as they are read (csv-parse's on_record), so the raw text of each is
  // looked at once, for its line count, and not kept.
  const take = (read: string[], raw: string) => {
    const start = line
    line += countLineBreaks(raw)
    if (read.length === 1 && read[0] === '') return
    if (!header) {
      header = read.map((cell) => cell.trim())
      // `"a";"b";`: a last header cell that is empty is the trailing separator's, not a column.
      trailingDelimiter = header.length > 1 && header[header.length - 1] === ''
      if (trailingDelimiter) header.pop()
      return
    }
    const cells = trailingDelimiter && read.length === header.length + 1 && read[read.length - 1] === '' ? read.slice(0, -1) : read
    if (cells.length !== header.length) {
      errors.push({ line: start, ...worded('csv.problem.fieldCount', { count: cells.length, header: header.length }) })
      return
    }
    for (let index = 0; index < cells.length; index++) cells[index] = intern(cells[index]!)
    records.push({ line: start, cells })
  }
  try {
    parse(text, {
      bom: true,
      delimiter,
      raw: true,
      // Any of the three line ends, even mixed in one file (auto-detection fixes on the first seen).
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      // With `raw`, csv-parse hands on_record `{ record, raw }`; its types do not say so.
      on_record: ((entry: { record: string[]; raw: string }) => {
        take(entry.record, entry.raw)
        consumed += entry.raw.length
        seen++
        if (options.onProgress && seen % PROGRESS_EVERY === 0) options.onProgress(consumed)
        return null
      }) as unknown as (record: string[]) => null,
    })
  } catch (error) {
    if (!isCsvError(error)) throw error
    fatal = error
  }

  if (fatal) errors.push({ line, ...describeFatal(fatal) })
  options.onProgress?.(text.length)
  return { header: header ?? [], records, errors, delimiter, trailingDelimiter }
}

function describeFatal(error: CsvError): Worded {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return worded('csv.problem.quoteNotClosed')
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
      return worded('csv.problem.quoteInField')
    default:
      // csv-parse's own words, in English: they name what it found.
      return worded('csv.problem.unreadable', { reason: error.message })
  }
}

function isCsvError(error: unknown): error is CsvError {
  // csv-parse's errors carry a string `code` (CSV_QUOTE_NOT_CLOSED, INVALID_OPENING_QUOTE, ...).
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string'
}

function countLineBreaks(raw: string): number {
  return raw.match(/\r\n|\r|\n/g)?.length ?? 0
}
