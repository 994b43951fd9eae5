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
 * …but the desk's very first window reads this many: a screen's worth and a scroll. A cold
 * worker reads a full incident record off the index in ~0.4 ms at 100k incidents (Chromium): the
 * first 200 took 63–103 ms, the first 40 took 17–33 ms, and the first rows waited for all of
 * them. The screen asks again once it has measured its list, and that request reads INDEX_PAGE.
 */
const FIRST_INDEX_PAGE = 50

/** Questions answered off the indexes kept while the cache loads (the screen's view and a few it switched to). */
const INDEXED_ANSWERS_KEPT = 4

/** What the store's indexes answered for one request while the row cache loads. */
interface IndexedAnswer {
  /** The view and context the rows are for (not the rows in sight: the index page is read whole). */
  rowsKey: string
  /** …and the saved views' filters counted with it. */
  countsKey: string
  /** The cache's changesSeen() when the reads began. */
  changes: number
  /** How many rows were asked of the index (FIRST_INDEX_PAGE or INDEX_PAGE). */
  page: number
  rows: QueueRow[]
  exact: boolean
  deskTotal: number
  counted: Array<number | null>
}

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
  /** Resolves once a first window has been answered: the screen has its first rows. */
  readonly firstAnswered: Promise<void>
  /**
   * Starts reading a view's first rows before the screen asks for them: the queue's default view,
   * as the desk opens, while the page is still building its shell (~30 ms of a cold open's first
   * rows at 100k). Used by the first window of that view, if the store has not changed meanwhile.
   */
  readAhead(view: QueueViewDefinition, context: Omit<QueueContext, 'nowMs'>): void
}

/** What a view's rows depend on: not the clock, unless it filters on SLA status. */
function rowsKeyOf(view: QueueViewDefinition, context: QueueContext | Omit<QueueContext, 'nowMs'>): string | null {
  if (view.filter.sla !== 'any') return null
  return JSON.stringify([view, context.userId, context.hideSecurity === true])
}

export function createQueueWindows(db: IncidentDeskDatabase, cache: QueueCache): QueueWindows {
  let answered!: () => void
  const firstAnswered = new Promise<void>((resolve) => (answered = resolve))
  /**
   * The answers off the indexes since the store last changed, by question. While the cache loads
   * the screen asks again at every step of its progress, and with the saved views once they are
   * read; reading the indexes again each time competed with the cache's own reads (2.5 s a window
   * at 100k). Unchanged store, same request: the same answer, with the progress brought up to date.
   */
  const indexed = new Map<string, IndexedAnswer>()
  let firstRead = true
  let ahead: { key: string; changes: number; rows: ReturnType<typeof firstRowsFromIndex> } | null = null
  return {
    firstAnswered,
    readAhead(view, context) {
      const key = rowsKeyOf(view, context)
      if (key === null || !firstRead) return
      const rows = firstRowsFromIndex(db, view, { ...context, nowMs: Date.now() }, FIRST_INDEX_PAGE)
      // A failed read here is the screen's to see, when it asks and reads again.
      rows.catch(() => undefined)
      ahead = { key, changes: cache.changesSeen(), rows }
    },
    async window(request) {
      try {
        return await windowOf(request)
      } finally {
        answered()
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

  async function windowOf(request: QueueWindowRequest): Promise<QueueWindow> {
    const snapshot = cache.getSnapshot()
    const { view, context, start, end } = request
    if (snapshot.status === 'ready') {
      indexed.clear()
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
    const answer = await readIndexes(request)
    cache.start()
    const complete = answer.exact && answer.rows.length < answer.page
    const current = cache.getSnapshot()
    return {
      status: 'loading',
      indexed: current.loaded,
      deskTotal: answer.deskTotal,
      total: complete ? answer.rows.length : answer.counted.at(-1)!,
      complete,
      start,
      rows: answer.rows.slice(start, Math.max(start, end)),
      viewCounts: answer.counted.slice(0, -1),
      pickers: { groups: [], people: [], categories: [] },
      version: current.version,
    }
  }

  /**
   * The view's first rows and the counts off the store's indexes, or what the last read found
   * when the store has not changed since: the same view again (a step of the cache's progress),
   * or the same view with the saved views to count (they are read after the first request). A
   * cursor over the index for the rows a second time, beside the cache's reads, took 2.6 s.
   */
  async function readIndexes(request: QueueWindowRequest): Promise<IndexedAnswer> {
    const { view, context } = request
    const rowsKey = JSON.stringify([view, context])
    const countsKey = JSON.stringify([rowsKey, request.countFilters])
    const changes = cache.changesSeen()
    // Forgotten: answers from before the store changed, and a first small page when the screen asks past it.
    const stillServes = (answer: IndexedAnswer) => answer.changes === changes && (answer.page === INDEX_PAGE || answer.rows.length < answer.page || request.end <= answer.page)
    for (const [key, answer] of indexed) if (!stillServes(answer)) indexed.delete(key)
    const known = indexed.get(countsKey)
    if (known) return known
    // Read once: the counts take All open from them, the desk's total is their sum.
    const stateCounts = readStateCounts(db)
    const counting = countViewsFromIndexes(db, [...request.countFilters, view.filter], context, { stateCounts })
    const sameRows = [...indexed.values()].find((answer) => answer.rowsKey === rowsKey)
    let answer: IndexedAnswer
    if (sameRows) {
      answer = { ...sameRows, countsKey, counted: await counting }
    } else {
      const page = firstRead ? FIRST_INDEX_PAGE : INDEX_PAGE
      // Read ahead as the desk opened (a first page, of this view, of the store as it still is).
      const readAlready = firstRead && ahead && ahead.key === rowsKeyOf(view, context) && ahead.changes === changes ? ahead.rows.catch(() => firstRowsFromIndex(db, view, context, page)) : null
      firstRead = false
      ahead = null
      const [first, counts, counted] = await Promise.all([readAlready ?? firstRowsFromIndex(db, view, context, page), stateCounts, counting])
      const deskTotal = Object.values(counts).reduce((sum, count) => sum + count, 0)
      answer = { rowsKey, countsKey, changes, page, rows: first.rows, exact: first.exact, deskTotal, counted }
    }
    // A few views at most in the seconds the cache loads; the oldest goes first.
    indexed.set(countsKey, answer)
    if (indexed.size > INDEXED_ANSWERS_KEPT) indexed.delete(indexed.keys().next().value!)
    return answer
  }
}
