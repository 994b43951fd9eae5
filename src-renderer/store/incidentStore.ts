import { DEFAULT_DOMAIN_CONFIG, type DomainConfig } from '../../src-shared/config/domainConfig'
import type { EventDraft, IncidentEvent, StoredEvent } from '../../src-shared/events/events'
import type { HlcTimestamp } from '../../src-shared/events/hlc'
import { newId } from '../../src-shared/events/ids'
import { CommandRefused, stampEvents } from './stampEvents'
import { importIncidents, type ImportIncidentsOptions } from './importIncidents'
import type { ImportRow } from '../../src-shared/csv/importRows'
import type { CommandResult, ImportIncidentsResult, LogIncidentInput, LogIncidentResult, StoreRefusal } from '../../src-shared/data/deskDataContract'
import type { Command } from '../../src-shared/incident/commands'
import type { Incident } from '../../src-shared/incident/incident'
import { decide, relatedIncidentIds } from '../../src-shared/incident/lifecycle'
import { applyEvent } from '../../src-shared/incident/reducer'
import { affectsSla, NO_SLA_DEADLINES } from '../../src-shared/sla/deadlines'
import { countStateChanges, type StateCounts } from './counters'
import type { IncidentDeskDatabase } from './database'
import { baseOf, foldHoldings, holdingsSlaDeadlines } from './fold'
import { META_KEYS } from './meta'
import { allocateIncidentNumber, readNumberingMode } from './numbering'
import { fromRecord, pendingOutboxEntry, slaDeadlinesOf, toRecord, type IncidentBase, type IncidentRecord, type OutboxEntry } from './records'
import { eventsOfIncident, readIncidentHoldings, storeTables } from './refold'
import type { DeskSession } from './session'
import { refusal } from '../../src-shared/incident/refusal'

export type { CommandResult, ImportIncidentsResult, LogIncidentInput, LogIncidentResult, StoreRefusal }

export interface IncidentStoreOptions {
  /** The rules commands are decided with; a function when they can change while the store is open (a pulled configuration). */
  config?: DomainConfig | (() => DomainConfig)
  /** Milliseconds since the epoch; tests pass a fixed clock. */
  now?: () => number
}

export interface IncidentStore {
  /** Runs one workflow step as one transaction: event, projection, outbox and counters, or nothing. */
  execute(command: Command): Promise<CommandResult>
  /** Logs a new incident, allocating its id and number in the same transaction. */
  logIncident(input: LogIncidentInput): Promise<LogIncidentResult>
  get(incidentId: string): Promise<Incident | undefined>
  /**
   * The incident's events in clock order: its audit trail. On a desk that started from the
   * server's snapshot, older events arrive when the incident is opened (SyncEngine.loadIncidentHistory).
   */
  history(incidentId: string): Promise<StoredEvent[]>
  /** Refolds an incident from what the desk holds of it; the projection must always equal this. */
  rebuild(incidentId: string): Promise<Incident | undefined>
}

/**
 * The store as the data worker holds it: the commands every page calls, and the CSV import,
 * which only the worker runs (import/importSessions.ts holds the file next to it).
 */
export interface LocalIncidentStore extends IncidentStore {
  /**
   * Logs a CSV import's rows with their past (importIncidents.ts): each incident as its source
   * left it, dated by the source. One transaction, written in batches: all or nothing.
   */
  importIncidents(rows: readonly ImportRow[], options?: ImportIncidentsOptions): Promise<ImportIncidentsResult>
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined
}


