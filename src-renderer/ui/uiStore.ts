import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla'
import { t } from '../i18n/activeLanguage'
import type { AccountInfo } from '../../src-shared/sync/protocol'

/**
 * UI and session state only (STYLE.md, "UI state"): what is open, what was just announced, who
 * is signed in to which server, how the last sync went. Incidents themselves live in the data
 * worker's store and reach components through its answers and change notices (useDeskQuery),
 * never through here. Actions are named for what
 * happened (`logDialogOpened`, `syncFailed`), not for the field they set.
 */

export interface LogDialogSlice {
  isLogDialogOpen: boolean
  /** The user asked to log an incident (button, `n`, Ctrl+N, or the File menu). */
  logDialogOpened(): void
  /** The dialog was dismissed without saving (Cancel, Escape). */
  logDialogClosed(): void
  /** The store accepted a new incident: close the form and say so. */
  incidentLogged(number: string, provisional?: boolean): void
}

export interface AnnouncementSlice {
  /** A short confirmation read out politely by screen readers and shown above the queue. */
  announcement: string | null
  announcementDismissed(): void
  announced(message: string): void
}

/**
 * Where the desk stands with a sync server. (Pending and refused counts are persisted data and
 * reach the status bar from the data worker (useOutboxCounts), not through here.)
 * - `standalone`: never joined one; everything is local and numbered locally.
 * - `signedIn`: a session is open; the schedule syncs.
 * - `signedOut`: the desk has joined a server before but has no session now (signed out, the
 *   session expired or was revoked, or a web tab reloaded and lost its in-memory token). Local
 *   work goes on and is pushed after the next sign-in.
 */
export type Connection =
  | { status: 'standalone' }
  | { status: 'signedIn'; account: AccountInfo; serverUrl: string }
  | { status: 'signedOut'; account: AccountInfo | null; serverUrl: string | null; reason: string | null }

export interface SessionSlice {
  connection: Connection
  isSignInDialogOpen: boolean
  signInDialogOpened(): void
  signInDialogClosed(): void
  sessionStarted(account: AccountInfo, serverUrl: string): void
  /** `reason` is shown in the status bar ("Your session expired; sign in to sync."). */
  sessionEnded(reason: string | null): void
  /** The desk has joined a server before, but no session is open (start-up). */
  sessionMissing(account: AccountInfo | null, serverUrl: string | null): void
}

/** What a running round is doing, as the sync engine reports it. */
export interface SyncProgressView {
  /** A short label for the phase: "Sending changes", "Receiving changes", "First download". */
  phase: string
  done: number
  /** Null while the total is not known yet. */
  total: number | null
}

export interface SyncStatusSlice {
  sync: {
    running: boolean
    progress: SyncProgressView | null
    /** ISO instant of the last round that finished without error. */
    lastSyncAt: string | null
    /** A clear sentence about the last failure; null once a round succeeds. */
    lastError: string | null
    /** When the current run of failed rounds began (ISO); null once a round succeeds. */
    failingSince: string | null
    /** The last failure was not reaching the server at all (no answer, timeout). */
    unreachable: boolean
  }
  syncStarted(): void
  syncProgressed(progress: SyncProgressView): void
  syncSucceeded(at: string): void
  syncFailed(message: string, failure: { at: string; unreachable: boolean }): void
}

/**
 * Which screen is showing and which panel is open over it.
 * - `queue`: the incident queue (home).
 * - `admin`: accounts and groups; offered only to admins signed in to a server.
 * - `reports`: figures over a date range; offered to incident managers and admins.
 * - `major`: the running major incidents, or one of them in full (MajorViewSlice).
 * - `settings`: a standalone desk's own categories and templates; offered while it has never joined a server.
 */
export type Screen = 'queue' | 'admin' | 'reports' | 'settings' | 'major'

/**
 * Asked before the header moves to another screen: a screen holding unsaved edits takes the move
 * over (it asks the person first and calls `proceed` if they leave) by returning true.
 */
export type LeaveGuard = (proceed: () => void) => boolean

export interface NavigationSlice {
  screen: Screen
  /** Set by a screen while it holds unsaved edits (Settings, Administration); null otherwise. */
  leaveGuard: LeaveGuard | null
  leaveGuardSet(guard: LeaveGuard | null): void
  /** The incident whose activity panel is open, if any. */
  openIncidentId: string | null
  isOutboxPanelOpen: boolean
  screenChosen(screen: Screen): void
  incidentOpened(incidentId: string): void
  incidentClosed(): void
  outboxPanelOpened(): void
  outboxPanelClosed(): void
}

/**
 * The desk-wide overlays opened from the keyboard or the menu: the search palette (`/`, Ctrl+K),
 * the shortcut sheet (`?`) and the About box. One at a time: opening one closes the others.
 */
export interface OverlaySlice {
  isSearchOpen: boolean
  isShortcutSheetOpen: boolean
  isAboutOpen: boolean
  searchOpened(): void
  searchClosed(): void
  shortcutSheetOpened(): void
  shortcutSheetClosed(): void
  aboutOpened(): void
  aboutClosed(): void
}

/** Which major incident the 'major' screen shows in full; null shows the list of running ones. */
export interface MajorViewSlice {
  majorIncidentId: string | null
  /** The major-incident view was asked for (header, the incident view's button); null for the list. */
  majorIncidentViewOpened(incidentId: string | null): void
}

