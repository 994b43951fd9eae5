import { use, useRef } from 'react'
import type { MenuCommand } from '../src-shared/ipc/contract'
import { IncidentActivityPanel } from './activity/IncidentActivityPanel'
import { AdminScreen } from './admin/AdminScreen'
import { useDeskCommands } from './commands/useDeskCommands'
import { DeskContext } from './desk/deskContext'
import type { Desk } from './desk/openDesk'
import { LogIncidentDialog } from './logging/LogIncidentDialog'
import { OutboxProblemsPanel } from './outbox/OutboxProblemsPanel'
import type { Platform } from './platform/platform'
import { PlatformContext } from './platform/platformContext'
import { QueueScreen } from './queue/QueueScreen'
import { SignInDialog } from './session/SignInDialog'
import { AppHeader } from './shell/AppHeader'
import { useAppVersion } from './shell/useAppVersion'
import type { SyncController } from './sync-status/syncController'
import { SyncControllerContext } from './sync-status/syncControllerContext'
import { StatusBar } from './sync-status/StatusBar'
import {
  useIsAdminSignedIn,
  useIsLogDialogOpen,
  useIsOutboxPanelOpen,
  useIsSignInDialogOpen,
  useOpenIncidentId,
  useScreen,
  useUiActions,
  UiStoreContext,
} from './ui/uiHooks'
import type { UiStore } from './ui/uiStore'

interface Props {
  platform: Platform
  /** Created once at start-up, outside React, so every render reads the same promise. */
  desk: Promise<Desk>
  /** The sync controller, started once the desk is open; outside React like the desk. */
  sync: Promise<SyncController>
  uiStore: UiStore
}

/** Suspends (see main.tsx) until the local store is open, then provides it to every screen. */
export function App({ platform, desk: deskPromise, sync: syncPromise, uiStore }: Props) {
  const desk = use(deskPromise)
  const sync = use(syncPromise)
  return (
    <PlatformContext value={platform}>
      <DeskContext value={desk}>
        <UiStoreContext value={uiStore}>
          <SyncControllerContext value={sync}>
            <DeskShell platform={platform} />
          </SyncControllerContext>
        </UiStoreContext>
      </DeskContext>
    </PlatformContext>
  )
}

function DeskShell({ platform }: { platform: Platform }) {
  const isLogDialogOpen = useIsLogDialogOpen()
  const isSignInDialogOpen = useIsSignInDialogOpen()
  const isOutboxPanelOpen = useIsOutboxPanelOpen()
  const openIncidentId = useOpenIncidentId()
  const isAdmin = useIsAdminSignedIn()
  const screen = useScreen()
  const { logDialogOpened, screenChosen } = useUiActions()
  const queueHeading = useRef<HTMLHeadingElement>(null)
  const version = useAppVersion(platform)

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
      case 'shortcuts.show':
      case 'about.show':
        // Search, the shortcut reference and the About box arrive with the full desk UI.
        return
    }
  })

  return (
    <div className="app">
      <AppHeader version={version} />
      <main className="app__main">{screen === 'admin' && isAdmin ? <AdminScreen /> : <QueueScreen headingRef={queueHeading} />}</main>
      <StatusBar />
      {isLogDialogOpen ? <LogIncidentDialog /> : null}
      {isSignInDialogOpen ? <SignInDialog /> : null}
      {isOutboxPanelOpen ? <OutboxProblemsPanel /> : null}
      {openIncidentId ? <IncidentActivityPanel key={openIncidentId} incidentId={openIncidentId} /> : null}
    </div>
  )
}
