import { use, useRef, useState } from 'react'
import type { MenuCommand } from '../src-shared/ipc/contract'
import { useDeskCommands } from './commands/useDeskCommands'
import { DeskContext } from './desk/deskContext'
import type { Desk } from './desk/openDesk'
import { LogIncidentDialog } from './logging/LogIncidentDialog'
import type { Platform } from './platform/platform'
import { PlatformContext } from './platform/platformContext'
import { QueueScreen } from './queue/QueueScreen'
import { AppHeader } from './shell/AppHeader'
import { useAppVersion } from './shell/useAppVersion'
import { useIsLogDialogOpen, useUiActions, UiStoreContext } from './ui/uiHooks'
import { createUiStore } from './ui/uiStore'

interface Props {
  platform: Platform
  /** Created once at start-up, outside React, so every render reads the same promise. */
  desk: Promise<Desk>
}

/** Suspends (see main.tsx) until the local store is open, then provides it to every screen. */
export function App({ platform, desk: deskPromise }: Props) {
  const desk = use(deskPromise)
  const [uiStore] = useState(createUiStore)
  return (
    <PlatformContext value={platform}>
      <DeskContext value={desk}>
        <UiStoreContext value={uiStore}>
          <DeskShell platform={platform} />
        </UiStoreContext>
      </DeskContext>
    </PlatformContext>
  )
}

function DeskShell({ platform }: { platform: Platform }) {
  const isLogDialogOpen = useIsLogDialogOpen()
  const { logDialogOpened } = useUiActions()
  const queueHeading = useRef<HTMLHeadingElement>(null)
  const version = useAppVersion(platform)

  useDeskCommands(platform, (command: MenuCommand) => {
    switch (command) {
      case 'incident.new':
        logDialogOpened()
        return
      case 'queue.focus':
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
      <main className="app__main">
        <QueueScreen headingRef={queueHeading} />
      </main>
      {isLogDialogOpen ? <LogIncidentDialog /> : null}
    </div>
  )
}
