import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla'

/**
 * UI state only (STYLE.md, "UI state"): what is open, what was just announced. Incidents
 * themselves live in Dexie and reach components through live queries, never through here.
 * Actions are named for what happened (`logDialogOpened`), not for the field they set.
 */

export interface LogDialogSlice {
  isLogDialogOpen: boolean
  /** The user asked to log an incident (button, `n`, Ctrl+N, or the File menu). */
  logDialogOpened(): void
  /** The dialog was dismissed without saving (Cancel, Escape). */
  logDialogClosed(): void
  /** The store accepted a new incident: close the form and say so. */
  incidentLogged(number: string): void
}

export interface AnnouncementSlice {
  /** A short confirmation read out politely by screen readers and shown above the queue. */
  announcement: string | null
  announcementDismissed(): void
}

export type UiState = LogDialogSlice & AnnouncementSlice
export type UiStore = StoreApi<UiState>

const createLogDialogSlice: StateCreator<UiState, [], [], LogDialogSlice> = (set) => ({
  isLogDialogOpen: false,
  logDialogOpened: () => set({ isLogDialogOpen: true, announcement: null }),
  logDialogClosed: () => set({ isLogDialogOpen: false }),
  incidentLogged: (number) => set({ isLogDialogOpen: false, announcement: `${number} logged.` }),
})

const createAnnouncementSlice: StateCreator<UiState, [], [], AnnouncementSlice> = (set) => ({
  announcement: null,
  announcementDismissed: () => set({ announcement: null }),
})

/** One store per mounted app (not a module singleton), so tests and a second window get their own. */
export function createUiStore(): UiStore {
  return createStore<UiState>()((...args) => ({
    ...createLogDialogSlice(...args),
    ...createAnnouncementSlice(...args),
  }))
}
