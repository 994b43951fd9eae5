import Dexie from 'dexie'
import type { DomainConfig } from '../../src-shared/config/domainConfig'
import type { DeadlineShift } from '../../src-shared/data/deskDataContract'
import { slaDeadlinesOfTracks } from '../../src-shared/sla/deadlines'
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
 * Chunked, one short transaction each, so commands interleave with a recompute at 100k.
 */
export async function shiftOpenDeadlines(db: IncidentDeskDatabase, config: DomainConfig, nowIso: string, options: DeadlineShiftOptions): Promise<DeadlineShift> {
  // The index holds only rows with a due date: the running clocks.
  const ids = (await db.incidents.where('slaDueAt').aboveOrEqual('').primaryKeys()) as string[]
  const phases = { readMs: 0, computeMs: 0, writeMs: 0 }
  const shift: DeadlineShift = { running: ids.length, moved: 0, breached: 0, phases }
  for (let start = 0; start < ids.length; start += CHUNK) {
    options.signal?.throwIfAborted()
    const chunk = ids.slice(start, start + CHUNK)
    const work = async () => {
      let started = performance.now()
      const records = await db.incidents.bulkGet(chunk)
      // A row keeps its running clock's tracks (records.ts): its deadlines move without its
      // history. Only rows written before the tracks were kept, or stamped ahead of now, read it.
      const projected = records.map((record) => (record?.slaTracks ? slaDeadlinesOfTracks(record.slaTracks, config, nowIso) : undefined))
      const unknown = chunk.filter((_, index) => records[index] && projected[index] === undefined)
      const [bases, histories] = unknown.length > 0 ? await Promise.all([db.incidentBases.bulkGet(unknown), eventsOfIncidents(db, unknown)]) : [[], []]
      const historyAt = new Map(unknown.map((id, index) => [id, index]))
      phases.readMs += performance.now() - started
      started = performance.now()
      const changed: IncidentRecord[] = []
      records.forEach((record, index) => {
        if (!record || record.slaDueAt === null) return
        const at = historyAt.get(record.id)
        const sla = at === undefined ? projected[index]! : holdingsSlaDeadlines({ events: histories[at]!, base: baseOf(record, bases[at]) }, config, nowIso)
        if (sla.clock === record.slaClock && sameInstant(sla.dueAt, record.slaDueAt) && sameWarning(sla.warningAt, record.slaWarningAt, nowIso)) {
          // Unmoved; a row without its tracks gets them once, so the next change needs no history.
          if (at !== undefined && sla.tracks && options.write) changed.push(toRecord(fromRecord(record), sla, record.snapshotSeq ?? null))
          return
        }
        shift.moved += 1
        if (sla.dueAt !== null && sla.dueAt <= nowIso && record.slaDueAt > nowIso) shift.breached += 1
        if (options.write) changed.push(toRecord(fromRecord(record), sla, record.snapshotSeq ?? null))
      })
      phases.computeMs += performance.now() - started
      started = performance.now()
      if (changed.length > 0) {
        markDeadlineOnly(Dexie.currentTransaction!.idbtrans)
        await db.incidents.bulkPut(changed)
      }
      phases.writeMs += performance.now() - started
    }
    if (options.write) await db.transaction('rw', [db.events, db.incidentBases, ...incidentRowTables(db)], work)
    else await db.transaction('r', [db.events, db.incidentBases, db.incidents], work)
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

/** A warning already reached before and after is no move, whichever instant stands for it (deadlines.ts says "now"). */
function sameWarning(a: string | null, b: string | null, nowIso: string): boolean {
  return sameInstant(a, b) || (a !== null && b !== null && a <= nowIso && b <= nowIso)
}
