import { Dexie, type ObservabilitySet } from 'dexie'
import { keysOf } from './changedKeys'
import { committedWritesOf } from './committedWrites'
import { readStateCounts } from './counters'
import type { IncidentDeskDatabase } from './database'
import { createQueueIndex, type QueueIndex } from './queueIndex'
import { toQueueRow } from './queueRows'
import type { QueueRow } from '../../src-shared/queue/queueRow'
import { DEFAULT_SORT } from '../../src-shared/queue/queueView'

/**
 * The queue's in-memory row cache: one compact row (queueRows.ts) per incident on the desk, so
 * any combination of filters, any sort and every saved view's count is a loop in memory
 * (a few ms at 100k) instead of an IndexedDB scan (count() over 100k takes up to 1.5 s here,
 * getAll 2–3 s; DESIGN §3). The rows live in a QueueIndex (queueIndex.ts), which keeps the
 * sort orders and the saved views' counts up to date as single rows change.
 *
 * How it stays true:
 * - Loading: after start-up, in chunks by primary key with a pause between chunks, so the
 *   first rows (read straight off an index by store/queue.ts) are on screen long before the
 *   cache is complete and the page stays responsive while it fills.
 * - Changes: Dexie fires `storagemutated` after every committed write transaction, in this
 *   window and in any other tab or window on the same database (it is what useLiveQuery is
 *   built on). It names the primary keys a put or delete touched; those rows are re-read by key
 *   and replaced. The store's commits, sync pulls and refolds all reach the cache this way,
 *   without any of them knowing the cache exists.
 * - A bulk write of 50 rows or more (a sync page, a snapshot) is reported as "the whole table
 *   may have changed" (Dexie stops tracking keys there): the cache reloads in the background,
 *   coalescing bursts, and keeps showing the rows it has until the fresh set is complete.
 */
export interface QueueCacheSnapshot {
  /** `loading` until every row has been read once; then `ready` (even while a reload runs). */
  status: 'loading' | 'ready'
  /** Rows read so far during the first load. */
  loaded: number
  /** The desk's incident count from the store's counters, for progress; null until read. */
  total: number | null
  /**
   * Every incident's row once ready; empty while loading. The index changes in place as rows
   * change (that is what keeps a change cheap), and `version` says when it did.
   */
  index: QueueIndex
  /** Bumped on every change, so memoized filters know when to recompute. */
  version: number
}

export interface QueueCache {
  getSnapshot(): QueueCacheSnapshot
  /**
   * How many committed writes to incidents this cache has heard of since it was created, started
   * or not: an answer read off the store while the cache loads stays true while this holds still.
   */
  changesSeen(): number
  subscribe(listener: () => void): () => void
  /** Starts the first load (and applying the changes heard since); later calls do nothing. */
  start(): void
  /** Resolves once the rows are loaded and every change seen so far is applied (tests, benches). */
  settled(): Promise<void>
  /**
   * Holds the cache's own reads while `work` runs (a recompute of every running deadline writes
   * thousands of rows in chunks, each reported as "the whole table"): the changes are noted and
   * read once it ends, instead of a reload racing each chunk for the same rows.
   */
  holdWhile(work: Promise<unknown>): void
  dispose(): void
}

export interface QueueCacheOptions {
  /** Rows per read. In the data worker nothing waits on input; larger reads cost less per row. */
  chunkSize?: number
  /** Waits between chunks so the page can paint and take input; tests pass a no-op. */
  pause?: () => Promise<void>
}

/**
 * Rows per read of the first load. A commit's write transaction waits for every read of the
 * same tables begun before it: at 100k in Chromium, commits made while 10k-row reads ran waited
 * p50 50 / p95 410 ms; with 2k-row reads, p50 90 / p95 130 ms. The load takes a little longer.
 */
const DEFAULT_CHUNK_SIZE = 2_000

function defaultPause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

