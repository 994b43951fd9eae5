import type { CsvColumn, CsvFormatOptions } from '../../src-shared/csv/columns'
import { headerCells, rowCells } from '../../src-shared/csv/columns'
import { encodeCsvRows, UTF8_BOM } from '../../src-shared/csv/encode'
import type { CsvSink, CsvStreamResult, ExportProgress } from '../../src-shared/data/exportContract'

export type { CsvStreamResult, ExportProgress }

export interface CsvStreamOptions<Row> {
  columns: readonly CsvColumn<Row>[]
  format: CsvFormatOptions
  /** Starts the file with a UTF-8 byte-order mark, for Excel (encode.ts). */
  bom: boolean
  /** The rows, a page at a time, read from the store as the export goes. */
  pages: AsyncIterable<readonly Row[]>
  total: number | null
  signal?: AbortSignal
  onProgress?: (progress: ExportProgress) => void
  /** Hands the event loop back between pages so the page stays responsive; tests pass a no-op. */
  yieldToEventLoop?: () => Promise<void>
}

/** A macrotask boundary: lets the browser paint the progress bar and handle a click on Cancel. */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/**
 * Writes rows to a sink a page at a time: each page is encoded to one CSV chunk and written
 * before the next is read, so memory holds one page whatever the table size. Cancel (the
 * signal) and any failure abort the sink, which removes the partial file.
 */
export async function streamCsv<Row>(sink: CsvSink, options: CsvStreamOptions<Row>): Promise<CsvStreamResult> {
  const pause = options.yieldToEventLoop ?? nextMacrotask
  let rows = 0
  try {
    options.onProgress?.({ rows, total: options.total })
    await sink.write((options.bom ? UTF8_BOM : '') + encodeCsvRows([headerCells(options.columns)]))
    for await (const page of options.pages) {
      if (options.signal?.aborted) break
      if (page.length > 0) {
        await sink.write(encodeCsvRows(page.map((row) => rowCells(options.columns, row, options.format))))
        rows += page.length
      }
      options.onProgress?.({ rows, total: options.total })
      await pause()
    }
    if (options.signal?.aborted) {
      await sink.abort()
      return { status: 'canceled', rows }
    }
    await sink.close()
    return { status: 'done', rows }
  } catch (error) {
    await sink.abort().catch(() => undefined)
    return { status: 'failed', rows, message: error instanceof Error ? error.message : String(error) }
  }
}

/** An in-memory page source, for tables already computed (reports). */
export async function* pagesOf<Row>(rows: readonly Row[], pageSize: number): AsyncGenerator<readonly Row[]> {
  for (let start = 0; start < rows.length; start += pageSize) yield rows.slice(start, start + pageSize)
}
