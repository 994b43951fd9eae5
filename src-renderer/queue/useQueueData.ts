import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { canSeeSecurityIncidents } from '../../src-shared/incident/visibility'
import { useDesk } from '../desk/deskContext'
import { readStateCounts } from '../store/counters'
import { firstRowsFromIndex } from '../store/queue'
import { queueCacheFor, type QueueCacheSnapshot } from '../store/queueCache'
import type { QueuePickers, QueueRowList } from '../store/queueIndex'
import type { QueueRow } from '../store/queueRows'
import type { QueueContext, QueueViewDefinition } from '../store/queueView'
import { migrateSavedViews, readSavedViews, type SavedQueueView } from '../store/savedViews'
import { useConnection } from '../ui/uiHooks'

/** One clock for the whole queue: SLA time left and the SLA filters move on every tick, rows do not own timers. */
export const QUEUE_CLOCK_TICK_MS = 30_000

export function useQueueClock(): number {
  const [nowMs, setNowMs] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), QUEUE_CLOCK_TICK_MS)
    return () => clearInterval(timer)
  }, [])
  return nowMs
}

export interface QueueData {
  /** The rows of the current view, in its order (computed as far as they are read). */
  rows: QueueRowList
  /** How many incidents the view holds; null while unknown (the cache is loading). */
  total: number | null
  /** False while the rows are the index's first rows and may not be the whole view. */
  complete: boolean
  /** Null until the first read answered. */
  loaded: boolean
  cache: QueueCacheSnapshot
  /** A row of the desk by id, whether or not the view shows it (the bulk bar's selection); undefined while loading. */
  rowById(id: string): QueueRow | undefined
  /** Groups, people and categories on the rows the person may see, for the bulk dialogs and the category filter. */
  pickers: QueuePickers
  views: readonly SavedQueueView[] | undefined
  /** Count per saved view (same order as `views`); null while the cache loads. */
  viewCounts: readonly number[] | null
  context: QueueContext
}

const INDEX_PAGE = 200

/**
 * Everything the queue screen shows, from two sources (store/queueCache.ts explains why):
 * until the row cache has loaded, the first rows come straight off an index for the current
 * view; from then on the view is one scan of the cache's presorted rows and the saved views'
 * counts are kept up to date row by row (store/queueIndex.ts), following every change to the store.
 */
export function useQueueData(view: QueueViewDefinition): QueueData {
  const { db, session } = useDesk()
  // The desk's actor changes with the account; re-render when it does.
  useConnection()
  const actor = session.actor
  const nowMs = useQueueClock()
  const cache = queueCacheFor(db)
  const snapshot = useSyncExternalStore(cache.subscribe, cache.getSnapshot)
  const ready = snapshot.status === 'ready'
  const context = useMemo<QueueContext>(
    () => ({ userId: actor.userId, nowMs, hideSecurity: !canSeeSecurityIncidents(actor.role) }),
    [actor.userId, actor.role, nowMs],
  )

  // Views saved before schema v3 move to the config table once; reads find them either way.
  useEffect(() => {
    migrateSavedViews(db).catch((error: unknown) => console.error('Saved views could not be moved to the configuration table:', error))
  }, [db])
  const views = useLiveQuery(() => readSavedViews(db), [db])
  const stateCounts = useLiveQuery(() => (ready ? undefined : readStateCounts(db)), [db, ready])
  const indexed = useLiveQuery(
    () => (ready ? undefined : firstRowsFromIndex(db, view, context, INDEX_PAGE)),
    // The view object is rebuilt by its owner on every change; its content is the dependency.
    [db, ready, JSON.stringify(view), context],
  )

  // The cache's load (100k rows in chunks) starts once the index has answered: started together,
  // it competes with the first rows for IndexedDB and the main thread, and they come seconds later.
  const firstRowsRead = indexed !== undefined
  useEffect(() => {
    if (firstRowsRead || ready) cache.start()
  }, [cache, firstRowsRead, ready])

  // The snapshot object is new on every change of the index (which changes in place), so it is
  // the dependency that says "recompute".
  const selected = useMemo(() => (ready ? snapshot.index.select(view, context) : null), [ready, snapshot, view, context])
  const viewCounts = useMemo(
    () => (ready && views ? snapshot.index.counts(views.map((saved) => saved.view.filter), context) : null),
    [ready, snapshot, views, context],
  )
  const pickers = useMemo(() => snapshot.index.pickers(!context.hideSecurity), [snapshot, context.hideSecurity])
  const rowById = useMemo(() => {
    const { index } = snapshot
    return ready ? (id: string) => index.get(id) : () => undefined
  }, [ready, snapshot])

  if (selected) {
    return { rows: selected, total: selected.length, complete: true, loaded: true, cache: snapshot, rowById, pickers, views, viewCounts, context }
  }
  const openCount = stateCounts ? stateCounts.new + stateCounts.in_progress + stateCounts.on_hold : null
  const isPlainOpenView = isDefaultOpenFilter(view)
  const rows = indexed?.rows ?? []
  const complete = indexed?.exact === true && rows.length < INDEX_PAGE
  return {
    rows,
    // The store's own counters answer "all open" at once (never count on render); other views wait for the cache.
    total: complete ? rows.length : isPlainOpenView && !context.hideSecurity ? openCount : null,
    complete,
    loaded: indexed !== undefined,
    cache: snapshot,
    rowById,
    pickers,
    views,
    viewCounts: null,
    context,
  }
}

function isDefaultOpenFilter(view: QueueViewDefinition): boolean {
  const { filter } = view
  return (
    filter.assignment === 'any' &&
    [...filter.states].sort().join() === 'in_progress,new,on_hold' &&
    filter.priorities.length === 0 &&
    filter.levels.length === 0 &&
    filter.categories.length === 0 &&
    filter.sla === 'any' &&
    !filter.majorOnly &&
    !filter.securityOnly
  )
}
