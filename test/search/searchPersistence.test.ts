import { describe, expect, it } from 'vitest'
import type { Actor } from '../../src-shared/incident/roles'
import { createSearchService, type LocalSearchService } from '../../src-renderer/search/searchService'
import { loadSearchIndex, saveSearchIndex } from '../../src-renderer/search/searchSnapshot'
import type { IncidentDeskDatabase } from '../../src-renderer/store/database'
import { people, reports } from '../fixtures/incidents'
import { storeFor } from '../store/storeHarness'
import { database, logged, searchTestCleanup, stopAfterTest } from './searchHarness'

/**
 * The search index saved in the store: a later start loads it instead of rebuilding, catches up
 * with what changed while it was not running, and never shows what the person may not see.
 */

const immediate = () => Promise.resolve()

searchTestCleanup()

function persistentSearch(db: IncidentDeskDatabase, actor: Actor): LocalSearchService {
  return stopAfterTest(createSearchService(db, { actor }, { chunkSize: 2, yieldToUi: immediate, persistence: { saveAfterMs: 60_000 } }))
}

async function numbersFound(service: LocalSearchService, query: string): Promise<string[]> {
  return (await service.search(query)).map((hit) => hit.number).sort()
}

/** A first run of the desk: builds the index from the store and saves it. */
async function firstRun(db: IncidentDeskDatabase, actor: Actor): Promise<void> {
  const service = persistentSearch(db, actor)
  service.start()
  await service.whenIdle()
  expect(service.status()).toMatchObject({ phase: 'ready', loadedFrom: 'store' })
  await service.saveIndex()
  service.stop()
}

