import { describe, expect, it } from 'vitest'
import { createQueueWindows } from '../../src-renderer/data-worker/queueWindows'
import { createQueueCache } from '../../src-renderer/store/queueCache'
import { defaultFilter, defaultView } from '../../src-shared/queue/queueView'
import { AGENT, freshDatabase, outlookIncident, storeFor, watchTableReads } from '../store/storeHarness'

/**
 * The queue windows the data worker serves while its row cache is still loading (a 100k desk's
 * first seconds): read off the store's indexes, and not read again for the same question while
 * the store has not changed, since the screen asks again at every step of the cache's progress.
 */

const CONTEXT = { userId: AGENT.userId, nowMs: Date.parse('2026-03-02T12:00:00Z'), hideSecurity: true }

async function loadingDesk(count: number) {
  const db = freshDatabase()
  // Counts the reads of incident rows (the index cursors and counts), whoever makes them.
  const reads = { incidents: 0 }
  watchTableReads(db, 'incidents', () => (reads.incidents += 1))
  const { store } = storeFor(db)
  for (let index = 0; index < count; index++) {
    const logged = await store.logIncident(outlookIncident({ shortDescription: `Badge reader ${index} offline` }))
    if (!logged.ok) throw new Error(logged.refusal.message)
  }
  // A cache that reads one row and then waits: it stays loading for the whole test, as a 100k desk's does for seconds.
  const cache = createQueueCache(db, { chunkSize: 1, pause: () => new Promise<void>(() => undefined) })
  return { db, store, reads, cache, windows: createQueueWindows(db, cache) }
}

const request = (countFilters = [defaultFilter()]) => ({ view: defaultView(), context: CONTEXT, start: 0, end: 50, countFilters })

describe('queue windows while the row cache loads', () => {
  it('answers the same question again without reading the store, with the progress brought up to date', async () => {
    const { reads, cache, windows } = await loadingDesk(3)
    const first = await windows.window(request())
    expect(first).toMatchObject({ status: 'loading', total: 3, viewCounts: [3] })
    expect(cache.getSnapshot().status).toBe('loading')
    const readsAfterFirst = reads.incidents

    const again = await windows.window(request())
    expect(again.rows).toEqual(first.rows)
    expect(again.viewCounts).toEqual([3])
    expect(reads.incidents).toBe(readsAfterFirst)

    // The saved views arriving: the same rows, only the new counts read.
    const withViews = await windows.window(request([defaultFilter(), { ...defaultFilter(), assignment: 'mine' }]))
    expect(withViews.rows).toEqual(first.rows)
    expect(withViews.viewCounts).toEqual([3, 0])
    expect(reads.incidents).toBeGreaterThan(readsAfterFirst)
    cache.dispose()
  })

  it('reads again once the store changed: an incident logged meanwhile is in the next window', async () => {
    const { store, cache, windows } = await loadingDesk(2)
    expect((await windows.window(request())).total).toBe(2)
    const logged = await store.logIncident(outlookIncident({ shortDescription: 'Lift stuck between floors' }))
    if (!logged.ok) throw new Error(logged.refusal.message)
    for (let attempt = 0; attempt < 100 && cache.changesSeen() === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 5))
    const next = await windows.window(request())
    expect(next.total).toBe(3)
    expect(next.rows.map((row) => row.id)).toContain(logged.incident.id)
    cache.dispose()
  })

  it('reads a small first page for the first window, and the whole page once the screen asks past it', async () => {
    const { reads, cache, windows } = await loadingDesk(60)
    const screenful = { ...request(), end: 140 }
    const first = await windows.window(screenful)
    // The first rows come before the rest are read; the total is the count, not the rows read.
    expect(first.rows).toHaveLength(50)
    expect(first).toMatchObject({ total: 60, complete: false })
    const readsAfterFirst = reads.incidents
    // The screen's own first rows again: no new read.
    expect((await windows.window({ ...screenful, end: 40 })).rows).toEqual(first.rows.slice(0, 40))
    expect(reads.incidents).toBe(readsAfterFirst)

    const scrolled = await windows.window(screenful)
    expect(reads.incidents).toBeGreaterThan(readsAfterFirst)
    expect(scrolled).toMatchObject({ total: 60, complete: true })
    expect(scrolled.rows).toHaveLength(60)
    expect(scrolled.rows.slice(0, 50)).toEqual(first.rows)
    cache.dispose()
  })

  it('answers the first window from the rows read ahead as the desk opened, unless the store changed since', async () => {
    // Without reading ahead: what a first window reads (its rows, and the counts the indexes give).
    const plain = await loadingDesk(3)
    const plainFirst = await plain.windows.window(request())
    const windowReads = plain.reads.incidents
    plain.cache.dispose()

    const { reads, cache, windows } = await loadingDesk(3)
    windows.readAhead(defaultView(), { userId: CONTEXT.userId, hideSecurity: CONTEXT.hideSecurity })
    await new Promise((resolve) => setTimeout(resolve, 20))
    const readsAhead = reads.incidents
    expect(readsAhead).toBe(1)
    const first = await windows.window(request())
    expect(first).toMatchObject({ total: 3, viewCounts: [3] })
    expect(first.rows.map((row) => row.shortDescription)).toEqual(plainFirst.rows.map((row) => row.shortDescription))
    // The window did not read its rows again.
    expect(reads.incidents - readsAhead).toBe(windowReads - 1)
    cache.dispose()

    const changed = await loadingDesk(2)
    changed.windows.readAhead(defaultView(), { userId: CONTEXT.userId, hideSecurity: CONTEXT.hideSecurity })
    const logged = await changed.store.logIncident(outlookIncident({ shortDescription: 'Lift stuck between floors' }))
    if (!logged.ok) throw new Error(logged.refusal.message)
    for (let attempt = 0; attempt < 100 && changed.cache.changesSeen() === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 5))
    const fresh = await changed.windows.window(request())
    expect(fresh.rows.map((row) => row.id)).toContain(logged.incident.id)
    changed.cache.dispose()
  })

  it('tells the worker when the screen has had its first rows', async () => {
    const { cache, windows } = await loadingDesk(1)
    let heard = false
    void windows.firstAnswered.then(() => (heard = true))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(heard).toBe(false)
    await windows.window(request())
    await Promise.resolve()
    expect(heard).toBe(true)
    cache.dispose()
  })
})
