import { Dexie, type Collection } from 'dexie'
import type { Incident } from '../../src-shared/incident/incident'
import type { IncidentDeskDatabase } from './database'
import type { QueueRow } from '../../src-shared/queue/queueRow'
import { packedEventCount } from './outboxPacks'
import { toQueueRow } from './queueRows'
import { compileFilter, OPEN_STATES, sortRows, type QueueContext, type QueueViewDefinition } from '../../src-shared/queue/queueView'
import { fromRecord, type IncidentRecord } from './records'

/**
 * The incident queue. Open incidents come by priority (P1 first) and, within a priority,
 * longest-waiting first, straight off the [open+priority+updatedAt] index: no sorting in
 * memory, so the first rows arrive in milliseconds whatever the table size.
 */
export interface QueueView {
  /**
   * - `open`: everything still needing work, by priority.
   * - `mine`: open and assigned to `userId`.
   * - `dueSoonest`: incidents whose SLA clock runs, the nearest deadline first.
   * - `breached`: running SLA clocks past their target at `now` (ISO).
   * - `all`: every incident, newest first.
   */
  scope: 'open' | 'mine' | 'dueSoonest' | 'breached' | 'all'
  userId?: string
  now?: string
  limit?: number
}

export const DEFAULT_QUEUE_LIMIT = 200

export async function queueQuery(db: IncidentDeskDatabase, view: QueueView): Promise<Incident[]> {
  const limit = view.limit ?? DEFAULT_QUEUE_LIMIT
  switch (view.scope) {
    case 'open': {
      const records = await db.incidents
        .where('[open+priority+updatedAt]')
        .between([1, Dexie.minKey, Dexie.minKey], [1, Dexie.maxKey, Dexie.maxKey])
        .limit(limit)
        .toArray()
      return records.map(fromRecord)
    }
    case 'mine': {
      if (!view.userId) return []
      const records = await db.incidents.where('[assigneeId+open]').equals([view.userId, 1]).toArray()
      return records
        .sort((a, b) => a.priority - b.priority || a.updatedAt.localeCompare(b.updatedAt))
        .slice(0, limit)
        .map(fromRecord)
    }
    case 'dueSoonest': {
      const records = await db.incidents.orderBy('slaDueAt').limit(limit).toArray()
      return records.map(fromRecord)
    }
    case 'breached': {
      const records = await db.incidents
        .where('slaDueAt')
        .belowOrEqual(view.now ?? new Date().toISOString())
        .limit(limit)
        .toArray()
      return records.map(fromRecord)
    }
    case 'all': {
      const records = await db.incidents.orderBy('updatedAt').reverse().limit(limit).toArray()
      return records.map(fromRecord)
    }
  }
}

/** Changes waiting to be pushed, for the status bar. Refused ones wait for a person instead: see {@link refusedOutboxCount}. */
export async function pendingOutboxCount(db: IncidentDeskDatabase): Promise<number> {
  const [entries, packed] = await Promise.all([db.outbox.where('status').equals('pending').count(), packedEventCount(db)])
  return entries + packed
}

/** Changes the server refused, waiting for a person to retry or discard them (the outbox-problems panel). */
export async function refusedOutboxCount(db: IncidentDeskDatabase): Promise<number> {
  return db.outbox.where('status').equals('refused').count()
}

/**
 * The first rows of a queue view straight off an index, for the moments before the row cache
 * (queueCache.ts) has loaded: ~2.5 ms for 50 rows by an index whatever the table size
 * (DESIGN §3), so the queue opens filtered and sorted well within 50 ms.
 *
 * The index read gives candidates; the view's own filter and sort (queueView.ts) then decide,
 * so a row shown here is always a row of the view. `exact` says whether these are also the
 * view's true first rows: when the index walks in the view's own order (open incidents by
 * priority, or all by most recently updated), or when the read saw every candidate. Otherwise
 * the screen says the list is partial until the cache is ready.
 */
export interface IndexedFirstRows {
  rows: QueueRow[]
  exact: boolean
}

/** Candidates read before giving up on a rare filter; the cache takes over soon anyway. */
const INDEX_SCAN_CAP = 3000

/** A cursor over `collection` keeping the records `matches` takes, that stops after INDEX_SCAN_CAP records. */
function cappedScan(collection: Collection<IncidentRecord, string, unknown>, matches: (row: QueueRow) => boolean, scanned: { count: number }) {
  return collection
    .until(() => scanned.count >= INDEX_SCAN_CAP)
    .filter((record) => {
      scanned.count += 1
      return matches(toQueueRow(record))
    })
}

export async function firstRowsFromIndex(
  db: IncidentDeskDatabase,
  view: QueueViewDefinition,
  context: QueueContext,
  limit = 100,
): Promise<IndexedFirstRows> {
  const { filter, sort } = view
  const matches = compileFilter(filter, context)
  const openOnly = filter.states.length > 0 && filter.states.every((state) => OPEN_STATES.includes(state))
  let records: IncidentRecord[]
  let exact: boolean

  const keep = (records: readonly IncidentRecord[]) => records.filter((record) => matches(toQueueRow(record)))

  if (openOnly && (filter.assignment === 'mine' || filter.assignment === 'unassigned')) {
    const who = filter.assignment === 'mine' ? context.userId : ''
    const candidates = await db.incidents.where('[assigneeId+open]').equals([who, 1]).limit(INDEX_SCAN_CAP).toArray()
    records = keep(candidates)
    exact = candidates.length < INDEX_SCAN_CAP
  } else if (filter.sla === 'breached' || filter.sla === 'at_risk') {
    const index = filter.sla === 'breached' ? 'slaDueAt' : 'slaWarningAt'
    const candidates = await db.incidents.where(index).belowOrEqual(new Date(context.nowMs).toISOString()).limit(INDEX_SCAN_CAP).toArray()
    records = keep(candidates)
    exact = candidates.length < INDEX_SCAN_CAP
  } else if (openOnly) {
    const inOrder = sort.column === 'priority' && sort.direction === 'asc'
    const byPriority = () => db.incidents.where('[open+priority+updatedAt]').between([1, Dexie.minKey, Dexie.minKey], [1, Dexie.maxKey, Dexie.maxKey])
    // One bulk read of the first page (a single request); a cursor only when the view's filter
    // (security incidents hidden, a narrower saved view) set some of it aside.
    const page = await byPriority().limit(limit).toArray()
    const kept = keep(page)
    if (kept.length === page.length || page.length < limit) {
      records = kept
      exact = inOrder || page.length < limit
    } else {
      const scanned = { count: 0 }
      records = await cappedScan(byPriority(), matches, scanned).limit(limit).toArray()
      exact = inOrder || (records.length < limit && scanned.count < INDEX_SCAN_CAP)
    }
  } else {
    const scanned = { count: 0 }
    records = await cappedScan(db.incidents.orderBy('updatedAt').reverse(), matches, scanned).limit(limit).toArray()
    exact = (sort.column === 'updated' && sort.direction === 'desc') || (records.length < limit && scanned.count < INDEX_SCAN_CAP)
  }
  const rows = sortRows(records.map(toQueueRow), sort).slice(0, limit)
  return { rows, exact }
}
