import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import type { Connection, Screen, UiState, UiStore } from './uiStore'

export const UiStoreContext = createContext<UiStore | null>(null)

function useUiStore<T>(selector: (state: UiState) => T): T {
  const store = useContext(UiStoreContext)
  if (!store) throw new Error('useUiStore needs <UiStoreContext value={…}> above it.')
  return useStore(store, selector)
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
