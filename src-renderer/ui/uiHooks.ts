import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import type { UiState, UiStore } from './uiStore'

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

/** The actions, stable across renders: safe in effect dependencies and event handlers. */
export function useUiActions(): Pick<
  UiState,
  'logDialogOpened' | 'logDialogClosed' | 'incidentLogged' | 'announcementDismissed'
> {
  return useUiStore(
    useShallow((state) => ({
      logDialogOpened: state.logDialogOpened,
      logDialogClosed: state.logDialogClosed,
      incidentLogged: state.incidentLogged,
      announcementDismissed: state.announcementDismissed,
    })),
  )
}
