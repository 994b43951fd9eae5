/**
 * THE CONVERGENCE PROPERTY (DESIGN §4): several desks work offline, sync in any order over a
 * network that loses answers and delivers things twice, the server restarts midway; once
 * everyone has synced until nothing moves, every desk and the server tell the same story.
 *
 * What it guards against, each a way offline-first sync goes wrong:
 * - lost events: a push whose answer is lost, a connection dropped between pull pages, a desk
 *   or a server restarted mid-flight; every event a desk wrote reaches the server, unless the
 *   server refused it and a person discarded it;
 * - doubled events: a push delivered twice, a pull page replayed, a retried push of events the
 *   server already has; each event id is in every log once, with one server sequence;
 * - divergent folds: pending local events folded in a different place on different desks, a
 *   snapshot base plus later events not equal to the full fold, a desk that keeps an incident
 *   it may no longer see (recategorized as Security) or misses one it may see again;
 * - desk bookkeeping drifting from the truth: projection ≠ fold of what the desk holds, kept
 *   counters ≠ a recount, an outbox holding events the server already sequenced.
 *
 * Runs against the real server: PGlite in process, and a real PostgreSQL with two server
 * instances sharing it, the desks split between them (the concurrent case: the log's gap-safe
 * cursor and the append lock are what keeps them in step). Each run starts from an empty
 * database (TRUNCATE, not a new PGlite) and fresh desks.
 *
 * A desk outside the security group may log an incident straight into Security (whoever finds a
 * breach reports it); once pushed, the server lists it in that desk's `revoked` and the desk
 * drops its copy, as it does for an incident moved into Security later.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StoredEvent } from '../../src-shared/events/events'
import { INCIDENT_ACTIONS, type Command, type IncidentAction } from '../../src-shared/incident/commands'
import type { Incident } from '../../src-shared/incident/incident'
import { foldEvents } from '../../src-shared/incident/reducer'
import type { Actor } from '../../src-shared/incident/roles'
import { canSee } from '../../src-shared/incident/visibility'
import { SECURITY_CATEGORY } from '../../src-shared/incident/vocabulary'
import { ALL_PEOPLE, DEFAULT_START, exampleCommand, HOUR, MINUTE, people, personRef, reports, type Report } from '../fixtures/incidents'
import { eventsOf, expectConsistent, incidentsOf, openDesk, type TestDesk } from './deskHarness'
import { faulty, type Fault, type FaultyTransport, type Route } from './faultyTransport'
import { backendAvailable, startRealServer, type RealSyncServer, type ServerBackend } from './realServer'

/** A field technician, an L1 agent, an incident manager and a security analyst: four roles, four views. */
const DESK_PEOPLE: readonly Actor[] = [people.tomas, people.grace, people.sofia, people.priya]
const REPORTS: readonly Report[] = [reports.printerJams, reports.vpnDrops, reports.outlookPassword, reports.emailOutage, reports.cardReader, reports.phishingClick]
/** Lifecycle actions, plus moving an incident into and out of Security (what changes who may see it). */
const ACTIONS = [...INCIDENT_ACTIONS, 'secure', 'unsecure'] as const
type Action = (typeof ACTIONS)[number]

const FAULTS: readonly { route: Route; faults: (Fault | null)[] }[] = [
  { route: 'push', faults: ['lose-answer'] },
  { route: 'push', faults: ['deliver-twice'] },
  { route: 'pull', faults: [null, 'replay-previous'] },
  { route: 'pull', faults: [null, 'drop'] },
  { route: 'snapshot', faults: [null, 'drop'] },
]

type Step =
  | { kind: 'log'; desk: number; report: number }
  | { kind: 'act'; desk: number; pick: number; actions: Action[]; other: number }
  | { kind: 'sync'; desk: number; fault: number | null }
  | { kind: 'restartServer' }
  | { kind: 'restartDesk'; desk: number }
  | { kind: 'wait'; desk: number; hours: number }

const desk = fc.nat(DESK_PEOPLE.length - 1)
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('log' as const), desk, report: fc.nat(REPORTS.length - 1) }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('act' as const),
      desk,
      pick: fc.nat(20),
      // A person tries what they meant to do, and if the desk refuses, the next thing on their list.
      actions: fc.array(fc.constantFrom<Action>(...ACTIONS, 'secure', 'unsecure'), { minLength: 1, maxLength: 4 }),
      other: fc.nat(20),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), desk, fault: fc.option(fc.nat(FAULTS.length - 1), { freq: 2 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restartServer' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restartDesk' as const), desk }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), desk, hours: fc.integer({ min: 1, max: 6 }) }) },
)
/** Device clocks disagree by up to three hours either way: the canonical order must not care. */
const skewArbitrary = fc.array(fc.integer({ min: -180, max: 180 }), { minLength: DESK_PEOPLE.length, maxLength: DESK_PEOPLE.length })

