import { describe, expect, it, vi } from 'vitest'
import { adoptAccount } from '../../src-renderer/desk/deskAccount'
import { createIncidentStore } from '../../src-renderer/store/incidentStore'
import { pendingOutboxCount } from '../../src-renderer/store/queue'
import { loadDeskSession } from '../../src-renderer/store/session'
import { people } from '../fixtures/incidents'
import { imported } from '../store/importedRows'
import { eventsOf, expectConsistent, incidentsOf, openDesk, run, synced } from './deskHarness'
import { FakeSyncServer } from './fakeServer'

/** An import queues its events as packs (store/outboxPacks.ts); what the server receives must be as if they were queued one by one. */
describe('pushing what an import queued', () => {
  it('sends every imported event once, in commit order, before a change made after the import', async () => {
    const server = new FakeSyncServer()
    const alex = await openDesk('alex', people.alex, server.transportFor(people.alex), { limits: { pushEvents: 300 } })
    expect(await alex.store.importIncidents(Array.from({ length: 1_200 }, (_, index) => imported(index)))).toEqual({ ok: true, count: 1200 })
    const first = (await incidentsOf(alex)).find((incident) => incident.shortDescription === 'Imported incident 0')!
    await run(alex, { action: 'addWorkNote', incidentId: first.id, text: 'Checked after the move from ServiceNow.' })
    expect(await pendingOutboxCount(alex.db)).toBe(1_201)

    const report = await synced(alex)
    expect(report.pushed).toEqual({ accepted: 1_201, duplicate: 0, refused: 0 })
    expect(await alex.db.outbox.count()).toBe(0)
    expect(await alex.db.outboxPacks.count()).toBe(0)
    const received = server.events().map((item) => item.event)
    expect(new Set(received.map((event) => event.id)).size).toBe(received.length)
    const importedAt = received.findIndex((event) => event.incidentId === first.id && event.type === 'IncidentImported')
    const notedAt = received.findIndex((event) => event.incidentId === first.id && event.type === 'WorkNoteAdded')
    expect(importedAt).toBeGreaterThanOrEqual(0)
    expect(notedAt).toBeGreaterThan(importedAt)
    expect((await eventsOf(alex)).every((event) => event.serverSeq !== undefined)).toBe(true)
    expect(await incidentsOf(alex)).toEqual(server.visibleIncidents(people.alex))
    await expectConsistent(alex)
  })

  it('sends a pack that fits in one push as it is, and keeps an event the server refused at its own place in the outbox', async () => {
    const server = new FakeSyncServer()
    const alex = await openDesk('alex', people.alex, server.transportFor(people.alex))
    await synced(alex)
    expect(await alex.store.importIncidents(Array.from({ length: 1_000 }, (_, index) => imported(index)))).toEqual({ ok: true, count: 1000 })
    const [firstPack] = await alex.db.outbox.where('status').equals('packed').sortBy('seq')
    const contents = (await alex.db.outboxPacks.get(firstPack!.seq!))!
    // One event the server will refuse, as written by someone else: the eighth of the first pack.
    const spoilt = contents.eventIds[7]!
    const event = (await alex.db.events.get(spoilt))!
    await alex.db.events.put({ ...event, actor: { ...event.actor, userId: people.grace.userId, displayName: people.grace.displayName } })
    const written: unknown[] = []
    const bulkPut = alex.db.outbox.bulkPut.bind(alex.db.outbox)
    vi.spyOn(alex.db.outbox, 'bulkPut').mockImplementation((items) => (written.push(...items), bulkPut(items)))

    const report = await synced(alex)
    expect(report.pushed).toEqual({ accepted: 999, duplicate: 0, refused: 1 })
    // No pack was written out entry by entry: the only entry written is the refused one, where the pack held it.
    expect(written).toHaveLength(1)
    expect(await alex.db.outboxPacks.count()).toBe(0)
    expect(await alex.db.outbox.toArray()).toEqual([
      expect.objectContaining({ seq: firstPack!.packedFrom! + 7, eventId: spoilt, status: 'refused', attempts: 1, refusal: expect.objectContaining({ code: expect.any(String) }) }),
    ])
    expect(await alex.engine.refusedEvents()).toEqual([expect.objectContaining({ eventId: spoilt })])
    expect(server.events().filter((item) => item.event.type === 'IncidentImported')).toHaveLength(999)
    await expectConsistent(alex)
  })

  it('hands a standalone import to the account that signs in, so the server takes it as theirs', async () => {
    const server = new FakeSyncServer()
    const alex = await openDesk('alex', people.alex, server.transportFor(people.alex), { standalone: true })
    // Imported before anyone signed in: the events are the desk's local user's.
    const local = await loadDeskSession(alex.db)
    const result = await createIncidentStore(alex.db, local).importIncidents(Array.from({ length: 600 }, (_, index) => imported(index)))
    expect(result).toEqual({ ok: true, count: 600 })

    const adopted = await adoptAccount(alex.db, local, { userId: people.alex.userId, username: 'alex', displayName: people.alex.displayName, role: people.alex.role, groupIds: [] })
    expect(adopted).toBe(600)
    const report = await synced(alex)
    expect(report.pushed).toEqual({ accepted: 600, duplicate: 0, refused: 0 })
    expect(server.events().every((item) => item.event.actor.userId === people.alex.userId)).toBe(true)
    await expectConsistent(alex)
  })
})
