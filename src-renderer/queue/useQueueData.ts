import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { QueueWindow } from '../../src-shared/data/deskDataContract'
import { canSeeSecurityIncidents } from '../../src-shared/incident/visibility'
import type { QueuePickers, QueueRow } from '../../src-shared/queue/queueRow'
import type { QueueContext, QueueViewDefinition } from '../../src-shared/queue/queueView'
import { useDesk } from '../desk/deskContext'
import type { SavedQueueView } from '../store/savedViews'
import { useSavedViews } from './useSavedViews'
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

/**
 * The rows of a view as the page holds them: only a window around what the table shows (the
 * data worker holds the rest). `at` answers inside the window; the table draws a placeholder row
 * for an index outside it until the next window arrives.
 */
export interface QueueRowWindow {
  /** How many rows the view holds (or, while counts load, how many first rows there are). */
  readonly length: number
  at(index: number): QueueRow | undefined
  /** Ids from `start` to `end` (exclusive) in the view's order; every id without arguments. */
  ids(start?: number, end?: number): Promise<string[]>
}

export interface QueueData {
  rows: QueueRowWindow
  /** How many incidents the view holds; null while unknown (the row index is loading). */
  total: number | null
  /** False while the rows are the store index's first rows and may not be the whole view. */
  complete: boolean
  /** False until the first window answered. */
  loaded: boolean
  /** The worker's row index: `loading` until it holds every incident. */
  status: QueueWindow['status']
  /** Incidents in the row index so far, and on the desk (progress while loading). */
  indexed: number
  deskTotal: number | null
  /** Groups, people and categories on the rows the person may see, for the bulk dialogs and the category filter. */
  pickers: QueuePickers
  views: readonly SavedQueueView[] | undefined
  /** Count per saved view (same order as `views`); null while the row index loads. */
  viewCounts: ReadonlyArray<number | null> | null
  context: QueueContext
  /** The table reports the rows in sight, so the next window covers them. */
  showRange(start: number, end: number): void
}

/** Rows fetched beyond each edge of what is in sight, so a scroll seldom shows a placeholder. */
const OVERSCAN_ROWS = 60
const FIRST_WINDOW = { start: 0, end: 80 }
const NO_PICKERS: QueuePickers = { groups: [], people: [], categories: [] }

/**
 * Everything the queue screen shows, from the data worker (src-shared/data/deskDataContract.ts):
 * a window of the current view's rows with the view's and the saved views' counts. Asked again
 * when the view, the rows in sight or the clock change, and when the worker reports that the
 * queue's index moved. One request in flight at a time: changes that arrive meanwhile fold into
 * the next one, so a burst of sync writes costs one round trip, not one per write.
 */
export function useQueueData(view: QueueViewDefinition): QueueData {
  const { session, data, changes } = useDesk()
  // The desk's actor changes with the account; re-render when it does.
  useConnection()
  const actor = session.actor
  const nowMs = useQueueClock()
  const context = useMemo<QueueContext>(
    () => ({ userId: actor.userId, nowMs, hideSecurity: !canSeeSecurityIncidents(actor.role) }),
    [actor.userId, actor.role, nowMs],
  )

  const views = useSavedViews()
  const countFilters = useMemo(() => (views ?? []).map((saved) => saved.view.filter), [views])

  const [range, setRange] = useState(FIRST_WINDOW)
  const [answer, setAnswer] = useState<{ window: QueueWindow; key: string } | null>(null)
  const [changeCount, setChangeCount] = useState(0)
  // The view object is rebuilt by its owner on every change; its content is the dependency.
  const viewKey = JSON.stringify(view)
  const requestKey = `${viewKey}|${context.userId}|${context.hideSecurity}`

  useEffect(
    () =>
      changes.listen((change) => {
        if (change.kind === 'queue' || (change.kind === 'store' && change.tables.includes('incidents'))) setChangeCount((count) => count + 1)
      }),
    [changes],
  )

  const inFlight = useRef(false)
  const again = useRef(false)
  const latest = useRef<() => void>(() => undefined)
  useEffect(() => {
    const request = () => {
      if (inFlight.current) {
        again.current = true
        return
      }
      inFlight.current = true
      const start = Math.max(0, range.start - OVERSCAN_ROWS)
      data
        .queueWindow({ view: JSON.parse(viewKey) as QueueViewDefinition, context, start, end: range.end + OVERSCAN_ROWS, countFilters })
        .then(
          (window) => {
            // Kept even when a newer request (the saved views' filters arriving, a change) is queued
            // behind it: requests go one at a time, so answers come in order, and one for another
            // view is never shown as this one's (see `window` below).
            setAnswer({ window, key: requestKey })
          },
          (error: unknown) => console.error('The queue could not be read:', error),
        )
        .finally(() => {
          inFlight.current = false
          if (again.current) {
            again.current = false
            latest.current()
          }
        })
    }
    latest.current = request
    request()
  }, [data, viewKey, requestKey, context, range, countFilters, changeCount])

  const showRange = useCallback((start: number, end: number) => {
    setRange((previous) => {
      // Still covered by the fetched window (with half the overscan to spare): no new request.
      const covered = start >= previous.start - OVERSCAN_ROWS / 2 && end <= previous.end + OVERSCAN_ROWS / 2
      return covered && previous !== FIRST_WINDOW ? previous : { start, end }
    })
  }, [])

  // A window for another view stays on screen until the new one answers, but is not shown as this view's.
  const window = answer && answer.key === requestKey ? answer.window : null
  const rows = useMemo(() => rowWindow(window, data, JSON.parse(viewKey) as QueueViewDefinition, context), [window, data, viewKey, context])
  return {
    rows,
    total: window?.total ?? null,
    complete: window?.complete ?? false,
    loaded: window !== null,
    status: window?.status ?? answer?.window.status ?? 'loading',
    indexed: window?.indexed ?? 0,
    deskTotal: window?.deskTotal ?? null,
    pickers: window?.pickers ?? answer?.window.pickers ?? NO_PICKERS,
    views,
    viewCounts: window?.viewCounts ?? null,
    context,
    showRange,
  }
}

function rowWindow(window: QueueWindow | null, data: ReturnType<typeof useDesk>['data'], view: QueueViewDefinition, context: QueueContext): QueueRowWindow {
  if (!window) return { length: 0, at: () => undefined, ids: async () => [] }
  const { start, rows } = window
  // While the row index loads only the store index's first rows exist: the list is those.
  const length = window.status === 'ready' ? (window.total ?? 0) : start + rows.length
  return {
    length,
    at: (index) => (index >= start && index < start + rows.length ? rows[index - start] : undefined),
    async ids(from = 0, to = length) {
      if (from >= start && to <= start + rows.length) return rows.slice(from - start, to - start).map((row) => row.id)
      return (await data.queueIds(view, context)).slice(from, to)
    },
  }
}
