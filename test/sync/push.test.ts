import { describe, expect, it } from 'vitest'
import { pushOutbox } from '../../src-renderer/sync/push'
import { emptyCounts } from '../../src-renderer/sync/report'
import type { SyncTransport } from '../../src-renderer/sync/transport'
import { people, personRef, reports } from '../fixtures/incidents'
import { eventsOf, expectConsistent, incidentsOf, logIncident, openDesk, run, synced } from './deskHarness'
import { FakeSyncServer } from './fakeServer'
import { faulty } from './faultyTransport'
import { workNoteAboutToBeRefused } from './scenarios'

describe('pushing the outbox', () => {
  it('pushes pending events in batches, records their server sequence and empties the outbox', async () => {
    const server = new FakeSyncServer()
    const grace = await openDesk('grace', people.grace, server.transportFor(people.grace), { limits: { pushEvents: 2 } })
    const printer = await logIncident(grace, reports.printerJams)
    await run(grace, { action: 'addWorkNote', incidentId: printer.id, text: 'Pickup roller looks worn.' })
    await logIncident(grace, reports.outlookPassword)

    const progress: unknown[] = []
    const report = await grace.engine.syncOnce((step) => progress.push(step))

    expect(report).toMatchObject({ ok: true, pushed: { accepted: 3, duplicate: 0, refused: 0 } })
    expect(progress.filter((step) => (step as { phase: string }).phase === 'push')).toEqual([
      { phase: 'push', done: 0, total: 3 },
      { phase: 'push', done: 2, total: 3 },
      { phase: 'push', done: 3, total: 3 },
    ])
    expect(await grace.db.outbox.count()).toBe(0)
    const serverSeqs = new Map(server.events().map((item) => [item.event.id, item.seq]))
    for (const event of await eventsOf(grace)) expect(event.serverSeq).toBe(serverSeqs.get(event.id))
    // The pull brought the server's IncidentNumbered: the provisional number gave way to the real one.
    expect((await grace.store.get(printer.id))?.number).toBe('INC0000001')
    expect(printer.number).toMatch(/^NEW-/)
    await expectConsistent(grace)
  })

  it('splits a batch that would exceed the body limit', async () => {
    const server = new FakeSyncServer()
    const transport = faulty(server.transportFor(people.grace))
    const grace = await openDesk('grace', people.grace, transport, { limits: { pushBytes: 3_000 } })
    const printer = await logIncident(grace, reports.printerJams)
    for (let note = 0; note < 3; note++) {
      await run(grace, { action: 'addWorkNote', incidentId: printer.id, text: `Log excerpt ${note}: ${'E'.repeat(1_500)}` })
    }
    await synced(grace)
    expect(transport.calls.push).toBeGreaterThanOrEqual(3)
    expect(server.events().filter((item) => item.event.type === 'WorkNoteAdded')).toHaveLength(3)
  })

  it('sends again a push whose answer was lost; the server counts it as a duplicate and nothing doubles', async () => {
    const server = new FakeSyncServer()
    const transport = faulty(server.transportFor(people.grace))
    const grace = await openDesk('grace', people.grace, transport)
    const printer = await logIncident(grace, reports.printerJams)
    await run(grace, { action: 'acknowledge', incidentId: printer.id })

    transport.inject('push', 'lose-answer')
    const lost = await grace.engine.syncOnce()
    expect(lost).toMatchObject({ ok: false, failure: { kind: 'offline', phase: 'push' } })
    // The server has the events; the desk does not know it yet and keeps them pending.
    expect(server.events()).toHaveLength(3)
    expect(await grace.db.outbox.count()).toBe(2)

    const again = await synced(grace)
    expect(again.pushed).toEqual({ accepted: 0, duplicate: 2, refused: 0 })
    expect(server.events()).toHaveLength(3)
    expect(await grace.db.outbox.count()).toBe(0)
    // Its own two events, once each; the server's numbering came inside the first sync's snapshot.
    expect(await eventsOf(grace)).toHaveLength(2)
    expect(await incidentsOf(grace)).toEqual(server.visibleIncidents(people.grace))
    await expectConsistent(grace)
  })

  it('keeps what the server answered when the next batch, already on its way, is cut off', async () => {
    const server = new FakeSyncServer()
    const transport = faulty(server.transportFor(people.grace))
    const grace = await openDesk('grace', people.grace, transport, { limits: { pushEvents: 2 } })
    for (const report of [reports.printerJams, reports.vpnDrops, reports.outlookPassword, reports.cardReader]) await logIncident(grace, report)
    transport.inject('push', null, 'drop')

    const report = await grace.engine.syncOnce()
    expect(report).toMatchObject({ ok: false, failure: { kind: 'offline', phase: 'push' }, pushed: { accepted: 2 } })
    expect((await eventsOf(grace)).filter((event) => event.serverSeq !== undefined)).toHaveLength(2)
    expect(await grace.db.outbox.count()).toBe(2)
    await expectConsistent(grace)
    await synced(grace)
    expect(await incidentsOf(grace)).toEqual(server.visibleIncidents(people.grace))
  })

  it('takes a push delivered twice as one', async () => {
    const server = new FakeSyncServer()
    const transport = faulty(server.transportFor(people.grace))
    const grace = await openDesk('grace', people.grace, transport)
    await logIncident(grace, reports.vpnDrops)
    transport.inject('push', 'deliver-twice')
    const report = await synced(grace)
    expect(report.pushed).toEqual({ accepted: 0, duplicate: 1, refused: 0 })
    expect(server.events().map((item) => item.event.type)).toEqual(['IncidentLogged', 'IncidentNumbered'])
    expect(await incidentsOf(grace)).toEqual(server.visibleIncidents(people.grace))
  })

  it('keeps a refused event in the log and the projection, marked with the server reason, and does not push it again by itself', async () => {
    // The desk gives the incident to an L2 specialist; Tomás, offline, keeps working it as his.
    const { tomas, till } = await workNoteAboutToBeRefused('Replaced the reader cable; still "no host".')

    const report = await tomas.engine.syncOnce()
    expect(report).toMatchObject({ ok: true, pushed: { accepted: 0, duplicate: 0, refused: 1 } })
    const [problem, ...others] = await tomas.engine.refusedEvents()
    expect(others).toEqual([])
    expect(problem).toMatchObject({
      incidentId: till.id,
      incidentNumber: 'INC0000001',
      shortDescription: reports.cardReader.shortDescription,
      event: { type: 'WorkNoteAdded', payload: { text: 'Replaced the reader cable; still "no host".' } },
      refusal: { code: 'not_owner' },
      attempts: 1,
    })
    // Nothing vanished: the note is still on Tomás's desk, on top of the assignment he pulled.
    expect(await tomas.store.get(till.id)).toMatchObject({ workNoteCount: 1, assignee: personRef(people.dmitri) })
    expect(await tomas.engine.syncState()).toMatchObject({ pending: 0, refused: 1 })

    const next = await synced(tomas)
    expect(next.pushed).toEqual({ accepted: 0, duplicate: 0, refused: 0 })
    expect((await tomas.engine.refusedEvents())[0]?.attempts).toBe(1)
    await expectConsistent(tomas)
  })

  it('folds a change refused in an earlier push after the ones accepted since, and leaves incidents worked across batches as they were', async () => {
    const server = new FakeSyncServer()
    const honest = server.transportFor(people.grace)
    let refuseEverything = false
    const transport: SyncTransport = {
      ...honest,
      push: (request) =>
        refuseEverything
          ? Promise.resolve({ results: request.events.map((event, index) => ({ index, eventId: (event as { id: string }).id, status: 'refused' as const, code: 'not_owner', reason: 'Not yours to change.' })) })
          : honest.push(request),
    }
    const grace = await openDesk('grace', people.grace, transport, { limits: { pushEvents: 2 } })
    const printer = await logIncident(grace, reports.printerJams)
    const vpn = await logIncident(grace, reports.vpnDrops)
    await synced(grace)

    // Refused: the printer raised to P2 high impact…
    refuseEverything = true
    await run(grace, { action: 'prioritize', incidentId: printer.id, impact: 1, urgency: 2 })
    expect((await synced(grace)).pushed).toEqual({ accepted: 0, duplicate: 0, refused: 1 })
    refuseEverything = false
    // …then lowered, accepted: the server's order puts the accepted change first and the refused
    // one after it, so the refused raise is what the desk shows until someone discards it.
    await run(grace, { action: 'prioritize', incidentId: printer.id, impact: 3, urgency: 3 })
    // And an incident worked over several batches of two, which must keep its order.
    for (let note = 0; note < 5; note++) await run(grace, { action: 'addWorkNote', incidentId: vpn.id, text: `Tunnel drop ${note} logged.` })
    expect((await synced(grace)).pushed).toEqual({ accepted: 6, duplicate: 0, refused: 0 })

    expect((await grace.store.get(printer.id))?.impact).toBe(1)
    expect((await grace.store.get(vpn.id))?.workNoteCount).toBe(5)
    await expectConsistent(grace)
  })

  it('reports a server answer without a result for every event as a server failure and changes nothing', async () => {
    const server = new FakeSyncServer()
    const inner = server.transportFor(people.grace)
    const shortAnswer: SyncTransport = { ...inner, push: async (request) => ({ results: (await inner.push(request)).results.slice(1) }) }
    const grace = await openDesk('grace', people.grace, shortAnswer)
    await logIncident(grace, reports.printerJams)
    await logIncident(grace, reports.vpnDrops)
    const before = await grace.db.outbox.toArray()

    const counts = emptyCounts()
    await expect(pushOutbox(grace.context, counts)).rejects.toMatchObject({ kind: 'server', message: expect.stringContaining('no result for event') })
    expect(await grace.db.outbox.toArray()).toEqual(before)
    expect((await eventsOf(grace)).every((event) => event.serverSeq === undefined)).toBe(true)
  })
})
