import { DEFAULT_DOMAIN_CONFIG, type DomainConfig } from '../../src-shared/config/domainConfig'
import type { IncidentEvent } from '../../src-shared/events/events'
import { SYNC_LIMITS, type SyncCursor } from '../../src-shared/sync/protocol'
import type { IncidentDeskDatabase } from '../store/database'
import { readNumberingMode } from '../store/numbering'
import type { RefoldContext } from '../store/refold'
import { protocolViolation, type SyncTransport } from './transport'

/** Sizes of what one request carries; the protocol's limits unless a test or a bench narrows them. */
export interface SyncLimits {
  pushEvents: number
  /** Stays under the server's body limit with room for the envelope: 500 long work notes would not fit in 4 MB. */
  pushBytes: number
  pullPage: number
  snapshotPage: number
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = {
  pushEvents: SYNC_LIMITS.maxEventsPerPush,
  pushBytes: Math.floor(SYNC_LIMITS.maxBodyBytes * 0.9),
  // The largest page the server gives: each page is a fetch and a transaction, and in Chromium
  // 41 pages of 500 took 8.6 s where 11 of 2,000 took 6.5 s for the same 20k events.
  pullPage: SYNC_LIMITS.maxPullPage,
  snapshotPage: SYNC_LIMITS.maxSnapshotPage,
}

/** What every step of a round needs; built once per engine. */
export interface SyncContext {
  db: IncidentDeskDatabase
  transport: SyncTransport
  deviceId: string
  config: DomainConfig
  now: () => number
  limits: SyncLimits
  /** Told of every page of other desks' events once it is committed here (notifications). */
  onEventsReceived?: (events: readonly IncidentEvent[]) => void
  /** Events this desk pushed and stored with their server sequence (committed), for the pull (see {@link SequencedHere}). */
  sequencedHere: SequencedHere
}

/**
 * The server sequences a push's answers gave this desk's own events, once written. The pull that
 * follows receives the same events back from the server's log (its own, in the order the server
 * appended them), and with this it knows they are already stored as delivered without reading
 * each one again: in Chromium every read is a request to the browser process, and for an import
 * of 10,000 incidents those reads were a tenth of the round. Events are immutable and a server
 * sequence never changes, so an entry stays true; the map only forgets, past {@link SEQUENCED_HERE_LIMIT}
 * entries (then the pull reads, as it always could).
 */
export class SequencedHere {
  private readonly seqs = new Map<string, number>()

  /** Call once the transaction that stored them has committed. */
  note(eventId: string, seq: number): void {
    if (this.seqs.size < SEQUENCED_HERE_LIMIT) this.seqs.set(eventId, seq)
  }

  /** True when this desk already holds `eventId` at server sequence `seq`. */
  holds(eventId: string, seq: number): boolean {
    return this.seqs.get(eventId) === seq
  }
}

/** About 10 MB of ids: a push of more than this many events reads the rest back as before. */
export const SEQUENCED_HERE_LIMIT = 100_000

export interface SyncContextOptions {
  deviceId: string
  config?: DomainConfig
  now?: () => number
  limits?: Partial<SyncLimits>
  onEventsReceived?: (events: readonly IncidentEvent[]) => void
}

export function createSyncContext(db: IncidentDeskDatabase, transport: SyncTransport, options: SyncContextOptions): SyncContext {
  return {
    db,
    transport,
    deviceId: options.deviceId,
    config: options.config ?? DEFAULT_DOMAIN_CONFIG,
    now: options.now ?? Date.now,
    limits: { ...DEFAULT_SYNC_LIMITS, ...options.limits },
    onEventsReceived: options.onEventsReceived,
    sequencedHere: new SequencedHere(),
  }
}

export async function refoldContext(context: SyncContext): Promise<RefoldContext> {
  return {
    config: context.config,
    nowIso: new Date(context.now()).toISOString(),
    provisionalNumbering: (await readNumberingMode(context.db)) === 'provisional',
  }
}

/**
 * The server sequence a cursor stands for. protocol.ts calls the cursor opaque but defines it as
 * the last server sequence the client has; the snapshot's cursor must be one, because it says
 * which events a snapshot base already contains.
 */
export function sequenceOfCursor(cursor: SyncCursor): number {
  const value = /^\d{1,15}$/.test(cursor) ? Number(cursor) : Number.NaN
  if (!Number.isSafeInteger(value)) throw protocolViolation(`the log position "${cursor.slice(0, 40)}" is not a server sequence.`)
  return value
}

/** Calls a progress listener without letting its failure stop the round. */
export function notify<T>(listener: ((value: T) => void) | undefined, value: T): void {
  try {
    listener?.(value)
  } catch {
    // A status line that throws must not cost a sync.
  }
}
