/**
 * A desk's own pushed events come back in the pull that follows, with the server's numbering of
 * its new incidents. What the round does with that echo: nothing read again that it already
 * holds, nothing announced as news, nothing a report must re-read.
 */
import { describe, expect, it, vi } from 'vitest'
import { DEFAULT_DOMAIN_CONFIG } from '../../src-shared/config/domainConfig'
import type { IncidentEvent } from '../../src-shared/events/events'
import { createReportAggregates } from '../../src-renderer/reports/dayAggregates'
import type { IncidentDeskDatabase } from '../../src-renderer/store/database'
import { revisionOf } from '../../src-renderer/store/records'
import { createSyncEngine } from '../../src-renderer/sync/syncEngine'
import { people, reports } from '../fixtures/incidents'
import { logIncident, openDesk, synced } from './deskHarness'
import { FakeSyncServer } from './fakeServer'

/** Counts the event ids read by key from the events table (push and pull read them with bulkGet). */
function countEventReads(db: IncidentDeskDatabase): { ids: number } {
  const counted = { ids: 0 }
  const bulkGet = db.events.bulkGet.bind(db.events)
  vi.spyOn(db.events, 'bulkGet').mockImplementation((keys) => ((counted.ids += keys.length), bulkGet(keys)))
  return counted
}

describe("a desk's own events coming back from the server", () => {
  it('are not read again nor announced as received; the server numbering and other desks’ events are', async () => {
    const server = new FakeSyncServer()
    const grace = await openDesk('grace', people.grace, server.transportFor(people.grace))
    const received: IncidentEvent[] = []
    const reads = countEventReads(grace.db)
    const engine = createSyncEngine(grace.db, server.transportFor(people.grace), {
      deviceId: grace.session.deviceId,
      config: DEFAULT_DOMAIN_CONFIG,
      onEventsReceived: (events) => received.push(...events),
    })
    // Joined and bootstrapped: from now on the server's numbers come by the pull.
    await engine.syncOnce()
    const printer = await logIncident(grace, reports.printerJams)
    const vpn = await logIncident(grace, reports.vpnDrops)

    reads.ids = 0
    received.length = 0
    expect(await engine.syncOnce()).toMatchObject({ ok: true, pushed: { accepted: 2 } })
    // The push reads its two events to send them, the pull reads only the server's two numberings.
    expect(reads.ids).toBe(4)
    expect(received.map((event) => [event.type, event.incidentId])).toEqual([
      ['IncidentNumbered', printer.id],
      ['IncidentNumbered', vpn.id],
    ])
    expect((await grace.store.get(printer.id))?.numberIsProvisional).toBe(false)

    // Another desk's incident is news.
    const sofia = await openDesk('sofia', people.sofia, server.transportFor(people.sofia))
    const outage = await logIncident(sofia, reports.emailOutage)
    await synced(sofia)
    received.length = 0
    expect(await engine.syncOnce()).toMatchObject({ ok: true })
    expect(received.map((event) => [event.type, event.incidentId])).toEqual([
      ['IncidentLogged', outage.id],
      ['IncidentNumbered', outage.id],
    ])
  })

  it('leave no report marker for the numbering, and the catch-up still finishes the marker the logging left', async () => {
    const server = new FakeSyncServer()
    const grace = await openDesk('grace', people.grace, server.transportFor(people.grace))
    await synced(grace)
    const aggregates = createReportAggregates(grace.db, DEFAULT_DOMAIN_CONFIG, { yieldBetweenChunks: () => Promise.resolve() })
    await aggregates.build()
    const caughtUp = await logIncident(grace, reports.printerJams)
    await aggregates.catchUp()
    expect(await grace.db.reportDirty.count()).toBe(0)
    // Logged after the last catch-up: its marker names the revision the logging wrote.
    const behind = await logIncident(grace, reports.vpnDrops)
    const marker = await grace.db.reportDirty.get(behind.id)
    expect(marker).toBeDefined()

    await synced(grace)
    // Numbered by the server, and no new marker: the number is in no report figure.
    for (const id of [caughtUp.id, behind.id]) expect((await grace.store.get(id))?.numberIsProvisional).toBe(false)
    expect(await grace.db.reportDirty.toArray()).toEqual([marker])
    const row = (await grace.db.incidents.get(behind.id))!
    expect(marker!.revision).not.toBe(revisionOf(row))

    // The older marker is done once its incident's facts are worked out from what is stored now.
    expect(await aggregates.catchUp()).toBe(1)
    expect(await grace.db.reportDirty.count()).toBe(0)
    expect((await grace.db.reportFacts.get(behind.id))?.revision).toBe(revisionOf(row))
  })
})
