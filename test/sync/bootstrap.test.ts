import { describe, expect, it } from 'vitest'
import { DEFAULT_DOMAIN_CONFIG } from '../../src-shared/config/domainConfig'
import { slaDeadlines } from '../../src-shared/sla/deadlines'
import { readStateCounts } from '../../src-renderer/store/counters'
import { META_KEYS, readMeta } from '../../src-renderer/store/meta'
import { people, reports } from '../fixtures/incidents'
import { eventsOf, expectConsistent, incidentsOf, logIncident, openDesk, run, synced } from './deskHarness'
import { FakeSyncServer } from './fakeServer'
import { faulty } from './faultyTransport'

/** A server where Grace has logged and worked five incidents. */
async function busyServer() {
  const server = new FakeSyncServer()
  const grace = await openDesk('grace', people.grace, server.transportFor(people.grace))
  const ids: string[] = []
  for (const report of [reports.printerJams, reports.vpnDrops, reports.outlookPassword, reports.emailOutage, reports.cardReader]) {
    ids.push((await logIncident(grace, report)).id)
  }
  await run(grace, { action: 'acknowledge', incidentId: ids[0]! })
  await run(grace, { action: 'hold', incidentId: ids[0]!, reason: 'awaiting_vendor' })
  await run(grace, { action: 'resume', incidentId: ids[0]! })
  await run(grace, { action: 'addWorkNote', incidentId: ids[1]!, text: 'Collected the client logs.' })
  await run(grace, { action: 'resolve', incidentId: ids[2]!, resolutionCode: 'user_error', resolutionNotes: 'Caps Lock was on.' })
  await synced(grace)
  return { server, grace, ids }
}

describe('the first sync of a new desk', () => {
  it('starts from the snapshot without writing a single event, then follows the log', async () => {
    const { server, grace, ids } = await busyServer()
    const dmitri = await openDesk('dmitri', people.dmitri, server.transportFor(people.dmitri), { limits: { snapshotPage: 2 } })

    const report = await synced(dmitri)
    expect(report.snapshot).toEqual({ incidents: 5, pages: 3 })
    expect(await dmitri.db.events.count()).toBe(0)
    // One write per incident: each row is its own snapshot base until something lands on top.
    expect(await dmitri.db.incidentBases.count()).toBe(0)
    expect((await dmitri.db.incidents.toArray()).map((record) => record.snapshotSeq)).toEqual(Array(5).fill(server.events().length))
    expect(await incidentsOf(dmitri)).toEqual(server.visibleIncidents(people.dmitri))
    expect(await readMeta(dmitri.db, META_KEYS.syncCursor)).toBe(String(server.events().length))
    expect(await readStateCounts(dmitri.db)).toMatchObject({ new: 3, in_progress: 1, resolved: 1 })
    // Running clocks have deadlines from the first moment, so the "due soonest" view works.
    expect((await dmitri.db.incidents.get(ids[3]!))?.slaDueAt).not.toBeNull()

    await run(grace, { action: 'addWorkNote', incidentId: ids[3]!, text: 'Gateway certificate expired.' })
    await synced(grace)
    await synced(dmitri)
    expect(await dmitri.db.events.count()).toBe(1)
    // The pulled note landed on top of the snapshot, which was kept apart first.
    expect(await dmitri.db.incidentBases.get(ids[3]!)).toMatchObject({ throughSeq: Number(report.cursor) })
    expect(await incidentsOf(dmitri)).toEqual(server.visibleIncidents(people.dmitri))
    await expectConsistent(dmitri)
  })

  it('folds its own commands on a snapshot incident on top of the base, and they reach everyone', async () => {
    const { server, grace, ids } = await busyServer()
    const dmitri = await openDesk('dmitri', people.dmitri, server.transportFor(people.dmitri))
    await synced(dmitri)
    const before = await dmitri.store.get(ids[1]!)
    const [noted] = await run(dmitri, { action: 'addWorkNote', incidentId: ids[1]!, text: 'Split tunnelling misconfigured.' })
    expect(noted?.workNoteCount).toBe(2)
    // The snapshot under the new note is kept apart, in the command's own transaction.
    expect(await dmitri.db.incidentBases.get(ids[1]!)).toEqual({ incidentId: ids[1], incident: before, throughSeq: server.events().length })
    // A clock-moving command on a base: the deadlines come from the base and the new event, not from nothing.
    await run(dmitri, { action: 'acknowledge', incidentId: ids[1]! })
    expect((await dmitri.db.incidents.get(ids[1]!))?.slaDueAt).not.toBeNull()
    await expectConsistent(dmitri)

    await synced(dmitri)
    await synced(grace)
    expect(await incidentsOf(dmitri)).toEqual(server.visibleIncidents(people.dmitri))
    expect(await incidentsOf(grace)).toEqual(server.visibleIncidents(people.grace))
  })

  it('resumes an interrupted snapshot at the next page, counting nothing twice', async () => {
    const { server } = await busyServer()
    const transport = faulty(server.transportFor(people.dmitri))
    const dmitri = await openDesk('dmitri', people.dmitri, transport, { limits: { snapshotPage: 2 } })
    transport.inject('snapshot', null, 'drop')
    const cut = await dmitri.engine.syncOnce()
    expect(cut).toMatchObject({ ok: false, failure: { kind: 'offline', phase: 'snapshot' }, snapshot: { incidents: 2, pages: 1 } })
    expect(await readMeta(dmitri.db, META_KEYS.syncCursor)).toBeUndefined()

    await dmitri.restart()
    const report = await synced(dmitri)
    expect(report.snapshot).toEqual({ incidents: 3, pages: 2 })
    expect(await incidentsOf(dmitri)).toEqual(server.visibleIncidents(people.dmitri))
    expect(await readStateCounts(dmitri.db)).toMatchObject({ new: 3, in_progress: 1, resolved: 1 })
    await expectConsistent(dmitri)
  })

  it("fetches an incident's older events when it is opened, and folds it from them from then on", async () => {
    const { server, ids } = await busyServer()
    const dmitri = await openDesk('dmitri', people.dmitri, server.transportFor(people.dmitri))
    await synced(dmitri)
    const before = await dmitri.store.get(ids[0]!)

    const loaded = await dmitri.engine.loadIncidentHistory(ids[0]!)
    expect(loaded).toEqual({ ok: true, incident: before, events: server.events().filter((item) => item.event.incidentId === ids[0]).length })
    expect(await dmitri.db.incidentBases.get(ids[0]!)).toBeUndefined()
    expect((await dmitri.db.incidents.get(ids[0]!))?.snapshotSeq).toBeNull()
    const history = await dmitri.store.history(ids[0]!)
    expect(history.map((event) => event.type)).toEqual([
      'IncidentLogged',
      'IncidentNumbered',
      'IncidentAcknowledged',
      'IncidentPutOnHold',
      'IncidentResumed',
    ])
    // With the whole history the deadlines are exact: the hold no longer counts against the clock.
    const record = await dmitri.db.incidents.get(ids[0]!)
    const exact = slaDeadlines(history, DEFAULT_DOMAIN_CONFIG, new Date(dmitri.clock.nowMs).toISOString())
    expect(record?.slaDueAt).toBe(exact.dueAt)
    await expectConsistent(dmitri)

    const missing = await dmitri.engine.loadIncidentHistory('01950000-0000-7000-8000-000000000000')
    expect(missing).toMatchObject({ ok: false, failure: { kind: 'rejected', phase: 'history', status: 404 } })
    expect(await eventsOf(dmitri)).toHaveLength(history.length)
  })
})