interface Run {
  server: RealSyncServer
  desks: TestDesk[]
  transports: FaultyTransport[]
  /** Every event a desk committed, by id. */
  created: Map<string, StoredEvent>
  discarded: Set<string>
}

function commandFor(action: Action, incident: Incident, others: readonly Incident[], other: number): Command | null {
  switch (action) {
    case 'secure':
      return incident.isSecurity ? null : { action: 'categorize', incidentId: incident.id, category: SECURITY_CATEGORY, subcategory: 'suspicious activity' }
    case 'unsecure':
      return incident.isSecurity ? { action: 'categorize', incidentId: incident.id, category: 'software', subcategory: 'email' } : null
    case 'assign':
      // To someone on one of the desks, so field technicians get work of their own.
      return { action: 'assign', incidentId: incident.id, assignmentGroup: 'Service Desk', assignee: personRef(DESK_PEOPLE[other % DESK_PEOPLE.length]!) }
    case 'link': {
      const target = others.filter((candidate) => candidate.id !== incident.id)[other % Math.max(1, others.length - 1)]
      return target ? exampleCommand('link', incident, { targetIncidentId: target.id }) : null
    }
    default:
      return exampleCommand(action as IncidentAction, incident)
  }
}

async function perform(run: Run, step: Step): Promise<void> {
  switch (step.kind) {
    case 'log': {
      const target = run.desks[step.desk]!
      const report = REPORTS[step.report]!
      const result = await target.store.logIncident(report)
      if (result.ok) for (const event of result.events) run.created.set(event.id, event)
      return
    }
    case 'act': {
      const target = run.desks[step.desk]!
      const incidents = await incidentsOf(target)
      const incident = incidents[step.pick % Math.max(1, incidents.length)]
      if (!incident) return
      // Failing all that, a work note: the commonest thing anyone does.
      for (const action of [...step.actions, 'addWorkNote' as const]) {
        const command = commandFor(action, incident, incidents, step.other)
        if (!command) continue
        // Refusals are part of the game: the desk decides on what it knows.
        const result = await target.store.execute(command)
        if (!result.ok) continue
        for (const event of result.events) run.created.set(event.id, event)
        return
      }
      return
    }
    case 'sync': {
      if (step.fault !== null) {
        const { route, faults } = FAULTS[step.fault]!
        run.transports[step.desk]!.inject(route, ...faults)
      }
      // A round may fail on an injected fault; what it did before stays done.
      await run.desks[step.desk]!.engine.syncOnce()
      // A fault meant for a second page that never came does not linger into later rounds.
      run.transports[step.desk]!.clear()
      return
    }
    case 'restartServer':
      await run.server.restart()
      return
    case 'restartDesk':
      await run.desks[step.desk]!.restart()
      return
    case 'wait':
      run.desks[step.desk]!.clock.nowMs += step.hours * HOUR
      return
  }
}

/** Every desk syncs, round after round, until a round moves nothing anywhere. */
async function settle(run: Run): Promise<void> {
  for (let round = 0; round < 12; round++) {
    let moved = false
    for (const target of run.desks) {
      const report = await target.engine.syncOnce()
      if (!report.ok) throw new Error(`${target.name} could not sync while settling: ${report.failure.message}`)
      const { pushed, pulled, snapshot, histories } = report
      moved ||= pushed.accepted + pushed.duplicate + pulled.events + pulled.revoked + snapshot.incidents + histories > 0
    }
    if (!moved) return
  }
  throw new Error('The desks did not settle within 12 rounds.')
}

