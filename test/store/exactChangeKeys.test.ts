import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { touchedIncidents } from '../../src-renderer/store/changedKeys'
import { incidentRowTables } from '../../src-renderer/store/refold'
import { toRecord } from '../../src-renderer/store/records'
import { freshDatabase, outlookIncident, storeFor } from './storeHarness'

/** Dexie alone reports a put of 50 values or more as a change of the whole table (exactChangeKeys.ts). */
describe('bulk writes name their keys', () => {
  async function deskWithTemplate() {
    const db = freshDatabase()
    const logged = await storeFor(db).store.logIncident(outlookIncident())
    if (!logged.ok) throw new Error(logged.refusal.message)
    const template = (await db.incidents.get(logged.incident.id))!
    const records = (count: number, prefix: string) =>
      Array.from({ length: count }, (_, index) => toRecord({ ...template, id: `${prefix}-${String(index).padStart(4, '0')}`, number: `${prefix}${index}` }, { clock: null, warningAt: null, dueAt: null }))
    return { db, records }
  }

  it('a change notice for 120 incidents written at once names those 120, not "everything"', async () => {
    const { db, records } = await deskWithTemplate()
    const page = records(120, 'pulled')
    const heard = new Promise<ReturnType<typeof touchedIncidents>>((resolve) => {
      const listener = (parts: Record<string, unknown>) => {
        Dexie.on('storagemutated').unsubscribe(listener)
        resolve(touchedIncidents(parts, db.name))
      }
      Dexie.on('storagemutated', listener)
    })
    await db.transaction('rw', incidentRowTables(db), () => db.incidents.bulkPut(page))
    const touched = await heard
    expect(touched.everything).toBe(false)
    expect([...touched.incidentIds].sort()).toEqual(page.map((record) => record.id).sort())
  })

  it('keeps a bulk write all or nothing, and says which of its values failed, counted from the first', async () => {
    const { db, records } = await deskWithTemplate()
    const batch = records(130, 'batch')
    // The 101st repeats the 3rd: an add of an existing key fails the whole transaction.
    batch[100] = { ...batch[100]!, id: batch[2]!.id }
    const failed = await db.transaction('rw', incidentRowTables(db), () => db.incidents.bulkAdd(batch)).catch((error: unknown) => error)
    expect(failed).toBeInstanceOf(Dexie.BulkError)
    expect(Object.keys((failed as InstanceType<typeof Dexie.BulkError>).failuresByPos)).toEqual(['100'])
    expect(await db.incidents.where('id').startsWith('batch-').count()).toBe(0)
    // A bulk put split in chunks still gives every key back, in the order written.
    const keys = await db.transaction('rw', incidentRowTables(db), () => db.incidents.bulkPut(records(75, 'kept'), { allKeys: true }))
    expect(keys).toEqual(records(75, 'kept').map((record) => record.id))
  })
})
