import { describe, expect, it } from 'vitest'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { newId } from '../../src-shared/events/ids'
import { IncidentDeskDatabase, SCHEMA_MIGRATIONS, type SchemaMigration } from '../../src-renderer/store/database'
import { loadDeskSession } from '../../src-renderer/store/session'
import { createIncidentStore } from '../../src-renderer/store/incidentStore'
import { outlookIncident } from './storeHarness'

const dexieDependencies = { indexedDB, IDBKeyRange }

describe('schema migrations', () => {
  it('opens a database written by the previous version and upgrades its rows', async () => {
    const name = `migration-${newId()}`
    const v1 = new IncidentDeskDatabase(name, SCHEMA_MIGRATIONS, dexieDependencies)
    const session = await loadDeskSession(v1)
    const logged = await createIncidentStore(v1, session).logIncident(outlookIncident())
    if (!logged.ok) throw new Error(logged.refusal.message)
    v1.close()

    // A future release adds an index and backfills a field; the same mechanism must carry
    // yesterday's data through.
    const nextVersion: SchemaMigration = {
      version: 2,
      stores: {
        incidents:
          'id, &number, state, priority, level, assigneeId, updatedAt, slaDueAt, slaWarningAt, [open+priority+updatedAt], [assigneeId+open], callerName',
      },
      upgrade: (transaction) =>
        transaction
          .table('incidents')
          .toCollection()
          .modify((incident: { caller: { name: string }; callerName?: string }) => {
            incident.callerName = incident.caller.name
          }),
    }
    const v2 = new IncidentDeskDatabase(name, [...SCHEMA_MIGRATIONS, nextVersion], dexieDependencies)
    await v2.open()
    expect(v2.verno).toBe(2)
    expect(await v2.table('incidents').where('callerName').equals('Jonas Berg').count()).toBe(1)
    expect(await v2.events.count()).toBe(1)
    expect(await v2.outbox.count()).toBe(1)
    // The desk keeps its identity across the upgrade.
    expect(await loadDeskSession(v2)).toEqual(session)
    v2.close()
  })

  it('numbers migrations from 1 without gaps so every step between versions runs', () => {
    expect(SCHEMA_MIGRATIONS.map((migration) => migration.version)).toEqual(SCHEMA_MIGRATIONS.map((_, index) => index + 1))
  })
})

describe('the desk session', () => {
  it('creates a device id and a standalone identity once and keeps them', async () => {
    const db = new IncidentDeskDatabase(`session-${newId()}`, SCHEMA_MIGRATIONS, dexieDependencies)
    const first = await loadDeskSession(db)
    expect(first.deviceId).toMatch(/^[0-9a-f-]{36}$/)
    expect(first.actor).toMatchObject({ role: 'admin', displayName: 'Desk user' })
    expect(await loadDeskSession(db)).toEqual(first)
    const [a, b] = await Promise.all([loadDeskSession(db), loadDeskSession(db)])
    expect(a).toEqual(b)
  })
})
