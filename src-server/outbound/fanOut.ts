import type { Database } from '../db/database'
import { toNumber } from '../db/database'
import { LOCKS } from '../db/locks'
import { moveCursor, readCursorAndHead } from './cursor'

/**
 * The fan-out: reads the event log after its cursor and queues one delivery per matching active
 * webhook and event, then moves the cursor, in one transaction. A crash before the commit leaves
 * the cursor where it was, and the unique (webhook, event) key makes a second pass queue nothing
 * twice; the advisory lock keeps instances from reading the same page at once. Reading "after the
 * cursor" is gap-safe because seqs become visible in order (sync/eventLog.ts).
 */
const CURSOR = 'webhooks'

/** Events read per pass: a backlog (the server was down, a receiver registered for `*`) drains over a few passes. */
const PAGE = 2_000

export async function fanOut(database: Database, now: Date): Promise<{ queued: number; through: number; activeWebhooks: number }> {
  return database.transaction(
    async (tx) => {
      const { cursor, head } = await readCursorAndHead(tx, CURSOR)
      const [{ active }] = (await tx.query<{ active: unknown }>(`SELECT count(*) AS active FROM webhooks WHERE active`)) as [{ active: unknown }]
      // Nobody listening: nothing to read, only the cursor to move (a webhook registered later starts at its own registration).
      const through = toNumber(active) === 0 ? head : Math.min(head, cursor + PAGE)
      let queued = 0
      if (through > cursor && toNumber(active) > 0) {
        const rows = await tx.query<{ id: string }>(
          `INSERT INTO webhook_deliveries (id, webhook_id, event_id, event_seq, incident_id, event_type, status, attempts, next_attempt_at, created_at)
           SELECT gen_random_uuid(), w.id, e.id, e.seq, e.incident_id, e.type, 'pending', 0, $3, $3
             FROM events e
             JOIN incidents i ON i.id = e.incident_id
             JOIN webhooks w ON w.active AND e.seq > w.from_seq AND (e.type = ANY(w.event_types) OR '*' = ANY(w.event_types))
                            AND (w.include_security OR NOT i.is_security)
            WHERE e.seq > $1 AND e.seq <= $2
           ON CONFLICT (webhook_id, event_id) DO NOTHING
           RETURNING id`,
          [cursor, through, now.toISOString()],
        )
        queued = rows.length
      }
      if (through > cursor) {
        await moveCursor(tx, CURSOR, through)
      }
      return { queued, through, activeWebhooks: toNumber(active) }
    },
    { advisoryLock: LOCKS.outboundFanOut },
  )
}