describe('the saved search index', () => {
  it('is loaded at the next start instead of a build, and answers as the built one did', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    const printer = await logged(store, reports.printerJams)
    const vpn = await logged(store, reports.vpnDrops)
    await firstRun(db, people.grace)
    expect(await loadSearchIndex(db)).not.toBeNull()

    const again = persistentSearch(db, people.grace)
    again.start()
    await again.whenIdle()
    expect(again.status()).toMatchObject({ phase: 'ready', loadedFrom: 'saved', indexed: 2 })
    expect(await numbersFound(again, 'duplex')).toEqual([printer.number])
    expect(await numbersFound(again, 'remote access')).toEqual([vpn.number])
  })

  it('catches up with incidents logged and changed while it was not running', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    const printer = await logged(store, reports.printerJams)
    await firstRun(db, people.grace)

    // While the desk was closed (or another window wrote): a new incident, and a note on the old one.
    const outlook = await logged(store, reports.outlookPassword)
    const noted = await store.execute({ action: 'addWorkNote', incidentId: printer.id, text: 'Replaced the fuser assembly on the duplexer.' })
    expect(noted.ok).toBe(true)

    const again = persistentSearch(db, people.grace)
    again.start()
    await again.whenIdle()
    expect(again.status().loadedFrom).toBe('saved')
    expect(await numbersFound(again, 'fuser')).toEqual([printer.number])
    expect(await numbersFound(again, 'outlook')).toEqual([outlook.number])
  })

  it('never shows a security incident saved by an analyst to an agent who starts the desk next', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    const phishing = await logged(store, reports.phishingClick)
    await firstRun(db, people.priya)

    const agent = persistentSearch(db, people.grace)
    agent.start()
    await agent.whenIdle()
    expect(await numbersFound(agent, 'payroll')).toEqual([])
    // The same index, loaded for the analyst, has it.
    agent.stop()
    const analyst = persistentSearch(db, people.priya)
    analyst.start()
    await analyst.whenIdle()
    expect(await numbersFound(analyst, 'payroll')).toEqual([phishing.number])
  })

  it('adds the security incidents an agent’s saved index lacks when an analyst starts the desk', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    const phishing = await logged(store, reports.phishingClick)
    await firstRun(db, people.grace)

    const analyst = persistentSearch(db, people.priya)
    analyst.start()
    await analyst.whenIdle()
    expect(await numbersFound(analyst, 'payroll')).toEqual([phishing.number])
  })

  it('is ignored, and the index built from the store, when it is of another format or half written', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    const printer = await logged(store, reports.printerJams)
    await firstRun(db, people.grace)

    const manifest = await db.searchIndex.get('manifest')
    await db.searchIndex.put({ key: 'manifest', value: { ...(manifest!.value as object), format: 999 } })
    const otherFormat = persistentSearch(db, people.grace)
    otherFormat.start()
    await otherFormat.whenIdle()
    expect(otherFormat.status().loadedFrom).toBe('store')
    expect(await numbersFound(otherFormat, 'duplex')).toEqual([printer.number])
    otherFormat.stop()

    const firstRow = (await db.searchIndex.toCollection().primaryKeys()).find((key) => key !== 'manifest')!
    await db.searchIndex.delete(firstRow)
    await db.searchIndex.put({ key: 'manifest', value: manifest!.value })
    const halfWritten = persistentSearch(db, people.grace)
    halfWritten.start()
    await halfWritten.whenIdle()
    expect(halfWritten.status().loadedFrom).toBe('store')
    expect(await numbersFound(halfWritten, 'duplex')).toEqual([printer.number])
  })

  it('is read a few rows at a time, and not taken when it was saved again meanwhile (rows of two saves mixed)', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    await logged(store, reports.printerJams)
    await firstRun(db, people.grace)
    const rows = await db.searchIndex.count()

    let pauses = 0
    expect(await loadSearchIndex(db, async () => void (pauses += 1))).not.toBeNull()
    // A pause before every four rows after the manifest: the worker's other requests go in between.
    expect(pauses).toBe(Math.ceil((rows - 1) / 4))

    const manifest = (await db.searchIndex.get('manifest'))!.value as { savedAt: string }
    let saved = false
    const savedAgainMidway = async () => {
      if (saved) return
      saved = true
      await db.searchIndex.put({ key: 'manifest', value: { ...manifest, savedAt: new Date(Date.parse(manifest.savedAt) + 1000).toISOString() } })
    }
    expect(await loadSearchIndex(db, savedAgainMidway)).toBeNull()
  })

  it('is saved a few rows per transaction, and a save that stops half-way leaves the last whole save to load', async () => {
    const db = database()
    const { store } = storeFor(db, people.alex)
    const printer = await logged(store, reports.printerJams)
    await firstRun(db, people.grace)
    const before = (await loadSearchIndex(db))!
    expect(before.snapshot.parts.length + before.snapshot.documents.length).toBeGreaterThan(2)

    // The next save fails after its first transaction (a full disk): its first row is already committed.
    let puts = 0
    const failSecondPut = (): void => {
      puts += 1
      if (puts === 2) throw new Error('QuotaExceededError (simulated)')
    }
    db.searchIndex.hook('creating', failSecondPut)
    await expect(saveSearchIndex(db, { ...before, savedAt: new Date(Date.parse(before.savedAt) + 1000).toISOString() }, 1)).rejects.toThrow(/simulated/)
    db.searchIndex.hook('creating').unsubscribe(failSecondPut)
    expect(await db.searchIndex.count()).toBeGreaterThan(before.snapshot.parts.length + before.snapshot.documents.length + 1)
    const afterFailure = (await loadSearchIndex(db))!
    expect(afterFailure.savedAt).toBe(before.savedAt)
    const loaded = persistentSearch(db, people.grace)
    loaded.start()
    await loaded.whenIdle()
    expect(loaded.status()).toMatchObject({ phase: 'ready', loadedFrom: 'saved' })
    expect(await numbersFound(loaded, 'duplex')).toEqual([printer.number])

    // The next whole save takes the manifest and leaves only its own rows.
    const later = new Date(Date.parse(before.savedAt) + 2000).toISOString()
    await saveSearchIndex(db, { ...before, savedAt: later }, 1)
    expect(await db.searchIndex.count()).toBe(before.snapshot.parts.length + before.snapshot.documents.length + 1)
    expect((await loadSearchIndex(db))!.savedAt).toBe(later)
  })
})
