import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { DeskNotification } from './notificationRules'

/**
 * In-app notifications (the web mode, and the desktop when the OS has no notification centre),
 * and whether the preferences dialog is open. Its own small store rather than a slice of the UI
 * store: the watcher posts into it from outside React.
 */
export interface NotificationCenterState {
  /** Newest first; at most {@link MAX_IN_APP} are kept. */
  items: DeskNotification[]
  isSettingsOpen: boolean
  posted(notification: DeskNotification): void
  dismissed(key: string): void
  settingsOpened(): void
  settingsClosed(): void
}

export type NotificationCenter = StoreApi<NotificationCenterState>

/** A wall of toasts helps nobody; older ones make room (the incidents themselves are in the queue). */
export const MAX_IN_APP = 4

export function createNotificationCenter(): NotificationCenter {
  return createStore<NotificationCenterState>()((set) => ({
    items: [],
    isSettingsOpen: false,
    posted: (notification) =>
      set((state) => ({ items: [notification, ...state.items.filter((item) => item.key !== notification.key)].slice(0, MAX_IN_APP) })),
    dismissed: (key) => set((state) => ({ items: state.items.filter((item) => item.key !== key) })),
    settingsOpened: () => set({ isSettingsOpen: true }),
    settingsClosed: () => set({ isSettingsOpen: false }),
  }))
}

export const NotificationCenterContext = createContext<NotificationCenter | null>(null)

export function useNotificationCenter<T>(selector: (state: NotificationCenterState) => T): T {
  const center = useContext(NotificationCenterContext)
  if (!center) throw new Error('useNotificationCenter needs <NotificationCenterContext value={…}> above it.')
  return useStore(center, selector)
}
