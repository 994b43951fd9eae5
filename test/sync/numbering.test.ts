import { describe, expect, it } from 'vitest'
import { createIncidentStore } from '../../src-renderer/store/incidentStore'
import { readNumberingMode } from '../../src-renderer/store/numbering'
import { loadDeskSession } from '../../src-renderer/store/session'
import { enterServerNumbering } from '../../src-renderer/sync/join'
import { people, reports } from '../fixtures/incidents'
import { eventsOf, expectConsistent, incidentsOf, logIncident, openDesk, synced } from './deskHarness'
import { FakeSyncServer } from './fakeServer'
import { faulty } from './faultyTransport'

describe('numbering when a desk joins a server', () => {
  it("switches a standalone desk to provisional numbers at its first sync; its own numbers give way to the server's", async () => {
    const server = new FakeSyncServer()
    const sofia = await openDesk('sofia', people.sofia, server.transportFor(people.sofia))
    await logIncident(sofia, reports.emailOutage)
    await synced(sofia)
    // Grace used her laptop standalone for a while: it numbered its incidents itself.
    const transport = faulty(server.transportFor(people.grace))
    const grace = await openDesk('grace', people.grace, transport, { standalone: true })
    const printer = await logIncident(grace, reports.printerJams)
    expect(printer).toMatchObject({ number: 'INC0000001', numberIsProvisional: false })

    // Her first sync joins the server before it pushes anything, even when the push then fails.
    transport.inject('push', 'drop')
    expect(await grace.engine.syncOnce()).toMatchObject({ ok: false, failure: { phase: 'push' } })
    expect(await readNumberingMode(grace.db)).toBe('provisional')
    // The server's INC0000001 is Sofia's: Grace's own number now reads as provisional...
    expect(await grace.store.get(printer.id)).toMatchObject({ number: 'INC0000001', numberIsProvisional: true })
    // ...and what she logs from now on is numbered provisionally.
    const vpn = await logIncident(grace, reports.vpnDrops)
    expect(vpn).toMatchObject({ number: expect.stringMatching(/^NEW-[0-9A-F]{6}-2$/), numberIsProvisional: true })
    await expectConsistent(grace)

    await synced(grace)
    expect((await incidentsOf(grace)).map((incident) => [incident.number, incident.numberIsProvisional])).toEqual(
      expect.arrayContaining([
        ['INC0000001', false],
        ['INC0000002', false],
        ['INC0000003', false],
      ]),
    )
    expect(await grace.store.get(printer.id)).toMatchObject({ number: 'INC0000002', numberIsProvisional: false })
    // The log keeps the number the caller was given on the day.
    const logged = (await eventsOf(grace)).find((event) => event.incidentId === printer.id && event.type === 'IncidentLogged')
    expect(logged?.payload).toMatchObject({ number: 'INC0000001', numberIsProvisional: false })
    expect(await incidentsOf(grace)).toEqual(server.visibleIncidents(people.grace))
  })

  it('switches once, whoever asks first', async () => {
    const server = new FakeSyncServer()
    const desk = await openDesk('grace', people.grace, server.transportFor(people.grace), { standalone: true })
    const results = await Promise.all([enterServerNumbering(desk.db), enterServerNumbering(desk.db)])
    expect(results.sort()).toEqual([false, true])
    expect(await enterServerNumbering(desk.db)).toBe(false)
  })

  it("keeps, and shows, events a standalone desk's local user wrote: the server refuses them as another person's", async () => {
    const server = new FakeSyncServer()
    const grace = await openDesk('grace', people.grace, server.transportFor(people.grace), { standalone: true })
    // The desk as it was before anyone signed in: its events are the local admin's.
    const local = await loadDeskSession(grace.db)
    const logged = await createIncidentStore(grace.db, local).logIncident(reports.printerJams)
    if (!logged.ok) throw new Error(logged.refusal.message)

    const report = await synced(grace)
    expect(report.pushed.refused).toBe(1)
    const [problem] = await grace.engine.refusedEvents()
    expect(problem).toMatchObject({ incidentId: logged.incident.id, refusal: { code: 'actor_mismatch' } })
    expect(await grace.store.get(logged.incident.id)).toMatchObject({ numberIsProvisional: true })
    await expectConsistent(grace)
  })
})
