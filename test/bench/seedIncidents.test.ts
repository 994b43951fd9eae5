import { describe, expect, it } from 'vitest'
import { seedIncidents } from '../../src-renderer/bench/seedIncidents'
import { readStateCounts, recountStates } from '../../src-renderer/store/counters'
import { fromRecord } from '../../src-renderer/store/records'
import { freshDatabase, storeFor } from '../store/storeHarness'

/**
 * The Chromium benchmark's seeder writes incidents on a fast path (thousands per transaction).
 * These tests hold it to the store's own invariants, so the benchmark measures a real desk:
 * the projection equals the fold of what the desk holds, the counters equal a recount, and the
 * store carries on working on the seeded incidents.
 */
describe('seeding the benchmark desk', () => {
  const NOW = Date.parse('2026-03-02T09:00:00Z')

  async function seeded(incidents: number) {
    const db = freshDatabase()
    const harness = storeFor(db, undefined, NOW)
    const result = await seedIncidents({ db, session: harness.session, store: harness.store }, { incidents, batchSize: 97, now: NOW })
    return { db, ...harness, result }
  }

  it('writes projection rows equal to the fold of each incident’s events, and counters equal to a recount', async () => {
    const { db, store, result } = await seeded(250)
    expect(result).toMatchObject({ incidents: 250 })
    expect(result.snapshotRows).toBeGreaterThan(0)
    const records = await db.incidents.toArray()
    expect(records).toHaveLength(250)
    expect(await db.events.count()).toBe(result.events)
    const counted = await readStateCounts(db)
    expect(await recountStates(db)).toEqual(counted)
    expect(counted.new + counted.in_progress + counted.on_hold).toBe(result.openIncidents)
    // Every state the queue shows occurs in a year of seeded work.
    for (const state of ['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled'] as const) expect(counted[state], state).toBeGreaterThan(0)
    for (const record of records) {
      // Snapshot rows are their own base; the rest refold from their events alone.
      expect(await store.rebuild(record.id), record.number).toEqual(fromRecord(record))
    }
  }, 60_000)

  it('leaves a desk the store keeps working on: the next number follows, commands on seeded incidents commit', async () => {
    const { db, store } = await seeded(150)
    const logged = await store.logIncident({
      shortDescription: 'Scanner at the Leeds depot reads nothing',
      description: '',
      caller: { name: 'Priya Sharma' },
      channel: 'phone',
      impact: 2,
      urgency: 2,
    })
    expect(logged.ok && logged.incident.number).toBe('INC0000151')
    const open = (await db.incidents.toArray()).find((record) => record.open === 1 && record.snapshotSeq === null)!
    const noted = await store.execute({ action: 'addWorkNote', incidentId: open.id, text: 'Checked again after the restart.' })
    expect(noted.ok).toBe(true)
  }, 60_000)

  it('refuses to seed a desk that already holds incidents, and writes nothing', async () => {
    const { db, session, store } = await seeded(20)
    await expect(seedIncidents({ db, session, store }, { incidents: 5, now: NOW })).rejects.toThrow('already holds 20 incidents')
    expect(await db.incidents.count()).toBe(20)
  })

  it('refuses a count that is not a positive whole number', async () => {
    const db = freshDatabase()
    const { session, store } = storeFor(db)
    await expect(seedIncidents({ db, session, store }, { incidents: 0 })).rejects.toThrow('positive whole number')
    await expect(seedIncidents({ db, session, store }, { incidents: 2.5 })).rejects.toThrow('positive whole number')
  })
})
