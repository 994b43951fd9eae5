import type { SyncCursor } from '../../src-shared/sync/protocol'
import type { SyncState } from '../../src-shared/sync/syncRound'
import type { IncidentDeskDatabase } from '../store/database'
import { META_KEYS, readMeta, writeMeta } from '../store/meta'
import { readNumberingMode } from '../store/numbering'
import { bootstrapFromSnapshot } from './bootstrap'
import { createSyncContext, type SyncContextOptions } from './context'
import { loadIncidentHistory, type HistoryResult } from './history'
import { enterServerNumbering } from './join'
import { discardRefusedEvent, listRefusedEvents, retryRefusedEvent, type OutboxActionResult, type RefusedEvent } from './outboxProblems'
import { pullConfiguration } from './configPull'
import { pullUpdates } from './pull'
import { pushOutbox } from './push'
import { fetchUnfoldable } from './unfoldable'
import { emptyCounts, failureOf, type SyncPhase, type SyncProgress, type SyncReport } from './report'
import type { SyncTransport } from './transport'
import { pendingOutboxCount, refusedOutboxCount } from '../store/queue'

/**
 * - `deviceId`: this desk's (DeskSession.deviceId): sent with each push, and the node of its clock.
 * - `config`: the domain configuration SLA deadlines are computed with; the store's.
 * - `now`: milliseconds since the epoch; tests pass a fixed clock.
 * - `limits`: narrower batches and pages, for tests and benchmarks.
 */
export type SyncEngineOptions = SyncContextOptions

/** Where the desk stands with its server, for a status line. */
export type { SyncState } from '../../src-shared/sync/syncRound'

export interface SyncEngine {
  /**
   * One full round: join (first time only), push the outbox, bootstrap from the snapshot if the
   * desk never synced, pull until the server has nothing more, fetch the histories that pulled
   * events need. Never rejects: every failure is in the report, and everything done before it
   * stays done. A call while a round runs returns that round.
   */
  syncOnce(onProgress?: (progress: SyncProgress) => void): Promise<SyncReport>
  /** Fetches an incident's whole history (call when it is opened). Never rejects. */
  loadIncidentHistory(incidentId: string): Promise<HistoryResult>
  /** Changes the server refused, for the outbox-problems panel. */
  refusedEvents(): Promise<RefusedEvent[]>
  /** A person gives up a refused change: it leaves the log and the incident is refolded without it. */
  discardRefusedEvent(eventId: string): Promise<OutboxActionResult>
  /** A refused change goes back to pending, to be pushed by the next round. */
  retryRefusedEvent(eventId: string): Promise<OutboxActionResult>
  syncState(): Promise<SyncState>
}

/**
 * The sync engine (DESIGN §2): a server-authoritative event log, pushed from the outbox and
 * pulled into the local store. Plain module, no React: the app drives it (schedule, sign-in)
 * and the page hears of what it wrote through the data worker's change notices.
 */
export function createSyncEngine(db: IncidentDeskDatabase, transport: SyncTransport, options: SyncEngineOptions): SyncEngine {
  const context = createSyncContext(db, transport, options)
  let running: Promise<SyncReport> | null = null

  async function round(onProgress?: (progress: SyncProgress) => void): Promise<SyncReport> {
    const counts = emptyCounts()
    let phase: SyncPhase = 'join'
    try {
      await enterServerNumbering(db)
      phase = 'push'
      await pushOutbox(context, counts, onProgress)
      phase = 'config'
      await pullConfiguration(context, counts)
      phase = 'snapshot'
      await bootstrapFromSnapshot(context, counts, onProgress)
      phase = 'pull'
      await pullUpdates(context, counts, onProgress)
      phase = 'history'
      const failure = await fetchUnfoldable(context, counts)
      if (failure) return { ...counts, cursor: await cursorOf(), ok: false, failure }
      await writeMeta(db, META_KEYS.lastSyncedAt, new Date(context.now()).toISOString())
      return { ...counts, cursor: await cursorOf(), ok: true }
    } catch (error) {
      return { ...counts, cursor: await cursorOf().catch(() => null), ok: false, failure: failureOf(error, phase) }
    }
  }

  async function cursorOf(): Promise<SyncCursor | null> {
    return (await readMeta<SyncCursor>(db, META_KEYS.syncCursor)) ?? null
  }

  return {
    syncOnce(onProgress) {
      running ??= round(onProgress).finally(() => {
        running = null
      })
      return running
    },
    loadIncidentHistory: (incidentId) => loadIncidentHistory(context, incidentId),
    refusedEvents: () => listRefusedEvents(context),
    discardRefusedEvent: (eventId) => discardRefusedEvent(context, eventId),
    retryRefusedEvent: (eventId) => retryRefusedEvent(context, eventId),
    async syncState() {
      const [numbering, cursor, lastSyncedAt, pending, refused] = await Promise.all([
        readNumberingMode(db),
        cursorOf(),
        readMeta<string>(db, META_KEYS.lastSyncedAt),
        pendingOutboxCount(db),
        refusedOutboxCount(db),
      ])
      return { numbering, cursor, lastSyncedAt: lastSyncedAt ?? null, pending, refused }
    },
  }
}
