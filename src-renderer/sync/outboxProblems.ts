import type { OutboxActionResult, RefusedEvent } from '../../src-shared/sync/syncRound'
import { refoldIncidents, storeTables, updateStateCounts } from '../store/refold'
import { refoldContext, type SyncContext } from './context'

export type { OutboxActionResult, RefusedEvent } from '../../src-shared/sync/syncRound'

/** Every refused change, oldest first. */
export async function listRefusedEvents(context: SyncContext): Promise<RefusedEvent[]> {
  const { db } = context
  const entries = await db.outbox.where('status').equals('refused').toArray()
  const [events, records] = await Promise.all([
    db.events.bulkGet(entries.map((entry) => entry.eventId)),
    db.incidents.bulkGet(entries.map((entry) => entry.incidentId)),
  ])
  return entries.flatMap((entry, index) => {
    const event = events[index]
    if (!event || !entry.refusal) return []
    const record = records[index]
    return [
      {
        eventId: entry.eventId,
        incidentId: entry.incidentId,
        incidentNumber: record?.number ?? null,
        shortDescription: record?.shortDescription ?? null,
        event,
        refusal: entry.refusal,
        attempts: entry.attempts,
        queuedAt: entry.queuedAt,
      },
    ]
  })
}

/**
 * A person chose to give up a refused change: the event leaves the log and the outbox, and the
 * incident is refolded without it, in one transaction. The only way an event this desk wrote
 * ever leaves it without reaching the server.
 */
export async function discardRefusedEvent(context: SyncContext, eventId: string): Promise<OutboxActionResult> {
  const { db } = context
  try {
    const refold = await refoldContext(context)
    return await db.transaction('rw', storeTables(db), async (): Promise<OutboxActionResult> => {
      const entry = await db.outbox.where('eventId').equals(eventId).first()
      const refusal = checkRefused(entry, eventId)
      if (refusal) return refusal
      await Promise.all([db.outbox.delete(entry!.seq!), db.events.delete(eventId)])
      await updateStateCounts(db, await refoldIncidents(db, [entry!.incidentId], refold))
      return { ok: true }
    })
  } catch (error) {
    return storageFailure(error)
  }
}

/** Back to pending: the next round pushes it again (after an admin fixed the account's role, say). */
export async function retryRefusedEvent(context: SyncContext, eventId: string): Promise<OutboxActionResult> {
  const { db } = context
  try {
    return await db.transaction('rw', db.outbox, async (): Promise<OutboxActionResult> => {
      const entry = await db.outbox.where('eventId').equals(eventId).first()
      const refusal = checkRefused(entry, eventId)
      if (refusal) return refusal
      await db.outbox.put({ ...entry!, status: 'pending', refusal: null })
      return { ok: true }
    })
  } catch (error) {
    return storageFailure(error)
  }
}

function checkRefused(entry: { status: string } | undefined, eventId: string): OutboxActionResult | undefined {
  if (!entry) return { ok: false, failure: { kind: 'not_found', message: `Change ${eventId} is not waiting in the outbox any more.` } }
  if (entry.status !== 'refused') return { ok: false, failure: { kind: 'not_refused', message: 'This change has not been refused; it is waiting to be sent.' } }
  return undefined
}

function storageFailure(error: unknown): OutboxActionResult {
  const reason = error instanceof Error ? error.message : String(error)
  return { ok: false, failure: { kind: 'storage', message: `The change could not be saved (${reason}). Nothing was changed.` } }
}
