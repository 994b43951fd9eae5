import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { IncidentDeskDatabase } from '../../src-renderer/store/database'
import { writeMeta } from '../../src-renderer/store/meta'
import { defaultFilter, defaultView, type QueueViewDefinition } from '../../src-shared/queue/queueView'
import { BUILT_IN_VIEWS, deleteView, MAX_VIEW_NAME_LENGTH, migrateSavedViews, readSavedViews, SAVED_VIEWS_KEY, saveView } from '../../src-renderer/store/savedViews'
import { freshDatabase } from './storeHarness'

const MY_P1_P2: QueueViewDefinition = {
  filter: { ...defaultFilter(), assignment: 'mine', priorities: [1, 2], sla: 'at_risk' },
  sort: { column: 'slaTimeLeft', direction: 'asc' },
}

function userViews(views: Awaited<ReturnType<typeof readSavedViews>>) {
  return views.filter((view) => !view.builtIn)
}

describe('saved queue views', () => {
  it('keeps a named filter and sort across a restart of the desk', async () => {
    const db = freshDatabase()
    const saved = await saveView(db, '  My urgent work ', MY_P1_P2)
    expect(saved).toMatchObject({ ok: true, view: { name: 'My urgent work', builtIn: false, view: MY_P1_P2 } })
    db.close()

    const reopened = new IncidentDeskDatabase(db.name, undefined, { indexedDB, IDBKeyRange })
    const views = await readSavedViews(reopened)
    expect(views.slice(0, BUILT_IN_VIEWS.length)).toEqual(BUILT_IN_VIEWS)
    expect(userViews(views)).toEqual([{ id: expect.any(String), name: 'My urgent work', builtIn: false, view: MY_P1_P2 }])
  })

  it('refuses a blank, too long, duplicate or built-in name with a clear reason and changes nothing', async () => {
    const db = freshDatabase()
    await saveView(db, 'My urgent work', MY_P1_P2)
    expect(await saveView(db, '   ', defaultView())).toEqual({ ok: false, reason: 'invalid', error: 'A view needs a name.' })
    expect(await saveView(db, 'x'.repeat(MAX_VIEW_NAME_LENGTH + 1), defaultView())).toEqual({
      ok: false,
      reason: 'invalid',
      error: `A view name has at most ${MAX_VIEW_NAME_LENGTH} characters.`,
    })
    expect(await saveView(db, 'my URGENT work', defaultView())).toEqual({ ok: false, reason: 'exists', error: 'A view named "My urgent work" already exists.' })
    expect(await saveView(db, 'unassigned', defaultView())).toEqual({
      ok: false,
      reason: 'invalid',
      error: '"unassigned" is one of the desk\'s own views; choose another name.',
    })
    const bogus = { ...defaultView(), filter: { ...defaultFilter(), priorities: [9] } } as unknown as QueueViewDefinition
    expect(await saveView(db, 'Bogus', bogus)).toMatchObject({ ok: false, error: expect.stringContaining('cannot be saved') })
    expect(userViews(await readSavedViews(db)).map((view) => [view.name, view.view])).toEqual([['My urgent work', MY_P1_P2]])
  })

  it('replaces a view of the same name when asked, keeping its identity', async () => {
    const db = freshDatabase()
    const first = await saveView(db, 'Network', defaultView())
    const changed: QueueViewDefinition = { ...defaultView(), filter: { ...defaultFilter(), categories: ['network'] } }
    const second = await saveView(db, 'network', changed, { replace: true })
    expect(second.ok && first.ok && second.view.id).toBe(first.ok && first.view.id)
    expect(userViews(await readSavedViews(db)).map((view) => view.view)).toEqual([changed])
  })

  it('deletes a saved view but never a built-in one', async () => {
    const db = freshDatabase()
    const saved = await saveView(db, 'Network', defaultView())
    if (!saved.ok) throw new Error(saved.error)
    expect(await deleteView(db, BUILT_IN_VIEWS[0]!.id)).toBe(false)
    expect(await deleteView(db, saved.view.id)).toBe(true)
    expect(await deleteView(db, saved.view.id)).toBe(false)
    expect(await readSavedViews(db)).toEqual(BUILT_IN_VIEWS)
  })

  it('skips a stored entry it cannot read instead of failing the queue', async () => {
    const db = freshDatabase()
    await saveView(db, 'Network', defaultView())
    const stored = (await db.config.get(SAVED_VIEWS_KEY))!.value as unknown[]
    await db.config.put({ key: SAVED_VIEWS_KEY, value: [{ id: 'x', name: 'Broken', view: { filter: 'nonsense' } }, ...stored], updatedAt: '2026-03-02T12:00:00Z' })
    expect(userViews(await readSavedViews(db)).map((view) => view.name)).toEqual(['Network'])
  })

  it('keeps saved views in the configuration table, not in meta', async () => {
    const db = freshDatabase()
    await saveView(db, 'Network', defaultView())
    expect(await db.meta.get(SAVED_VIEWS_KEY)).toBeUndefined()
    expect(await db.config.get(SAVED_VIEWS_KEY)).toMatchObject({ value: [{ name: 'Network', view: defaultView() }], updatedAt: expect.any(String) })
  })
})