export function createQueueCache(db: IncidentDeskDatabase, options: QueueCacheOptions = {}): QueueCache {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE
  const pause = options.pause ?? defaultPause
  const listeners = new Set<() => void>()
  const partPrefix = `idb://${db.name}/incidents/`

  let index = createQueueIndex()
  let snapshot: QueueCacheSnapshot = { status: 'loading', loaded: 0, total: null, index, version: 0 }
  let started = false
  let disposed = false
  /** Ids changed since the rows were last brought up to date, to be read. */
  const pendingIds = new Set<string>()
  /** Rows changed since, as this context's own commits wrote them (committedWrites.ts): null when deleted. No read needed. */
  const handedRows = new Map<string, QueueRow | null>()
  let reloadWanted = false
  let work: Promise<void> | null = null
  let held: Promise<unknown> | null = null
  let changes = 0

  function publish(next: Partial<QueueCacheSnapshot>): void {
    snapshot = { ...snapshot, ...next, version: snapshot.version + 1 }
    for (const listener of listeners) listener()
  }

  async function readAll(onChunk: (loaded: number) => void): Promise<Map<string, QueueRow>> {
    const rows = new Map<string, QueueRow>()
    let lastId: string | null = null
    for (;;) {
      // The compact rows (queueRowsMirror.ts), not the full records: a fraction of the bytes to read.
      const chunk: QueueRow[] =
        lastId === null
          ? await db.queueRows.orderBy(':id').limit(chunkSize).toArray()
          : await db.queueRows.where(':id').above(lastId).limit(chunkSize).toArray()
      for (const row of chunk) rows.set(row.id, row)
      if (chunk.length < chunkSize || disposed) return rows
      lastId = chunk[chunk.length - 1]!.id
      onChunk(rows.size)
      await pause()
    }
  }

  /**
   * Reads the changed rows and applies them to `target`, then `done()` runs in the same
   * synchronous step, so nothing renders an index changed but not yet announced.
   */
  async function applyPending(target: QueueIndex, done: () => void): Promise<void> {
    if (pendingIds.size === 0 && handedRows.size === 0) return done()
    // An id is in one of the two, whichever its latest notice said: read, or handed over.
    const ids = [...pendingIds]
    const handed = [...handedRows]
    pendingIds.clear()
    handedRows.clear()
    const found = ids.length > 0 ? await db.queueRows.bulkGet(ids) : []
    const changed: QueueRow[] = []
    const removed: string[] = []
    ids.forEach((id, position) => {
      const row = found[position]
      if (row) changed.push(row)
      else removed.push(id)
    })
    for (const [id, row] of handed) {
      if (row) changed.push(row)
      else removed.push(id)
    }
    target.apply(changed, removed)
    done()
  }

  /** One worker at a time: first load or reload, then the changes that arrived meanwhile. */
  async function drain(): Promise<void> {
    while (!disposed && (reloadWanted || pendingIds.size > 0 || handedRows.size > 0 || snapshot.status === 'loading')) {
      if (reloadWanted || snapshot.status === 'loading') {
        reloadWanted = false
        const firstLoad = snapshot.status === 'loading'
        // Changes seen before the read started are in what it reads.
        pendingIds.clear()
        handedRows.clear()
        const fresh = await readAll((loaded) => {
          if (firstLoad) publish({ loaded })
        })
        const next = createQueueIndex(fresh.values())
        // The queue's home sort, built now rather than on the first view change.
        next.warm(DEFAULT_SORT)
        // The old index keeps serving the screen until the new one is complete.
        await applyPending(next, () => {
          index = next
          publish({ status: 'ready', loaded: index.size, index })
        })
        continue
      }
      const changedIndex = index
      await applyPending(changedIndex, () => {
        if (changedIndex === index) publish({ loaded: index.size })
      })
    }
  }

  function kick(): void {
    // The first load is not held: the queue waits on it.
    if (work || disposed || (held && snapshot.status === 'ready')) return
    work = drain()
      .catch((error: unknown) => {
        // A closed database (the desk is shutting down) ends the cache; anything else is a bug
        // worth seeing in the console, and the next change tries again.
        if (!disposed) console.error('The queue could not read incidents:', error)
      })
      .finally(() => {
        work = null
        if (!disposed && (reloadWanted || pendingIds.size > 0 || handedRows.size > 0)) kick()
      })
  }

  const onMutated = (parts: ObservabilitySet): void => {
    let touched = false
    const ids = new Set<string>()
    for (const [part, tree] of Object.entries(parts)) {
      if (part !== partPrefix && part !== `${partPrefix}:dels`) continue
      touched = true
      if (keysOf(tree, ids).whole) reloadWanted = true
    }
    if (!touched) return
    const written = committedWritesOf(parts)?.incidents
    for (const id of ids) {
      const record = written?.get(id)
      if (record === undefined) {
        pendingIds.add(id)
        handedRows.delete(id)
      } else {
        handedRows.set(id, record === null ? null : toQueueRow(record))
        pendingIds.delete(id)
      }
    }
    changes += 1
    if (started) kick()
  }
  // Heard from the start, so changesSeen counts writes made before the first load as well.
  Dexie.on('storagemutated', onMutated)

  return {
    getSnapshot: () => snapshot,
    changesSeen: () => changes,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    start() {
      if (started || disposed) return
      started = true
      void readStateCounts(db)
        .then((counts) => {
          if (snapshot.status === 'loading') publish({ total: Object.values(counts).reduce((sum, count) => sum + count, 0) })
        })
        .catch(() => undefined)
      kick()
    },
    async settled() {
      while (work || held) await (work ?? held)
    },
    holdWhile(pending) {
      const hold = pending.then(
        () => undefined,
        () => undefined,
      )
      held = hold
      void hold.then(() => {
        if (held === hold) held = null
        kick()
      })
    },
    dispose() {
      disposed = true
      Dexie.on('storagemutated').unsubscribe(onMutated)
      listeners.clear()
    },
  }
}

/**
 * One cache per open database, kept beside it rather than in a module-level variable that a
 * second desk (a test, another window) would share. It outlives the queue screen, so going to
 * the admin screen and back does not reload 100k rows.
 */
const caches = new WeakMap<IncidentDeskDatabase, QueueCache>()

export function queueCacheFor(db: IncidentDeskDatabase): QueueCache {
  let cache = caches.get(db)
  if (!cache) {
    cache = createQueueCache(db)
    caches.set(db, cache)
  }
  return cache
}
