import v8 from 'node:v8'
import vm from 'node:vm'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { INCIDENT_COLUMNS } from '../src-shared/csv/columns'
import { newId } from '../src-shared/events/ids'
import type { Actor } from '../src-shared/incident/roles'
import { streamCsv } from '../src-renderer/export/csvStream'
import { allIncidentPages, EXPORT_PAGE_SIZE } from '../src-renderer/export/incidentPages'
import type { CsvSink } from '../src-renderer/platform/platform'
import { IncidentDeskDatabase } from '../src-renderer/store/database'
import { createIncidentStore } from '../src-renderer/store/incidentStore'
import type { IncidentRecord } from '../src-renderer/store/records'
import { seedIncident } from './fixtures'
import { timed } from './measure'
import { incidentRowTables } from '../src-renderer/store/refold'

/**
 * DESIGN §3: "CSV export, 100k incidents: within 2× the raw IndexedDB read time of the same
 * rows, memory flat". Node with fake-indexeddb, so the ratio compares our export path (pages,
 * encoding, neutralization, the sink) with the same paged reads alone; the absolute figures are
 * fake-indexeddb's, not Chromium's. The lead wires it into bench/run.ts.
 *
 * Peak memory: process.memoryUsage().heapUsed sampled at every chunk the sink receives, after a
 * full GC (a second, untimed pass), minus the heap before the export. Flat means it does not grow
 * with the row count: compare the figure at 10k and 100k.
 */
export interface CsvBenchFigure {
  rows: number
  rawReadMs: number
  exportMs: number
  rowsPerSecond: number
  /** Export time over raw read time; the target is ≤ 2. */
  ratioToRawRead: number
  bytes: number
  peakHeapDeltaMb: number
  line: string
}

const ACTOR: Actor = { userId: 'u-bench', displayName: 'Bench Admin', role: 'admin' }

/** N realistic incident records: one logged through the store, then varied copies written in bulk. */
async function seed(db: IncidentDeskDatabase, count: number): Promise<void> {
  const store = createIncidentStore(db, { deviceId: 'bench-device', actor: ACTOR })
  const logged = await store.logIncident(seedIncident(0))
  if (!logged.ok) throw new Error(logged.refusal.message)
  const template = (await db.incidents.get(logged.incident.id))!
  await db.transaction('rw', incidentRowTables(db), () => db.incidents.clear())
  const batch = 5_000
  for (let start = 0; start < count; start += batch) {
    const records: IncidentRecord[] = []
    for (let index = start; index < Math.min(count, start + batch); index += 1) {
      const input = seedIncident(index)
      records.push({
        ...template,
        id: newId(),
        number: `INC${String(index + 1).padStart(7, '0')}`,
        shortDescription: index % 97 === 0 ? `=cmd|' /C calc'!A0 ${input.shortDescription}` : input.shortDescription,
        description: input.description,
        caller: input.caller,
        channel: input.channel,
        category: input.category ?? null,
        impact: input.impact,
        urgency: input.urgency,
      })
    }
    await db.transaction('rw', incidentRowTables(db), () => db.incidents.bulkPut(records))
  }
}

/** `gc()` without starting node with --expose-gc (npm run bench runs plain tsx). */
function exposeGc(): () => void {
  v8.setFlagsFromString('--expose-gc')
  return vm.runInNewContext('gc') as () => void
}

function heapUsed(): number {
  return process.memoryUsage().heapUsed
}

export async function benchCsvExport(options: { rows?: number } = {}): Promise<CsvBenchFigure> {
  const count = options.rows ?? 100_000
  const db = new IncidentDeskDatabase(`bench-csv-${newId()}`, undefined, { indexedDB, IDBKeyRange })
  try {
    await seed(db, count)
    // The raw read: the same key-ordered pages, nothing done with them (once to warm up, as the
    // export then reads a warm store too).
    const rawRead = async () => {
      let rows = 0
      let after: string | null = null
      for (;;) {
        const page: IncidentRecord[] =
          after === null
            ? await db.incidents.orderBy(':id').limit(EXPORT_PAGE_SIZE).toArray()
            : await db.incidents.where(':id').above(after).limit(EXPORT_PAGE_SIZE).toArray()
        if (page.length === 0) break
        rows += page.length
        after = page[page.length - 1]!.id
      }
      return rows
    }
    await rawRead()
    const raw = await timed(rawRead)

    let bytes = 0
    const exportTo = (write: (chunk: string) => void) =>
      streamCsv(
        { write: async (chunk) => write(chunk), close: async () => undefined, abort: async () => undefined } satisfies CsvSink,
        {
          columns: INCIDENT_COLUMNS,
          format: { timeZone: 'utc' },
          bom: true,
          pages: allIncidentPages(db, ACTOR),
          total: count,
          yieldToEventLoop: () => new Promise((resolve) => setImmediate(resolve)),
        },
      )

    // Timed pass: the chunks go nowhere.
    const exported = await timed(() => exportTo((chunk) => void (bytes += chunk.length)))
    if (exported.value.status !== 'done' || exported.value.rows !== count) throw new Error(`CSV export bench: ${JSON.stringify(exported.value)}`)

    // Memory pass (untimed): the live heap after a full GC at every chunk, against the heap before
    // the export. Flat means this does not grow with the number of rows.
    const gc = exposeGc()
    gc()
    const baseline = heapUsed()
    let peak = baseline
    await exportTo(() => {
      gc()
      peak = Math.max(peak, heapUsed())
    })

    const rowsPerSecond = count / (exported.ms / 1000)
    const ratio = exported.ms / raw.ms
    const peakMb = (peak - baseline) / 1024 / 1024
    return {
      rows: count,
      rawReadMs: raw.ms,
      exportMs: exported.ms,
      rowsPerSecond,
      ratioToRawRead: ratio,
      bytes,
      peakHeapDeltaMb: peakMb,
      line:
        `CSV export of ${count.toLocaleString('en')} incidents (all ${INCIDENT_COLUMNS.length} columns, fake-indexeddb): ` +
        `${Math.round(rowsPerSecond).toLocaleString('en')} rows/s, ${(exported.ms / 1000).toFixed(2)} s vs raw paged read ${(raw.ms / 1000).toFixed(2)} s ` +
        `(${ratio.toFixed(2)}×, target ≤ 2×), ${(bytes / 1024 / 1024).toFixed(1)} MB written, peak live heap +${peakMb.toFixed(1)} MB`,
    }
  } finally {
    db.close()
    await db.delete()
  }
}
