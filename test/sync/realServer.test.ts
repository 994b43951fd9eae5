/**
 * The engine against the real server (src-server on PGlite): the same flows as the example
 * tests against the in-memory model, plus the HTTP transport over a real loopback socket.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTestServer } from '../../src-server/testing'
import { createHttpTransport } from '../../src-renderer/sync/httpTransport'
import { SECURITY_CATEGORY } from '../../src-shared/incident/vocabulary'
import { ALL_PEOPLE, people, personRef, reports } from '../fixtures/incidents'
import { eventsOf, expectConsistent, incidentsOf, logIncident, openDesk, run, synced } from './deskHarness'
import { startRealServer, type RealSyncServer } from './realServer'

const SETUP_TIMEOUT_MS = 120_000

describe('the sync engine against the real server (PGlite)', () => {
  let server: RealSyncServer
  beforeAll(async () => {
    server = await startRealServer('pglite')
  }, SETUP_TIMEOUT_MS)
  afterAll(() => server?.close(), SETUP_TIMEOUT_MS)
  beforeEach(() => server.reset(ALL_PEOPLE))

  it('carries a day of work between three desks and ends with one story', async () => {
    const tomas = await openDesk('tomas', people.tomas, server.transportFor(people.tomas), { limits: { pullPage: 3 } })
    const grace = await openDesk('grace', people.grace, server.transportFor(people.grace), { limits: { pushEvents: 2 } })
    const priya = await openDesk('priya', people.priya, server.transportFor(people.priya))
    const till = await logIncident(tomas, reports.cardReader)
    const vpn = await logIncident(grace, reports.vpnDrops)
    await synced(tomas)
    await synced(grace)
    await synced(priya)
    await run(grace, { action: 'assign', incidentId: till.id, assignmentGroup: 'Payments L2', assignee: personRef(people.dmitri) })
    await run(tomas, { action: 'addWorkNote', incidentId: till.id, text: 'Reader swapped.' })
    await run(priya, { action: 'categorize', incidentId: vpn.id, category: SECURITY_CATEGORY, subcategory: 'suspicious login' })
    for (const desk of [grace, priya, tomas, grace, priya]) await synced(desk)

    // Tomás's note came after the reassignment: refused, kept, shown.
    expect(await tomas.engine.refusedEvents()).toEqual([expect.objectContaining({ refusal: expect.objectContaining({ code: 'not_owner' }) })])
    const [problem] = await tomas.engine.refusedEvents()
    expect(await tomas.engine.discardRefusedEvent(problem!.eventId)).toEqual({ ok: true })

    const serverIncidents = await server.incidents()
    expect(await incidentsOf(priya)).toEqual(serverIncidents)
    // The VPN incident is Security now: gone from the desks outside the security group.
    const visible = serverIncidents.filter((incident) => !incident.isSecurity)
    expect(await incidentsOf(grace)).toEqual(visible)
    expect(await incidentsOf(tomas)).toEqual(visible)
    const serverSeqs = new Map((await server.events()).map((item) => [item.event.id, item.seq]))
    for (const desk of [tomas, grace, priya]) {
      for (const event of await eventsOf(desk)) expect(event.serverSeq).toBe(serverSeqs.get(event.id))
      await expectConsistent(desk)
    }
  })

  it('syncs over HTTP on a loopback socket with the fetch transport', async () => {
    const listening = await startTestServer({ accounts: [people.grace, people.sofia] })
    try {
      const transportFor = (userId: string) => createHttpTransport({ baseUrl: listening.url, getToken: () => listening.tokens[userId] ?? null })
      const grace = await openDesk('grace', people.grace, transportFor(people.grace.userId))
      const sofia = await openDesk('sofia', people.sofia, transportFor(people.sofia.userId))
      const outage = await logIncident(grace, reports.emailOutage)
      await synced(grace)
      await synced(sofia)
      await run(sofia, { action: 'declareMajor', incidentId: outage.id, incidentManager: personRef(people.sofia), reason: 'Company-wide outage.' })
      await synced(sofia)
      await synced(grace)
      expect(await grace.store.get(outage.id)).toMatchObject({ number: 'INC0000001', isMajor: true, numberIsProvisional: false })
      expect(await incidentsOf(grace)).toEqual(await incidentsOf(sofia))
    } finally {
      await listening.close()
    }
  }, SETUP_TIMEOUT_MS)
})
