import { StrictMode, Suspense } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { openDesk } from './desk/openDesk'
import { choosePlatform } from './platform/choosePlatform'
import { StartingScreen } from './shell/StartingScreen'
import { StartupErrorBoundary } from './shell/StartupErrorBoundary'
import { createSyncController } from './sync-status/syncController'
import { createUiStore } from './ui/uiStore'
import './styles/theme.css'

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element.')

const platform = choosePlatform(window)
// One of each per page, made here rather than as module singletons (STYLE.md): the sync
// controller lives outside React and talks to the UI store through getState/subscribe.
const uiStore = createUiStore()
// Started before the first render so opening IndexedDB overlaps React's start-up.
const desk = openDesk()
const sync = desk.then(async (opened) => {
  const controller = createSyncController({ desk: opened, platform, ui: uiStore })
  // A desk that cannot reach its session (a broken bridge) still works locally.
  await controller.start().catch((error: unknown) => console.warn('Sync could not start; the desk works on its own.', error))
  return controller
})

createRoot(container).render(
  <StrictMode>
    <StartupErrorBoundary>
      <Suspense fallback={<StartingScreen />}>
        <App platform={platform} desk={desk} sync={sync} uiStore={uiStore} />
      </Suspense>
    </StartupErrorBoundary>
  </StrictMode>,
)