async function checkConverged(run: Run): Promise<void> {
  const serverEvents = await run.server.events()
  const serverIncidents = await run.server.incidents()

  // The server: one sequence per event, each id once, its projection the fold of its log.
  const ids = serverEvents.map((item) => item.event.id)
  expect(new Set(ids).size, 'no event doubled on the server').toBe(ids.length)
  expect(serverEvents.every((item, index) => index === 0 || item.seq > serverEvents[index - 1]!.seq)).toBe(true)
  for (const incident of serverIncidents) {
    const own = serverEvents.filter((item) => item.event.incidentId === incident.id).map((item) => ({ ...item.event, serverSeq: item.seq }))
    expect(foldEvents(own), `server projection of ${incident.number}`).toEqual(incident)
  }

  // Nothing lost: every event a desk wrote is on the server, unless refused and discarded.
  const onServer = new Set(ids)
  for (const [id, event] of run.created) {
    if (run.discarded.has(id)) expect(onServer.has(id), `discarded ${event.type} ${id} must not be on the server`).toBe(false)
    else expect(onServer.has(id), `${event.type} ${id} by ${event.actor.displayName} reached the server`).toBe(true)
  }

  for (const target of run.desks) {
    await expectConsistent(target)
    const visible = serverIncidents.filter((incident) => canSee(target.actor, incident))
    expect(await incidentsOf(target), `${target.name} shows what the server shows them`).toEqual(visible)
    const visibleIds = new Set(visible.map((incident) => incident.id))
    const expected = serverEvents.filter((item) => visibleIds.has(item.event.incidentId)).map((item) => [item.event.id, item.seq] as const)
    const held = (await eventsOf(target)).map((event) => [event.id, event.serverSeq] as const)
    expect(new Map(held), `${target.name} holds the same log, with the same sequences`).toEqual(new Map(expected))
    expect(await target.db.outbox.count(), `${target.name} has nothing left to push`).toBe(0)
  }
}

/**
 * The start of the day: everyone logs what came in first thing, and the desks in `morningSync`
 * (in that order) sync before going their ways; the others stay offline until the steps say so.
 */
function morning(morningSync: readonly number[]): Step[] {
  return [
    ...DESK_PEOPLE.map((_, index): Step => ({ kind: 'log', desk: index, report: index })),
    ...morningSync.map((index): Step => ({ kind: 'sync', desk: index, fault: null })),
  ]
}

async function play(server: RealSyncServer, steps: readonly Step[], skews: readonly number[]): Promise<void> {
  await server.reset(ALL_PEOPLE)
  const transports = DESK_PEOPLE.map((actor, index) => faulty(server.transportFor(actor, index)))
  const desks = await Promise.all(
    DESK_PEOPLE.map((actor, index) =>
      openDesk(actor.userId, actor, transports[index]!, {
        startMs: Date.parse(DEFAULT_START) + skews[index]! * MINUTE,
        // Small batches and pages, so a handful of events already spans several of them.
        limits: { pushEvents: 3, pullPage: 3, snapshotPage: 2 },
      }),
    ),
  )
  const run: Run = { server, desks, transports, created: new Map(), discarded: new Set() }
  try {
    for (const step of steps) await perform(run, step)
    await settle(run)
    // People look at the outbox problems and give up what the server refused.
    for (const target of desks) {
      for (const problem of await target.engine.refusedEvents()) {
        expect(await target.engine.discardRefusedEvent(problem.eventId)).toEqual({ ok: true })
        run.discarded.add(problem.eventId)
      }
    }
    await settle(run)
    // Opening every incident brings its whole history, so logs compare event by event.
    for (const target of desks) {
      for (const incident of await incidentsOf(target)) {
        const loaded = await target.engine.loadIncidentHistory(incident.id)
        if (!loaded.ok) throw new Error(`${target.name} could not load ${incident.number}: ${loaded.failure.message}`)
      }
    }
    await checkConverged(run)
  } finally {
    for (const target of desks) target.close()
  }
}

const SETUP_TIMEOUT_MS = 120_000

describe.each<[ServerBackend, number]>([
  ['pglite', 20],
  ['postgres', 10],
])('convergence of desks and server (%s)', (backend, numRuns) => {
  if (!backendAvailable(backend)) {
    it.skip('PostgreSQL is not installed: `apt-get install postgresql` to run the concurrent case.', () => {})
    return
  }
  let server: RealSyncServer
  beforeAll(async () => {
    server = await startRealServer(backend)
  }, SETUP_TIMEOUT_MS)
  afterAll(() => server?.close(), SETUP_TIMEOUT_MS)

  it(
    'every desk and the server end identical, nothing lost, nothing doubled',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.shuffledSubarray(DESK_PEOPLE.map((_, index) => index)),
          fc.array(stepArbitrary, { minLength: 15, maxLength: 40, size: 'max' }),
          skewArbitrary,
          (morningSync, steps, skews) => play(server, [...morning(morningSync), ...steps], skews),
        ),
        { numRuns },
      )
    },
    300_000,
  )
})
