import { Dexie } from 'dexie'
import type { DomainConfig } from '../../src-shared/config/domainConfig'
import type { Actor } from '../../src-shared/incident/roles'
import type { IncidentHistory } from '../../src-shared/reports/incidentFacts'
import type { ReportRange } from '../../src-shared/reports/range'
import { createReportBuilder, type Report } from '../../src-shared/reports/report'
import type { IncidentDeskDatabase } from '../store/database'
import { eventsOfIncidents } from '../store/refold'

/** Incidents whose events are read and folded per step; small enough that a step stays well under a frame budget's worth of blocking. */
export const REPORT_CHUNK_SIZE = 400

export interface ReportProgress {
  done: number
  total: number
}

export interface RunReportOptions {
  range: ReportRange
  nowIso: string
  config: DomainConfig
  viewer: Actor
  signal?: AbortSignal
  onProgress?: (progress: ReportProgress) => void
  /** Incidents per step; {@link REPORT_CHUNK_SIZE} unless a test wants several steps. */
  chunkSize?: number
}

/**
 * Computes a report from the local store, so it works offline. Reads only the incidents that can
 * change it (open ones, and those with an event since the range started: see mayAffectReport,
 * which the two index reads below implement), then their events a chunk at a time, handing the
 * event loop back between chunks so the screen keeps answering and shows progress.
 */
export async function runReport(db: IncidentDeskDatabase, options: RunReportOptions): Promise<Report> {
  const builder = createReportBuilder(options)
  const [recent, open] = await Promise.all([
    db.incidents.where('updatedAt').aboveOrEqual(options.range.from).primaryKeys(),
    // Open is `open` = 1 (toRecord): new, in progress or on hold.
    db.incidents.where('[open+priority+updatedAt]').between([1, Dexie.minKey, Dexie.minKey], [1, Dexie.maxKey, Dexie.maxKey]).primaryKeys(),
  ])
  // Sorted so every run reads in the same order (the result does not depend on it; progress does).
  const ids = [...new Set([...recent, ...open])].sort()
  const chunkSize = options.chunkSize ?? REPORT_CHUNK_SIZE
  options.onProgress?.({ done: 0, total: ids.length })
  for (let start = 0; start < ids.length; start += chunkSize) {
    options.signal?.throwIfAborted()
    const chunk = ids.slice(start, start + chunkSize)
    for (const history of await historiesOf(db, chunk)) builder.add(history)
    options.onProgress?.({ done: Math.min(ids.length, start + chunk.length), total: ids.length })
    await yieldToBrowser()
  }
  options.signal?.throwIfAborted()
  return builder.finish()
}

/** The histories of `ids` (each in the order given, possibly empty) from events read together. */
/** The histories of `ids`, in their order (a report reads them a chunk at a time). */
export async function historiesOf(db: IncidentDeskDatabase, ids: readonly string[]): Promise<IncidentHistory[]> {
  const lists = await eventsOfIncidents(db, ids)
  return ids.map((incidentId, index) => ({ incidentId, events: lists[index]! }))
}

function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}
