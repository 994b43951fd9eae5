/**
 * Reports from per-day aggregates (src-renderer/reports/dayAggregates.ts) must give exactly the
 * figures of the full fold (computeReport over every history): on random histories, for random
 * ranges of whole days, taken before, during and after them, for a viewer who sees security
 * incidents and one who does not; after the aggregates were built, and again after more events
 * arrived and the change markers were caught up.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_DOMAIN_CONFIG } from '../../src-shared/config/domainConfig'
import { INCIDENT_ACTIONS, type IncidentAction } from '../../src-shared/incident/commands'
import { foldEvents } from '../../src-shared/incident/reducer'
import type { Actor } from '../../src-shared/incident/roles'
import type { IncidentHistory } from '../../src-shared/reports/incidentFacts'
import { rangeForPreset, reportTimeZone } from '../../src-shared/reports/range'
import { computeReport, type Report } from '../../src-shared/reports/report'
import { formatInstant } from '../../src-shared/sla/calendar'
import { NO_SLA_DEADLINES } from '../../src-shared/sla/deadlines'
import { createReportAggregates } from '../../src-renderer/reports/dayAggregates'
import type { IncidentDeskDatabase } from '../../src-renderer/store/database'
import { shiftOpenDeadlines } from '../../src-renderer/store/deadlineShift'
import { toRecord } from '../../src-renderer/store/records'
import { incidentRowTables } from '../../src-renderer/store/refold'
import { advance, createDesk, DAY, exampleCommand, HOUR, MINUTE, people, reports, type Desk } from '../fixtures/incidents'
import { freshDatabase, outlookIncident, storeFor, watchTableReads } from '../store/storeHarness'

const ZONE = reportTimeZone(DEFAULT_DOMAIN_CONFIG)
const MANAGER: Actor = people.sofia
const AGENT: Actor = people.grace
/** Actions a random history picks from: every lifecycle step that changes a figure, and a few that do not. */
const ACTIONS = INCIDENT_ACTIONS.filter((action): action is IncidentAction => !['link', 'recordReview', 'attach'].includes(action))
const REPORTS = Object.values(reports)

/** A step of a random desk: which incident acts, what it does, and how long after the previous step. */
const stepArbitrary = fc.record({
  incident: fc.nat(),
  action: fc.constantFrom(...ACTIONS),
  waitMs: fc.oneof(fc.integer({ min: 1, max: 90 }).map((m) => m * MINUTE), fc.integer({ min: 1, max: 30 }).map((h) => h * HOUR), fc.integer({ min: 1, max: 4 }).map((d) => d * DAY)),
})

type RandomStep = typeof stepArbitrary extends fc.Arbitrary<infer T> ? T : never

interface RandomDesk {
  desk: Desk
  ids: string[]
}

function logIncidents(desk: Desk, count: number, seed: number): string[] {
  const ids: string[] = []
  for (let index = 0; index < count; index++) {
    const report = REPORTS[(seed + index) % REPORTS.length]!
    const securityOne = (seed + index) % 5 === 0
    ids.push(desk.log(securityOne ? { ...report, category: 'security', subcategory: null } : report, MANAGER).id)
    advance(desk.clock, ((seed * 7 + index * 13) % 40) * HOUR)
  }
  return ids
}

function runSteps(random: RandomDesk, steps: readonly RandomStep[]): void {
  for (const step of steps) {
    advance(random.desk.clock, step.waitMs)
    const incident = random.desk.get(random.ids[step.incident % random.ids.length]!)
    random.desk.attempt(exampleCommand(step.action, incident), MANAGER)
  }
}

function historiesOf(desk: Desk): IncidentHistory[] {
  const byIncident = new Map<string, IncidentHistory>()
  for (const event of desk.events) {
    const history = byIncident.get(event.incidentId) ?? { incidentId: event.incidentId, events: [] }
    ;(history.events as typeof desk.events).push(event)
    byIncident.set(event.incidentId, history)
  }
  return [...byIncident.values()]
}

/** Writes what the desk holds into the store as a command's commit would: events, then the projection rows (which mark the reports). */
async function store(db: IncidentDeskDatabase, desk: Desk): Promise<void> {
  await db.events.bulkPut(desk.events.map((event) => ({ ...event })))
  const records = historiesOf(desk).map((history) => toRecord(foldEvents(history.events)!, NO_SLA_DEADLINES))
  await db.transaction('rw', incidentRowTables(db), () => db.incidents.bulkPut(records))
}