export type UiState = LogDialogSlice & AnnouncementSlice & SessionSlice & SyncStatusSlice & NavigationSlice & OverlaySlice & MajorViewSlice
export type UiStore = StoreApi<UiState>

const createLogDialogSlice: StateCreator<UiState, [], [], LogDialogSlice> = (set) => ({
  isLogDialogOpen: false,
  logDialogOpened: () => set({ isLogDialogOpen: true, announcement: null }),
  logDialogClosed: () => set({ isLogDialogOpen: false }),
  incidentLogged: (number, provisional = false) =>
    set({
      isLogDialogOpen: false,
      announcement: provisional ? t('log.loggedProvisional', { number }) : t('log.logged', { number }),
    }),
})

const createAnnouncementSlice: StateCreator<UiState, [], [], AnnouncementSlice> = (set) => ({
  announcement: null,
  announcementDismissed: () => set({ announcement: null }),
  announced: (message) => set({ announcement: message }),
})

const createSessionSlice: StateCreator<UiState, [], [], SessionSlice> = (set) => ({
  connection: { status: 'standalone' },
  isSignInDialogOpen: false,
  signInDialogOpened: () => set({ isSignInDialogOpen: true }),
  signInDialogClosed: () => set({ isSignInDialogOpen: false }),
  sessionStarted: (account, serverUrl) =>
    set((state) => ({
      connection: { status: 'signedIn', account, serverUrl },
      isSignInDialogOpen: false,
      sync: { ...state.sync, lastError: null, failingSince: null, unreachable: false },
    })),
  sessionEnded: (reason) =>
    set((state) => {
      const previous = state.connection
      const account = previous.status === 'signedIn' ? previous.account : previous.status === 'signedOut' ? previous.account : null
      const serverUrl = previous.status === 'signedIn' ? previous.serverUrl : previous.status === 'signedOut' ? previous.serverUrl : null
      // Admin screens need a session; fall back to the queue rather than show a dead screen.
      return {
        connection: { status: 'signedOut', account, serverUrl, reason },
        screen: 'queue',
        sync: { ...state.sync, running: false, progress: null },
      }
    }),
  sessionMissing: (account, serverUrl) =>
    set({ connection: { status: 'signedOut', account, serverUrl, reason: null } }),
})

const createSyncStatusSlice: StateCreator<UiState, [], [], SyncStatusSlice> = (set) => ({
  sync: { running: false, progress: null, lastSyncAt: null, lastError: null, failingSince: null, unreachable: false },
  syncStarted: () => set((state) => ({ sync: { ...state.sync, running: true, progress: null } })),
  syncProgressed: (progress) => set((state) => ({ sync: { ...state.sync, running: true, progress } })),
  syncSucceeded: (at) =>
    set((state) => ({ sync: { ...state.sync, running: false, progress: null, lastSyncAt: at, lastError: null, failingSince: null, unreachable: false } })),
  syncFailed: (message, { at, unreachable }) =>
    set((state) => ({ sync: { ...state.sync, running: false, progress: null, lastError: message, failingSince: state.sync.failingSince ?? at, unreachable } })),
})

const createNavigationSlice: StateCreator<UiState, [], [], NavigationSlice> = (set) => ({
  screen: 'queue',
  leaveGuard: null,
  leaveGuardSet: (guard) => set({ leaveGuard: guard }),
  openIncidentId: null,
  isOutboxPanelOpen: false,
  screenChosen: (screen) => set({ screen, openIncidentId: null }),
  incidentOpened: (incidentId) => set({ openIncidentId: incidentId, isOutboxPanelOpen: false }),
  incidentClosed: () => set({ openIncidentId: null }),
  outboxPanelOpened: () => set({ isOutboxPanelOpen: true, openIncidentId: null }),
  outboxPanelClosed: () => set({ isOutboxPanelOpen: false }),
})

const NO_OVERLAY = { isSearchOpen: false, isShortcutSheetOpen: false, isAboutOpen: false } as const

const createOverlaySlice: StateCreator<UiState, [], [], OverlaySlice> = (set) => ({
  ...NO_OVERLAY,
  searchOpened: () => set({ ...NO_OVERLAY, isSearchOpen: true }),
  searchClosed: () => set({ isSearchOpen: false }),
  shortcutSheetOpened: () => set({ ...NO_OVERLAY, isShortcutSheetOpen: true }),
  shortcutSheetClosed: () => set({ isShortcutSheetOpen: false }),
  aboutOpened: () => set({ ...NO_OVERLAY, isAboutOpen: true }),
  aboutClosed: () => set({ isAboutOpen: false }),
})

const createMajorViewSlice: StateCreator<UiState, [], [], MajorViewSlice> = (set) => ({
  majorIncidentId: null,
  // A full screen, so the incident panel over it closes.
  majorIncidentViewOpened: (incidentId) => set({ screen: 'major', majorIncidentId: incidentId, openIncidentId: null }),
})

/** One store per mounted app (not a module singleton), so tests and a second window get their own. */
export function createUiStore(): UiStore {
  return createStore<UiState>()((...args) => ({
    ...createLogDialogSlice(...args),
    ...createAnnouncementSlice(...args),
    ...createSessionSlice(...args),
    ...createSyncStatusSlice(...args),
    ...createNavigationSlice(...args),
    ...createOverlaySlice(...args),
    ...createMajorViewSlice(...args),
  }))
}
