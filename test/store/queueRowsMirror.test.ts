import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { newId } from '../../src-shared/events/ids'
import { IncidentDeskDatabase, SCHEMA_MIGRATIONS } from '../../src-renderer/store/database'
import { toQueueRow } from '../../src-renderer/store/queueRows'
import { storeTables } from '../../src-renderer/store/refold'
import { freshDatabase, outlookIncident, storeFor } from './storeHarness'

/** The queue's compact rows (schema v7) are the incidents' rows, whoever writes the incidents. */

async function mirrorOf(db: IncidentDeskDatabase) {
  const [incidents, rows] = await Promise.all([db.incidents.toArray(), db.queueRows.toArray()])
  return { expected: incidents.map(toQueueRow).sort((a, b) => a.id.localeCompare(b.id)), rows: rows.sort((a, b) => a.id.localeCompare(b.id)) }
}

describe('the queue rows mirror', () => {
  it('writes each incident’s queue row in the transaction that writes the incident', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    const first = await store.logIncident(outlookIncident({ shortDescription: 'Printer jams on floor 3' }))
    const second = await store.logIncident(outlookIncident({ shortDescription: 'VPN drops every hour' }))
    if (!first.ok || !second.ok) throw new Error('could not log')
    expect((await store.execute({ action: 'acknowledge', incidentId: first.incident.id })).ok).toBe(true)
    expect((await store.execute({ action: 'prioritize', incidentId: second.incident.id, impact: 1, urgency: 1 })).ok).toBe(true)

    const { expected, rows } = await mirrorOf(db)
    expect(rows).toEqual(expected)
    expect(rows.find((row) => row.id === first.incident.id)?.state).toBe('in_progress')
    expect(rows.find((row) => row.id === second.incident.id)?.priority).toBe(1)
  })

  it('follows deletes and a cleared table', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    const logged = await store.logIncident(outlookIncident())
    const kept = await store.logIncident(outlookIncident({ shortDescription: 'Kept' }))
    if (!logged.ok || !kept.ok) throw new Error('could not log')
    await db.transaction('rw', storeTables(db), () => db.incidents.delete(logged.incident.id))
    expect((await db.queueRows.toArray()).map((row) => row.id)).toEqual([kept.incident.id])
    await db.transaction('rw', storeTables(db), () => db.incidents.clear())
    expect(await db.queueRows.count()).toBe(0)
  })

  it('refuses a write to incidents that leaves the queue rows out, and writes nothing', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    const logged = await store.logIncident(outlookIncident())
    if (!logged.ok) throw new Error(logged.refusal.message)
    const record = (await db.incidents.get(logged.incident.id))!
    await expect(db.incidents.put({ ...record, shortDescription: 'Changed behind the mirror' })).rejects.toThrow(/without the queueRows table/)
    expect((await db.incidents.get(record.id))?.shortDescription).toBe(record.shortDescription)
    const { expected, rows } = await mirrorOf(db)
    expect(rows).toEqual(expected)
  })

  it('is filled from the incidents when a desk of the previous schema upgrades', async () => {
    // Incidents as a v6 desk held them (made by today's store elsewhere, then written as rows).
    const source = freshDatabase()
    const { store } = storeFor(source)
    for (const text of ['Outlook asks for the password', 'Scanner reads nothing', 'Badge does not open the door']) {
      const logged = await store.logIncident(outlookIncident({ shortDescription: text }))
      if (!logged.ok) throw new Error(logged.refusal.message)
    }
    const name = `mirror-upgrade-${newId()}`
    const previous = new IncidentDeskDatabase(name, SCHEMA_MIGRATIONS.filter((migration) => migration.version < 7), { indexedDB, IDBKeyRange })
    await previous.incidents.bulkAdd(await source.incidents.toArray())
    previous.close()

    const upgraded = new IncidentDeskDatabase(name, SCHEMA_MIGRATIONS, { indexedDB, IDBKeyRange })
    await upgraded.open()
    const { expected, rows } = await mirrorOf(upgraded)
    expect(rows).toHaveLength(3)
    expect(rows).toEqual(expected)
    upgraded.close()
  })
})
