import type { StoredEvent } from '../../src-shared/events/events'
import type { PushResult } from '../../src-shared/sync/protocol'
import { packEntries, unpackOne } from '../store/outboxPacks'
import { pendingOutboxCount } from '../store/queue'
import type { OutboxEntry } from '../store/records'
import { refoldIncidents, storeTables, updateStateCounts } from '../store/refold'
import { notify, refoldContext, type SyncContext } from './context'
import type { SyncCounts, SyncProgress } from './report'
import { callTransport, protocolViolation } from './transport'

interface BatchItem {
  entry: OutboxEntry & { seq: number }
  event: StoredEvent
}

/** What one push sends: plain entries, or the events of one outbox pack (outboxPacks.ts), whose entry is `pack`. */
interface Batch {
  items: BatchItem[]
  pack: (OutboxEntry & { seq: number }) | null
}

const encoder = new TextEncoder()

/** An event's share of a push's body: its JSON and a separator. */
function pushedSize(event: StoredEvent): number {
  return encoder.encode(JSON.stringify(event)).length + 1
}

/**
 * Pushes every pending outbox entry, oldest first, in batches the server accepts (at most
 * `pushEvents` events and `pushBytes` of JSON each). Commit order is kept so an incident's
 * creation always reaches the server before the events that follow it.
 *
 * Each batch's answer is written in one transaction: accepted and duplicate events leave the
 * outbox and record their server sequence; refused ones stay, marked with the server's reason,
 * for a person to retry or discard. A push whose answer is lost is simply sent again next time:
 * the server answers `duplicate` for what it already has.
 *
 * The next batch is sent as soon as an answer arrives, and the answer written while it travels:
 * the server appends while the desk writes. A batch still leaves only once the one before it
 * has been answered, so the server receives them in order.
 */
export async function pushOutbox(context: SyncContext, counts: SyncCounts, onProgress?: (progress: SyncProgress) => void): Promise<void> {
  const total = await pendingOutboxCount(context.db)
  let done = 0
  if (total > 0) notify(onProgress, { phase: 'push', done, total })
  let batch = await nextBatch(context, 0)
  let answer = batch.items.length > 0 ? send(context, batch.items) : null
  while (answer) {
    const results = matchResults(batch.items, (await answer).results)
    const next = await nextBatch(context, batch.items.at(-1)!.entry.seq)
    const nextAnswer = next.items.length > 0 ? send(context, next.items) : null
    // Awaited on the next turn; until then a failure must not count as an unhandled rejection.
    nextAnswer?.catch(() => {})
    await applyResults(context, batch, results, counts)
    done += batch.items.length
    notify(onProgress, { phase: 'push', done, total: Math.max(total, done) })
    batch = next
    answer = nextAnswer
  }
}

function send(context: SyncContext, batch: readonly BatchItem[]) {
  return callTransport(() => context.transport.push({ deviceId: context.deviceId, events: batch.map((item) => withoutServerSeq(item.event)) }))
}

/** The event as its author wrote it: the server sequence is the desk's note, not part of the event. */
function withoutServerSeq(event: StoredEvent): StoredEvent {
  if (event.serverSeq === undefined) return event
  const { serverSeq: _serverSeq, ...plain } = event
  return plain as StoredEvent
}

/**
 * What is pending after outbox position `after`, in order, as much as fits in one push: the plain
 * entries up to the next pack, or that pack's events. A pack is sent whole or not as a pack: one
 * too big for a push is written out as plain entries first.
 */
async function nextBatch(context: SyncContext, after: number): Promise<Batch> {
  const { db, limits } = context
  const [pending, pack] = await Promise.all([
    db.outbox
      .where('[status+seq]')
      .between(['pending', after + 1], ['pending', Infinity])
      .limit(limits.pushEvents)
      .toArray() as Promise<(OutboxEntry & { seq: number })[]>,
    db.outbox.where('[status+seq]').between(['packed', after + 1], ['packed', Infinity]).first() as Promise<(OutboxEntry & { seq: number }) | undefined>,
  ])
  if (pack && (pending.length === 0 || pack.packedFrom! < pending[0]!.seq)) {
    const items = await packItems(context, pack)
    if (items) return { items, pack }
    await unpackOne(db, pack.seq)
    return nextBatch(context, after)
  }
  const entries = pack ? pending.filter((entry) => entry.seq < pack.packedFrom!) : pending
  if (entries.length === 0) return { items: [], pack: null }
  const events = await db.events.bulkGet(entries.map((entry) => entry.eventId))
  const batch: BatchItem[] = []
  const stale: number[] = []
  let bytes = 0
  for (const [index, entry] of entries.entries()) {
    const event = events[index]
    // An entry whose event is gone was discarded between our two reads; nothing to send.
    if (!event) {
      stale.push(entry.seq)
      continue
    }
    const size = pushedSize(event)
    // Always send at least one: field limits keep any single event far below the body limit.
    if (batch.length > 0 && bytes + size > limits.pushBytes) break
    bytes += size
    batch.push({ entry, event })
  }
  if (stale.length > 0) await db.outbox.bulkDelete(stale)
  return batch.length > 0 || stale.length === 0 ? { items: batch, pack: null } : nextBatch(context, entries.at(-1)!.seq)
}

