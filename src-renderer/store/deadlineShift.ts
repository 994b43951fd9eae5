import Dexie from 'dexie'
import type { DomainConfig } from '../../src-shared/config/domainConfig'
import type { DeadlineShift } from '../../src-shared/data/deskDataContract'
import type { IncidentDeskDatabase } from './database'
import { baseOf, holdingsSlaDeadlines } from './fold'
import { eventsOfIncidents, incidentRowTables } from './refold'
import { markDeadlineOnly } from './queueRowsMirror'
import { fromRecord, toRecord, type IncidentRecord } from './records'

/** Incidents per transaction: short enough that a command waiting behind one is not felt. */
const CHUNK = 400

export interface DeadlineShiftOptions {
  /** Write the new deadlines (after a change took effect), or only count (an admin's preview). */
  write: boolean
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
}

/**
 * What a change of the SLA policy or a calendar does to the incidents whose clock runs now: their
 * deadlines under `config`, compared with the ones stored. Counted for the editor's preview
 * ("moves 312 open deadlines; 4 become breached"), or written once the change is in force so the
 * queue's "due soonest" and "breached" views follow it. Only running clocks move: a met, missed or
 * stopped clock belongs to the past and keeps the deadline it had (effective dating).
 *
 * Chunked, each chunk read in one read-only transaction and written in one short write
 * transaction, so commands interleave with a recompute at 100k.
 */
export async function shiftOpenDeadlines(db: IncidentDeskDatabase, config: DomainConfig, nowIso: string, options: DeadlineShiftOptions): Promise<DeadlineShift> {
  // The index holds only rows with a due date: the running clocks.
  const ids = (await db.incidents.where('slaDueAt').aboveOrEqual('').primaryKeys()) as string[]
  const phases = { readMs: 0, computeMs: 0, writeMs: 0 }
  const shift: DeadlineShift = { running: ids.length, moved: 0, breached: 0, phases }
  for (let start = 0; start < ids.length; start += CHUNK) {
    options.signal?.throwIfAborted()
    const chunk = ids.slice(start, start + CHUNK)
    // Read and work out in a read-only transaction, then write in a short one over the incident
    // rows alone: a write transaction that also spans the events would hold back every commit
    // and every reader of those tables (the queue, search) for the whole read.
    let started = performance.now()
    const [records, bases, histories] = await db.transaction('r', [db.events, db.incidentBases, db.incidents], () =>
      Promise.all([db.incidents.bulkGet(chunk), db.incidentBases.bulkGet(chunk), eventsOfIncidents(db, chunk)]),
    )
    phases.readMs += performance.now() - started
    started = performance.now()
    const changed: IncidentRecord[] = []
    records.forEach((record, index) => {
      if (!record || record.slaDueAt === null) return
      const sla = holdingsSlaDeadlines({ events: histories[index]!, base: baseOf(record, bases[index]) }, config, nowIso)
      if (sla.clock === record.slaClock && sameInstant(sla.dueAt, record.slaDueAt) && sameInstant(sla.warningAt, record.slaWarningAt)) return
      shift.moved += 1
      if (sla.dueAt !== null && sla.dueAt <= nowIso && record.slaDueAt > nowIso) shift.breached += 1
      if (options.write) changed.push(toRecord(fromRecord(record), sla, record.snapshotSeq ?? null))
    })
    phases.computeMs += performance.now() - started
    started = performance.now()
    if (changed.length > 0) {
      await db.transaction('rw', incidentRowTables(db), async () => {
        // An incident a command changed since the read has deadlines worked out by that command,
        // with the rules now in force: it is left as it is.
        const now = await db.incidents.bulkGet(changed.map((record) => record.id))
        const unchanged = changed.filter((record, index) => now[index]?.lastEventHlc === record.lastEventHlc && now[index]?.eventCount === record.eventCount)
        markDeadlineOnly(Dexie.currentTransaction!.idbtrans)
        if (unchanged.length > 0) await db.incidents.bulkPut(unchanged)
      })
    }
    phases.writeMs += performance.now() - started
    options.onProgress?.(Math.min(start + CHUNK, ids.length), ids.length)
  }
  return shift
}

/**
 * Equal to the second: business-time arithmetic can land a millisecond apart on the same inputs
 * (the warning at 75 % of a target), which is no change to anyone reading the queue.
 */
function sameInstant(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b
  return Math.abs(Date.parse(a) - Date.parse(b)) < 1_000
}
