import type { IncidentEvent } from '../../src-shared/events/events'
import type { Queryable } from '../db/database'
import { toNumber } from '../db/database'
import { LOCKS } from '../db/locks'

/**
 * The server's event log: `events`, one row per accepted event, in server order (`seq`).
 *
 * Why the cursor is gap-safe (DESIGN §2). With concurrent writers, a sequence value can commit
 * out of order: push A draws seq 7, push B draws seq 8 and commits first; a desk that pulls
 * then gets 8, moves its cursor to 8, and never sees 7. We close the gap at the source: every
 * push takes one transaction-scoped advisory lock before it draws any seq and holds it until
 * its commit (PostgreSQL releases xact locks only after the commit is visible). So a push can
 * draw seqs only once every earlier push has committed or rolled back, and seqs become visible
 * strictly in order: whenever seq n is visible, every seq below n that will ever exist is too.
 * A reader therefore needs no snapshot bookkeeping: "everything up to max(seq)" is final.
 *
 * The price is that appends are serialized across all instances. Two things keep that cheap:
 * each transaction holds the lock for five round trips (BEGIN with the lock, one read, the seq
 * draw, one write, COMMIT: appendQueries.ts), and each instance appends every push that arrived
 * meanwhile in one transaction (group commit, appender.ts). The same lock makes the projection's
 * read-modify-write safe without row locks.
 *
 * The alternative, pg_snapshot_xmin (cap each pull below the oldest transaction still running),
 * keeps writers parallel, but then seqs no longer become visible in order: the log's order would
 * have to be (transaction id, seq), not the plain seq every desk sorts by, and the projection
 * would need locks per incident applied in that same order. PGlite has a single writer anyway.
 */

/** For paths other than pushes (which take it with BEGIN, see appender.ts): rebuilds, tests. */
export async function lockAppends(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.appendEvents])
}

export interface LoggedEvent {
  seq: number
  event: IncidentEvent
}

/**
 * Draws `events` server sequence values and `numbers` incident numbers. Called under the append
 * lock, so nobody else draws in between; sorted because ARRAY() promises no order.
 */
export async function reserve(tx: Queryable, events: number, numbers: number): Promise<{ seqs: number[]; numbers: number[] }> {
  const rows = await tx.query<{ seqs: unknown[]; numbers: unknown[] }>(
    `SELECT ARRAY(SELECT nextval('events_seq_seq') FROM generate_series(1, $1)) AS seqs,
            ARRAY(SELECT nextval('incident_number_seq') FROM generate_series(1, $2)) AS numbers`,
    [events, numbers],
  )
  const row = rows[0]!
  const sorted = (values: unknown[]) => values.map(toNumber).sort((a, b) => a - b)
  return { seqs: sorted(row.seqs), numbers: sorted(row.numbers) }
}

/**
 * The last seq in the log. Final the moment it is read (see above): a page that stops at it
 * can never have skipped an event.
 */
export async function headSeq(db: Queryable): Promise<number> {
  const rows = await db.query<{ head: unknown }>('SELECT coalesce(max(seq), 0) AS head FROM events')
  return toNumber(rows[0]!.head)
}

/** An event as the log stores it, its JSON text passed through untouched: see pull.ts. */
export interface RawLoggedEvent {
  seq: number
  json: string
}

/** The JSON text of a page of pulled events: `[{"seq":1,"event":{…}},…]`, built without parsing the events. */
export function rawEventsJson(events: readonly RawLoggedEvent[]): string {
  return `[${events.map((entry) => `{"seq":${entry.seq},"event":${entry.json}}`).join(',')}]`
}

/** An incident's events up to `upTo` (inclusive), in server order. */
export async function incidentEvents(db: Queryable, incidentId: string, upTo?: number): Promise<LoggedEvent[]> {
  const rows = await db.query<{ seq: unknown; body: IncidentEvent }>(
    `SELECT seq, body FROM events WHERE incident_id = $1 AND ($2::bigint IS NULL OR seq <= $2) ORDER BY seq`,
    [incidentId, upTo ?? null],
  )
  return rows.map((row) => ({ seq: toNumber(row.seq), event: row.body }))
}
