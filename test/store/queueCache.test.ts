import { Dexie, RangeSet } from 'dexie'
import { describe, expect, it, vi } from 'vitest'
import { firstRowsFromIndex } from '../../src-renderer/store/queue'
import { createQueueCache } from '../../src-renderer/store/queueCache'
import { defaultFilter, defaultView, selectRows, type QueueViewDefinition } from '../../src-shared/queue/queueView'
import type { Priority } from '../../src-shared/incident/priority'
import { toRecord } from '../../src-renderer/store/records'
import { AGENT, freshDatabase, outlookIncident, storeFor } from './storeHarness'
import { incidentRowTables } from '../../src-renderer/store/refold'

const noPause = () => Promise.resolve()

async function deskWith(count: number) {
  const db = freshDatabase()
  const harness = storeFor(db)
  const ids: string[] = []
  for (let index = 0; index < count; index += 1) {
    const logged = await harness.store.logIncident(
      outlookIncident({ shortDescription: `Shared drive slow on floor ${index + 1}`, impact: ((index % 3) + 1) as 1 | 2 | 3, urgency: 2 }),
    )
    if (!logged.ok) throw new Error(logged.refusal.message)
    ids.push(logged.incident.id)
  }
  return { db, ...harness, ids }
}

const CONTEXT = { userId: AGENT.userId, nowMs: Date.parse('2026-03-02T12:00:00Z') }

describe('the queue row cache', () => {
  it('loads every incident in chunks, reporting progress, and then says it is ready', async () => {
    const { db, ids } = await deskWith(7)
    const cache = createQueueCache(db, { chunkSize: 3, pause: noPause })
    const loaded: number[] = []
    cache.subscribe(() => loaded.push(cache.getSnapshot().loaded))
    expect(cache.getSnapshot().status).toBe('loading')
    cache.start()
    await cache.settled()
    expect(cache.getSnapshot().status).toBe('ready')
    expect(cache.getSnapshot().index.rows().map((row) => row.id).sort()).toEqual([...ids].sort())
    expect(loaded).toContain(3)
    expect(loaded).toContain(6)
    cache.dispose()
  })

  it('counts the writes it hears before it is started, and shows them once it loads', async () => {
    const { db, store, ids } = await deskWith(2)
    const cache = createQueueCache(db, { pause: noPause })
    expect(cache.changesSeen()).toBe(0)
    await store.execute({ action: 'acknowledge', incidentId: ids[0]! })
    await waitFor(() => cache.changesSeen() === 1)
    // Heard, not read: nothing loads until the queue asks.
    expect(cache.getSnapshot().status).toBe('loading')
    cache.start()
    await cache.settled()
    expect(cache.getSnapshot().index.get(ids[0]!)).toMatchObject({ state: 'in_progress' })
    cache.dispose()
  })

  it('follows a committed change to one incident without reloading the rest', async () => {
    const { db, store, ids } = await deskWith(3)
    const cache = createQueueCache(db, { pause: noPause })
    cache.start()
    await cache.settled()
    const before = cache.getSnapshot()
    const beforeRows = before.index.rows()
    await store.execute({ action: 'acknowledge', incidentId: ids[1]! })
    await waitFor(() => cache.getSnapshot().version > before.version)
    await cache.settled()
    const after = cache.getSnapshot().index.rows()
    expect(after.find((row) => row.id === ids[1])).toMatchObject({ state: 'in_progress', assigneeId: AGENT.userId })
    // Untouched rows are the very same objects: only the changed one was read again.
    expect(after.find((row) => row.id === ids[0])).toBe(beforeRows.find((row) => row.id === ids[0]))
    cache.dispose()
  })

  it("takes this context's committed rows as written, and reads a row only for a change made elsewhere", async () => {
    const { db, store, ids } = await deskWith(2)
    const cache = createQueueCache(db, { pause: noPause })
    cache.start()
    await cache.settled()
    const reads: string[] = []
    const bulkGet = db.queueRows.bulkGet.bind(db.queueRows)
    vi.spyOn(db.queueRows, 'bulkGet').mockImplementation((keys) => (reads.push(...(keys as string[])), bulkGet(keys)))

    await store.execute({ action: 'acknowledge', incidentId: ids[0]! })
    await waitFor(() => cache.getSnapshot().index.get(ids[0]!)?.state === 'in_progress')
    await cache.settled()
    expect(reads).toEqual([])

    // The same kind of notice from another tab or worker (Dexie relays them): no rows come with it.
    const row = (await db.incidents.get(ids[1]!))!
    await db.transaction('rw', incidentRowTables(db), () => db.incidents.put({ ...row, shortDescription: 'Shared drive gone' }))
    await waitFor(() => cache.getSnapshot().index.get(ids[1]!)?.shortDescription === 'Shared drive gone')
    Dexie.on('storagemutated').fire({ [`idb://${db.name}/incidents/`]: new RangeSet(ids[1]!, ids[1]!) })
    await waitFor(() => reads.length > 0)
    await cache.settled()
    expect(reads).toEqual([ids[1]])
    expect(cache.getSnapshot().index.get(ids[1]!)).toMatchObject({ shortDescription: 'Shared drive gone' })
    cache.dispose()
  })

  it('follows a bulk write row by row, without reading the rest again, and sees deletions', async () => {
    const { db, ids } = await deskWith(2)
    const cache = createQueueCache(db, { pause: noPause })
    cache.start()
    await cache.settled()
    const untouched = cache.getSnapshot().index.get(ids[1]!)
    // A sync page writes many rows at once (Dexie alone stops naming keys at 50: exactChangeKeys.ts).
    const template = (await db.incidents.get(ids[0]!))!
    const page = Array.from({ length: 60 }, (_, index) =>
      toRecord({ ...template, id: `pulled-${String(index).padStart(3, '0')}`, number: `INC00010${String(index).padStart(2, '0')}` }, {
        clock: null,
        warningAt: null,
        dueAt: null,
      }),
    )
    // As a sync page writes them: incidents and their queue rows in one transaction.
    await db.transaction('rw', incidentRowTables(db), () => db.incidents.bulkPut(page))
    await waitFor(() => cache.getSnapshot().index.rows().length === 62)
    // Not a reload: the row nobody wrote is the very same object.
    expect(cache.getSnapshot().index.get(ids[1]!)).toBe(untouched)
    await db.transaction('rw', incidentRowTables(db), () => db.incidents.delete(ids[1]!))
    await waitFor(() => cache.getSnapshot().index.rows().length === 61)
    await cache.settled()
    expect(cache.getSnapshot().index.rows().some((row) => row.id === ids[1])).toBe(false)
    cache.dispose()
  })

  it('holds its reads while a recompute runs, then reads what changed meanwhile once', async () => {
    const { db, store, ids } = await deskWith(2)
    const cache = createQueueCache(db, { pause: noPause })
    cache.start()
    await cache.settled()
    let finish!: () => void
    cache.holdWhile(new Promise<void>((resolve) => (finish = resolve)))
    const version = cache.getSnapshot().version
    await store.execute({ action: 'acknowledge', incidentId: ids[0]! })
    await new Promise((resolve) => setTimeout(resolve, 20))
    // Held: nothing read yet, the screen keeps the rows it has.
    expect(cache.getSnapshot().version).toBe(version)
    expect(cache.getSnapshot().index.rows().find((row) => row.id === ids[0])?.state).toBe('new')
    finish()
    await waitFor(() => cache.getSnapshot().version > version)
    await cache.settled()
    expect(cache.getSnapshot().index.rows().find((row) => row.id === ids[0])?.state).toBe('in_progress')
    cache.dispose()
  })

  it('stops following changes once disposed', async () => {
    const { db, store, ids } = await deskWith(1)
    const cache = createQueueCache(db, { pause: noPause })
    cache.start()
    await cache.settled()
    cache.dispose()
    const version = cache.getSnapshot().version
    await store.execute({ action: 'acknowledge', incidentId: ids[0]! })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(cache.getSnapshot().version).toBe(version)
  })
})

