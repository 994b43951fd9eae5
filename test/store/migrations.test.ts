import { describe, expect, it } from 'vitest'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { MAIL_INTAKE_ACTOR } from '../../src-shared/events/events'
import { newId } from '../../src-shared/events/ids'
import { IncidentDeskDatabase, SCHEMA_MIGRATIONS, type SchemaMigration } from '../../src-renderer/store/database'
import { fromRecord, originKeyOf, type OutboxEntry } from '../../src-renderer/store/records'
import { SECURITY_CATEGORY } from '../../src-shared/incident/vocabulary'
import { loadDeskSession } from '../../src-renderer/store/session'
import { createIncidentStore } from '../../src-renderer/store/incidentStore'
import { outlookIncident, storeFor } from './storeHarness'

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
    const latest = SCHEMA_MIGRATIONS.at(-1)!
    const incidentStores = [...SCHEMA_MIGRATIONS].reverse().find((migration) => migration.stores['incidents'])!.stores['incidents']
    const nextVersion: SchemaMigration = {
      version: latest.version + 1,
      stores: { incidents: `${incidentStores}, callerName` },
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
    expect(v2.verno).toBe(nextVersion.version)
    expect(await v2.table('incidents').where('callerName').equals('Jonas Berg').count()).toBe(1)
    expect(await v2.events.count()).toBe(1)
    expect(await v2.outbox.count()).toBe(1)
    // The desk keeps its identity across the upgrade.
    expect(await loadDeskSession(v2)).toEqual(session)
    v2.close()
  })

  it('carries a version 1 outbox into version 2 as pending entries, and lets two incidents share a number', async () => {
    // Today's store writes version 2 rows; write the rows version 1 wrote from a current desk's.
    const name = `migration-v1-${newId()}`
    const today = new IncidentDeskDatabase(`today-${newId()}`, SCHEMA_MIGRATIONS, dexieDependencies)
    const logged = await createIncidentStore(today, await loadDeskSession(today)).logIncident(outlookIncident())
    if (!logged.ok) throw new Error(logged.refusal.message)
    const [rows, events] = [await today.incidents.toArray(), await today.events.toArray()]
    const v1Outbox = (await today.outbox.toArray()).map(({ status: _status, refusal: _refusal, ...entry }) => entry)
    today.close()
    const v1 = new IncidentDeskDatabase(name, SCHEMA_MIGRATIONS.slice(0, 1), dexieDependencies)
    await v1.incidents.bulkAdd(rows)
    await v1.events.bulkAdd(events)
    await v1.outbox.bulkAdd(v1Outbox as OutboxEntry[])
    v1.close()

    const v2 = new IncidentDeskDatabase(name, SCHEMA_MIGRATIONS.slice(0, 2), dexieDependencies)
    await v2.open()
    expect(await v2.outbox.toArray()).toEqual([expect.objectContaining({ eventId: logged.events[0]!.id, status: 'pending', refusal: null })])
    expect(await v2.outbox.where('status').equals('pending').count()).toBe(1)
    // A sync can briefly hold a local INC0000001 beside the server's INC0000001 (see database.ts).
    const record = (await v2.incidents.get(logged.incident.id))!
    await v2.incidents.put({ ...record, id: newId() })
    expect(await v2.incidents.where('number').equals(record.number).count()).toBe(2)
    v2.close()
  })

  it('carries version 3 rows into version 4 with the major and security flag indexes filled', async () => {
    // Today's store writes the flags; strip them to get the rows version 3 wrote.
    const today = new IncidentDeskDatabase(`today-${newId()}`, SCHEMA_MIGRATIONS, dexieDependencies)
    const { store } = storeFor(today, { userId: 'u-ines', displayName: 'Ines Moreau', role: 'admin' })
    const plain = await store.logIncident(outlookIncident())
    const major = await store.logIncident(outlookIncident({ shortDescription: 'Email down for the whole company', impact: 1, urgency: 1 }))
    const breach = await store.logIncident(outlookIncident({ shortDescription: 'Payroll mail forwarded outside', category: SECURITY_CATEGORY }))
    if (!plain.ok || !major.ok || !breach.ok) throw new Error('setup failed')
    const declared = await store.execute({ action: 'declareMajor', incidentId: major.incident.id, incidentManager: { userId: 'u-ines', displayName: 'Ines Moreau' }, reason: 'Company-wide outage' })
    expect(declared.ok).toBe(true)
    const v3Rows = (await today.incidents.toArray()).map(({ majorFlag: _major, securityFlag: _security, ...row }) => row)
    today.close()
    expect(v3Rows).toHaveLength(3)
    expect(v3Rows.every((row) => !('majorFlag' in row) && !('securityFlag' in row))).toBe(true)

    const name = `migration-v3-${newId()}`
    const v3 = new IncidentDeskDatabase(name, SCHEMA_MIGRATIONS.slice(0, 3), dexieDependencies)
    await v3.incidents.bulkAdd(v3Rows)
    v3.close()

    const v4 = new IncidentDeskDatabase(name, SCHEMA_MIGRATIONS.slice(0, 4), dexieDependencies)
    await v4.open()
    expect(v4.verno).toBe(4)
    expect(await v4.incidents.where('majorFlag').equals(1).primaryKeys()).toEqual([major.incident.id])
    expect(await v4.incidents.where('securityFlag').equals(1).primaryKeys()).toEqual([breach.incident.id])
    // A plain incident carries neither key, so it is in neither index.
    const plainRow = (await v4.incidents.get(plain.incident.id))!
    expect('majorFlag' in plainRow || 'securityFlag' in plainRow).toBe(false)
    // The flags are index keys only: the incident read back is the incident written.
    expect(fromRecord((await v4.incidents.get(major.incident.id))!)).toEqual(fromRecord(v3Rows.find((row) => row.id === major.incident.id)!))
    v4.close()
  })

  it('carries version 4 attachments into version 5 with the ones not yet uploaded in the pending index', async () => {
    const name = `migration-v4-${newId()}`
    const v4 = new IncidentDeskDatabase(name, SCHEMA_MIGRATIONS.slice(0, 4), dexieDependencies)
    const stored = { blob: new Blob(['photo']), name: 'tray.jpg', mediaType: 'image/jpeg', size: 5, storedAt: '2026-03-02T09:00:00.000Z' }
    await v4.attachments.bulkAdd([
      { ...stored, sha256: 'a'.repeat(64) },
      { ...stored, sha256: 'b'.repeat(64), uploadedAt: '2026-03-02T09:05:00.000Z' },
    ])
    v4.close()

    const v5 = new IncidentDeskDatabase(name, SCHEMA_MIGRATIONS.slice(0, 5), dexieDependencies)
    await v5.open()
    expect(v5.verno).toBe(5)
    expect(await v5.attachments.where('pendingUpload').equals(1).primaryKeys()).toEqual(['a'.repeat(64)])
    v5.close()
  })

  it('carries version 8 rows into version 9 with imported incidents findable by their tool and number', async () => {
    const today = new IncidentDeskDatabase(`today-${newId()}`, SCHEMA_MIGRATIONS, dexieDependencies)
    const { store } = storeFor(today, { userId: 'u-ines', displayName: 'Ines Moreau', role: 'admin' })
    const origin = { system: 'ServiceNow', number: 'INC0010001', openedAt: '2024-03-05T13:30:00.000Z', closedAt: null, state: 'New' }
    const imported = await store.logIncident(outlookIncident({ origin }))
    const logged = await store.logIncident(outlookIncident())
    if (!imported.ok || !logged.ok) throw new Error('setup failed')
    expect(await today.incidents.where('originKey').equals(originKeyOf('servicenow', ' INC0010001 ')).primaryKeys()).toEqual([imported.incident.id])
    const v8Rows = (await today.incidents.toArray()).map(({ originKey: _key, ...row }) => row)
    today.close()

    const name = `migration-v8-${newId()}`
    const v8 = new IncidentDeskDatabase(name, SCHEMA_MIGRATIONS.slice(0, 8), dexieDependencies)
    // Written as version 8 wrote them: with their queue rows and report markers.
    await v8.transaction('rw', [v8.incidents, v8.queueRows, v8.reportDirty], () => v8.incidents.bulkAdd(v8Rows))
    v8.close()
    const v9 = new IncidentDeskDatabase(name, SCHEMA_MIGRATIONS.slice(0, 9), dexieDependencies)
    await v9.open()
    expect(await v9.incidents.where('originKey').equals('servicenow|INC0010001').primaryKeys()).toEqual([imported.incident.id])
    // An incident logged here has no key, so it is not in the index.
    expect('originKey' in (await v9.incidents.get(logged.incident.id))!).toBe(false)
    expect(fromRecord((await v9.incidents.get(imported.incident.id))!)).toEqual(fromRecord(v8Rows.find((row) => row.id === imported.incident.id)!))
    v9.close()
  })

  it('carries version 10 queue rows into version 11 saying which incidents came from an alert or an e-mail', async () => {
    const today = new IncidentDeskDatabase(`today-${newId()}`, SCHEMA_MIGRATIONS, dexieDependencies)
    const { store } = storeFor(today, { userId: 'u-ines', displayName: 'Ines Moreau', role: 'admin' })
    const mailed = await store.logIncident(outlookIncident({ channel: 'email' }))
    const alerted = await store.logIncident(outlookIncident({ channel: 'monitoring' }))
    const phoned = await store.logIncident(outlookIncident({ channel: 'phone' }))
    if (!mailed.ok || !alerted.ok || !phoned.ok) throw new Error('setup failed')
    const alert = { source: 'prometheus', sourceName: 'Prometheus', dedupKey: 'k1', occurrences: 7, firstSeenAt: '2026-03-02T09:00:00.000Z', lastSeenAt: '2026-03-02T09:30:00.000Z', severity: 'critical', summary: 'Disk full', acknowledgedAtSource: null, recoveredAtSource: null }
    // The mail intake logged one (its actor), a person typed one in with the channel e-mail: only the first came from a mail.
    const typedIn = await store.logIncident(outlookIncident({ channel: 'email' }))
    if (!typedIn.ok) throw new Error('setup failed')
    const v10Rows = (await today.incidents.toArray()).map((row) =>
      row.id === alerted.incident.id ? { ...row, alert } : row.id === mailed.incident.id ? { ...row, createdBy: MAIL_INTAKE_ACTOR } : row,
    )
    today.close()

    const name = `migration-v10-${newId()}`
    const v10 = new IncidentDeskDatabase(name, SCHEMA_MIGRATIONS.slice(0, 10), dexieDependencies)
    await v10.transaction('rw', [v10.incidents, v10.queueRows, v10.reportDirty], () => v10.incidents.bulkAdd(v10Rows))
    // Version 10 wrote its queue rows without the field.
    await v10.queueRows.toCollection().modify((row) => void delete row.cameFrom)
    v10.close()
    const v11 = new IncidentDeskDatabase(name, SCHEMA_MIGRATIONS.slice(0, 11), dexieDependencies)
    await v11.open()
    expect((await v11.queueRows.get(mailed.incident.id))!.cameFrom).toEqual({ kind: 'email' })
    expect((await v11.queueRows.get(alerted.incident.id))!.cameFrom).toEqual({ kind: 'alert', sourceName: 'Prometheus', occurrences: 7 })
    expect((await v11.queueRows.get(phoned.incident.id))!.cameFrom).toBeUndefined()
    expect((await v11.queueRows.get(typedIn.incident.id))!.cameFrom).toBeUndefined()
    v11.close()
  })

  it('drops the indexes nothing reads in version 12, and still finds an incident’s events and the unassigned ones by the compound indexes', async () => {
    const name = `migration-v11-${newId()}`
    const v11 = new IncidentDeskDatabase(name, SCHEMA_MIGRATIONS.slice(0, 11), dexieDependencies)
    const logged = await storeFor(v11, { userId: 'u-ines', displayName: 'Ines Moreau', role: 'admin' }).store.logIncident(outlookIncident())
    if (!logged.ok) throw new Error('setup failed')
    const events = await v11.events.where('incidentId').equals(logged.incident.id).primaryKeys()
    v11.close()

    const v12 = new IncidentDeskDatabase(name, SCHEMA_MIGRATIONS.slice(0, 12), dexieDependencies)
    await v12.open()
    const indexes = (table: string) => v12.backendDB().transaction(table).objectStore(table).indexNames
    expect([...indexes('incidents')]).not.toContain('priority')
    expect([...indexes('incidents')]).not.toContain('assigneeId')
    expect([...indexes('events')]).not.toContain('incidentId')
    expect(await v12.events.where('incidentId').equals(logged.incident.id).primaryKeys()).toEqual(events)
    expect(await v12.incidents.where('assigneeId').equals('').primaryKeys()).toEqual([logged.incident.id])
    v12.close()
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
