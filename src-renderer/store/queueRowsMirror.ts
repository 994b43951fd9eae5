import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable } from 'dexie'
import { newId } from '../../src-shared/events/ids'
import { toQueueRow } from './queueRows'
import { revisionOf, type IncidentRecord } from './records'
import { tableMiddleware } from './tableMiddleware'

export const QUEUE_ROWS_TABLE = 'queueRows'
export const REPORT_DIRTY_TABLE = 'reportDirty'

/** A marker in `reportDirty` (v8): this incident changed; its report facts are behind until dayAggregates.ts catches up. */
export interface ReportDirtyMarker {
  /**
   * The incident's id; `*` when rows were deleted by range (a reset): every fact is rebuilt; or
   * a key starting with `+` for a write of several incidents at once, which `incidentIds` lists.
   */
  incidentId: string
  /** The revision written (revisionOf), null for a delete: the catch-up clears only the marker it handled. */
  revision: string | null
  /** On a marker for several incidents: which ones. The catch-up refreshes them all, then deletes the marker. */
  incidentIds?: string[]
}

export const EVERY_INCIDENT = '*'
/** Keys of markers for several incidents: `+` sorts before every incident id, after `*`. */
export const SEVERAL_INCIDENTS_PREFIX = '+'

/**
 * Incident writes in a transaction that change nothing a report reads, so they leave no marker:
 * - every write of it (`EVERY_WRITE`): the SLA deadline fields of running clocks after a rules
 *   change (store/deadlineShift.ts). Reports work their SLA figures out from the events, never
 *   from those fields, so marking thousands of incidents dirty would only make the report
 *   catch-up re-read their histories while the recompute reads them too;
 * - the writes of some incidents: the server's IncidentNumbered folded in (a pull page of a
 *   desk's own pushed incidents is mostly that); for an import of 10,000 incidents pushed and
 *   numbered, the catch-up's re-reads were ~60,000 requests to IndexedDB.
 */
export const EVERY_WRITE = 'every write'
const reportNeutral = new WeakMap<IDBTransaction, ReadonlySet<string> | typeof EVERY_WRITE>()

export function markReportNeutral(transaction: IDBTransaction, incidents: ReadonlySet<string> | typeof EVERY_WRITE): void {
  if (incidents === EVERY_WRITE || incidents.size > 0) reportNeutral.set(transaction, incidents)
}

/**
 * Keeps the `queueRows` table (schema v7) a mirror of `incidents`, row for row, in the same
 * transaction as every write to `incidents`: a put writes the incident's compact queue row
 * (queueRows.ts, a few hundred bytes instead of ~1.3 KB), a delete deletes it. From v8 it also
 * marks the incident in `reportDirty`, so the per-day report aggregates (reports/dayAggregates.ts)
 * learn of every change durably, at the cost of one small put, without a report fold in the commit.
 * A write of several incidents at once (an import batch, a pulled page) puts ONE marker naming
 * them all: each put is a request to the browser's IndexedDB, ~0.16 ms apiece in Chromium here
 * whatever its size, and a marker per incident was a fifth of an import's commit.
 *
 * Why: the queue's row index must hold every incident before its counts are known, and reading
 * 100k full records in Chromium took 12–15 s; the compact rows are a fraction of the bytes. And
 * why here, below every writer (commands, refolds, sync pages, snapshots): a mirror kept by each
 * writer would drift the day one forgets. A write to `incidents` in a transaction that does not
 * include `queueRows` is refused with a message naming the fix (storeTables in refold.ts), rather
 * than leaving the mirror silently behind. Upgrade transactions are exempt: the v7 upgrade fills
 * the table from `incidents` after every earlier step ran.
 */
// Dexie's default level: above exactChangeKeys.ts and committedWrites.ts, so the rows it writes go through them too.
export const queueRowsMirror = tableMiddleware('queueRowsMirror', 10, (table, down) =>
  table.name === 'incidents' ? mirrored(table, down, down.schema.tables.some((candidate) => candidate.name === REPORT_DIRTY_TABLE)) : null,
)

function mirrored(incidents: DBCoreTable, down: DBCore, marksReports: boolean): DBCoreTable {
  return {
    ...incidents,
    mutate(request: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
      const transaction = request.trans as unknown as IDBTransaction
      if (transaction.mode === 'versionchange') return incidents.mutate(request)
      if (!transaction.objectStoreNames.contains(QUEUE_ROWS_TABLE)) {
        return Promise.reject(
          new Error('Incidents were written in a transaction without the queueRows table; open it over storeTables(db) so the queue’s rows change with them.'),
        )
      }
      if (marksReports && !transaction.objectStoreNames.contains(REPORT_DIRTY_TABLE)) {
        return Promise.reject(new Error('Incidents were written in a transaction without the reportDirty table; open it over storeTables(db) so the reports learn of the change.'))
      }
      const rows = down.table(QUEUE_ROWS_TABLE)
      const markers = marksReports ? down.table(REPORT_DIRTY_TABLE) : null
      // Both requests at once, never one after the other's answer: IndexedDB commits a transaction
      // that has no request pending, and a wait between them can end it early (Dexie #1186).
      // An add mirrors as an add, so a key that already exists fails both alike.
      const mirror = (): Promise<unknown> => {
        switch (request.type) {
          case 'add':
          case 'put':
            return rows.mutate({ type: request.type, trans: request.trans, values: (request.values as IncidentRecord[]).map(toQueueRow) })
          case 'delete':
            return rows.mutate({ type: 'delete', trans: request.trans, keys: request.keys })
          case 'deleteRange':
            return rows.mutate({ type: 'deleteRange', trans: request.trans, range: request.range })
        }
      }
      const mark = (): Promise<unknown> => {
        const neutral = reportNeutral.get(transaction)
        if (!markers || neutral === EVERY_WRITE) return Promise.resolve()
        const values: ReportDirtyMarker[] =
          request.type === 'add' || request.type === 'put'
            ? markersOf(neutral ? (request.values as IncidentRecord[]).filter((record) => !neutral.has(record.id)) : (request.values as IncidentRecord[]))
            : request.type === 'delete'
              ? (request.keys as string[]).map((incidentId) => ({ incidentId, revision: null }))
              : [{ incidentId: EVERY_INCIDENT, revision: null }]
        return markers.mutate({ type: 'put', trans: request.trans, values })
      }
      return Promise.all([incidents.mutate(request), mirror(), mark()]).then(([response]) => response)
    },
  }
}

/** One marker for one incident, with the revision written; one for several, naming them. */
function markersOf(records: readonly IncidentRecord[]): ReportDirtyMarker[] {
  if (records.length === 0) return []
  if (records.length === 1) return [{ incidentId: records[0]!.id, revision: revisionOf(records[0]!) }]
  return [{ incidentId: SEVERAL_INCIDENTS_PREFIX + newId(), revision: null, incidentIds: records.map((record) => record.id) }]
}
