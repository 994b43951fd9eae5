import type { SnapshotPage, SyncCursor } from '../../src-shared/sync/protocol'
import { isCreation } from '../../src-shared/events/importedEvents'
import type { StateChange } from '../store/counters'
import { holdingsSlaDeadlines } from '../store/fold'
import { META_KEYS, readMeta, writeMeta } from '../store/meta'
import { toRecord, type IncidentBase } from '../store/records'
import { refoldIncidents, storeTables, updateStateCounts, type RefoldContext } from '../store/refold'
import { notify, refoldContext, sequenceOfCursor, type SyncContext } from './context'
import type { SyncCounts, SyncProgress } from './report'
import { forgetIncident } from './serverEvents'
import { callTransport, protocolViolation } from './transport'

/** Where an unfinished first sync stands, kept in meta so a crash resumes at the next page. */
export interface SnapshotProgress {
  /** The `after` of the next page to fetch. */
  after: string | null
  /** The earliest cursor of the pages written so far: pulling starts there. */
  cursor: SyncCursor | null
  incidents: number
  /**
   * Incidents the desk held before the snapshot (a standalone desk that joined) that no page has
   * listed yet. Those still unlisted at the end, though the server holds their creation, are
   * ones this account may not see (logged as Security): they go, as a pull's `revoked` would
   * make them go, since no pull will ever mention them.
   */
  unlisted: string[]
}

/**
 * A desk that has never synced starts from the server's snapshot of the incidents it may see
 * (DESIGN §2, §3): one projection row and one base per incident, no events, because writing
 * half a million events would make a first sync take minutes. Older events come when an
 * incident is opened (history.ts).
 *
 * Each page is one transaction (rows, bases, counters and the progress), so a crash resumes
 * where it stopped and writes nothing twice. Pages may be taken at different log positions; each
 * incident's base remembers its page's position, and pulling starts from the earliest one, so
 * events between two pages' positions are folded into the incidents that need them and skipped
 * by the ones whose snapshot already has them.
 */
export async function bootstrapFromSnapshot(context: SyncContext, counts: SyncCounts, onProgress?: (progress: SyncProgress) => void): Promise<void> {
  const { db } = context
  if ((await readMeta<SyncCursor>(db, META_KEYS.syncCursor)) !== undefined) return
  // A desk that holds nothing takes the fast path: the snapshot rows are the projection as they are.
  // Pages hold disjoint incidents, so what one page writes never meets another's.
  const empty = (await db.events.toCollection().first()) === undefined && (await db.incidents.toCollection().first()) === undefined
  let progress = (await readMeta<SnapshotProgress>(db, META_KEYS.snapshotProgress)) ?? {
    after: null,
    cursor: null,
    incidents: 0,
    unlisted: empty ? [] : await db.incidents.toCollection().primaryKeys(),
  }
  const refold = await refoldContext(context)
  notify(onProgress, { phase: 'snapshot', done: progress.incidents })
  for (;;) {
    const page = await callTransport(() => context.transport.snapshot(progress.after, context.limits.snapshotPage))
    const throughSeq = sequenceOfCursor(page.cursor)
    if (page.nextAfter !== null && page.nextAfter === progress.after) {
      throw protocolViolation(`the snapshot page after ${String(progress.after)} did not move on.`)
    }
    const listed = new Set(page.incidents.map((incident) => incident.id))
    const next: SnapshotProgress = {
      after: page.nextAfter,
      cursor: progress.cursor === null || sequenceOfCursor(progress.cursor) > throughSeq ? page.cursor : progress.cursor,
      incidents: progress.incidents + page.incidents.length,
      unlisted: progress.unlisted.filter((id) => !listed.has(id)),
    }
    await db.transaction('rw', storeTables(db), async () => {
      const changes = await writePage(context, page, throughSeq, empty, refold)
      if (next.after === null) {
        changes.push(...(await forgetUnlisted(context, next.unlisted, sequenceOfCursor(next.cursor!), refold)))
        await Promise.all([writeMeta(db, META_KEYS.syncCursor, next.cursor), db.meta.delete(META_KEYS.snapshotProgress)])
      } else {
        await writeMeta(db, META_KEYS.snapshotProgress, next)
      }
      await updateStateCounts(db, changes)
    })
    progress = next
    counts.snapshot.incidents += page.incidents.length
    counts.snapshot.pages += 1
    notify(onProgress, { phase: 'snapshot', done: progress.incidents })
    if (page.nextAfter === null) return
  }
}

async function writePage(context: SyncContext, page: SnapshotPage, throughSeq: number, empty: boolean, refold: RefoldContext): Promise<StateChange[]> {
  const { db } = context
  const byId = new Map(page.incidents.map((incident) => [incident.id, incident]))
  const bases: IncidentBase[] = [...byId.values()].map((incident) => ({ incidentId: incident.id, incident, throughSeq }))
  if (!empty) {
    // The desk has incidents of its own (a standalone desk that joined): fold each base with
    // whatever the desk holds, its pending events on top.
    await db.incidentBases.bulkPut(bases)
    return refoldIncidents(db, byId.keys(), refold, new Set(byId.keys()))
  }
  // One write per incident: the row is its own base until something is folded on top (IncidentBase).
  const records = bases.map((base) => toRecord(base.incident, holdingsSlaDeadlines({ events: [], base }, context.config, refold.nowIso), throughSeq))
  await db.incidents.bulkPut(records)
  return records.map((record) => ({ before: undefined, after: record.state }))
}

/** Forgets the incidents the snapshot left out although the server sequenced their creation before it. */
async function forgetUnlisted(context: SyncContext, unlisted: readonly string[], cursorSeq: number, refold: RefoldContext): Promise<StateChange[]> {
  const { db } = context
  if (unlisted.length === 0) return []
  const creations = await db.events
    .where('incidentId')
    .anyOf(unlisted)
    .filter((event) => isCreation(event) && event.serverSeq !== undefined && event.serverSeq <= cursorSeq)
    .toArray()
  const hidden = creations.map((event) => event.incidentId)
  for (const incidentId of hidden) await forgetIncident(db, incidentId)
  return refoldIncidents(db, hidden, refold)
}
