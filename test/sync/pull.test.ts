import { describe, expect, it } from 'vitest'
import { readStateCounts } from '../../src-renderer/store/counters'
import { META_KEYS, readMeta } from '../../src-renderer/store/meta'
import { pullUpdates } from '../../src-renderer/sync/pull'
import { emptyCounts } from '../../src-renderer/sync/report'
import { SECURITY_CATEGORY } from '../../src-shared/incident/vocabulary'
import { people, personRef, reports } from '../fixtures/incidents'
import { eventsOf, expectConsistent, incidentsOf, logIncident, openDesk, run, synced } from './deskHarness'
import { FakeSyncServer } from './fakeServer'
import { faulty } from './faultyTransport'

/** Grace and Sofia both hold the printer incident, taken by Grace, and are in sync. */
async function twoDesksInSync(options: { pullPage?: number } = {}) {
  const server = new FakeSyncServer()
  const graceTransport = faulty(server.transportFor(people.grace))
  const limits = options.pullPage ? { pullPage: options.pullPage } : {}
  const grace = await openDesk('grace', people.grace, graceTransport, { limits })
  const sofia = await openDesk('sofia', people.sofia, server.transportFor(people.sofia))
  const printer = await logIncident(grace, reports.printerJams)
  await run(grace, { action: 'acknowledge', incidentId: printer.id })
  await synced(grace)
  await synced(sofia)
  return { server, grace, graceTransport, sofia, printer }
}