export function createIncidentStore(db: IncidentDeskDatabase, session: DeskSession, options: IncidentStoreOptions = {}): LocalIncidentStore {
  const given = options.config ?? DEFAULT_DOMAIN_CONFIG
  const currentConfig = typeof given === 'function' ? given : () => given
  const now = options.now ?? Date.now

  function stamp(drafts: readonly EventDraft[], lastClock: HlcTimestamp | null, occurredAt?: string): { events: IncidentEvent[]; clock: HlcTimestamp | null } {
    return stampEvents(drafts, lastClock, { session, nowMs: now(), occurredAt })
  }

  /**
   * Projection rows for the changed incidents. SLA deadlines are recomputed from the incident's
   * whole history only when one of the new events can move a clock; a work note keeps them.
   */
  async function recordsWithSla(
    changed: readonly Incident[],
    events: readonly IncidentEvent[],
    previous: Readonly<Record<string, IncidentRecord | undefined>>,
  ): Promise<{ records: IncidentRecord[]; copiedOut: IncidentBase[] }> {
    const nowIso = new Date(now()).toISOString()
    const eventsOf = (id: string) => events.filter((event) => event.incidentId === id)
    const copiedOut: IncidentBase[] = []
    const records = await Promise.all(
      changed.map(async (incident) => {
        const prior = previous[incident.id]
        // A snapshot-bootstrapped incident: its early events are not here, its base stands in for
        // them. The first event folded on top is the moment to keep the base apart (IncidentBase).
        const partial = prior?.snapshotSeq !== undefined && prior.snapshotSeq !== null
        const stored = partial ? await db.incidentBases.get(incident.id) : undefined
        const base = baseOf(prior, stored)
        if (base && !stored) copiedOut.push(base)
        let sla = prior ? slaDeadlinesOf(prior) : NO_SLA_DEADLINES
        if (affectsSla(eventsOf(incident.id))) {
          const history = await historyOf(incident.id)
          sla = holdingsSlaDeadlines({ events: [...history, ...eventsOf(incident.id)], base }, currentConfig(), nowIso)
        }
        return toRecord(incident, sla, base?.throughSeq ?? null)
      }),
    )
    return { records, copiedOut }
  }

  function historyOf(incidentId: string): Promise<StoredEvent[]> {
    return eventsOfIncident(db, incidentId)
  }

  /**
   * The body of every command's transaction. Reads happen in two batches and all writes in one:
   * IndexedDB commits a transaction as soon as it has no pending request, so long chains of
   * awaits between requests risk a premature commit (Dexie issue #1186).
   */
  /** `occurredAt`: the step happened earlier than now (a re-import dates it as its source did). */
  async function commit(command: Command, occurredAt?: string): Promise<{ events: IncidentEvent[]; incidents: Incident[] }> {
    const [current, clockEntry, countsEntry] = await Promise.all([
      db.incidents.get(command.incidentId),
      db.meta.get(META_KEYS.clock),
      db.meta.get(META_KEYS.stateCounts),
    ])
    const incident = current ? fromRecord(current) : undefined
    const relatedRecords = await db.incidents.bulkGet(relatedIncidentIds(command, incident))
    const related = new Map<string, Incident>()
    for (const record of relatedRecords) if (record) related.set(record.id, fromRecord(record))

    const decision = decide(incident, command, {
      actor: session.actor,
      now: occurredAt ?? new Date(now()).toISOString(),
      config: currentConfig(),
      related: (id) => related.get(id),
    })
    if (!decision.ok) throw new CommandRefused(decision.refusal)

    const { events, clock } = stamp(decision.events, (clockEntry?.value as HlcTimestamp | undefined) ?? null, occurredAt)
    const before = new Map<string, Incident | undefined>([[command.incidentId, incident], ...related])
    const after = new Map(before)
    for (const event of events) {
      const folded = applyEvent(after.get(event.incidentId), event)
      if (!folded) throw new Error(`Event ${event.type} has no incident to apply to.`)
      after.set(event.incidentId, folded)
    }
    const changed = [...after.entries()].filter(([id, value]) => value && value !== before.get(id)).map(([, value]) => value!)
    const { records, copiedOut } = await recordsWithSla(changed, events, {
      [command.incidentId]: current,
      ...Object.fromEntries(relatedRecords.filter(isDefined).map((record) => [record.id, record])),
    })
    const counts = countStateChanges(
      countsEntry?.value as StateCounts | undefined,
      changed.map((value) => ({ before: before.get(value.id)?.state, after: value.state })),
    )

    const queuedAt = new Date(now()).toISOString()
    await Promise.all([
      db.events.bulkAdd(events),
      db.incidents.bulkPut(records),
      db.incidentBases.bulkPut(copiedOut),
      db.outbox.bulkAdd(
        events.map(
          (event): OutboxEntry => pendingOutboxEntry(event.id, event.incidentId, queuedAt),
        ),
      ),
      db.meta.bulkPut([
        { key: META_KEYS.clock, value: clock },
        { key: META_KEYS.stateCounts, value: counts },
      ]),
    ])
    return { events, incidents: changed }
  }

  async function inTransaction<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; refusal: StoreRefusal }> {
    try {
      const value = await db.transaction('rw', storeTables(db), work)
      return { ok: true, value }
    } catch (error) {
      if (error instanceof CommandRefused) return { ok: false, refusal: error.refusal }
      const reason = error instanceof Error ? error.message : String(error)
      return { ok: false, refusal: refusal('storage_failed', 'storageFailed', { detail: reason }) }
    }
  }

  return {
    async execute(command) {
      const result = await inTransaction(() => commit(command))
      return result.ok ? { ok: true, ...result.value } : result
    },

    async logIncident(input) {
      const result = await inTransaction(async () => {
        const allocated = await allocateIncidentNumber(db, session.deviceId)
        return commit({ ...input, ...allocated, action: 'log', incidentId: newId() })
      })
      if (!result.ok) return result
      return { ok: true, incident: result.value.incidents[0]!, events: result.value.events }
    },

    importIncidents(rows, importOptions) {
      return importIncidents(db, { session, config: currentConfig(), now, commitStep: (command, at) => commit(command, at) }, rows, importOptions)
    },

    async get(incidentId) {
      const record = await db.incidents.get(incidentId)
      return record ? fromRecord(record) : undefined
    },

    history: historyOf,

    async rebuild(incidentId) {
      const [{ events, base }, mode] = await Promise.all([readIncidentHoldings(db, incidentId), readNumberingMode(db)])
      return foldHoldings({ events, base }, { provisionalNumbering: mode === 'provisional' })
    },
  }
}
