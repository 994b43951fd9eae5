import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { DirectSyncAccess } from '../../src-shared/data/deskDataContract'
import { newId } from '../../src-shared/events/ids'
import type { Actor } from '../../src-shared/incident/roles'
import { startTestServer, type TestServer } from '../../src-server/testing'
import { createDeskDataService, type DeskDataService } from '../../src-renderer/data-worker/deskDataService'
import { answeringTransport, type LentTransport } from '../../src-renderer/data-worker/syncRelay'
import { IncidentDeskDatabase } from '../../src-renderer/store/database'
import { createHttpTransport } from '../../src-renderer/sync/httpTransport'
import type { SyncTransport } from '../../src-renderer/sync/transport'
import { DEFAULT_START, people, reports } from '../fixtures/incidents'

/**
 * On the web the page lends the data worker its session, and the worker calls the sync server
 * itself: the page's thread neither writes a push's JSON nor parses a pull page. Against the real
 * server over loopback HTTP, with a page transport that counts what it is asked to do.
 */

const SETUP_TIMEOUT_MS = 120_000
const services: DeskDataService[] = []
let server: TestServer

beforeAll(async () => {
  server = await startTestServer({ accounts: [people.grace], now: () => new Date(Date.parse(DEFAULT_START)) })
}, SETUP_TIMEOUT_MS)
afterAll(() => server?.close(), SETUP_TIMEOUT_MS)
afterEach(() => {
  for (const service of services.splice(0)) service.close()
})

async function newDesk(): Promise<DeskDataService> {
  const service = createDeskDataService({ openDatabase: (name) => new IncidentDeskDatabase(name, undefined, { indexedDB, IDBKeyRange }) })
  services.push(service)
  await service.open(`desk-${newId()}`)
  return service
}

const at = (actor: Actor) => ({ actor, nowMs: Date.parse(DEFAULT_START) })

/** The web platform's transport as the page holds it: the page's own calls counted, its session lent as `access` says. */
function pageTransport(token: string, access: () => DirectSyncAccess | null): { lent: LentTransport; pageCalls: string[]; sessionDropped: () => boolean } {
  const pageCalls: string[] = []
  let dropped = false
  const http = createHttpTransport({ baseUrl: server.url, getToken: () => token })
  const counted = <K extends keyof SyncTransport>(name: K): SyncTransport[K] =>
    (async (...args: unknown[]) => {
      pageCalls.push(name)
      try {
        return await (http[name] as (...callArgs: unknown[]) => Promise<unknown>)(...args)
      } catch (error) {
        // What the web platform's withSession does with a 401: the session is gone.
        if ((error as { kind?: string }).kind === 'unauthorized') dropped = true
        throw error
      }
    }) as SyncTransport[K]
  const lent: LentTransport = {
    push: counted('push'),
    pull: counted('pull'),
    snapshot: counted('snapshot'),
    incidentEvents: counted('incidentEvents'),
    config: counted('config'),
    directAccess: () => (dropped ? null : access()),
  }
  return { lent, pageCalls, sessionDropped: () => dropped }
}

describe('a sync round with the page’s session lent to the worker', () => {
  it('pushes and pulls without asking the page to make a single call', async () => {
    const token = server.tokens[people.grace.userId]!
    const page = pageTransport(token, () => ({ baseUrl: server.url, token }))
    const desk = await newDesk()
    const logged = await desk.logIncident(reports.printerJams, at(people.grace))
    if (!logged.ok) throw new Error(logged.refusal.message)

    const round = await desk.syncOnce(answeringTransport(page.lent), at(people.grace))

    expect(round).toMatchObject({ ok: true, pushed: { accepted: logged.events.length, refused: 0 } })
    expect(page.pageCalls).toEqual([])
    // The server's number came back through the worker's own pull.
    expect((await desk.incident(logged.incident.id))?.number).toMatch(/^INC\d+/)
    expect(await desk.syncState()).toMatchObject({ pending: 0, refused: 0 })
  })

  it('goes through the page when the server refuses the lent session, and the page drops it', async () => {
    const page = pageTransport('revoked-token', () => ({ baseUrl: server.url, token: 'revoked-token' }))
    const desk = await newDesk()
    const logged = await desk.logIncident(reports.vpnDrops, at(people.grace))
    if (!logged.ok) throw new Error(logged.refusal.message)

    const round = await desk.syncOnce(answeringTransport(page.lent), at(people.grace))

    expect(round).toMatchObject({ ok: false, failure: { kind: 'unauthorized', phase: 'push', status: 401 } })
    expect(page.pageCalls).toEqual(['push'])
    expect(page.sessionDropped()).toBe(true)
    // Nothing was lost: the change still waits to be sent.
    expect(await desk.syncState()).toMatchObject({ pending: logged.events.length })
  })

  it('relays every call through the page where it lends no session (the desktop, where main holds the token)', async () => {
    const page = pageTransport(server.tokens[people.grace.userId]!, () => null)
    const desk = await newDesk()
    const logged = await desk.logIncident(reports.cardReader, at(people.grace))
    if (!logged.ok) throw new Error(logged.refusal.message)

    expect(await desk.syncOnce(answeringTransport(page.lent), at(people.grace))).toMatchObject({ ok: true, pushed: { accepted: logged.events.length } })
    expect(page.pageCalls).toContain('push')
    expect(page.pageCalls).toContain('pull')
  })
})
