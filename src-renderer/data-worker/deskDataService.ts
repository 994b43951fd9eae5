import { Dexie, type ObservabilitySet } from 'dexie'
import { createImportSessions, type ImportSessions } from '../import/importSessions'
import type { DomainConfig } from '../../src-shared/config/domainConfig'
import { applyConfigChanges, domainConfigOf } from '../../src-shared/config/orgConfig'
import { shiftOpenDeadlines } from '../store/deadlineShift'
import { slaTermsKey } from '../../src-shared/sla/rulesHistory'
import { readOrgConfig, readRules } from '../config/orgConfigStore'
import type { CallContext, DeadlineShift, DeskChange, DeskDataApi, DeskIdentity } from '../../src-shared/data/deskDataContract'
import type { Actor } from '../../src-shared/incident/roles'
import { canSeeSecurityIncidents } from '../../src-shared/incident/visibility'
import { defaultView } from '../../src-shared/queue/queueView'
import type { LocalSearchService, SearchService } from '../search/searchService'
import { IncidentDeskDatabase, SCHEMA_MIGRATIONS } from '../store/database'
import { revisionOf } from '../store/records'
import { createIncidentStore, type LocalIncidentStore } from '../store/incidentStore'
import { touchedIncidents } from '../store/changedKeys'
import { migrateSavedViews } from '../store/savedViews'
import { createQueueCache, type QueueCache } from '../store/queueCache'
import { loadDeskSession, type DeskSession } from '../store/session'
import { createSyncContext, type SyncContextOptions } from '../sync/context'
import { loadIncidentHistory } from '../sync/history'
import { discardRefusedEvent, listRefusedEvents, retryRefusedEvent } from '../sync/outboxProblems'
import type { SyncReport } from '../sync/report'
import { createSyncEngine } from '../sync/syncEngine'
import type { SyncTransport } from '../sync/transport'
import type { ReportAggregates } from '../reports/dayAggregates'
import { createQueueWindows, type QueueWindows } from './queueWindows'
import { relayedTransport } from './syncRelay'
import { storeCallsOf } from './storeCalls'

/** Incidents per build step of the report aggregates: a short read, so a commit never waits long behind it. */
const REPORT_BUILD_CHUNK = 400
/** Quiet time after a change before the report aggregates catch up with it. */
const REPORT_CATCH_UP_DELAY_MS = 1_500
/** How long start-up work waits for the queue screen's first window (a page without one waits this long). */
const DEFAULT_QUEUE_FIRST_WAIT_MS = 2_000
/** The longest the report warm-up waits for the saved search index (savedSearchFirst). */
const SEARCH_FIRST_MAX_WAIT_MS = 5_000

export interface DeskDataServiceOptions {
  /** Opens the store by name; tests hand in fake-indexeddb. */
  openDatabase?: (name: string) => IncidentDeskDatabase
  /** How long start-up work waits for the queue screen's first window before it goes ahead (queueFirst). */
  queueFirstWaitMs?: number
}

/** The worker's side of DeskDataApi, plus what only its host (the worker entry, a test) calls. */
export interface DeskDataService extends DeskDataApi {
  close(): void
}

interface OpenDesk {
  name: string
  db: IncidentDeskDatabase
  session: DeskSession
  store: LocalIncidentStore
  /** The rules in force (the pulled or desk-edited configuration), re-read whenever it changes. */
  rules: { current: DomainConfig }
  queueCache: QueueCache
  queue: QueueWindows
  /** Per-day report aggregates, loaded after the queue is ready and kept up in the background (reports/dayAggregates.ts). */
  reports: Promise<ReportAggregates> | null
  /** Loaded and built on the first search request: the worker starts without the index's code. */
  search: Promise<LocalSearchService> | null
  /** Resolves once the queue has its first rows and its row cache (queueFirst); start-up work waits for it. */
  queueFirst: Promise<void>
  /** The index's start, once startSearch asked for it: after queueFirst. */
  searchStart: Promise<void> | null
}

