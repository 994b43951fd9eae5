import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { afterEach, describe, expect, it } from 'vitest'
import type { DeskChange, PageSyncTransport } from '../../src-shared/data/deskDataContract'
import { newId } from '../../src-shared/events/ids'
import type { Actor } from '../../src-shared/incident/roles'
import { createDeskDataService, type DeskDataService } from '../../src-renderer/data-worker/deskDataService'
import { answeringTransport, relayedTransport } from '../../src-renderer/data-worker/syncRelay'
import { IncidentDeskDatabase } from '../../src-renderer/store/database'
import { SyncTransportError, type SyncTransport } from '../../src-renderer/sync/transport'
import { DEFAULT_START, people, reports } from '../fixtures/incidents'
import { FakeSyncServer } from '../sync/fakeServer'

/**
 * Sync rounds run in the data worker with the page's transport lent to it: what the page's
 * network says, errors included, reaches the engine intact, and other desks' events reach the
 * page as notices.
 */

const services: DeskDataService[] = []

async function newDesk(): Promise<DeskDataService> {
  const service = createDeskDataService({ openDatabase: (name) => new IncidentDeskDatabase(name, undefined, { indexedDB, IDBKeyRange }) })
  services.push(service)
  await service.open(`desk-${newId()}`)
  return service
}

afterEach(() => {
  for (const service of services.splice(0)) service.close()
})

const at = (actor: Actor) => ({ actor, nowMs: Date.parse(DEFAULT_START) })

describe('sync rounds in the data worker', () => {
  it('pushes one desk’s incident and brings it to another, which hears the events', async () => {
    const server = new FakeSyncServer()
    const grace = await newDesk()
    const sofia = await newDesk()
    const logged = await grace.logIncident(reports.printerJams, at(people.grace))
    if (!logged.ok) throw new Error(logged.refusal.message)

    const pushed = await grace.syncOnce(answeringTransport(server.transportFor(people.grace)), at(people.grace))
    expect(pushed).toMatchObject({ ok: true, pushed: { accepted: logged.events.length } })

    // A new desk starts from the server's snapshot of incidents…
    const sofiaTransport = answeringTransport(server.transportFor(people.sofia))
    expect(await sofia.syncOnce(sofiaTransport, at(people.sofia))).toMatchObject({ ok: true, snapshot: { incidents: 1 } })
    expect((await sofia.incident(logged.incident.id))?.shortDescription).toBe(reports.printerJams.shortDescription)

    // …and then follows the log: a later note arrives as events, and the page hears them.
    const noted = await grace.execute({ action: 'addWorkNote', incidentId: logged.incident.id, text: 'Fuser replaced; test page prints.' }, at(people.grace))
    expect(noted.ok).toBe(true)
    await grace.syncOnce(answeringTransport(server.transportFor(people.grace)), at(people.grace))
    const heard: DeskChange[] = []
    await sofia.subscribe((change) => void heard.push(change))
    expect(await sofia.syncOnce(sofiaTransport, at(people.sofia))).toMatchObject({ ok: true, pulled: { events: 1 } })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(heard.some((change) => change.kind === 'eventsReceived' && change.events.some((event) => event.type === 'WorkNoteAdded'))).toBe(true)
    expect(await sofia.syncState()).toMatchObject({ pending: 0, refused: 0 })
  })

  it('keeps a transport error’s kind, status and code across the crossing', async () => {
    const server = new FakeSyncServer()
    const inner = server.transportFor(people.grace)
    const expired: SyncTransport = {
      ...inner,
      push: () => Promise.reject(new SyncTransportError({ kind: 'unauthorized', status: 401, code: 'session_expired', message: 'The session has ended; sign in again.' })),
    }
    const grace = await newDesk()
    const logged = await grace.logIncident(reports.vpnDrops, at(people.grace))
    if (!logged.ok) throw new Error(logged.refusal.message)
    expect(await grace.syncOnce(answeringTransport(expired), at(people.grace))).toMatchObject({
      ok: false,
      failure: { kind: 'unauthorized', phase: 'push', status: 401, code: 'session_expired' },
    })
    // Nothing was lost: the change still waits to be sent.
    expect(await grace.syncState()).toMatchObject({ pending: logged.events.length })
  })

  it('gives up on a page that stopped answering, as offline, so the next round can run', async () => {
    const silent: PageSyncTransport = {
      directAccess: async () => null,
      push: () => new Promise(() => undefined),
      pull: () => new Promise(() => undefined),
      snapshot: () => new Promise(() => undefined),
      incidentEvents: () => new Promise(() => undefined),
      config: () => new Promise(() => undefined),
    }
    const relayed = relayedTransport(silent, 30)
    await expect(relayed.pull({ seq: 0, txid: '0' } as never, 10)).rejects.toMatchObject({ kind: 'offline' })
    // A page gone before it even said whether the worker may call the server itself.
    const gone = relayedTransport({ ...silent, directAccess: () => new Promise(() => undefined) }, 30)
    await expect(gone.push({ deviceId: 'desk', events: [] })).rejects.toMatchObject({ kind: 'offline' })
  })
})