/** A pack's events as one push, or null when they do not fit in one or one of them is gone (discarded meanwhile). */
async function packItems(context: SyncContext, pack: OutboxEntry & { seq: number }): Promise<BatchItem[] | null> {
  const { db, limits } = context
  const contents = await db.outboxPacks.get(pack.seq)
  if (!contents || contents.eventIds.length > limits.pushEvents) return null
  const events = await db.events.bulkGet(contents.eventIds)
  let bytes = 0
  const items: BatchItem[] = []
  for (const [index, entry] of packEntries(pack, contents).entries()) {
    const event = events[index]
    if (!event) return null
    bytes += pushedSize(event)
    if (bytes > limits.pushBytes) return null
    items.push({ entry, event })
  }
  return items
}

/** One result per pushed event, or the answer is not trusted with the outbox. */
function matchResults(batch: readonly BatchItem[], results: readonly PushResult[]): PushResult[] {
  const byIndex = new Map<number, PushResult>()
  for (const result of results) byIndex.set(result.index, result)
  return batch.map((item, index) => {
    const result = byIndex.get(index)
    if (!result) throw protocolViolation(`no result for event ${item.event.id} (index ${index}).`)
    if (result.status !== 'refused' && result.eventId !== item.event.id) {
      throw protocolViolation(`result ${index} names event ${String(result.eventId)}, but ${item.event.id} was sent there.`)
    }
    if (result.status !== 'refused' && (!Number.isSafeInteger(result.seq) || result.seq < 1)) {
      throw protocolViolation(`event ${item.event.id} was accepted at sequence ${String(result.seq)}.`)
    }
    return result
  })
}

async function applyResults(context: SyncContext, sent: Batch, results: readonly PushResult[], counts: SyncCounts): Promise<void> {
  const { db } = context
  const batch = sent.items
  const refusedAt = new Date(context.now()).toISOString()
  const refold = await refoldContext(context)
  await db.transaction('rw', storeTables(db), async () => {
    // The outbox is read again inside the transaction (another window may have synced these
    // entries meanwhile): the batch's range of positions in one read, where reading them by key
    // was one request to the browser's IndexedDB per entry. Events are immutable, so the batch's
    // copies serve.
    const events = batch.map((item) => item.event)
    const eventIds = events.map((event) => event.id)
    const inRange = await db.outbox
      .where(':id')
      .between(batch[0]!.entry.seq, batch.at(-1)!.entry.seq, true, true)
      .toArray()
    const bySeq = new Map(inRange.map((entry) => [entry.seq, entry]))
    // A pack sent whole: its entry goes, and an event the server refused is written out as a
    // refused entry at its own position. Gone or written out meanwhile (another window), the
    // entries in range are taken as they are.
    const pack = sent.pack && bySeq.get(sent.pack.seq)?.status === 'packed' ? sent.pack : null
    if (pack) await Promise.all([db.outbox.delete(pack.seq), db.outboxPacks.delete(pack.seq)])
    const entries = batch.map((item) => (pack ? item.entry : bySeq.get(item.entry.seq)))
    const sequenced: StoredEvent[] = []
    const delivered: number[] = []
    const refused: OutboxEntry[] = []
    const reorder = new Set<string>()
    const touched = new Set<string>()
    results.forEach((result, index) => {
      const event = events[index]!
      const entry = entries[index]?.eventId === eventIds[index] ? entries[index] : undefined
      touched.add(event.incidentId)
      if (result.status === 'refused') {
        if (entry) {
          refused.push({
            ...entry,
            status: 'refused',
            attempts: entry.attempts + 1,
            lastError: result.reason,
            refusal: { code: result.code, reason: result.reason, refusedAt },
          })
        }
        return
      }
      if (result.status === 'duplicate') reorder.add(event.incidentId)
      if (event.serverSeq !== result.seq) sequenced.push({ ...event, serverSeq: result.seq })
      // A pack's delivered events have no entries of their own to delete.
      if (entry?.seq !== undefined && !pack) delivered.push(entry.seq)
    })
    // Usually every entry in the batch's range went: one range delete, where deleting them by key
    // was one request to the browser's IndexedDB per entry.
    const allDelivered = delivered.length > 0 && delivered.length === inRange.length
    await Promise.all([
      db.events.bulkPut(sequenced),
      allDelivered ? db.outbox.where(':id').between(delivered[0]!, delivered.at(-1)!, true, true).delete() : db.outbox.bulkDelete(delivered),
      db.outbox.bulkPut(refused),
    ])
    // The desk folds an incident's sequenced events first, then the others by clock. So the order
    // changes only where an incident keeps an event without a sequence that was written before one
    // that just got its sequence: an event the server refused (in this push or an earlier one),
    // or a duplicate, whose old sequence may sit among events already pulled. Entries still
    // waiting at later positions were written later, with later clocks, and stay after: an
    // incident worked across several batches keeps its order, and refolding it after every batch
    // was most of a push of offline work (10k events: 28 s sending).
    const lastPosition = batch.at(-1)!.entry.seq
    const waitingBefore = await Promise.all(
      (['pending', 'refused'] as const).map((status) =>
        db.outbox.where('[status+seq]').between([status, 0], [status, lastPosition], true, true).toArray(),
      ),
    )
    for (const entry of waitingBefore.flat()) if (touched.has(entry.incidentId)) reorder.add(entry.incidentId)
    await updateStateCounts(db, await refoldIncidents(db, reorder, refold))
  })
  // Committed: the pull that follows finds these stored as delivered without reading them.
  results.forEach((result, index) => {
    if (result.status !== 'refused') context.sequencedHere.note(batch[index]!.event.id, result.seq)
  })
  for (const result of results) {
    if (result.status === 'accepted') counts.pushed.accepted += 1
    else if (result.status === 'duplicate') counts.pushed.duplicate += 1
    else counts.pushed.refused += 1
  }
}
