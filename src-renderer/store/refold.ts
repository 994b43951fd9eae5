import type { DomainConfig } from '../../src-shared/config/domainConfig'
import type { StoredEvent } from '../../src-shared/events/events'
import { countStateChanges, type StateChange, type StateCounts } from './counters'
import type { IncidentDeskDatabase } from './database'
import { baseOf, eventsAfterBase, foldHoldings, holdingsSlaDeadlines } from './fold'
import { META_KEYS, readMeta, writeMeta } from './meta'
import { toRecord, type IncidentBase, type IncidentRecord } from './records'

/** What a write to `incidents` must open with it: its queue row and its report marker (queueRowsMirror.ts). */
export function incidentRowTables(db: IncidentDeskDatabase) {
  return [db.incidents, db.queueRows, db.reportDirty]
}

/** Every table a command or a sync step writes: one transaction over all of them, or nothing. */
export function storeTables(db: IncidentDeskDatabase) {
  // The outbox packs' table where the schema has it: tests open older versions on purpose.
  return [db.events, db.incidents, db.outbox, ...(db.outboxPacks ? [db.outboxPacks] : []), db.meta, db.incidentBases, ...incidentRowTables(db)]
}

/** One incident's stored events, in clock order. */
export function eventsOfIncident(db: IncidentDeskDatabase, incidentId: string): Promise<StoredEvent[]> {
  return db.events.where('[incidentId+hlc]').between([incidentId, ''], [incidentId, '\uffff']).toArray()
}

/**
 * The stored events of each of `incidentIds` (in their order), each in clock order: one range
 * read per incident, all issued at once in one read transaction (or the caller's). Not an
 * `anyOf` over the index: Dexie walks that with a cursor that seeks key by key, and in Chromium,
 * over 530k events, it took 24 s to read the histories of 5,600 incidents; these reads took 1.5 s.
 */
export function eventsOfIncidents(db: IncidentDeskDatabase, incidentIds: readonly string[]): Promise<StoredEvent[][]> {
  return db.transaction('r', db.events, () => Promise.all(incidentIds.map((incidentId) => eventsOfIncident(db, incidentId))))
}

export interface RefoldContext {
  config: DomainConfig
  nowIso: string
  provisionalNumbering: boolean
}

/**
 * Rebuilds the projection rows of `incidentIds` from what the desk holds (base and events) and
 * writes them, deleting rows that no longer fold to anything (a revoked incident, a discarded
 * creation). SLA deadlines are recomputed the way a command's commit computes them. Returns each
 * incident's state before and after, for the counters.
 *
 * Must run inside the caller's read-write transaction over {@link storeTables}, so the rows, the
 * events they fold and the counters change together.
 */
/** One refolded incident: its state before and after, undefined where it had or has no row. */
export interface RefoldedIncident extends StateChange {
  incidentId: string
}

export async function refoldIncidents(
  db: IncidentDeskDatabase,
  incidentIds: Iterable<string>,
  context: RefoldContext,
  /** Incidents whose base the caller's transaction just wrote, before their rows name it (a snapshot onto a desk with incidents). */
  basesJustWritten: ReadonlySet<string> = new Set(),
): Promise<RefoldedIncident[]> {
  const ids = [...new Set(incidentIds)]
  if (ids.length === 0) return []
  const [records, histories] = await Promise.all([db.incidents.bulkGet(ids), Promise.all(ids.map((id) => eventsOfIncident(db, id)))])
  // A stored base always goes with a row that names its snapshot (toRecord's snapshotSeq), so only
  // those rows, and ids without one, are looked up: most desks fold every incident from its events,
  // and each lookup is a request to IndexedDB (10,000 of them when a push's numbers come back).
  const mayHaveBase = ids.filter((id, index) => records[index] === undefined || (records[index]!.snapshotSeq ?? null) !== null || basesJustWritten.has(id))
  const found = await db.incidentBases.bulkGet(mayHaveBase)
  const bases = new Map(mayHaveBase.map((id, index) => [id, found[index]]))
  const stored = ids.map((id) => bases.get(id))
  const puts: IncidentRecord[] = []
  const deletes: string[] = []
  const copiedOut: IncidentBase[] = []
  const changes: RefoldedIncident[] = []
  ids.forEach((id, index) => {
    const before = records[index]
    const base = baseOf(before, stored[index])
    const holdings = { events: histories[index]!, base }
    const incident = foldHoldings(holdings, context)
    // The row is about to carry more than its snapshot: keep the snapshot apart first.
    if (base && !stored[index] && eventsAfterBase(holdings.events, base).length > 0) copiedOut.push(base)
    if (incident) puts.push(toRecord(incident, holdingsSlaDeadlines(holdings, context.config, context.nowIso), base?.throughSeq ?? null))
    else if (before) deletes.push(id)
    changes.push({ incidentId: id, before: before?.state, after: incident?.state })
  })
  await Promise.all([db.incidents.bulkPut(puts), db.incidents.bulkDelete(deletes), db.incidentBases.bulkPut(copiedOut)])
  return changes
}

/** What the desk holds of one incident, for views that fold or list it themselves (the activity timeline). */
export async function readIncidentHoldings(
  db: IncidentDeskDatabase,
  incidentId: string,
): Promise<{ record: IncidentRecord | undefined; events: StoredEvent[]; base: IncidentBase | undefined }> {
  const [record, events, stored] = await Promise.all([db.incidents.get(incidentId), eventsOfIncident(db, incidentId), db.incidentBases.get(incidentId)])
  return { record, events, base: baseOf(record, stored) }
}

/** Applies state changes to the kept counters; inside the same transaction as the changes. */
export async function updateStateCounts(db: IncidentDeskDatabase, changes: readonly StateChange[]): Promise<void> {
  if (changes.every((change) => change.before === change.after)) return
  const current = await readMeta<StateCounts>(db, META_KEYS.stateCounts)
  await writeMeta(db, META_KEYS.stateCounts, countStateChanges(current, changes))
}
