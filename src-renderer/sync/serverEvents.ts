import { parseHlc, receiveHlc, type HlcTimestamp } from '../../src-shared/events/hlc'
import type { StoredEvent } from '../../src-shared/events/events'
import type { PulledEvent } from '../../src-shared/sync/protocol'
import type { IncidentDeskDatabase } from '../store/database'
import { META_KEYS, readMeta, writeMeta } from '../store/meta'
import type { SequencedHere } from './context'
import { protocolViolation } from './transport'

export interface StoredServerEvents {
  /** Incidents whose events changed. */
  touched: Set<string>
  /** Of those, the ones that only gained the server's IncidentNumbered: their refold changes the number and nothing a report reads. */
  numberedOnly: Set<string>
  /** Events the desk did not hold before (other desks' and the server's), for notifications. */
  received: StoredEvent[]
}

/** This desk's clock node and wall time, for merging the clocks of received events. */
export interface DeskClock {
  deviceId: string
  nowMs: number
}

/**
 * Stores events as the server sequenced them, inside the caller's transaction, and returns the
 * incidents they touch. Each event id is stored once, whatever happens to the deliveries:
 * - an event this desk already has (its own, pushed earlier; a replayed page) only gains its
 *   server sequence, and leaves the outbox if it was still there (the push's answer was lost);
 * - an event delivered twice in one page is taken once.
 * Events of `skipIncidents` (revoked ones) are not stored at all, and those `sequencedHere`
 * holds at their sequence (this desk's own, just pushed) are not even read.
 *
 * Returns what changed (StoredServerEvents).
 */
export async function storeServerEvents(
  db: IncidentDeskDatabase,
  pulled: readonly PulledEvent[],
  clock: DeskClock,
  skipIncidents: ReadonlySet<string> = new Set(),
  sequencedHere?: SequencedHere,
): Promise<StoredServerEvents> {
  const bySeq = new Map<string, PulledEvent>()
  for (const item of pulled) {
    if (!Number.isSafeInteger(item.seq) || item.seq < 1) throw protocolViolation(`event ${item.event.id} came with sequence ${String(item.seq)}.`)
    const earlier = bySeq.get(item.event.id)
    if (earlier && earlier.seq !== item.seq) throw protocolViolation(`event ${item.event.id} came with two sequences, ${earlier.seq} and ${item.seq}.`)
    if (!skipIncidents.has(item.event.incidentId)) bySeq.set(item.event.id, item)
  }
  for (const [id, item] of bySeq) if (sequencedHere?.holds(id, item.seq)) bySeq.delete(id)
  const ids = [...bySeq.keys()]
  if (ids.length === 0) return { touched: new Set(), numberedOnly: new Set(), received: [] }
  const existing = await db.events.bulkGet(ids)
  const puts: StoredEvent[] = []
  const touched = new Set<string>()
  const otherwiseChanged = new Set<string>()
  const received: StoredEvent[] = []
  // Only an event the desk holds without a sequence can still be in the outbox (a push whose
  // answer was lost); usually there is none, and the outbox is not searched at all.
  const unsequenced: string[] = []
  ids.forEach((id, index) => {
    const { seq, event } = bySeq.get(id)!
    const prior = existing[index]
    if (prior?.serverSeq === seq) return
    if (prior && prior.serverSeq === undefined) unsequenced.push(id)
    // The stored copy is kept as the desk wrote it; only the server's position is added.
    const stored = { ...(prior ?? event), serverSeq: seq }
    puts.push(stored)
    if (!prior) received.push(stored)
    touched.add(event.incidentId)
    if (prior || event.type !== 'IncidentNumbered') otherwiseChanged.add(event.incidentId)
  })
  const delivered = unsequenced.length === 0 ? [] : await db.outbox.where('eventId').anyOf(unsequenced).primaryKeys()
  await Promise.all([db.events.bulkPut(puts), db.outbox.bulkDelete(delivered), mergeClock(db, puts, clock)])
  return { touched, numberedOnly: new Set([...touched].filter((incidentId) => !otherwiseChanged.has(incidentId))), received }
}

/**
 * Moves this desk's clock past the events it received, so an event it writes next sorts after
 * what its author could see (hlc.ts). A device whose clock is a day ahead is not followed.
 */
async function mergeClock(db: IncidentDeskDatabase, events: readonly StoredEvent[], clock: DeskClock): Promise<void> {
  if (events.length === 0) return
  const latest = events.reduce((max, event) => (event.hlc > max ? event.hlc : max), events[0]!.hlc)
  const current = (await readMeta<HlcTimestamp>(db, META_KEYS.clock)) ?? null
  try {
    const remote = parseHlc(latest)
    const merged = receiveHlc(current, remote, clock.nowMs, clock.deviceId)
    await writeMeta(db, META_KEYS.clock, merged)
  } catch {
    // A malformed or runaway clock on another device: keep ours, which is never wrong, only less informed.
  }
}

/**
 * An incident this desk may no longer see (recategorized as Security): its server events and
 * base go, and the caller's refold then drops its row. Events this desk wrote and has not pushed stay in the outbox: the server will
 * refuse them, and the outbox-problems panel shows them for a person to discard, so nothing the
 * person wrote vanishes without them knowing.
 */
export async function forgetIncident(db: IncidentDeskDatabase, incidentId: string): Promise<void> {
  const sequenced = await db.events
    .where('incidentId')
    .equals(incidentId)
    .filter((event) => event.serverSeq !== undefined)
    .primaryKeys()
  await Promise.all([db.events.bulkDelete(sequenced), db.incidentBases.delete(incidentId), db.incidents.update(incidentId, { snapshotSeq: null })])
}