const withoutRead = (report: Report) => ({ ...report, incidentsRead: null })

async function expectSameAsFold(db: IncidentDeskDatabase, desk: Desk, range: { fromDate: string; toDate: string }, nowMs: number): Promise<void> {
  const aggregates = createReportAggregates(db, DEFAULT_DOMAIN_CONFIG, { chunkSize: 3, yieldBetweenChunks: () => Promise.resolve() })
  await aggregates.build()
  for (const viewer of [MANAGER, AGENT]) {
    const options = { range: rangeForPreset('custom', formatInstant(nowMs), ZONE, range), nowIso: formatInstant(nowMs), config: DEFAULT_DOMAIN_CONFIG, viewer }
    const fromAggregates = await aggregates.report(options)
    expect(fromAggregates, 'a whole-day range is answered from the aggregates').not.toBeNull()
    expect(withoutRead(fromAggregates!)).toEqual(withoutRead(computeReport(historiesOf(desk), options)))
  }
}

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)

describe('reports from per-day aggregates', () => {
  it('equal the full fold on random histories, ranges and report moments, before and after more events arrive', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.array(stepArbitrary, { maxLength: 30 }),
        fc.array(stepArbitrary, { maxLength: 12 }),
        fc.integer({ min: -3, max: 25 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: -2 * 24, max: 40 * 24 }),
        async (count, seed, steps, laterSteps, fromOffsetDays, lengthDays, nowOffsetHours) => {
          const db = freshDatabase()
          const desk = createDesk()
          const start = desk.clock.nowMs
          const random = { desk, ids: logIncidents(desk, count, seed) }
          runSteps(random, steps)
          await store(db, desk)
          const fromMs = start + fromOffsetDays * DAY
          const range = { fromDate: dateOf(fromMs), toDate: dateOf(fromMs + lengthDays * DAY) }
          const nowMs = Math.max(desk.clock.nowMs, start + nowOffsetHours * HOUR)
          await expectSameAsFold(db, desk, range, nowMs)
          // More events after the build: markers, then a catch-up, and the figures still agree.
          runSteps(random, laterSteps)
          await store(db, desk)
          await expectSameAsFold(db, desk, range, Math.max(nowMs, desk.clock.nowMs))
          db.close()
        },
      ),
      { numRuns: 40 },
    )
  }, 120_000)
})

function loggedOk<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`The store refused to log the incident: ${JSON.stringify(result)}`)
  return result as Extract<T, { ok: true }>
}

