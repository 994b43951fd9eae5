import { benchCsvExport } from './csvBench'
import { benchImportRead } from './importBench'
import { benchReports, describeReportsBench } from './reportsBench'
import { benchSearch, type QueryFigures } from './searchBench'

/**
 * The desk UI's own code paths under Node at 100k incidents: full-text search, reports and CSV
 * export (fake-indexeddb). The same paths in Chromium, with the real IndexedDB, are in
 * chromium/ (run last: it builds the web UI and seeds a persistent profile).
 */
export async function benchDesk(incidents = 100_000): Promise<string[]> {
  const lines: string[] = []
  const search = await benchSearch({ incidents })
  const query = (label: string, figures: QueryFigures) =>
    `search (Node): ${label} over ${search.incidents} incidents: p50 ${figures.p50Ms.toFixed(2)} ms, p95 ${figures.p95Ms.toFixed(2)} ms (mean ${figures.meanHits.toFixed(1)} hits)`
  lines.push(
    `search (Node): index of ${search.incidents} incidents (${search.withNotes} with notes) built in ${(search.buildMs / 1000).toFixed(1)} s, ${search.heapMb.toFixed(0)} MB${search.heapMeasuredAfterGc ? '' : ' (heap not measured after GC)'}`,
    query('1-word query', search.oneWord),
    query('2-word query', search.twoWords),
    query('prefix as typed', search.prefixes),
    `search (Node): re-index one changed incident p95 ${search.updateP95Ms.toFixed(2)} ms`,
  )
  lines.push(describeReportsBench(benchReports(incidents)))
  lines.push(`csv (fake-indexeddb): ${(await benchCsvExport({ rows: incidents })).line}`)
  lines.push((await benchImportRead()).line)
  return lines
}
