import type { Actor } from '../../src-shared/incident/roles'
import type { Incident } from '../../src-shared/incident/incident'
import { canSee } from '../../src-shared/incident/visibility'
import { readStateCounts } from '../store/counters'
import type { IncidentDeskDatabase } from '../store/database'
import { toQueueRow } from '../store/queueRows'
import { compileFilter, sortRows, type QueueContext, type QueueViewDefinition } from '../../src-shared/queue/queueView'
import { fromRecord, type IncidentRecord } from '../store/records'

/** Rows per page: big enough that IndexedDB's per-request cost vanishes, small enough to stay flat. */
export const EXPORT_PAGE_SIZE = 2_000

/**
 * Which incidents an export covers.
 * - `all`: every incident this person may see, in primary-key order (one indexed range read per page).
 * - `view`: a queue view's incidents in the view's own order.
 */
export type IncidentExportScope = { kind: 'all' } | { kind: 'view'; view: QueueViewDefinition; context: QueueContext }

/**
 * Every incident by primary key, a page at a time: each page is one `where(':id').above(last)`
 * range read, so the export never holds more than a page and never re-reads a row.
 */
export async function* allIncidentPages(db: IncidentDeskDatabase, actor: Actor, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<Incident[]> {
  let after: string | null = null
  for (;;) {
    const records: IncidentRecord[] =
      after === null ? await db.incidents.orderBy(':id').limit(pageSize).toArray() : await db.incidents.where(':id').above(after).limit(pageSize).toArray()
    if (records.length === 0) return
    after = records[records.length - 1]!.id
    // The stored rows themselves: an IncidentRecord is an Incident with index keys beside it, and
    // the export's columns read only fields every stored row has (origin with `?.`), so the
    // per-row copy of fromRecord is skipped (a fifth of the export's time at 100k rows).
    yield records.filter((record) => canSee(actor, record))
    if (records.length < pageSize) return
  }
}

/**
 * Incidents by id, in the order given, a page at a time (a queue view's order: see
 * {@link viewIncidentIds}). Ids gone since (deleted by a sync) and incidents this person may not
 * see are skipped.
 */
export async function* incidentPagesByIds(db: IncidentDeskDatabase, actor: Actor, ids: readonly string[], pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<Incident[]> {
  for (let start = 0; start < ids.length; start += pageSize) {
    const records = await db.incidents.bulkGet(ids.slice(start, start + pageSize))
    yield records.filter((record): record is IncidentRecord => record !== undefined && canSee(actor, record)).map(fromRecord)
  }
}

/**
 * A queue view's incident ids in the view's order. The view's filter and sort run on the
 * queue's light rows, read by pages; only the matching rows' sort keys are kept, never the
 * full incidents.
 */
export async function viewIncidentIds(db: IncidentDeskDatabase, view: QueueViewDefinition, context: QueueContext, pageSize = EXPORT_PAGE_SIZE): Promise<string[]> {
  const matches = compileFilter(view.filter, context)
  const kept = []
  let after: string | null = null
  for (;;) {
    const records: IncidentRecord[] =
      after === null ? await db.incidents.orderBy(':id').limit(pageSize).toArray() : await db.incidents.where(':id').above(after).limit(pageSize).toArray()
    if (records.length === 0) break
    after = records[records.length - 1]!.id
    for (const record of records) {
      const row = toQueueRow(record)
      if (matches(row)) kept.push(row)
    }
    if (records.length < pageSize) break
  }
  return sortRows(kept, view.sort).map((row) => row.id)
}

/**
 * How many incidents the desk holds, for the progress bar, from the counters the store keeps
 * (a count() over 100k rows costs up to a second and a half: DESIGN §3).
 */
export async function countIncidents(db: IncidentDeskDatabase): Promise<number> {
  const counts = await readStateCounts(db)
  return Object.values(counts).reduce((sum, count) => sum + count, 0)
}
