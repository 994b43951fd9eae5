import { DEFAULT_INCIDENT_COLUMN_IDS, INCIDENT_COLUMNS, pickColumns, type CsvColumn } from '../../src-shared/csv/columns'
import type { Incident } from '../../src-shared/incident/incident'
import type { BenchDesk as Desk } from './benchDesk'
import { streamCsv } from '../export/csvStream'
import { allIncidentPages, EXPORT_PAGE_SIZE } from '../export/incidentPages'
import type { CsvSink } from '../platform/platform'
import type { IncidentRecord } from '../store/records'
import type { CsvExportFigures, CsvExportRun } from './benchApi'

/**
 * DESIGN §3: "CSV export, 100k incidents: within 2× the raw IndexedDB read time of the same rows,
 * memory flat", measured in the page on the desk's own store.
 *
 * For each row limit (a smaller one first, then all, so "flat" can be judged by comparing them),
 * `repeats` times, alternating:
 * 1. the raw read: the exporter's own paging (one `:id` range read of EXPORT_PAGE_SIZE rows per
 *    page), the rows read and dropped, no encoding;
 * 2. the export: streamCsv over allIncidentPages with the default columns, a byte-order mark and
 *    UTC timestamps (the export dialog's defaults), into a sink that only counts what it is given;
 * 3. the JS heap (performance.memory.usedJSHeapSize: Chromium, exact only with
 *    --enable-precise-memory-info) at the start of the export and at every chunk the sink receives.
 */
export async function measureCsvExport(desk: Desk, limits: readonly number[], repeats: number): Promise<CsvExportFigures> {
  for (const limit of limits) if (!Number.isInteger(limit) || limit < 1) throw new Error(`CSV export bench: row limits must be positive whole numbers, not ${limit}.`)
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`CSV export bench: repeats must be a positive whole number, not ${repeats}.`)
  const columns = pickColumns(INCIDENT_COLUMNS, DEFAULT_INCIDENT_COLUMN_IDS)
  const heapMeasured = usedHeap() !== null
  const collectGarbage = (globalThis as { gc?: () => void }).gc
  // Warm up, untimed: a read over every row the largest run will read (the export then reads a
  // warm store too) and one small export (the encoder's code compiled, as in a desk that ran one).
  await rawPagedRead(desk, Math.max(...limits))
  await exportOnce(desk, columns, Math.min(...limits))
  const runs: CsvExportRun[] = []
  for (const limit of limits) {
    const run: CsvExportRun = { limit, rawRows: 0, exportedRows: 0, rawReadSamples: [], exportSamples: [], characters: 0, chunks: 0, heapStart: null, heapPeak: null, heapEnd: null }
    // Read and export alternate, so a slow spell of the machine falls on both alike.
    for (let repeat = 0; repeat < repeats; repeat++) {
      const rawStarted = performance.now()
      run.rawRows = await rawPagedRead(desk, limit)
      run.rawReadSamples.push(performance.now() - rawStarted)

      const exported = await exportOnce(desk, columns, limit)
      run.exportSamples.push(exported.ms)
      run.exportedRows = exported.rows
      run.characters = exported.characters
      run.chunks = exported.chunks
      // The repetition whose heap climbed most: "flat" is judged on the worst.
      const delta = (heap: { heapStart: number | null; heapPeak: number | null }) => (heap.heapStart === null || heap.heapPeak === null ? -Infinity : heap.heapPeak - heap.heapStart)
      if (repeat === 0 || delta(exported) > delta(run)) Object.assign(run, { heapStart: exported.heapStart, heapPeak: exported.heapPeak, heapEnd: exported.heapEnd })
    }
    // Where the page may collect garbage (the bench's --js-flags=--expose-gc), one more, untimed
    // export collects before every sample: the heap then shows what the export keeps alive, not
    // garbage the collector had not got round to yet.
    if (collectGarbage) {
      const collected = await exportOnce(desk, columns, limit, collectGarbage)
      Object.assign(run, { heapStart: collected.heapStart, heapPeak: collected.heapPeak, heapEnd: collected.heapEnd, heapAfterCollection: true })
    }
    runs.push(run)
  }
  return { columns: columns.length, pageSize: EXPORT_PAGE_SIZE, heapMeasured, runs }
}

/** One streamed export of the first `limit` incidents into a sink that only counts, sampling the heap at every chunk. */
async function exportOnce(desk: Desk, columns: CsvColumn<Incident>[], limit: number, collectGarbage?: () => void) {
  let characters = 0
  let chunks = 0
  collectGarbage?.()
  const heapStart = usedHeap()
  let heapPeak = heapStart
  const sink: CsvSink = {
    async write(chunk) {
      characters += chunk.length
      chunks += 1
      collectGarbage?.()
      const heap = usedHeap()
      if (heap !== null && (heapPeak === null || heap > heapPeak)) heapPeak = heap
    },
    close: async () => undefined,
    abort: async () => undefined,
  }
  const started = performance.now()
  // The export dialog's defaults: a byte-order mark, UTC timestamps.
  const result = await streamCsv(sink, {
    columns,
    format: { timeZone: 'utc' },
    bom: true,
    pages: firstRows(allIncidentPages(desk.db, desk.session.actor), limit),
    total: limit,
  })
  const ms = performance.now() - started
  if (result.status !== 'done') throw new Error(`CSV export bench: the export ended ${result.status} after ${result.rows} rows${result.status === 'failed' ? `: ${result.message}` : ''}.`)
  return { ms, rows: result.rows, characters, chunks, heapStart, heapPeak, heapEnd: usedHeap() }
}

/** The exporter's paging (incidentPages.ts) with nothing done to the rows; stops after `limit` rows. */
async function rawPagedRead({ db }: Desk, limit: number): Promise<number> {
  let rows = 0
  let after: string | null = null
  while (rows < limit) {
    const records: IncidentRecord[] =
      after === null
        ? await db.incidents.orderBy(':id').limit(EXPORT_PAGE_SIZE).toArray()
        : await db.incidents.where(':id').above(after).limit(EXPORT_PAGE_SIZE).toArray()
    if (records.length === 0) break
    rows += Math.min(records.length, limit - rows)
    after = records[records.length - 1]!.id
    if (records.length < EXPORT_PAGE_SIZE) break
  }
  return rows
}

/** The first `limit` rows of a page source, in the same pages (the last one cut short). */
async function* firstRows<Row>(pages: AsyncIterable<readonly Row[]>, limit: number): AsyncGenerator<readonly Row[]> {
  let left = limit
  for await (const page of pages) {
    if (page.length >= left) {
      yield page.slice(0, left)
      return
    }
    left -= page.length
    yield page
  }
}

interface ChromiumMemory {
  usedJSHeapSize: number
}

function usedHeap(): number | null {
  const memory = (performance as Performance & { memory?: ChromiumMemory }).memory
  return memory ? memory.usedJSHeapSize : null
}
