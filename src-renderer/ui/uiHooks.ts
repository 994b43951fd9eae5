import { createContext, useCallback, useContext, useEffect } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import type { Connection, LeaveGuard, Screen, UiState, UiStore } from './uiStore'

export const UiStoreContext = createContext<UiStore | null>(null)

function useUiStoreApi(): UiStore {
  const store = useContext(UiStoreContext)
  if (!store) throw new Error('useUiStore needs <UiStoreContext value={…}> above it.')
  return store
}

function useUiStore<T>(selector: (state: UiState) => T): T {
  return useStore(useUiStoreApi(), selector)
}

export function useIsLogDialogOpen(): boolean {
  return useUiStore((state) => state.isLogDialogOpen)
}

export function useAnnouncement(): string | null {
  return useUiStore((state) => state.announcement)
}

export function useConnection(): Connection {
  return useUiStore((state) => state.connection)
}

export function useIsSignInDialogOpen(): boolean {
  return useUiStore((state) => state.isSignInDialogOpen)
}

export function useSyncStatus(): UiState['sync'] {
  return useUiStore((state) => state.sync)
}

export function useScreen(): Screen {
  return useUiStore((state) => state.screen)
}

export function useOpenIncidentId(): string | null {
  return useUiStore((state) => state.openIncidentId)
}

export function useIsOutboxPanelOpen(): boolean {
  return useUiStore((state) => state.isOutboxPanelOpen)
}

/** True while the desk has never joined a server: its one local user configures it (Settings). */
export function useIsStandaloneDesk(): boolean {
  return useUiStore((state) => state.connection.status === 'standalone')
}

/** True when the signed-in account may use the admin screen. */
export function useIsAdminSignedIn(): boolean {
  return useUiStore((state) => state.connection.status === 'signedIn' && state.connection.account.role === 'admin')
}

type UiActions = Pick<
  UiState,
  | 'logDialogOpened'
  | 'logDialogClosed'
  | 'incidentLogged'
  | 'announcementDismissed'
  | 'announced'
  | 'signInDialogOpened'
  | 'signInDialogClosed'
  | 'screenChosen'
  | 'incidentOpened'
  | 'incidentClosed'
  | 'outboxPanelOpened'
  | 'outboxPanelClosed'
>

/** The actions, stable across renders: safe in effect dependencies and event handlers. */
export function useUiActions(): UiActions {
  return useUiStore(
    useShallow((state) => ({
      logDialogOpened: state.logDialogOpened,
      logDialogClosed: state.logDialogClosed,
      incidentLogged: state.incidentLogged,
      announcementDismissed: state.announcementDismissed,
      announced: state.announced,
      signInDialogOpened: state.signInDialogOpened,
      signInDialogClosed: state.signInDialogClosed,
      screenChosen: state.screenChosen,
      incidentOpened: state.incidentOpened,
      incidentClosed: state.incidentClosed,
      outboxPanelOpened: state.outboxPanelOpened,
      outboxPanelClosed: state.outboxPanelClosed,
    })),
  )
}

/**
 * Runs a move to another screen, unless the current screen holds unsaved edits: then that screen
 * asks the person first and makes the move itself if they choose to leave.
 */
export function useGuardedNavigation(): (move: () => void) => void {
  const store = useUiStoreApi()
  return useCallback(
    (move: () => void) => {
      const guard = store.getState().leaveGuard
      if (!guard?.(move)) move()
    },
    [store],
  )
}

/** Lets a screen with unsaved edits take over moves away from it while `guard` is set. */
export function useLeaveGuard(guard: LeaveGuard | null): void {
  const store = useUiStoreApi()
  useEffect(() => {
    store.getState().leaveGuardSet(guard)
    return () => store.getState().leaveGuardSet(null)
  }, [store, guard])
}

export function useIsSearchOpen(): boolean {
  return useUiStore((state) => state.isSearchOpen)
}

export function useIsShortcutSheetOpen(): boolean {
  return useUiStore((state) => state.isShortcutSheetOpen)
}

export function useIsAboutOpen(): boolean {
  return useUiStore((state) => state.isAboutOpen)
}

type OverlayActions = Pick<
  UiState,
  'searchOpened' | 'searchClosed' | 'shortcutSheetOpened' | 'shortcutSheetClosed' | 'aboutOpened' | 'aboutClosed' | 'incidentOpened'
>

/** The overlays' actions (search palette, shortcut sheet, About), stable across renders. */
export function useOverlayActions(): OverlayActions {
  return useUiStore(
    useShallow((state) => ({
      searchOpened: state.searchOpened,
      searchClosed: state.searchClosed,
      shortcutSheetOpened: state.shortcutSheetOpened,
      shortcutSheetClosed: state.shortcutSheetClosed,
      aboutOpened: state.aboutOpened,
      aboutClosed: state.aboutClosed,
      incidentOpened: state.incidentOpened,
    })),
  )
}

export function useMajorIncidentId(): string | null {
  return useUiStore((state) => state.majorIncidentId)
}

/** Opens the major-incident screen on one incident, or on the list (null). */
export function useMajorViewActions(): Pick<UiState, 'majorIncidentViewOpened'> {
  return useUiStore(useShallow((state) => ({ majorIncidentViewOpened: state.majorIncidentViewOpened })))
}