describe('first rows straight off an index', () => {
  it('gives the default view\'s exact first rows before any cache exists', async () => {
    const { db } = await deskWith(9)
    const cache = createQueueCache(db, { pause: noPause })
    cache.start()
    await cache.settled()
    const expected = selectRows(cache.getSnapshot().index.rows(), defaultView(), CONTEXT).slice(0, 4)
    const first = await firstRowsFromIndex(db, defaultView(), CONTEXT, 4)
    expect(first.exact).toBe(true)
    expect(first.rows.map((row) => row.id)).toEqual(expected.map((row) => row.id))
    cache.dispose()
  })

  it('serves "my work" from the assignee index, complete, and filters what it reads', async () => {
    const { db, store, ids } = await deskWith(4)
    await store.execute({ action: 'acknowledge', incidentId: ids[2]! })
    await store.execute({ action: 'acknowledge', incidentId: ids[3]! })
    const mine = await firstRowsFromIndex(db, { filter: { ...defaultFilter(), assignment: 'mine', priorities: [1] }, sort: defaultView().sort }, CONTEXT)
    expect(mine.exact).toBe(true)
    const impactOne = (await db.incidents.bulkGet([ids[2]!, ids[3]!])).filter((record) => record?.priority === 1).map((record) => record!.id)
    expect(mine.rows.map((row) => row.id)).toEqual(impactOne)
  })

  it('reads past the first page when the view sets some of it aside (a narrower view, hidden incidents)', async () => {
    const { db } = await deskWith(9)
    const cache = createQueueCache(db, { pause: noPause })
    cache.start()
    await cache.settled()
    const all = cache.getSnapshot().index.rows()
    const lowest = Math.max(...all.map((row) => row.priority))
    // Sorted by priority, the first page holds the higher priorities; this view wants the lowest.
    const view: QueueViewDefinition = { filter: { ...defaultFilter(), priorities: [lowest as Priority] }, sort: defaultView().sort }
    const expected = selectRows(all, view, CONTEXT).slice(0, 2)
    expect(expected).toHaveLength(2)
    const first = await firstRowsFromIndex(db, view, CONTEXT, 2)
    expect(first.rows.map((row) => row.id)).toEqual(expected.map((row) => row.id))
    expect(first.exact).toBe(true)
    cache.dispose()
  })

  it('says when the rows are not the view\'s true first ones', async () => {
    const { db } = await deskWith(5)
    const byCaller = await firstRowsFromIndex(db, { filter: defaultFilter(), sort: { column: 'caller', direction: 'asc' } }, CONTEXT, 3)
    expect(byCaller.exact).toBe(false)
    expect(byCaller.rows).toHaveLength(3)
  })
})

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now()
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('Timed out waiting for the cache.')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