describe('pulling the log', () => {
  it('pulls page after page until the server has no more, and keeps the cursor', async () => {
    const { server, grace, graceTransport, sofia, printer } = await twoDesksInSync({ pullPage: 2 })
    for (const text of ['Called the caller back.', 'Ordered a pickup roller.', 'Roller fitted.', 'Test page fine.', 'Caller confirmed.']) {
      await run(sofia, { action: 'addWorkNote', incidentId: printer.id, text })
    }
    await synced(sofia)
    const pullsBefore = graceTransport.calls.pull

    const report = await synced(grace)
    expect(report.pulled).toEqual({ events: 5, pages: 3, revoked: 0 })
    expect(graceTransport.calls.pull - pullsBefore).toBe(3)
    expect(await readMeta(grace.db, META_KEYS.syncCursor)).toBe(String(server.events().length))
    expect((await grace.store.get(printer.id))?.workNoteCount).toBe(5)
    expect(await incidentsOf(grace)).toEqual(server.visibleIncidents(people.grace))
    await expectConsistent(grace)
  })

  it("re-applies the desk's pending events on top of the pulled ones, in the server's order", async () => {
    const { grace, sofia, printer } = await twoDesksInSync()
    // Offline, Grace puts the printer on hold, waiting for a part...
    const [held] = await run(grace, { action: 'hold', incidentId: printer.id, reason: 'awaiting_vendor' })
    expect(held?.state).toBe('on_hold')
    // ...while the incident manager resolves it and syncs first.
    await run(sofia, { action: 'resolve', incidentId: printer.id, resolutionCode: 'workaround_provided', resolutionNotes: 'Jobs rerouted to the 2nd floor printer.' })
    await synced(sofia)

    await pullUpdates(grace.context, emptyCounts())
    const holdEvent = (await eventsOf(grace)).find((event) => event.type === 'IncidentPutOnHold')!
    // The resolution (server-sequenced) comes first; Grace's hold, still pending, lands on a
    // resolved incident: kept, flagged for a person, never dropped.
    expect(await grace.store.get(printer.id)).toMatchObject({ state: 'resolved', needsAttention: [holdEvent.id] })
    expect(holdEvent.serverSeq).toBeUndefined()
    expect(await grace.db.outbox.count()).toBe(1)
    await expectConsistent(grace)

    // Once pushed, the server folds the same way: every desk agrees.
    await synced(grace)
    await synced(sofia)
    expect(await incidentsOf(grace)).toEqual(await incidentsOf(sofia))
    expect((await grace.store.get(printer.id))?.needsAttention).toEqual([holdEvent.id])
  })

  it('removes an incident recategorized as Security from desks that may no longer see it', async () => {
    const server = new FakeSyncServer()
    const grace = await openDesk('grace', people.grace, server.transportFor(people.grace))
    const priya = await openDesk('priya', people.priya, server.transportFor(people.priya))
    const vpn = await logIncident(grace, reports.vpnDrops)
    const printer = await logIncident(grace, reports.printerJams)
    await synced(grace)
    await synced(priya)
    await run(priya, { action: 'categorize', incidentId: vpn.id, category: SECURITY_CATEGORY, subcategory: 'suspicious login' })
    await synced(priya)

    const report = await synced(grace)
    expect(report.pulled.revoked).toBe(1)
    expect((await incidentsOf(grace)).map((incident) => incident.id)).toEqual([printer.id])
    expect((await eventsOf(grace)).filter((event) => event.incidentId === vpn.id)).toEqual([])
    expect(await grace.db.incidentBases.get(vpn.id)).toBeUndefined()
    expect(await readStateCounts(grace.db)).toMatchObject({ new: 1 })
    await expectConsistent(grace)
  })

  it('loses nothing and doubles nothing when the connection drops between pages and the desk restarts', async () => {
    const { server, grace, graceTransport, sofia, printer } = await twoDesksInSync({ pullPage: 2 })
    for (let note = 1; note <= 5; note++) await run(sofia, { action: 'addWorkNote', incidentId: printer.id, text: `Update ${note}.` })
    await run(sofia, { action: 'assign', incidentId: printer.id, assignmentGroup: 'Print L2', assignee: personRef(people.dmitri) })
    await synced(sofia)

    graceTransport.inject('pull', null, 'drop')
    const cut = await grace.engine.syncOnce()
    expect(cut).toMatchObject({ ok: false, failure: { kind: 'offline', phase: 'pull' }, pulled: { events: 2, pages: 1 } })
    // The first page is in, whole: its events, the refolded incident and the cursor together.
    expect((await grace.store.get(printer.id))?.workNoteCount).toBe(2)
    await expectConsistent(grace)

    await grace.restart()
    await synced(grace)
    const ids = (await eventsOf(grace)).map((event) => event.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(await incidentsOf(grace)).toEqual(server.visibleIncidents(people.grace))
    expect(await grace.store.get(printer.id)).toMatchObject({ workNoteCount: 5, assignee: personRef(people.dmitri) })
    await expectConsistent(grace)
  })

  it('doubles nothing when a page is delivered again, and never moves the cursor back', async () => {
    const { server, grace, graceTransport, sofia, printer } = await twoDesksInSync({ pullPage: 2 })
    for (let note = 1; note <= 4; note++) await run(sofia, { action: 'addWorkNote', incidentId: printer.id, text: `Update ${note}.` })
    await synced(sofia)
    graceTransport.inject('pull', null, 'replay-previous', 'replay-previous')
    await synced(grace)
    expect((await grace.store.get(printer.id))?.workNoteCount).toBe(4)
    expect(await incidentsOf(grace)).toEqual(server.visibleIncidents(people.grace))
    await expectConsistent(grace)
  })

  it('fetches the history of an incident whose pulled events it cannot fold', async () => {
    const server = new FakeSyncServer()
    const grace = await openDesk('grace', people.grace, server.transportFor(people.grace))
    const priya = await openDesk('priya', people.priya, server.transportFor(people.priya))
    await synced(grace)
    // A security incident Grace never saw is moved out of Security: its later events reach her
    // desk without its creation.
    const phishing = await logIncident(priya, reports.phishingClick)
    await synced(priya)
    await synced(grace)
    await run(priya, { action: 'categorize', incidentId: phishing.id, category: 'software', subcategory: 'email' })
    await synced(priya)

    const report = await synced(grace)
    expect(report.histories).toBe(1)
    expect(await grace.store.get(phishing.id)).toEqual(server.incident(phishing.id))
    await expectConsistent(grace)
  })

  it('fetches such a history in a later round when the connection drops first', async () => {
    const server = new FakeSyncServer()
    const transport = faulty(server.transportFor(people.grace))
    const grace = await openDesk('grace', people.grace, transport)
    const priya = await openDesk('priya', people.priya, server.transportFor(people.priya))
    await synced(grace)
    const phishing = await logIncident(priya, reports.phishingClick)
    await synced(priya)
    await synced(grace)
    await run(priya, { action: 'categorize', incidentId: phishing.id, category: 'software', subcategory: 'email' })
    await synced(priya)

    transport.inject('incidentEvents', 'drop')
    expect(await grace.engine.syncOnce()).toMatchObject({ ok: false, failure: { kind: 'offline', phase: 'history' } })
    expect(await grace.store.get(phishing.id)).toBeUndefined()
    // Nothing new to pull, but the incident is still on the list.
    const report = await synced(grace)
    expect(report).toMatchObject({ pulled: { events: 0 }, histories: 1 })
    expect(await grace.store.get(phishing.id)).toEqual(server.incident(phishing.id))
  })
})
