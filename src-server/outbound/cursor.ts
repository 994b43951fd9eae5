import type { Queryable } from '../db/database'
import { toNumber } from '../db/database'

/**
 * How far an outbound reader (webhooks, mail) has read the event log: every event up to here has
 * been turned into its deliveries. Read and moved inside the reader's transaction, under its lock,
 * so a crash before the commit reads the same page again.
 */
export async function readCursorAndHead(tx: Queryable, name: string): Promise<{ cursor: number; head: number }> {
  const [row] = await tx.query<{ seq: unknown; head: unknown }>(
    `SELECT coalesce((SELECT seq FROM outbound_cursor WHERE name = $1), 0) AS seq, (SELECT coalesce(max(seq), 0) FROM events) AS head`,
    [name],
  )
  return { cursor: toNumber(row!.seq), head: toNumber(row!.head) }
}

export async function moveCursor(tx: Queryable, name: string, seq: number): Promise<void> {
  await tx.query(`INSERT INTO outbound_cursor (name, seq) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET seq = EXCLUDED.seq`, [name, seq])
}
