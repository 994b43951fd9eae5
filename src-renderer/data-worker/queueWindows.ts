import type { QueueWindow, QueueWindowRequest } from '../../src-shared/data/deskDataContract'
import type { QueueRow } from '../../src-shared/queue/queueRow'
import type { QueueContext, QueueViewDefinition } from '../../src-shared/queue/queueView'
import { readStateCounts } from '../store/counters'
import type { IncidentDeskDatabase } from '../store/database'
import { countViewsFromIndexes } from '../store/indexCounts'
import { firstRowsFromIndex } from '../store/queue'
import type { QueueCache } from '../store/queueCache'

/** Rows read straight off a store index while the row cache loads (store/queue.ts). */
const INDEX_PAGE = 200

/**
 * The queue as the data worker serves it: windows of a view, its counts, rows by id.
 *
 * Two sources, as the screen had before the worker (store/queueCache.ts explains why): until the
 * row cache has loaded, the first rows come straight off a store index for the view; from then on
 * a view is a walk of the cache's presorted rows and the saved views' counts are kept up to date
 * row by row. The cache's load starts once the index has answered a first time: started together,
 * it competes with the first rows for IndexedDB and they come later.
 */
export interface QueueWindows {
  window(request: QueueWindowRequest): Promise<QueueWindow>
  rows(ids: readonly string[]): Promise<QueueRow[]>
  ids(view: QueueViewDefinition, context: QueueContext): Promise<string[]>
}

export function createQueueWindows(db: IncidentDeskDatabase, cache: QueueCache): QueueWindows {
  return {
    async window(request) {
      const snapshot = cache.getSnapshot()
      const { view, context, start, end } = request
      if (snapshot.status === 'ready') {
        const { index } = snapshot
        const list = index.select(view, context)
        return {
          status: 'ready',
          indexed: index.size,
          deskTotal: snapshot.total,
          total: list.length,
          complete: true,
          start,
          rows: list.slice(start, Math.max(start, end)),
          viewCounts: index.counts(request.countFilters, context),
          pickers: index.pickers(!context.hideSecurity),
          version: snapshot.version,
        }
      }
      const [indexed, stateCounts, counted] = await Promise.all([
        firstRowsFromIndex(db, view, context, INDEX_PAGE),
        readStateCounts(db),
        // The saved views' counts and this view's own total, from index counts (indexCounts.ts).
        countViewsFromIndexes(db, [...request.countFilters, view.filter], context),
      ])
      cache.start()
      const complete = indexed.exact && indexed.rows.length < INDEX_PAGE
      const deskTotal = Object.values(stateCounts).reduce((sum, count) => sum + count, 0)
      const current = cache.getSnapshot()
      return {
        status: 'loading',
        indexed: current.loaded,
        deskTotal,
        total: complete ? indexed.rows.length : counted.at(-1)!,
        complete,
        start,
        rows: indexed.rows.slice(start, Math.max(start, end)),
        viewCounts: counted.slice(0, -1),
        pickers: { groups: [], people: [], categories: [] },
        version: current.version,
      }
    },

    async rows(ids) {
      const snapshot = cache.getSnapshot()
      if (snapshot.status === 'ready') return ids.flatMap((id) => snapshot.index.get(id) ?? [])
      const rows = await db.queueRows.bulkGet([...ids])
      return rows.flatMap((row) => (row ? [row] : []))
    },

    async ids(view, context) {
      const snapshot = cache.getSnapshot()
      if (snapshot.status === 'ready') return snapshot.index.select(view, context).slice().map((row) => row.id)
      return (await firstRowsFromIndex(db, view, context, INDEX_PAGE)).rows.map((row) => row.id)
    },
  }
}
