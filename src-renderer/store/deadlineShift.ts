import Dexie from 'dexie'
import type { DomainConfig } from '../../src-shared/config/domainConfig'
import type { DeadlineShift } from '../../src-shared/data/deskDataContract'
import { slaDeadlinesOfTracks } from '../../src-shared/sla/deadlines'
import type { IncidentDeskDatabase } from './database'
import { baseOf, holdingsSlaDeadlines } from './fold'
import { eventsOfIncidents, incidentRowTables } from './refold'
import { EVERY_WRITE, markReportNeutral } from './queueRowsMirror'
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

  /**
   * One chunk in one transaction. A row keeps its running clock's tracks (records.ts), so its
   * deadlines move without its history, in a transaction that leaves the event log alone (a
   * report catch-up reading events goes on beside it). Rows written before the tracks were kept,
   * or stamped ahead of now, are left out here and returned, for a pass that reads their history.
   */
  const shiftChunk = async (chunk: readonly string[], withHistory: boolean): Promise<string[]> => {
    const work = async (): Promise<string[]> => {
      let started = performance.now()
      const records = await db.incidents.bulkGet(chunk as string[])
      const projected = records.map((record) => (record?.slaTracks ? slaDeadlinesOfTracks(record.slaTracks, config, nowIso) : undefined))
      const untracked = chunk.filter((_, index) => records[index] && projected[index] === undefined)
      // Without the history, an untracked row is left for the pass that reads it.
      if (!withHistory) projected.forEach((sla, index) => sla === undefined && records.splice(index, 1, undefined))
      const [bases, histories] = withHistory && untracked.length > 0 ? await Promise.all([db.incidentBases.bulkGet(untracked), eventsOfIncidents(db, untracked)]) : [[], []]
      const historyAt = new Map(withHistory ? untracked.map((id, index) => [id, index]) : [])
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
        // Deadline fields only: no report figure changes (queueRowsMirror.ts).
        markReportNeutral(Dexie.currentTransaction!.idbtrans, EVERY_WRITE)
        await db.incidents.bulkPut(changed)
      }
      phases.writeMs += performance.now() - started
      return withHistory ? [] : untracked
    }
    const history = withHistory ? [db.events, db.incidentBases] : []
    return options.write ? db.transaction('rw', [...history, ...incidentRowTables(db)], work) : db.transaction('r', [...history, db.incidents], work)
  }

  const untracked: string[] = []
  for (let start = 0; start < ids.length; start += CHUNK) {
    options.signal?.throwIfAborted()
    untracked.push(...(await shiftChunk(ids.slice(start, start + CHUNK), false)))
    options.onProgress?.(Math.min(start + CHUNK, ids.length) - untracked.length, ids.length)
  }
  for (let start = 0; start < untracked.length; start += CHUNK) {
    options.signal?.throwIfAborted()
    await shiftChunk(untracked.slice(start, start + CHUNK), true)
    options.onProgress?.(ids.length - untracked.length + Math.min(start + CHUNK, untracked.length), ids.length)
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
