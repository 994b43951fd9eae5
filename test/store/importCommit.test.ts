import { describe, expect, it, vi } from 'vitest'
import { unfoldEvents } from '../../src-shared/events/importedEvents'
import { foldEvents } from '../../src-shared/incident/reducer'
import { unpackOutbox } from '../../src-renderer/store/outboxPacks'
import { pendingOutboxCount } from '../../src-renderer/store/queue'
import { fromRecord } from '../../src-renderer/store/records'
import { runReport } from '../../src-renderer/reports/runReport'
import { DEFAULT_DOMAIN_CONFIG } from '../../src-shared/config/domainConfig'
import type { Report } from '../../src-shared/reports/report'
import { imported } from './importedRows'
import { freshDatabase, outlookIncident, snapshot, storeFor } from './storeHarness'

describe('importing incidents with their past', () => {
  it('logs every row with its origin, numbers them in sequence, and queues every event', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    const result = await store.importIncidents([imported(1), imported(2), imported(3)])
    expect(result).toEqual({ ok: true, count: 3 })
    const state = await snapshot(db)
    const byNumber = new Map(state.incidents.map((incident) => [incident.number, incident]))
    expect(byNumber.get('INC0000001')?.origin).toEqual({ system: 'ServiceNow', number: 'INC001001', openedAt: '2024-03-05T13:30:00.000Z', closedAt: null, state: 'New' })
    expect(byNumber.get('INC0000003')?.shortDescription).toBe('Imported incident 3')
    expect(state.incidents.map((incident) => incident.number).sort()).toEqual(['INC0000001', 'INC0000002', 'INC0000003'])
    expect(state.events).toHaveLength(3)
    // Queued as one pack that counts as three pending changes (outboxPacks.ts).
    expect(await pendingOutboxCount(db)).toBe(3)
    // The next incident logged by hand takes the next number.
    const next = await store.logIncident(outlookIncident())
    expect(next.ok && next.incident.number).toBe('INC0000004')
  })

  it('a closed incident keeps its real instants: logged when opened, resolved and closed when the source says, no clock running', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    const row = imported(
      1,
      { assignmentGroup: 'Group 56' },
      { state: 'closed', stateText: 'Closed', assignee: 'Resolver 149', resolvedAt: '2024-03-05T18:10:00.000Z', closedAt: '2024-03-09T12:00:00.000Z', resolutionCode: 'workaround_provided' },
      { priority: 2, reopenCount: 1, reassignmentCount: 3, resolvedAt: '2024-03-05T18:10:00.000Z', closedAt: '2024-03-09T12:00:00.000Z', state: 'Closed' },
    )
    expect(await store.importIncidents([row])).toEqual({ ok: true, count: 1 })
    const [record] = await db.incidents.toArray()
    const incident = fromRecord(record!)
    expect(incident).toMatchObject({
      state: 'closed',
      createdAt: '2024-03-05T13:30:00.000Z',
      resolvedAt: '2024-03-05T18:10:00.000Z',
      closedAt: '2024-03-09T12:00:00.000Z',
      resolutionCode: 'workaround_provided',
      assignee: { displayName: 'Resolver 149' },
      assignmentGroup: 'Group 56',
      // The source's priority, though impact and urgency (Medium × High) give P3 here.
      priority: 2,
      reopenCount: 1,
      reassignmentCount: 3,
    })
    expect(record!.slaDueAt).toBeNull()
    // One event and one outbox entry for the incident and its whole past (not one per step).
    const history = await store.history(incident.id)
    expect(history.map((event) => event.type)).toEqual(['IncidentImported'])
    expect(await db.outbox.count()).toBe(1)
    expect(unfoldEvents(history).map((event) => [event.type, event.occurredAt])).toEqual([
      ['IncidentLogged', '2024-03-05T13:30:00.000Z'],
      ['IncidentAssigned', '2024-03-05T18:10:00.000Z'],
      ['IncidentResolved', '2024-03-05T18:10:00.000Z'],
      ['IncidentClosed', '2024-03-09T12:00:00.000Z'],
    ])
    // The stored incident is what its one event folds to, so a refold changes nothing.
    expect(foldEvents(history)).toEqual(incident)
  })

  it('an open incident keeps its age and owner: In Progress with the source assignee, On Hold waiting on the caller', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    await store.importIncidents([
      imported(1, {}, { state: 'in_progress', stateText: 'Active', assignee: 'Resolver 7', updatedAt: '2024-03-05T14:00:00.000Z' }),
      imported(2, {}, { state: 'on_hold', stateText: 'Awaiting User Info', assignee: null, updatedAt: '2024-03-06T08:00:00.000Z' }),
    ])
    const incidents = (await db.incidents.toArray()).map(fromRecord).sort((a, b) => a.number.localeCompare(b.number))
    expect(incidents[0]).toMatchObject({ state: 'in_progress', createdAt: '2024-03-05T13:30:00.000Z', respondedAt: '2024-03-05T14:00:00.000Z', assignee: { displayName: 'Resolver 7' } })
    expect(incidents[1]).toMatchObject({ state: 'on_hold', holdReason: 'awaiting_caller', assignee: null, respondedAt: '2024-03-06T08:00:00.000Z' })
    // Their resolution clocks ran out in 2024: the warning is as old as the breach, not news at the
    // desk's next SLA check (notificationWatcher reads the warnings crossed since the last check).
    // (The one on hold has no clock running.)
    const records = (await db.incidents.toArray()).sort((a, b) => a.number.localeCompare(b.number))
    expect(records.map((record) => [record.slaDueAt, record.slaWarningAt])).toEqual([
      ['2024-03-12T13:30:00.000Z', '2024-03-12T13:30:00.000Z'],
      [null, null],
    ])
  })

  it('writes in batches with progress after each', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    const progress: number[] = []
    const rows = Array.from({ length: 1001 }, (_, index) => imported(index))
    expect(await store.importIncidents(rows, { onProgress: (done) => progress.push(done) })).toEqual({ ok: true, count: 1001 })
    expect(progress).toEqual([500, 1000, 1001])
    expect(await db.incidents.count()).toBe(1001)
  })

  it('a Stop after the first batch leaves nothing behind: no incident, event, outbox entry or number', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    const before = await snapshot(db)
    const controller = new AbortController()
    const rows = Array.from({ length: 1200 }, (_, index) => imported(index))
    const result = await store.importIncidents(rows, { signal: controller.signal, onProgress: () => controller.abort() })
    expect(result).toEqual({ ok: false, canceled: true })
    const after = await snapshot(db)
    expect([after.incidents.length, after.events.length, after.outbox.length]).toEqual([0, 0, 0])
    expect(after.meta).toEqual(before.meta)
  })

  it('imports nothing when row N is refused', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    const before = await snapshot(db)
    const rows = [imported(1), imported(2), imported(3, { shortDescription: '   ' }), imported(4)]
    const result = await store.importIncidents(rows)
    expect(result).toEqual({ ok: false, canceled: false, index: 2, refusal: expect.objectContaining({ code: 'missing_field' }) })
    const after = await snapshot(db)
    expect([after.incidents.length, after.events.length, after.outbox.length]).toEqual([0, 0, 0])
    expect(after.meta).toEqual(before.meta)
    const next = await store.logIncident(outlookIncident())
    expect(next.ok && next.incident.number).toBe('INC0000001')
  })

  it('imports nothing when what it would write has an envelope the server would refuse', async () => {
    const db = freshDatabase()
    // A name longer than the server takes: the packed event is checked before anything is written.
    const { store } = storeFor(db, { userId: 'u-admin', displayName: 'N'.repeat(201), role: 'admin' })
    const result = await store.importIncidents([imported(1), imported(2)])
    expect(result).toMatchObject({ ok: false, canceled: false, index: 0, refusal: { code: 'invalid_field' } })
    const after = await snapshot(db)
    expect([after.incidents.length, after.events.length, after.outbox.length]).toEqual([0, 0, 0])
  })

  it('imports nothing when the disk fails part-way', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    const real = db.events.bulkAdd.bind(db.events)
    let calls = 0
    const spy = vi.spyOn(db.events, 'bulkAdd').mockImplementation(((...args: Parameters<typeof real>) => {
      calls += 1
      if (calls === 2) return Promise.reject(new Error('QuotaExceededError'))
      return real(...args)
    }) as typeof real)
    const result = await store.importIncidents(Array.from({ length: 700 }, (_, index) => imported(index)))
    spy.mockRestore()
    expect(result).toMatchObject({ ok: false, canceled: false, refusal: { code: 'storage_failed' } })
    const after = await snapshot(db)
    expect([after.incidents.length, after.events.length, after.outbox.length]).toEqual([0, 0, 0])
    expect(await db.outboxPacks.count()).toBe(0)
  })

  it('queues a batch’s events as one pack in their place: written out later, they come before every change made after the import', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    const before = await store.logIncident(outlookIncident({ shortDescription: 'Logged before the import' }))
    expect(await store.importIncidents(Array.from({ length: 1_001 }, (_, index) => imported(index)))).toEqual({ ok: true, count: 1001 })
    const after = await store.logIncident(outlookIncident({ shortDescription: 'Logged after the import' }))
    if (!before.ok || !after.ok) throw new Error('setup failed')
    // Three batches: three packs, besides the two incidents logged by hand.
    expect(await db.outbox.count()).toBe(5)
    expect(await db.outboxPacks.count()).toBe(3)
    expect(await pendingOutboxCount(db)).toBe(1_003)

    expect(await unpackOutbox(db)).toBe(1_001)
    expect(await db.outboxPacks.count()).toBe(0)
    const entries = await db.outbox.orderBy(':id').toArray()
    expect(entries.every((entry) => entry.status === 'pending')).toBe(true)
    expect(await pendingOutboxCount(db)).toBe(1_003)
    // Commit order, the order a push sends: before, the import's events as written, after.
    const events = await db.events.bulkGet(entries.map((entry) => entry.eventId))
    expect(events.map((event) => event?.incidentId)).toEqual(entries.map((entry) => entry.incidentId))
    const byHlc = [...events].sort((a, b) => (a!.hlc < b!.hlc ? -1 : 1))
    expect(events.map((event) => event!.id)).toEqual(byHlc.map((event) => event!.id))
    expect(entries[0]!.incidentId).toBe(before.incident.id)
    expect(entries.at(-1)!.incidentId).toBe(after.incident.id)
    expect(new Set(entries.map((entry) => entry.incidentId)).size).toBe(1_003)
    // Nothing left to write out the second time.
    expect(await unpackOutbox(db)).toBe(0)
  })

  it('reports place imported incidents at their real dates, with their real resolution times', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db, { userId: 'u-admin', displayName: 'Ada Admin', role: 'admin' })
    const hours = (count: number) => count * 3_600_000
    const closedAfter = (index: number, openedAt: string, resolvedAfter: number, impact: 1 | 2 | 3, reassignmentCount: number) => {
      const resolvedAt = new Date(Date.parse(openedAt) + resolvedAfter).toISOString()
      const closedAt = new Date(Date.parse(openedAt) + resolvedAfter + hours(24)).toISOString()
      return imported(
        index,
        { impact, urgency: 2 },
        { state: 'closed', stateText: 'Closed', resolvedAt, closedAt },
        { openedAt, resolvedAt, closedAt, state: 'Closed', ...(reassignmentCount ? { reassignmentCount } : {}) },
      )
    }
    await store.importIncidents([
      // Medium × Medium is P3; High × Medium is P2.
      closedAfter(1, '2016-03-02T08:00:00.000Z', hours(1), 2, 0),
      closedAfter(2, '2016-03-03T08:00:00.000Z', hours(3), 2, 1),
      closedAfter(3, '2016-03-04T08:00:00.000Z', hours(2), 1, 0),
      closedAfter(4, '2016-03-07T08:00:00.000Z', hours(8), 2, 0),
    ])
    const viewer = { userId: 'u-admin', displayName: 'Ada Admin', role: 'admin' as const }
    const reportOver = (from: string, to: string) => runReport(db, { range: { from, to }, nowIso: '2026-03-02T09:00:00.000Z', config: DEFAULT_DOMAIN_CONFIG, viewer })
    const figure = (report: Report, id: string) => report.figures.find((entry) => entry.id === id)!.value
    const march = await reportOver('2016-03-01T00:00:00.000Z', '2016-04-01T00:00:00.000Z')
    expect(figure(march, 'logged')).toBe(4)
    expect(figure(march, 'resolved')).toBe(4)
    expect(figure(march, 'backlog')).toBe(0)
    expect(figure(march, 'mttr')).toBe(hours(14) / 4)
    expect(figure(march, 'reassignmentRate')).toBe(1 / 4)
    const row = (label: string) => march.tables.priority.rows.find((cells) => cells[0] === label)!
    // P3: 1 h, 3 h and 8 h (mean 4 h, median 3 h); P2: 2 h.
    expect(row('P3 Moderate')).toEqual(['P3 Moderate', 3, 3 / 4, 3, hours(4), hours(3)])
    expect(row('P2 High')).toEqual(['P2 High', 1, 1 / 4, 1, hours(2), hours(2)])
    // The day they were imported adds nothing: they were not logged then.
    const importDay = await reportOver('2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z')
    expect([figure(importDay, 'logged'), figure(importDay, 'resolved'), figure(importDay, 'backlog')]).toEqual([0, 0, 0])
  })
})