describe('keeping the aggregates up with the store', () => {
  const config = DEFAULT_DOMAIN_CONFIG
  const thisWeek = (nowIso: string) => ({ range: rangeForPreset('last7', nowIso, ZONE), nowIso, config, viewer: MANAGER })

  async function allHistories(db: IncidentDeskDatabase): Promise<IncidentHistory[]> {
    const events = await db.events.toArray()
    return historiesOf({ events } as unknown as Desk)
  }

  it('is not marked by a recompute of running deadlines, which changes nothing a report reads; the queue rows follow it', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db, MANAGER)
    const logged = loggedOk(await store.logIncident(outlookIncident()))
    await createReportAggregates(db, config).build()
    expect(await db.reportDirty.count()).toBe(0)
    const before = (await db.incidents.get(logged.incident.id))!
    // Every target doubled: the running clock's deadline comes later.
    const doubled = { ...config, slaPolicy: Object.fromEntries(Object.entries(config.slaPolicy).map(([priority, targets]) => [priority, { ...targets, responseMinutes: targets.responseMinutes * 2, resolutionMinutes: targets.resolutionMinutes * 2 }])) as typeof config.slaPolicy }
    const shift = await shiftOpenDeadlines(db, doubled, logged.incident.createdAt, { write: true })
    expect(shift).toMatchObject({ running: 1, moved: 1 })
    const after = (await db.incidents.get(logged.incident.id))!
    expect(after.slaDueAt).not.toBe(before.slaDueAt)
    expect((await db.queueRows.get(logged.incident.id))?.slaDueMs).toBe(Date.parse(after.slaDueAt!))
    expect(await db.reportDirty.count()).toBe(0)
  })

  it('learns of a commit through its marker, written in the commit, and shows it after a catch-up', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db, MANAGER)
    const logged = loggedOk(await store.logIncident(outlookIncident()))
    const aggregates = createReportAggregates(db, config)
    await aggregates.build()
    expect(await db.reportDirty.count()).toBe(0)
    await store.execute({ action: 'resolve', incidentId: logged.incident.id, resolutionCode: 'workaround_provided', resolutionNotes: 'Reset the profile.' })
    expect(await db.reportDirty.toArray()).toEqual([expect.objectContaining({ incidentId: logged.incident.id })])
    const nowIso = '2026-03-03T12:00:00.000Z'
    const report = await aggregates.report(thisWeek(nowIso))
    expect(await db.reportDirty.count()).toBe(0)
    expect(report!.figures.find((figure) => figure.id === 'resolved')!.value).toBe(1)
    expect(withoutRead(report!)).toEqual(withoutRead(computeReport(await allHistories(db), thisWeek(nowIso))))
    // Settled now: its figures are in the day sums, not in the live set.
    expect(await db.reportFacts.where('live').equals(1).count()).toBe(0)
    expect(await db.reportDays.count()).toBeGreaterThan(0)
  })

  it('learns of a write of several incidents through one marker naming them, and refreshes every one of them', async () => {
    const db = freshDatabase()
    const desk = createDesk()
    const random = { desk, ids: logIncidents(desk, 5, 3) }
    const aggregates = createReportAggregates(db, config, { chunkSize: 2, yieldBetweenChunks: () => Promise.resolve() })
    await aggregates.build()
    runSteps(random, [{ incident: 1, action: 'resolve', waitMs: HOUR }, { incident: 3, action: 'escalate', waitMs: HOUR }])
    // The five written at once, as an import batch or a pulled page writes them.
    await store(db, desk)
    const markers = await db.reportDirty.toArray()
    expect(markers).toEqual([expect.objectContaining({ incidentId: expect.stringMatching(/^\+/), incidentIds: expect.arrayContaining(random.ids) })])
    expect(markers[0]!.incidentIds).toHaveLength(5)
    // A later write to one of them leaves its own marker, which the catch-up handles too.
    runSteps(random, [{ incident: 1, action: 'close', waitMs: HOUR }])
    await store(db, { ...desk, events: desk.events.filter((event) => event.incidentId === random.ids[1]) } as Desk)
    expect(await db.reportDirty.count()).toBe(2)
    // Refreshing the five reads that one as it is now, which clears its own marker too.
    expect(await aggregates.catchUp()).toBe(5)
    expect(await db.reportDirty.count()).toBe(0)
    expect(await db.reportFacts.count()).toBe(5)
    const nowIso = formatInstant(desk.clock.nowMs)
    const options = { range: rangeForPreset('last30', nowIso, ZONE), nowIso, config, viewer: MANAGER }
    expect(withoutRead((await aggregates.report(options))!)).toEqual(withoutRead(computeReport(historiesOf(desk), options)))
  })

  it('reads the live incidents ahead of the first report, and a report after it equals the fold even when another window wrote meanwhile', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db, MANAGER)
    const logged = [1, 2, 3].map(async (index) => loggedOk(await store.logIncident(outlookIncident({ shortDescription: `Printer ${index} jams` }))))
    const [first] = await Promise.all(logged)
    await createReportAggregates(db, config).build()
    const nowIso = '2026-03-03T12:00:00.000Z'

    // Read ahead with nothing written meanwhile: the report answers from what was read.
    const quiet = createReportAggregates(db, config)
    await quiet.prepare()
    expect(withoutRead((await quiet.report(thisWeek(nowIso)))!)).toEqual(withoutRead(computeReport(await allHistories(db), thisWeek(nowIso))))

    // Another window resolves an incident and catches its facts up while this one is reading ahead.
    let wrote = false
    const reading = createReportAggregates(db, config, {
      liveRowsPerRead: 1,
      yieldBetweenChunks: async () => {
        if (wrote) return
        wrote = true
        await store.execute({ action: 'resolve', incidentId: first!.incident.id, resolutionCode: 'workaround_provided', resolutionNotes: 'Reset the profile.' })
        await createReportAggregates(db, config).catchUp()
      },
    })
    await reading.prepare()
    expect(wrote).toBe(true)
    const report = await reading.report(thisWeek(nowIso))
    expect(report!.figures.find((figure) => figure.id === 'resolved')!.value).toBe(1)
    expect(withoutRead(report!)).toEqual(withoutRead(computeReport(await allHistories(db), thisWeek(nowIso))))
  })

  it('keeps what it read ahead when only its own catch-up wrote meanwhile, with those writes laid over it', async () => {
    const db = freshDatabase()
    // Counts the reads of the live rows as a whole (what a report does when nothing was read ahead).
    let wholeLiveReads = 0
    watchTableReads(db, 'reportFacts', (index) => void (index === 'live' && (wholeLiveReads += 1)))
    const { store } = storeFor(db, MANAGER)
    const logged = await Promise.all([1, 2, 3].map(async (index) => loggedOk(await store.logIncident(outlookIncident({ shortDescription: `Printer ${index} jams` })))))
    await createReportAggregates(db, config).build()
    const nowIso = '2026-03-03T12:00:00.000Z'

    let wrote = false
    const aggregates: ReturnType<typeof createReportAggregates> = createReportAggregates(db, config, {
      liveRowsPerRead: 1,
      yieldBetweenChunks: async () => {
        if (wrote) return
        wrote = true
        // This window's own commit and catch-up, between two slices of the read-ahead.
        await store.execute({ action: 'resolve', incidentId: logged[0]!.incident.id, resolutionCode: 'workaround_provided', resolutionNotes: 'Reset the profile.' })
        await aggregates.catchUp()
      },
    })
    await aggregates.prepare()
    expect(wrote).toBe(true)
    const report = await aggregates.report(thisWeek(nowIso))
    expect(wholeLiveReads).toBe(0)
    expect(report!.figures.find((figure) => figure.id === 'resolved')!.value).toBe(1)
    expect(withoutRead(report!)).toEqual(withoutRead(computeReport(await allHistories(db), thisWeek(nowIso))))
  })

  it('resumes an interrupted build where it stopped, and gives the fold until it is complete', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db, MANAGER)
    for (let index = 0; index < 7; index++) await store.logIncident(outlookIncident({ shortDescription: `Printer ${index} jams` }))
    const nowIso = '2026-03-03T12:00:00.000Z'
    const controller = new AbortController()
    const first = createReportAggregates(db, config, { chunkSize: 3, yieldBetweenChunks: () => Promise.resolve() })
    await expect(first.build({ signal: controller.signal, onProgress: () => controller.abort() })).rejects.toThrow()
    expect(await first.report(thisWeek(nowIso))).toBeNull()
    const progress: number[] = []
    const second = createReportAggregates(db, config, { chunkSize: 3, yieldBetweenChunks: () => Promise.resolve() })
    await second.build({ onProgress: (done) => progress.push(done) })
    // The first build went through 3 incidents; the second does the other 4.
    expect(progress).toEqual([3, 4])
    const report = await second.report(thisWeek(nowIso))
    expect(report!.figures.find((figure) => figure.id === 'logged')!.value).toBe(7)
  })

  it('starts over when the incidents are cleared, and answers only ranges of whole days', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db, MANAGER)
    await store.logIncident(outlookIncident())
    const aggregates = createReportAggregates(db, config)
    await aggregates.build()
    await db.transaction('rw', [db.events, ...incidentRowTables(db)], async () => {
      await db.events.clear()
      await db.incidents.clear()
    })
    const nowIso = '2026-03-03T12:00:00.000Z'
    const report = await aggregates.report(thisWeek(nowIso))
    expect(report!.figures.find((figure) => figure.id === 'logged')!.value).toBe(0)
    expect(await db.reportFacts.count()).toBe(0)
    const partDay = { ...thisWeek(nowIso), range: { from: '2026-03-01T06:00:00.000Z', to: '2026-03-03T00:00:00.000Z' } }
    expect(await aggregates.report(partDay)).toBeNull()
  })

  it('refuses a write to incidents in a transaction that would leave the reports behind', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db, MANAGER)
    const logged = loggedOk(await store.logIncident(outlookIncident()))
    const record = await db.incidents.get(logged.incident.id)
    await expect(db.transaction('rw', db.incidents, db.queueRows, () => db.incidents.put({ ...record!, shortDescription: 'Changed' }))).rejects.toThrow(
      'without the reportDirty table',
    )
    expect((await db.incidents.get(logged.incident.id))!.shortDescription).toBe(record!.shortDescription)
  })
})
