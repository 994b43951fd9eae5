import type { IncidentEvent } from '../../src-shared/events/events'
import * as Comlink from 'comlink'
import type { SyncTrigger } from '../../src-shared/sync/schedule'
import { actorOf, type AccountInfo } from '../../src-shared/sync/protocol'
import type { Desk } from '../desk/openDesk'
import type { Platform } from '../platform/platform'
import { describeSyncError } from '../session/describeSyncError'
import type { HistoryResult } from '../sync/history'
import type { OutboxActionResult, RefusedEvent } from '../sync/outboxProblems'
import type { SyncFailure, SyncProgress } from '../sync/report'
import type { SyncEngine } from '../sync/syncEngine'
import { createWorkerSyncEngine } from '../sync/workerSyncEngine'
import type { SyncProgressView, UiStore } from '../ui/uiStore'
import { t } from '../i18n/activeLanguage'

/**
 * Runs the desk's sync: a plain module, not React (STYLE.md), that talks to the UI store through
 * `getState` and publishes what the status bar shows. The schedule (src-shared/sync/schedule.ts,
 * in main on the desktop and in the page on the web) says when; this runs `engine.syncOnce`, one
 * round at a time, and reports each round's outcome back so the schedule polls on, backs off,
 * or stops until the next sign-in.
 */
export interface SyncController {
  /** Starts listening to the schedule and reads where the desk stands; call once. */
  start(): Promise<void>
  /** Throws the platform's `SyncHttpError` when the server refuses or cannot be reached. */
  signIn(serverUrl: string, username: string, password: string): Promise<void>
  signOut(): Promise<void>
  /** The person pressed "Sync now". */
  syncNow(): void
  /** For the outbox-problems panel (asked of the data worker). */
  refusedEvents(): Promise<RefusedEvent[]>
  retryRefused(eventId: string): Promise<OutboxActionResult>
  discardRefused(eventId: string): Promise<OutboxActionResult>
  /** Fetches an opened incident's whole history when signed in; resolves null when not signed in. */
  loadIncidentHistory(incidentId: string): Promise<HistoryResult | null>
  /** A call outside a round (an admin call) found the session dead. */
  sessionLost(): void
  dispose(): void
}

export interface SyncControllerOptions {
  desk: Desk
  platform: Platform
  ui: UiStore
  engine?: SyncEngine
  now?: () => number
  /** Other desks' events as they arrive (the notification watcher). */
  onEventsReceived?: (events: readonly IncidentEvent[]) => void
}


/** Failures that mean the server was not reached at all: the status bar says "Server unreachable since …". */
const UNREACHABLE: ReadonlySet<SyncFailure['kind']> = new Set(['offline'])


