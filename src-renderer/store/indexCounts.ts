import { compileFilter, OPEN_STATES, type QueueContext, type QueueFilter } from '../../src-shared/queue/queueView'
import { readStateCounts, type StateCounts } from './counters'
import type { IncidentDeskDatabase } from './database'
import { toQueueRow } from './queueRows'

/**
 * Saved views' counts straight from the store's indexes, for the seconds before the queue's row
 * index has loaded (queueCache.ts): the built-in views (All open, My work, Unassigned, SLA at
 * risk, Major incidents) and any saved view of the same shapes are each one IndexedDB count over
 * an index range (All open: the kept per-state counts), exact. Other filters answer null
 * (counting), and so do the ranges too long to count on a desk with many open incidents
 * (INDEX_COUNT_OPEN_LIMIT).
 *
 * Security incidents a viewer may not see are in those ranges; they are few and flagged
 * (`securityFlag`), so they are read and the ones each filter matches are taken back out, which
 * keeps every count equal to what the row index gives once loaded (queueCounts test).
 */
export async function countViewsFromIndexes(
  db: IncidentDeskDatabase,
  filters: readonly QueueFilter[],
  context: QueueContext,
  options: { stateCounts?: Promise<StateCounts>; openLimit?: number } = {},
): Promise<Array<number | null>> {
  const nowIso = new Date(context.nowMs).toISOString()
  const openLimit = options.openLimit ?? INDEX_COUNT_OPEN_LIMIT
  const [hidden, stateCounts] = await Promise.all([
    context.hideSecurity ? db.incidents.where('securityFlag').equals(1).toArray().then((records) => records.map(toQueueRow)) : [],
    options.stateCounts ?? readStateCounts(db),
  ])
  const openTotal = OPEN_STATES.reduce((sum, state) => sum + stateCounts[state], 0)
  return Promise.all(
    filters.map(async (filter) => {
      const counted = countOf(db, filter, context, nowIso, openTotal, openLimit)
      if (counted === null) return null
      const total = await counted
      if (hidden.length === 0) return total
      const matches = compileFilter(filter, { ...context, hideSecurity: false })
      return total - hidden.filter(matches).length
    }),
  )
}

/**
 * Open incidents above which My work, Unassigned and the SLA views are not counted off the
 * indexes (null: they come with the row cache). Chromium counts an index range entry by entry,
 * checking each against its record (25–60 µs an entry here), and one count holds the whole store
 * while it runs: at 1M incidents (67k open) the breached range took 1.7 s, and every write, the
 * row cache's load and a second window's opening waited behind it. Those ranges hold open
 * incidents only, so the open total bounds what each count costs: a few tenths of a second at
 * this limit (the 100k bench desk, 6,700 open, stays under it).
 */
export const INDEX_COUNT_OPEN_LIMIT = 10_000

/** The one count that answers `filter`, or null when its shape has none (or it would cost too much). */
function countOf(db: IncidentDeskDatabase, filter: QueueFilter, context: QueueContext, nowIso: string, openTotal: number, openLimit: number): Promise<number> | null {
  const openStates = filter.states.length === OPEN_STATES.length && OPEN_STATES.every((state) => filter.states.includes(state))
  const narrowed = filter.priorities.length > 0 || filter.levels.length > 0 || filter.categories.length > 0 || filter.securityOnly
  if (!openStates || narrowed) return null
  const { assignment, sla, majorOnly } = filter
  if (majorOnly) {
    if (assignment !== 'any' || sla !== 'any') return null
    // Majors are few; the flag stays on a resolved one, so the open test is on the row.
    return db.incidents.where('majorFlag').equals(1).filter((record) => record.open === 1).count()
  }
  if ((sla !== 'any' || assignment !== 'any') && openTotal > openLimit) return null
  if (sla !== 'any') {
    if (assignment !== 'any' || sla === 'warning') return null
    // Deadlines are set only while a clock runs on an open incident (store/records.ts); the
    // warning instant is never after the due instant, so "at risk" is "warning instant passed".
    return db.incidents
      .where(sla === 'breached' ? 'slaDueAt' : 'slaWarningAt')
      .belowOrEqual(nowIso)
      .count()
  }
  if (assignment === 'mine' || assignment === 'unassigned') {
    return db.incidents.where('[assigneeId+open]').equals([assignment === 'mine' ? context.userId : '', 1]).count()
  }
  // Every open incident: the per-state counts every write keeps (counters.ts). Counting the open
  // range of the index took 0.4 s for 6,700 open incidents at 100k, before the first rows.
  return Promise.resolve(openTotal)
}
