import { Suspense, use, useEffect, useRef, type ReactNode } from 'react'
import type { MenuCommand } from '../src-shared/ipc/contract'
import { IncidentActivityPanel } from './activity/IncidentActivityPanel'
import { useDeskCommands } from './commands/useDeskCommands'
import { DeskContext } from './desk/deskContext'
import type { Desk } from './desk/openDesk'
import { LogIncidentDialog } from './logging/LogIncidentDialog'
import { MajorIncidentScreen } from './major/MajorIncidentScreen'
import { OutboxProblemsPanel } from './outbox/OutboxProblemsPanel'
import { NotificationCenterContext, useNotificationCenter, type NotificationCenter } from './notifications/notificationCenter'
import { NotificationSettingsDialog } from './notifications/NotificationSettingsDialog'
import { NotificationToasts } from './notifications/NotificationToasts'
import type { Platform } from './platform/platform'
import { PlatformContext } from './platform/platformContext'
import { QueueScreen } from './queue/QueueScreen'
import { AboutDialog } from './keyboard/AboutDialog'
import { ShortcutSheet } from './keyboard/ShortcutSheet'
import { SearchPalette } from './search/SearchPalette'
import { SearchServiceProvider } from './search/SearchServiceProvider'
import { SignInDialog } from './session/SignInDialog'
import { AppHeader } from './shell/AppHeader'
import { AdminScreen, ReportsScreen, SettingsScreen } from './shell/lazyScreens'
import { LoadingScreen } from './shell/StartingScreen'
import { useAppVersion } from './shell/useAppVersion'
import type { SyncController } from './sync-status/syncController'
import { SyncControllerContext } from './sync-status/syncControllerContext'
import { StatusBar } from './sync-status/StatusBar'
import {
  useIsAboutOpen,
  useIsAdminSignedIn,
  useIsLogDialogOpen,
  useIsOutboxPanelOpen,
  useIsSearchOpen,
  useIsShortcutSheetOpen,
  useIsSignInDialogOpen,
  useOpenIncidentId,
  useOverlayActions,
  useScreen,
  useUiActions,
  UiStoreContext,
} from './ui/uiHooks'
import type { UiStore } from './ui/uiStore'
import { useLanguage } from './i18n/activeLanguage'
import { useResolutionCodesFollowConfig } from './config/resolutionCodeNames'

interface Props {
  platform: Platform
  /** Created once at start-up, outside React, so every render reads the same promise. */
  desk: Promise<Desk>
  /** The sync controller, started once the desk is open; outside React like the desk. */
  sync: Promise<SyncController>
  uiStore: UiStore
  /** In-app notifications, posted by the watcher from outside React. */
  notifications: NotificationCenter
}

/** Suspends (see main.tsx) until the local store is open, then provides it to every screen. */
export function App({ platform, desk: deskPromise, sync: syncPromise, uiStore, notifications }: Props) {
  const desk = use(deskPromise)
  const sync = use(syncPromise)
  return (
    <PlatformContext value={platform}>
      <DeskContext value={desk}>
        <UiStoreContext value={uiStore}>
          <NotificationCenterContext value={notifications}>
          <SyncControllerContext value={sync}>
            <SearchServiceProvider>
              <DeskShell platform={platform} />
            </SearchServiceProvider>
          </SyncControllerContext>
          </NotificationCenterContext>
        </UiStoreContext>
      </DeskContext>
    </PlatformContext>
  )
}

function DeskShell({ platform }: { platform: Platform }) {
  // The desktop menu speaks the desk's language too (main rebuilds it).
  const locale = useLanguage((state) => state.locale)
  useEffect(() => platform.languageChosen(locale), [platform, locale])
  const isLogDialogOpen = useIsLogDialogOpen()
  const isSignInDialogOpen = useIsSignInDialogOpen()
  const isOutboxPanelOpen = useIsOutboxPanelOpen()
  const openIncidentId = useOpenIncidentId()
  const isAdmin = useIsAdminSignedIn()
  const screen = useScreen()
  const { logDialogOpened, screenChosen } = useUiActions()
  const isSearchOpen = useIsSearchOpen()
  const isShortcutSheetOpen = useIsShortcutSheetOpen()
  const isAboutOpen = useIsAboutOpen()
  const { searchOpened, shortcutSheetOpened, aboutOpened } = useOverlayActions()
  const queueHeading = useRef<HTMLHeadingElement>(null)
  const version = useAppVersion(platform)
  useResolutionCodesFollowConfig()

  useDeskCommands(platform, (command: MenuCommand) => {
    switch (command) {
      case 'incident.new':
        logDialogOpened()
        return
      case 'queue.focus':
        screenChosen('queue')
        queueHeading.current?.focus()
        return
      case 'search.open':
        searchOpened()
        return
      case 'shortcuts.show':
        shortcutSheetOpened()
        return
      case 'about.show':
        aboutOpened()
        return
    }
  })

  return (
    <div className="app">
      <AppHeader version={version} />
      <main className="app__main">
        {screen === 'admin' && isAdmin ? (
          <LazyScreen>
            <AdminScreen />
          </LazyScreen>
        ) : screen === 'reports' ? (
          <LazyScreen>
            <ReportsScreen />
          </LazyScreen>
        ) : screen === 'settings' ? (
          <LazyScreen>
            <SettingsScreen />
          </LazyScreen>
        ) : screen === 'major' ? (
          <MajorIncidentScreen />
        ) : (
          <QueueScreen headingRef={queueHeading} />
        )}
      </main>
      <StatusBar />
      <NotificationToasts />
      <NotificationSettings />
      {isLogDialogOpen ? <LogIncidentDialog /> : null}
      {isSignInDialogOpen ? <SignInDialog /> : null}
      {isOutboxPanelOpen ? <OutboxProblemsPanel /> : null}
      {openIncidentId ? <IncidentActivityPanel key={openIncidentId} incidentId={openIncidentId} /> : null}
      {isSearchOpen ? <SearchPalette /> : null}
      {isShortcutSheetOpen ? <ShortcutSheet /> : null}
      {isAboutOpen ? <AboutDialog platform={platform} /> : null}
    </div>
  )
}

/** A screen loaded the first time it opens (lazyScreens.ts): "Loading…" in its place meanwhile. */
function LazyScreen({ children }: { children: ReactNode }) {
  return <Suspense fallback={<LoadingScreen />}>{children}</Suspense>
}

function NotificationSettings() {
  const isOpen = useNotificationCenter((state) => state.isSettingsOpen)
  return isOpen ? <NotificationSettingsDialog /> : null
}
