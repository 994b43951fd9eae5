import { parse } from 'csv-parse/browser/esm/sync'

/**
 * The field separators the import reads: `,` (RFC 4180, ServiceNow), `;` (GLPI, and spreadsheets
 * in locales whose decimal mark is a comma) and tab (copied from a spreadsheet).
 */
export const CSV_DELIMITERS = [',', ';', '\t'] as const
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number]

export function isCsvDelimiter(value: string): value is CsvDelimiter {
  return (CSV_DELIMITERS as readonly string[]).includes(value)
}

/** Enough lines to see a pattern, few enough to read in a blink even when a file is 50 MB. */
const SAMPLE_LINES = 50
const SAMPLE_CHARS = 256 * 1024

/**
 * The separator a file most likely uses: the one that splits its header into more than one field
 * and the most of its first lines into that same number (GLPI's trailing `;` included). Reading is
 * quote-aware, so a `;` inside a quoted description does not vote. Ties go to the order above.
 * A guess: the import shows it and lets the person choose another.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const sample = firstLines(text, SAMPLE_LINES)
  let best: { delimiter: CsvDelimiter; share: number; width: number } | null = null
  for (const delimiter of CSV_DELIMITERS) {
    const rows = sampleRows(sample, delimiter)
    const width = rows[0]?.length ?? 0
    if (width < 2) continue
    const share = rows.filter((row) => row.length === width).length / rows.length
    if (!best || share > best.share || (share === best.share && width > best.width)) best = { delimiter, share, width }
  }
  return best?.delimiter ?? ','
}

function firstLines(text: string, count: number): string {
  let end = 0
  for (let line = 0; line < count && end !== -1 && end < SAMPLE_CHARS; line += 1) end = text.indexOf('\n', end + 1)
  return end === -1 ? text.slice(0, SAMPLE_CHARS) : text.slice(0, end)
}

/** The sample's records split by `delimiter`, as far as they can be read (a cut-off quote ends it). */
function sampleRows(sample: string, delimiter: CsvDelimiter): string[][] {
  const rows: string[][] = []
  try {
    parse(sample, {
      bom: true,
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[]) => {
        rows.push(record)
        return null
      },
    })
  } catch {
    // The sample ends mid-field, or the delimiter is wrong: what was read still votes.
  }
  return rows
}