export function createSyncController({ desk, platform, ui, engine: givenEngine, now = Date.now, onEventsReceived }: SyncControllerOptions): SyncController {
  // The rounds run in the data worker (workerSyncEngine.ts); a test may hand in an engine of its own.
  const ownEngine = givenEngine ? null : createWorkerSyncEngine(desk, platform.syncTransport, onEventsReceived)
  const engine: SyncEngine = givenEngine ?? ownEngine!
  let round: Promise<void> | null = null
  /**
   * Set while a sign-in hands the desk to its account: no round may push before the desk's
   * standalone work carries the account's name, or the server would refuse all of it.
   */
  let preparing: Promise<void> | null = null
  /** Resolves when start() has read where the desk stands; a round asked for earlier waits for it. */
  let markStarted: () => void = () => {}
  const started = new Promise<void>((resolve) => {
    markStarted = resolve
  })
  const subscriptions: (() => void)[] = []

  function serverUrl(): string | null {
    const connection = ui.getState().connection
    return connection.status === 'standalone' ? null : connection.serverUrl
  }

  function describeFailure(failure: SyncFailure): string {
    if (failure.kind === 'storage') return failure.message
    return describeSyncError(failure, serverUrl())
  }

  /**
   * The desk works as `account` on `serverUrl` from now on (the data worker re-attributes a
   * standalone desk's unpushed work when the account changes), takes the server's numbering and
   * remembers where it syncs.
   */
  async function joinAs(account: AccountInfo, joinedUrl: string): Promise<void> {
    if (desk.session.actor.userId !== account.userId || desk.session.actor.role !== account.role) {
      await desk.data.adoptAccount(account)
      desk.session.actor = actorOf(account)
    }
    await desk.data.joinServer({ serverUrl: joinedUrl, account })
  }

  /** The platform's session, adopted by this page if it did not know it yet. */
  async function adoptCurrentSession(): Promise<boolean> {
    const current = await platform.session.current()
    if (!current) return false
    await joinAs(current.account, current.serverUrl)
    ui.getState().sessionStarted(current.account, current.serverUrl)
    return true
  }

  async function runRound(): Promise<void> {
    await started
    if (preparing) await preparing
    // The desktop schedule lives in main, which may hold a session this page has not heard of
    // (signed in from another window): ask before telling the schedule there is none.
    if (ui.getState().connection.status !== 'signedIn' && !(await adoptCurrentSession())) {
      platform.reportSyncResult('unauthorized')
      return
    }
    const state = ui.getState()
    state.syncStarted()
    // Bytes before the events that name them: the server takes a file's AttachmentAdded only
    // from someone who uploaded those bytes (or may already read them). A failed upload does not
    // hold the round back; the file follows in a later one.
    const attachments = await desk.data.uploadPendingAttachments(Comlink.proxy(platform.attachments))
    if (attachments.failure) console.warn(`Attachment upload paused; it resumes next round: ${attachments.failure}`)
    const report = await engine.syncOnce((progress) => {
      ui.getState().syncProgressed(progressView(progress))
      platform.reportSyncProgress(progress.total ? Math.min(1, progress.done / progress.total) : null)
    })
    if (report.ok) {
      ui.getState().syncSucceeded(new Date(now()).toISOString())
      if (report.pushed.refused > 0) {
        const count = report.pushed.refused
        ui.getState().announced(t('sync.refusedAnnounce', { count }))
      }
      platform.reportSyncResult('ok')
      return
    }
    const { failure } = report
    if (failure.kind === 'unauthorized') {
      ui.getState().sessionEnded(t('sync.sessionEnded'))
      platform.reportSyncResult('unauthorized')
      return
    }
    ui.getState().syncFailed(describeFailure(failure), { at: new Date(now()).toISOString(), unreachable: UNREACHABLE.has(failure.kind) })
    platform.reportSyncResult('failed')
  }

  /** Never two rounds at once: a request while one runs is answered by that round. */
  function requestRound(_trigger: SyncTrigger): Promise<void> {
    round ??= runRound()
      .catch((error: unknown) => {
        // syncOnce never rejects; this is a bug in the status plumbing, not a sync failure.
        console.warn('Sync round failed unexpectedly', error)
        ui.getState().syncFailed(describeSyncError(error, serverUrl()), { at: new Date(now()).toISOString(), unreachable: false })
        platform.reportSyncResult('failed')
      })
      .finally(() => {
        round = null
      })
    return round
  }

  /** Local commits ask for a round soon; the schedule coalesces a burst of them. */
  function watchLocalChanges(): () => void {
    let previous: number | null = null
    let asked = 0
    const compare = () => {
      const ask = ++asked
      desk.data.outboxCounts().then(
        ({ pending }) => {
          // An answer overtaken by a later question is stale.
          if (ask !== asked) return
          if (previous !== null && pending > previous && ui.getState().connection.status === 'signedIn') platform.requestSync('local-change')
          previous = pending
        },
        (error: unknown) => console.warn('Could not watch the outbox', error),
      )
    }
    compare()
    return desk.changes.listen((change) => {
      if (change.kind === 'store' && change.tables.includes('outbox')) compare()
    })
  }

  return {
    async start() {
      subscriptions.push(platform.onSyncRequested((trigger) => void requestRound(trigger)))
      subscriptions.push(watchLocalChanges())
      try {
        const [joined, { lastSyncedAt }] = await Promise.all([desk.data.joinedServer(), desk.data.syncState()])
        if (lastSyncedAt) ui.getState().syncSucceeded(lastSyncedAt)
        if (await adoptCurrentSession()) platform.requestSync('manual')
        else if (joined) ui.getState().sessionMissing(joined.account, joined.serverUrl)
      } finally {
        markStarted()
      }
    },

    async signIn(serverUrl, username, password) {
      const session = await platform.session.signIn(serverUrl, username, password)
      let finish: () => void = () => {}
      preparing = new Promise((resolve) => {
        finish = resolve
      })
      try {
        await joinAs(session.account, session.serverUrl)
        ui.getState().sessionStarted(session.account, session.serverUrl)
        ui.getState().announced(t('sync.signedInAs', { name: session.account.displayName }))
      } finally {
        preparing = null
        finish()
      }
      // The schedule starts a round on sign-in; ask too, in case it had already fired.
      platform.requestSync('manual')
    },

    async signOut() {
      const outcome = await platform.session.signOut()
      ui.getState().sessionEnded(outcome.serverNotified ? null : t('sync.signedOutLocally'))
    },

    syncNow() {
      if (ui.getState().connection.status === 'signedIn') platform.requestSync('manual')
    },

    refusedEvents: () => engine.refusedEvents(),

    async retryRefused(eventId) {
      const result = await engine.retryRefusedEvent(eventId)
      if (result.ok) platform.requestSync('manual')
      return result
    },

    discardRefused: (eventId) => engine.discardRefusedEvent(eventId),

    async loadIncidentHistory(incidentId) {
      if (ui.getState().connection.status !== 'signedIn') return null
      const result = await engine.loadIncidentHistory(incidentId)
      if (!result.ok && result.failure.kind === 'unauthorized') ui.getState().sessionEnded(t('sync.sessionEnded'))
      return result
    },

    sessionLost() {
      ui.getState().sessionEnded(t('sync.sessionEnded'))
      platform.reportSyncResult('unauthorized')
    },

    dispose() {
      ownEngine?.dispose()
      for (const unsubscribe of subscriptions.splice(0)) unsubscribe()
    },
  }
}

function progressView(progress: SyncProgress): SyncProgressView {
  return { phase: t(`sync.phase.${progress.phase}`), done: progress.done, total: progress.total ?? null }
}
