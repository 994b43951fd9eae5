import { Dexie } from 'dexie'
import type { Incident } from '../../src-shared/incident/incident'
import type { IncidentDeskDatabase } from './database'
import { fromRecord } from './records'

/**
 * The incident queue. Open incidents come by priority (P1 first) and, within a priority,
 * longest-waiting first, straight off the [open+priority+updatedAt] index: no sorting in
 * memory, so the first rows arrive in milliseconds whatever the table size.
 */
export interface QueueView {
  /**
   * - `open`: everything still needing work, by priority.
   * - `mine`: open and assigned to `userId`.
   * - `dueSoonest`: incidents whose SLA clock runs, the nearest deadline first.
   * - `breached`: running SLA clocks past their target at `now` (ISO).
   * - `all`: every incident, newest first.
   */
  scope: 'open' | 'mine' | 'dueSoonest' | 'breached' | 'all'
  userId?: string
  now?: string
  limit?: number
}

export const DEFAULT_QUEUE_LIMIT = 200

export async function queueQuery(db: IncidentDeskDatabase, view: QueueView): Promise<Incident[]> {
  const limit = view.limit ?? DEFAULT_QUEUE_LIMIT
  switch (view.scope) {
    case 'open': {
      const records = await db.incidents
        .where('[open+priority+updatedAt]')
        .between([1, Dexie.minKey, Dexie.minKey], [1, Dexie.maxKey, Dexie.maxKey])
        .limit(limit)
        .toArray()
      return records.map(fromRecord)
    }
    case 'mine': {
      if (!view.userId) return []
      const records = await db.incidents.where('[assigneeId+open]').equals([view.userId, 1]).toArray()
      return records
        .sort((a, b) => a.priority - b.priority || a.updatedAt.localeCompare(b.updatedAt))
        .slice(0, limit)
        .map(fromRecord)
    }
    case 'dueSoonest': {
      const records = await db.incidents.orderBy('slaDueAt').limit(limit).toArray()
      return records.map(fromRecord)
    }
    case 'breached': {
      const records = await db.incidents
        .where('slaDueAt')
        .belowOrEqual(view.now ?? new Date().toISOString())
        .limit(limit)
        .toArray()
      return records.map(fromRecord)
    }
    case 'all': {
      const records = await db.incidents.orderBy('updatedAt').reverse().limit(limit).toArray()
      return records.map(fromRecord)
    }
  }
}

/** Changes waiting to be pushed, for the status bar. Refused ones wait for a person instead: see {@link refusedOutboxCount}. */
export async function pendingOutboxCount(db: IncidentDeskDatabase): Promise<number> {
  return db.outbox.where('status').equals('pending').count()
}

/** Changes the server refused, waiting for a person to retry or discard them (the outbox-problems panel). */
export async function refusedOutboxCount(db: IncidentDeskDatabase): Promise<number> {
  return db.outbox.where('status').equals('refused').count()
}
