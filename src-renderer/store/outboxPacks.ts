import { newId } from '../../src-shared/events/ids'
import type { IncidentDeskDatabase } from './database'
import { pendingOutboxEntry, type OutboxEntry, type OutboxPackContents } from './records'

/**
 * Outbox packs: an import batch's outbox entries written as ONE entry (issue #9).
 *
 * Why: in Chromium every IndexedDB request costs ~0.1 ms of the browser process's time whatever
 * its size, and that process is what an import waits on. An imported incident was four requests
 * (its event, its record, its queue row, its outbox entry); measured on a raw transaction of the
 * same shape, dropping the outbox entry alone takes 25k incidents from ~2,200 to ~2,900 a second.
 *
 * How the order is kept: the pack's entry is written at the LAST outbox position of its batch and
 * says where the batch starts (`packedFrom`); IndexedDB's key generator then moves past it, so a
 * change made after the import is queued behind the whole batch, as if every entry had been
 * written. When the entries are needed, `unpackOutbox` writes them at exactly those positions
 * (the last one replacing the pack's entry), so the push still sends in commit order.
 *
 * Where packs are seen: a push sends a pack's events as one batch when they fit in one (an import
 * batch is the push's own size), and on the answer deletes the pack, or writes out as refused
 * entries, at their positions, the events the server refused; a pack that does not fit is written
 * out first and pushed as plain entries. Adopting an account unpacks first; the pending count adds
 * each pack's size. Nothing else reads pending entries, and the incident view tells unsent events
 * by their missing server sequence, not by the outbox.
 */

/** The key prefix of a pack's entry in the outbox's unique `eventId` index: it names no event. */
const PACK_KEY_PREFIX = 'outbox-pack:'

/** The first outbox position no entry holds yet, for `packOutboxEntries` to start from, in a transaction over the outbox. */
export async function nextOutboxPosition(db: IncidentDeskDatabase): Promise<number> {
  const [last] = await db.outbox.orderBy(':id').reverse().limit(1).primaryKeys()
  return (last ?? 0) + 1
}

/**
 * Writes one pack for `events` at outbox positions `from` … `from + events.length - 1`, inside
 * the caller's transaction over the outbox and its packs. The positions are only free if nothing
 * else writes to the outbox in that transaction meanwhile: call it where the caller writes every
 * outbox entry itself (the import). Returns the position after the pack.
 */
export function packOutboxEntries(
  db: IncidentDeskDatabase,
  from: number,
  events: ReadonlyArray<{ id: string; incidentId: string }>,
  queuedAt: string,
): { written: Promise<unknown>; next: number } {
  if (events.length === 0) return { written: Promise.resolve(), next: from }
  const last = from + events.length - 1
  const entry: OutboxEntry = { seq: last, eventId: PACK_KEY_PREFIX + newId(), incidentId: '', queuedAt, attempts: 0, lastError: null, status: 'packed', refusal: null, packedFrom: from }
  const contents: OutboxPackContents = { seq: last, eventIds: events.map((event) => event.id), incidentIds: events.map((event) => event.incidentId) }
  return { written: Promise.all([db.outbox.add(entry), db.outboxPacks.add(contents)]), next: last + 1 }
}

/** How many events the packs stand for (their entries only are read: a few hundred bytes each). */
export async function packedEventCount(db: IncidentDeskDatabase): Promise<number> {
  const packs = await db.outbox.where('status').equals('packed').toArray()
  return packs.reduce((sum, pack) => sum + (pack.seq! - pack.packedFrom! + 1), 0)
}

/**
 * Writes every pack's entries out one by one, at the positions the pack held, one transaction per
 * pack: a pack is there whole or replaced whole, whatever happens in between. Returns how many
 * entries were written. Cheap when there is no pack: one index read.
 */
export async function unpackOutbox(db: IncidentDeskDatabase): Promise<number> {
  let written = 0
  for (const seq of await db.outbox.where('status').equals('packed').primaryKeys()) written += await unpackOne(db, seq)
  return written
}

/** Writes out the pack whose entry is at outbox position `seq` (see unpackOutbox); 0 when it is not there any more. */
export function unpackOne(db: IncidentDeskDatabase, seq: number): Promise<number> {
  return db.transaction('rw', db.outbox, db.outboxPacks, async () => {
    const [pack, contents] = await Promise.all([db.outbox.get(seq), db.outboxPacks.get(seq)])
    // Another window unpacked it meanwhile.
    if (pack?.status !== 'packed' || !contents) return 0
    const entries = packEntries(pack, contents)
    // The pack's entry first: the last event's entry takes its position, and the unique
    // `eventId` index must not see both at once.
    await db.outbox.delete(seq)
    await Promise.all([db.outbox.bulkPut(entries), db.outboxPacks.delete(seq)])
    return entries.length
  })
}

/** The plain entries a pack stands for, each at its own outbox position. */
export function packEntries(pack: OutboxEntry, contents: OutboxPackContents): Array<OutboxEntry & { seq: number }> {
  const from = pack.packedFrom!
  return contents.eventIds.map((eventId, index) => ({ ...pendingOutboxEntry(eventId, contents.incidentIds[index]!, pack.queuedAt), seq: from + index }))
}
