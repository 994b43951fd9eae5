/**
 * Desks for sync tests: each one its own fake-indexeddb database, device, person and clock,
 * with the store and the sync engine the app would build on it. A desk can be "restarted"
 * (database closed and opened again, store and engine rebuilt) to prove that only what was
 * committed survives.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { expect } from 'vitest'
import { DEFAULT_DOMAIN_CONFIG } from '../../src-shared/config/domainConfig'
import type { StoredEvent } from '../../src-shared/events/events'
import { newId } from '../../src-shared/events/ids'
import type { Command } from '../../src-shared/incident/commands'
import type { Incident } from '../../src-shared/incident/incident'
import type { Actor } from '../../src-shared/incident/roles'
import { IncidentDeskDatabase } from '../../src-renderer/store/database'
import { createIncidentStore, type LocalIncidentStore, type LogIncidentInput } from '../../src-renderer/store/incidentStore'
import { fromRecord } from '../../src-renderer/store/records'
import type { DeskSession } from '../../src-renderer/store/session'
import { readStateCounts, recountStates } from '../../src-renderer/store/counters'
import { createSyncContext, type SyncContext, type SyncLimits } from '../../src-renderer/sync/context'
import { enterServerNumbering } from '../../src-renderer/sync/join'
import { createSyncEngine, type SyncEngine } from '../../src-renderer/sync/syncEngine'
import type { SyncReport } from '../../src-renderer/sync/report'
import type { SyncTransport } from '../../src-renderer/sync/transport'
import { DEFAULT_START } from '../fixtures/incidents'

export interface DeskClock {
  nowMs: number
}

export interface TestDesk {
  readonly name: string
  readonly actor: Actor
  readonly session: DeskSession
  readonly clock: DeskClock
  readonly db: IncidentDeskDatabase
  readonly store: LocalIncidentStore
  readonly engine: SyncEngine
  /** The engine's context, for tests of one step (pull only, push only). */
  readonly context: SyncContext
  readonly transport: SyncTransport
  /** Closes the database and opens it again with a new store and engine: what survives is what was committed. */
  restart(): Promise<void>
  close(): void
}

export interface DeskOptions {
  deviceId?: string
  startMs?: number
  limits?: Partial<SyncLimits>
  /** A desk that has not joined a server yet: it numbers incidents itself until its first sync. */
  standalone?: boolean
}

/** A desk signed in to the server (numbering provisionally, as the app switches it at sign-in), unless `standalone`. */
export async function openDesk(name: string, actor: Actor, transport: SyncTransport, options: DeskOptions = {}): Promise<TestDesk> {
  const desk = buildDesk(name, actor, transport, options)
  if (!options.standalone) await enterServerNumbering(desk.db)
  return desk
}

function buildDesk(name: string, actor: Actor, transport: SyncTransport, options: DeskOptions): TestDesk {
  const databaseName = `sync-${name}-${newId()}`
  const session: DeskSession = { deviceId: options.deviceId ?? `desk-${name}-${newId().slice(-6)}`, actor }
  // Each read of the clock moves it on a second, so events of one desk never share a wall time.
  const clock: DeskClock = { nowMs: options.startMs ?? Date.parse(DEFAULT_START) }
  const now = () => (clock.nowMs += 1000)
  const build = () => {
    const db = new IncidentDeskDatabase(databaseName, undefined, { indexedDB, IDBKeyRange })
    const engineOptions = { deviceId: session.deviceId, now, config: DEFAULT_DOMAIN_CONFIG, ...(options.limits ? { limits: options.limits } : {}) }
    return {
      db,
      store: createIncidentStore(db, session, { now }),
      engine: createSyncEngine(db, transport, engineOptions),
      context: createSyncContext(db, transport, engineOptions),
    }
  }
  let parts = build()
  return {
    name,
    actor,
    session,
    clock,
    transport,
    get db() {
      return parts.db
    },
    get store() {
      return parts.store
    },
    get engine() {
      return parts.engine
    },
    get context() {
      return parts.context
    },
    async restart() {
      parts.db.close()
      parts = build()
      await parts.db.open()
    },
    close() {
      parts.db.close()
    },
  }
}

export async function logIncident(desk: TestDesk, input: LogIncidentInput): Promise<Incident> {
  const result = await desk.store.logIncident(input)
  if (!result.ok) throw new Error(`${desk.name} could not log: ${result.refusal.message}`)
  return result.incident
}

export async function run(desk: TestDesk, command: Command): Promise<Incident[]> {
  const result = await desk.store.execute(command)
  if (!result.ok) throw new Error(`${desk.name} could not ${command.action}: ${result.refusal.code} ${result.refusal.message}`)
  return result.incidents
}

export async function synced(desk: TestDesk): Promise<SyncReport> {
  const report = await desk.engine.syncOnce()
  if (!report.ok) throw new Error(`${desk.name} could not sync: ${report.failure.kind} in ${report.failure.phase}: ${report.failure.message}`)
  return report
}

/** The desk's projection as the UI reads it (local-only queue keys and SLA deadlines left out). */
export async function incidentsOf(desk: TestDesk): Promise<Incident[]> {
  return (await desk.db.incidents.toArray()).map(fromRecord).sort((a, b) => a.id.localeCompare(b.id))
}

export async function eventsOf(desk: TestDesk): Promise<StoredEvent[]> {
  return (await desk.db.events.toArray()).sort((a, b) => a.id.localeCompare(b.id))
}

/** Invariants every desk keeps whatever happened: projection = fold, counters = recount. */
export async function expectConsistent(desk: TestDesk): Promise<void> {
  for (const incident of await incidentsOf(desk)) {
    expect(await desk.store.rebuild(incident.id), `${desk.name}: ${incident.number} is the fold of what the desk holds`).toEqual(incident)
  }
  const kept = await readStateCounts(desk.db)
  expect(await recountStates(desk.db), `${desk.name}: kept counters match a recount`).toEqual(kept)
  const outbox = await desk.db.outbox.toArray()
  const events = await desk.db.events.bulkGet(outbox.map((entry) => entry.eventId))
  expect(events.every((event) => event !== undefined && event.serverSeq === undefined), `${desk.name}: the outbox holds only unsequenced events`).toBe(true)
}