/**
 * Everything heavy of one desk, behind DeskDataApi (src-shared/data/deskDataContract.ts): the
 * store's commands, the queue's row index, the search index and reports. The data worker
 * (deskDataWorker.ts) exposes one of these to every page of the desk; it is a plain module, so
 * the tests drive it under Node with fake-indexeddb, without a worker.
 *
 * The modules it holds were written to follow the store through Dexie's `storagemutated`, which
 * fires after every committed write in this worker and, through a BroadcastChannel, for writes
 * made by any other context on the same database (a page that still writes, another tab's
 * worker). So they stay true whoever writes, and this service only forwards what changed.
 */
export function createDeskDataService(options: DeskDataServiceOptions = {}): DeskDataService {
  const openDatabase = options.openDatabase ?? ((name: string) => new IncidentDeskDatabase(name, SCHEMA_MIGRATIONS))
  const queueFirstWaitMs = options.queueFirstWaitMs ?? DEFAULT_QUEUE_FIRST_WAIT_MS
  const listeners = new Set<(change: DeskChange) => void>()
  const reports = new Map<string, AbortController>()
  /** Imports being written, by run id: aborting one rolls it back (cancelImport). */
  const imports = new Map<string, AbortController>()
  /** Exports being written, by run id (cancelExport). */
  const exports = new Map<string, AbortController>()
  let opening: Promise<OpenDesk> | null = null
  /** The page's clock minus this worker's, from the latest call (CallContext explains why). */
  let clockOffsetMs = 0
  const now = () => Date.now() + clockOffsetMs
  let unsubscribe: (() => void) | null = null
  let reportCatchUp: ReturnType<typeof setTimeout> | null = null
  let closed = false
  /** The running clocks' deadlines catching up with a rules change, while it runs. */
  let deadlinePass: { controller: AbortController; done: Promise<DeadlineShift | null> } | null = null
  let deadlinePasses = { passes: 0, last: null as DeadlineShift | null }
  /** The sync round under way: one at a time per desk, whichever page asked. */
  let syncRound: Promise<SyncReport> | null = null

  /** The import dialog's files, held next to the store they are imported into. */
  const importSessions = new WeakMap<OpenDesk, ImportSessions>()
  function importsOf(open: OpenDesk): ImportSessions {
    let sessions = importSessions.get(open)
    if (!sessions) importSessions.set(open, (sessions = createImportSessions(open.db, open.store)))
    return sessions
  }

  function emit(change: DeskChange): void {
    for (const listener of listeners) {
      // A page that went away leaves a proxy that can no longer answer; the others go on.
      Promise.resolve()
        .then(() => listener(change))
        .catch(() => listeners.delete(listener))
    }
  }

  async function openNamed(name: string): Promise<OpenDesk> {
    const db = openDatabase(name)
    await db.open()
    const session = await loadDeskSession(db)
    const rules = { current: await readRules(db) }
    const store = createIncidentStore(db, session, { config: () => rules.current, now })
    const queueCache = createQueueCache(db)
    const queue = createQueueWindows(db, queueCache)
    // The queue screen opens on the default view: its first rows are read while the page builds its shell.
    queue.readAhead(defaultView(), { userId: session.actor.userId, hideSecurity: !canSeeSecurityIncidents(session.actor.role) })
    const desk: OpenDesk = { name, db, session, store, rules, queueCache, queue, queueFirst: queueFirst(queue, queueCache), search: null, searchStart: null, reports: null }
    unsubscribe = followChanges(desk)
    // Views saved before schema v3 move to the config table once, before the page reads them there.
    void migrateSavedViews(db).catch((error: unknown) => console.error('Saved views could not be moved to the configuration table:', error))
    // Once the queue has its rows (what the user waits for), and the saved search index is loaded,
    // bring the report aggregates up to date in the background: a first build on a desk that never
    // had them, else the changes since.
    void desk.queueFirst.then(() => savedSearchFirst(desk)).then(() => keepReportsUp(desk))
    return desk
  }

  /**
   * Resolves once the queue has what the person waits for: the screen's first rows, then every
   * incident's row in the cache. Start-up work that reads the store (the report catch-up, the
   * search index) waits for it: begun together, it took the first rows from 0.3 to 1 s at 100k,
   * and a second window waited seconds behind the saved search index. A page that shows no queue
   * asks for no window; after queueFirstWaitMs the cache loads anyway (search reads its rows).
   */
  async function queueFirst(queue: QueueWindows, queueCache: QueueCache): Promise<void> {
    await Promise.race([queue.firstAnswered, new Promise((resolve) => setTimeout(resolve, queueFirstWaitMs))])
    queueCache.start()
    await queueCache.settled()
  }

  /**
   * Waits (at most SEARCH_FIRST_MAX_WAIT_MS) for the saved search index to load, when the page
   * asked for search before the queue was ready. Both it and the report aggregates' warm-up read
   * MB right after the queue; side by side, reading the index took 1.0–1.2 s instead of ~0.55 s at
   * 100k incidents (Chromium). A person searches from the first seconds; reports are opened later.
   */
  async function savedSearchFirst(desk: OpenDesk): Promise<void> {
    const { searchStart, search } = desk
    if (!searchStart || !search) return
    const loaded = searchStart.then(() => search).then((service) => service.savedIndexLoaded())
    await Promise.race([loaded.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, SEARCH_FIRST_MAX_WAIT_MS))])
  }

  function followChanges(desk: OpenDesk): () => void {
    const onMutated = (parts: ObservabilitySet): void => {
      const { tables, incidentIds, everything } = touchedIncidents(parts, desk.db.name)
      if (tables.has('incidents')) scheduleReportCatchUp(desk)
      if (tables.has('config')) void refreshRules(desk)
      if (tables.size > 0) emit({ kind: 'store', tables: [...tables], incidentIds: [...incidentIds], everything })
    }
    Dexie.on('storagemutated', onMutated)
    const stopQueue = desk.queueCache.subscribe(() => emit({ kind: 'queue', version: desk.queueCache.getSnapshot().version }))
    return () => {
      Dexie.on('storagemutated').unsubscribe(onMutated)
      stopQueue()
      void desk.search?.then((search) => search.stop())
    }
  }

  /**
   * The rules re-read after a configuration write (here, a sync round, another tab). When the
   * SLA policy or a calendar changed, the running clocks' deadlines follow at once, in the
   * background (store/deadlineShift.ts); a newer change restarts the pass. A read that fails (the
   * desk closing) keeps the rules it had: the next change reads again.
   */
  async function refreshRules(desk: OpenDesk): Promise<void> {
    let next: DomainConfig
    try {
      next = await readRules(desk.db)
    } catch {
      return
    }
    const previous = desk.rules.current
    desk.rules.current = next
    const clocksMove = slaTermsKey(previous) !== slaTermsKey(next)
    if (!clocksMove) return
    deadlinePass?.controller.abort()
    const controller = new AbortController()
    const done = shiftOpenDeadlines(desk.db, next, new Date(now()).toISOString(), { write: true, signal: controller.signal }).catch(() => null)
    deadlinePass = { controller, done }
    desk.queueCache.holdWhile(done)
    void done.then((shift) => {
      if (shift) deadlinePasses = { passes: deadlinePasses.passes + 1, last: shift }
      if (deadlinePass?.controller === controller) deadlinePass = null
    })
  }

  function reportsOf(desk: OpenDesk): Promise<ReportAggregates> {
    desk.reports ??= import('../reports/dayAggregates').then(({ createReportAggregates }) =>
      // The rules in force when the aggregates are built: an incident's facts keep the rules
      // they were computed with, so a later change does not rewrite a settled incident's figures.
      createReportAggregates(desk.db, desk.rules.current, { chunkSize: REPORT_BUILD_CHUNK, yieldBetweenChunks: afterSyncRound }),
    )
    return desk.reports
  }

  /**
   * Between chunks of report upkeep: a timeout, and first the end of a sync round under way. The
   * upkeep is background work and the round is what a person waits for; side by side, the catch-up
   * of 10,000 imported incidents put ~85,000 requests to IndexedDB into the round that pushed them
   * (bench/chromium/syncBench.ts).
   */
  async function afterSyncRound(): Promise<void> {
    while (syncRound) await syncRound
    await new Promise((resolve) => setTimeout(resolve, 0))
  }

  /** Built, caught up with every change so far, and the live facts in memory. */
  async function reportsUpToDate(desk: OpenDesk): Promise<void> {
    const aggregates = await reportsOf(desk)
    await aggregates.build()
    await aggregates.catchUp()
    await aggregates.prepare()
  }

  async function keepReportsUp(desk: OpenDesk): Promise<void> {
    try {
      await reportsUpToDate(desk)
    } catch (error) {
      // Reports fold the events until the aggregates are whole; the next change tries again.
      if (!closed) console.warn('The report aggregates could not be brought up to date:', error)
    }
  }

  /** Changes come in bursts (a sync page, a bulk action): catch up once they pause. */
  function scheduleReportCatchUp(desk: OpenDesk): void {
    if (reportCatchUp !== null) clearTimeout(reportCatchUp)
    reportCatchUp = setTimeout(() => {
      reportCatchUp = null
      // A deadline pass after a rules change rewrites every moved running row: the catch-up
      // waits for it rather than working beside it (both would take longer).
      if (deadlinePass) {
        void deadlinePass.done.then(() => scheduleReportCatchUp(desk))
        return
      }
      // Likewise a sync round (see afterSyncRound).
      if (syncRound) {
        void syncRound.then(() => scheduleReportCatchUp(desk))
        return
      }
      void keepReportsUp(desk)
    }, REPORT_CATCH_UP_DELAY_MS)
  }

  /**
   * The desk's search service, created on first use. Its build yields with a plain timeout
   * between slices: in a worker, scheduler.yield() would resume ahead of the page's queued
   * requests, and a queue window would wait for the whole build.
   */
  function searchOf(desk: OpenDesk): Promise<LocalSearchService> {
    desk.search ??= import('../search/searchService').then(({ createSearchService }) => {
      const search = createSearchService(desk.db, desk.session, {
        yieldToUi: () => new Promise((resolve) => setTimeout(resolve, 0)),
        persistence: {
          // The queue's row index already holds every incident's revision: no second read of the store.
          async revisions() {
            desk.queueCache.start()
            await desk.queueCache.settled()
            return desk.queueCache
              .getSnapshot()
              .index.rows()
              .map((row) => [row.id, revisionOf(row), row.isSecurity] as const)
          },
        },
      })
      search.subscribe(() => emit({ kind: 'search', status: search.status() }))
      return search
    })
    return desk.search
  }

  /**
   * The search index for a person searching now: started at once if startSearch is still waiting
   * for the queue (an empty index would answer "no results" instead of what it finds so far).
   */
  async function searchNow(open: OpenDesk): Promise<SearchService> {
    const search = await searchOf(open)
    search.start()
    return search
  }

  function desk(): Promise<OpenDesk> {
    if (!opening) throw new Error('The desk store is not open yet: call open() first.')
    return opening
  }

  /** Takes the caller's actor and clock for the call (see CallContext). */
  async function deskAs(context: CallContext): Promise<OpenDesk> {
    const open = await desk()
    clockOffsetMs = context.nowMs - Date.now()
    open.session.actor = context.actor
    return open
  }

  /** A sync engine over the store; the transport is the page's that asked (relayed). */
  function syncEngineOf(open: OpenDesk, transport: SyncTransport) {
    return createSyncEngine(open.db, transport, syncOptionsOf(open))
  }

  function syncContextOf(open: OpenDesk, transport: SyncTransport) {
    return createSyncContext(open.db, transport, syncOptionsOf(open))
  }

  function syncOptionsOf(open: OpenDesk): SyncContextOptions {
    return {
      deviceId: open.session.deviceId,
      config: open.rules.current,
      now,
      onEventsReceived: (events) => emit({ kind: 'eventsReceived', events: [...events] }),
    }
  }

  /** The same engine's outbox calls need no transport; one that would be called says so. */
  const noTransport = () => Promise.reject(new Error('No transport for this call.'))
  const NO_TRANSPORT: SyncTransport = { push: noTransport, pull: noTransport, snapshot: noTransport, incidentEvents: noTransport, config: noTransport }

  async function deskFor(actor: Actor): Promise<OpenDesk> {
    const open = await desk()
    open.session.actor = actor
    return open
  }

  return {
    async open(databaseName) {
      // One worker serves every page of one desk; they all open the same store.
      opening ??= openNamed(databaseName).catch((error: unknown) => {
        // A failed open (IndexedDB refused, a disk full) is tried afresh by the next page.
        opening = null
        throw error
      })
      const open = await opening
      if (open.name !== databaseName) throw new Error(`This data worker serves the desk "${open.name}", not "${databaseName}".`)
      const identity: DeskIdentity = { deviceId: open.session.deviceId, actor: open.session.actor }
      return identity
    },

    async subscribe(listener) {
      listeners.add(listener)
    },

    async execute(command, context) {
      return (await deskAs(context)).store.execute(command)
    },
    async logIncident(input, context) {
      return (await deskAs(context)).store.logIncident(input)
    },
    async cancelImport(runId) {
      imports.get(runId)?.abort()
    },
    async readImportFile(file, onProgress) {
      return importsOf(await desk()).read(file, undefined, onProgress ? (progress) => void Promise.resolve(onProgress(progress)).catch(() => undefined) : undefined)
    },
    async rereadImportFile(fileId, delimiter) {
      return importsOf(await desk()).reread(fileId, delimiter)
    },
    async planImportFile(request) {
      return importsOf(await desk()).plan(request)
    },
    async commitImportFile(request, context, onProgress) {
      const open = await deskAs(context)
      const controller = new AbortController()
      imports.set(request.runId, controller)
      try {
        return await importsOf(open).commit(request, {
          onProgress: onProgress ? (done) => void Promise.resolve(onProgress(done)).catch(() => undefined) : undefined,
          signal: controller.signal,
        })
      } finally {
        imports.delete(request.runId)
      }
    },
    async closeImportFile(fileId) {
      importsOf(await desk()).close(fileId)
    },
    async incident(incidentId) {
      return (await desk()).store.get(incidentId)
    },
    async history(incidentId) {
      return (await desk()).store.history(incidentId)
    },
    async rebuild(incidentId) {
      return (await desk()).store.rebuild(incidentId)
    },

    async queueWindow(request) {
      return (await desk()).queue.window(request)
    },
    async queueRows(ids) {
      return (await desk()).queue.rows(ids)
    },
    async queueIds(view, context) {
      return (await desk()).queue.ids(view, context)
    },

    async startSearch(actor) {
      const open = await deskFor(actor)
      const search = await searchOf(open)
      // The queue's row index first: its counts are on screen, the search index is seconds of
      // work that would halve its pace (both read the store and share this thread).
      open.searchStart ??= open.queueFirst.then(() => search.start())
      await open.searchStart
      return search.status()
    },
    async search(query, limit, actor) {
      return (await searchNow(await deskFor(actor))).search(query, limit)
    },
    async findSimilarOpenIncidents(text, limit, actor) {
      return (await searchNow(await deskFor(actor))).findSimilarOpenIncidents(text, limit)
    },
    async searchIdle() {
      const open = await desk()
      if (!open.search) return
      const search = await open.search
      // Not started yet (startSearch waits for the queue): idle once it has started and loaded.
      if (search.status().phase === 'idle') await open.searchStart
      await search.whenIdle()
    },

    async runReport(request, onProgress) {
      // Registered before the first await, so a cancel sent right after the request finds it.
      const controller = new AbortController()
      reports.get(request.runId)?.abort()
      reports.set(request.runId, controller)
      try {
        const open = await desk()
        const options = { range: request.range, nowIso: request.nowIso, viewer: request.viewer, locale: request.locale, config: open.rules.current, signal: controller.signal }
        const fromAggregates = await (await reportsOf(open)).report(options)
        if (fromAggregates) return fromAggregates
        // Aggregates still building, or a range that is not whole days: fold the events.
        const { runReport } = await import('../reports/runReport')
        return await runReport(open.db, {
          ...options,
          onProgress: onProgress ? (progress) => void Promise.resolve(onProgress(progress)).catch(() => undefined) : undefined,
        })
      } finally {
        if (reports.get(request.runId) === controller) reports.delete(request.runId)
      }
    },
    async cancelReport(runId) {
      reports.get(runId)?.abort()
      reports.delete(runId)
    },
    async previewDeadlineShift(section, value, context) {
      const open = await deskAs(context)
      const candidate = applyConfigChanges(await readOrgConfig(open.db), [{ section, value }])
      const nowIso = new Date(now()).toISOString()
      // On a desk that takes the server's rules, the change would come into force now: the time a
      // clock already ran stays counted as it was (effective dating). A standalone desk's rules
      // are one set for all time.
      const rules = open.rules.current
      const dated = (await open.db.configChanges.count()) > 0
      const history = rules.slaHistory ?? [{ from: '', slaPolicy: rules.slaPolicy, calendars: rules.calendars, services: rules.services }]
      const candidateRules = dated
        ? { ...domainConfigOf(candidate), slaHistory: [...history, { from: nowIso, slaPolicy: candidate.slaPolicy, calendars: candidate.calendars, services: candidate.services }] }
        : domainConfigOf(candidate)
      return shiftOpenDeadlines(open.db, candidateRules, nowIso, { write: false })
    },
    async deadlinesIdle() {
      // A pass may start while one is awaited (a second change): wait until none runs.
      while (deadlinePass) await deadlinePass.done
      return deadlinePasses
    },
    async reportsIdle() {
      const open = await desk()
      await open.queueCache.settled()
      await reportsUpToDate(open)
    },

    async syncOnce(transport, context, onProgress) {
      const open = await deskAs(context)
      syncRound ??= syncEngineOf(open, relayedTransport(transport))
        .syncOnce(onProgress ? (progress) => void Promise.resolve(onProgress(progress)).catch(() => undefined) : undefined)
        .finally(() => {
          syncRound = null
        })
      return syncRound
    },
    async loadIncidentHistory(transport, incidentId, context) {
      const open = await deskAs(context)
      return loadIncidentHistory(syncContextOf(open, relayedTransport(transport)), incidentId)
    },
    async refusedEvents() {
      const open = await desk()
      return listRefusedEvents(syncContextOf(open, NO_TRANSPORT))
    },
    async discardRefusedEvent(eventId) {
      const open = await desk()
      return discardRefusedEvent(syncContextOf(open, NO_TRANSPORT), eventId)
    },
    async retryRefusedEvent(eventId) {
      const open = await desk()
      return retryRefusedEvent(syncContextOf(open, NO_TRANSPORT), eventId)
    },
    async syncState() {
      const open = await desk()
      return syncEngineOf(open, NO_TRANSPORT).syncState()
    },
    ...storeCallsOf(desk),

    async exportCsv(job, sink, onPhase) {
      // Registered before the first await, so a cancel sent right after the request finds it.
      const controller = new AbortController()
      exports.set(job.runId, controller)
      try {
        // The audit trail's summaries are worded in the page's language (setLanguage).
        const open = await desk()
        const { writeExport } = await import('../export/writeExport')
        return await writeExport(open.db, job, sink, controller.signal, (phase) => void Promise.resolve(onPhase?.(phase)).catch(() => undefined))
      } finally {
        exports.delete(job.runId)
      }
    },
    async cancelExport(runId) {
      exports.get(runId)?.abort()
    },

    close() {
      closed = true
      if (reportCatchUp !== null) clearTimeout(reportCatchUp)
      unsubscribe?.()
      listeners.clear()
      for (const controller of reports.values()) controller.abort()
      void opening?.then((open) => {
        open.queueCache.dispose()
        open.db.close()
      })
    },
  }
}