describe('saved views from before the configuration table (schema v3)', () => {
  const legacy = [
    { id: 'v-urgent', name: 'My urgent work', view: MY_P1_P2 },
    { id: 'v-network', name: 'Network', view: { ...defaultView(), filter: { ...defaultFilter(), categories: ['network'] } } },
  ]

  it('moves them from meta to config in one go, keeping their identity, and a second run moves nothing', async () => {
    const db = freshDatabase()
    await writeMeta(db, SAVED_VIEWS_KEY, legacy)
    // Before the move the queue still shows them.
    expect(userViews(await readSavedViews(db)).map((view) => view.id)).toEqual(['v-urgent', 'v-network'])

    expect(await migrateSavedViews(db)).toBe(2)
    expect(await db.meta.get(SAVED_VIEWS_KEY)).toBeUndefined()
    expect((await db.config.get(SAVED_VIEWS_KEY))?.value).toEqual(legacy)
    expect(userViews(await readSavedViews(db))).toEqual(legacy.map((view) => ({ ...view, builtIn: false })))
    expect(await migrateSavedViews(db)).toBe(0)
    expect((await db.config.get(SAVED_VIEWS_KEY))?.value).toEqual(legacy)
  })

  it('keeps the configuration table\'s view when both hold one of the same name', async () => {
    const db = freshDatabase()
    await saveView(db, 'network', defaultView())
    await writeMeta(db, SAVED_VIEWS_KEY, legacy)
    expect(await migrateSavedViews(db)).toBe(1)
    expect(userViews(await readSavedViews(db)).map((view) => [view.name, view.view])).toEqual([
      ['network', defaultView()],
      ['My urgent work', MY_P1_P2],
    ])
  })

  it('leaves the old entry in place when writing the new one fails', async () => {
    const db = freshDatabase()
    await writeMeta(db, SAVED_VIEWS_KEY, legacy)
    const refuse = () => {
      throw new Error('disk full')
    }
    db.config.hook('creating', refuse)
    await expect(migrateSavedViews(db)).rejects.toThrow('disk full')
    db.config.hook('creating').unsubscribe(refuse)
    expect((await db.meta.get(SAVED_VIEWS_KEY))?.value).toEqual(legacy)
    expect(await db.config.get(SAVED_VIEWS_KEY)).toBeUndefined()
    expect(await migrateSavedViews(db)).toBe(2)
  })

  it('moves them along when a view is saved before the move ran', async () => {
    const db = freshDatabase()
    await writeMeta(db, SAVED_VIEWS_KEY, legacy)
    await saveView(db, 'Hardware', defaultView())
    expect(await db.meta.get(SAVED_VIEWS_KEY)).toBeUndefined()
    expect(((await db.config.get(SAVED_VIEWS_KEY))?.value as { name: string }[]).map((view) => view.name)).toEqual(['My urgent work', 'Network', 'Hardware'])
  })
})
