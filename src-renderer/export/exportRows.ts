import type { CsvColumn } from '../../src-shared/csv/columns'
import type { Platform } from '../platform/platform'
import { pagesOf, streamCsv, type CsvStreamResult, type ExportProgress } from './csvStream'

/** A table already on screen (a report): its header and its rows, cells in header order. */
export interface CsvTable {
  /** Suggested file name, e.g. "sla-by-priority.csv" (".csv" is added when missing). */
  fileName: string
  header: string[]
  rows: (string | number | null)[][]
}

export interface ExportRowsOptions {
  /** UTF-8 byte-order mark for Excel; on by default for tables people open in a spreadsheet. */
  bom?: boolean
  signal?: AbortSignal
  onProgress?: (progress: ExportProgress) => void
}

/** What happened: `saved`, the person closed the save dialog (`dismissed`), canceled, or failed. */
export type ExportRowsResult = CsvStreamResult | { status: 'dismissed'; rows: 0 }

/**
 * Saves a table as CSV through the platform (save dialog on the desktop, a download in a
 * browser), with the same quoting and formula neutralization as the incident export: text cells
 * that could start a formula get an apostrophe (src-shared/csv/neutralize.ts); numbers stay numbers.
 * Format dates before handing them in (ISO 8601 is what spreadsheets read back reliably).
 */
export async function exportRowsAsCsv(platform: Platform, table: CsvTable, options: ExportRowsOptions = {}): Promise<ExportRowsResult> {
  const sink = await platform.openCsvSink(withCsvExtension(table.fileName))
  if (!sink) return { status: 'dismissed', rows: 0 }
  const columns: CsvColumn<(string | number | null)[]>[] = table.header.map((header, index) => ({
    id: String(index),
    header,
    kind: 'text',
    value: (row) => row[index] ?? null,
  }))
  return streamCsv(sink, {
    columns,
    format: { timeZone: 'utc' },
    bom: options.bom ?? true,
    pages: pagesOf(table.rows, 2_000),
    total: table.rows.length,
    signal: options.signal,
    onProgress: options.onProgress,
  })
}

export function withCsvExtension(name: string): string {
  const trimmed = name.trim() || 'export'
  return /\.csv$/i.test(trimmed) ? trimmed : `${trimmed}.csv`
}
