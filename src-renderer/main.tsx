import './shell/noEval'
import { startTransition, StrictMode, Suspense } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { openDesk } from './desk/openDesk'
import { choosePlatform } from './platform/choosePlatform'
import { StartingScreen } from './shell/StartingScreen'
import { StartupErrorBoundary } from './shell/StartupErrorBoundary'
import { LanguageProvider } from './i18n/LanguageProvider'
import { createSyncController } from './sync-status/syncController'
import { createUiStore } from './ui/uiStore'
import { createNotificationCenter } from './notifications/notificationCenter'
import { createNotificationDelivery } from './notifications/deliverNotification'
import { createNotificationWatcher } from './notifications/notificationWatcher'
import './styles/theme.css'

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element.')

const platform = choosePlatform(window)
// One of each per page, made here rather than as module singletons (STYLE.md): the sync
// controller lives outside React and talks to the UI store through getState/subscribe.
const uiStore = createUiStore()
// Started before the first render so opening IndexedDB overlaps React's start-up.
const desk = openDesk()
const notifications = createNotificationCenter()
const sync = desk.then(async (opened) => {
  // SLA thresholds, assignments and major incidents: an OS notification on the desktop, in-app here.
  const watcher = createNotificationWatcher({ reads: opened.data, session: opened.session, deliver: createNotificationDelivery(platform, notifications) })
  watcher.start()
  const controller = createSyncController({
    desk: opened,
    platform,
    ui: uiStore,
    onEventsReceived: (events) => {
      void watcher.eventsReceived(events).catch((error: unknown) => console.warn('Could not check new events for notifications.', error))
    },
  })
  // A desk that cannot reach its session (a broken bridge) still works locally.
  await controller.start().catch((error: unknown) => console.warn('Sync could not start; the desk works on its own.', error))
  return controller
})

// The Chromium benchmark's page hook (bench/chromium): only in a `vite build --mode bench` web
// build opened with ?bench=1. Vite replaces import.meta.env.MODE at build time, so every other
// build drops this branch and the hook's chunk altogether.
if (import.meta.env.MODE === 'bench' && platform.kind === 'web' && new URLSearchParams(window.location.search).has('bench')) {
  void import('./bench/benchHook').then(({ installBenchHook }) => installBenchHook(window, desk))
}

// A transition: the desk's first render (the whole shell, once the data worker has opened the
// store) is done in slices between frames rather than as one task of 60-90 ms.
startTransition(() =>
  createRoot(container).render(
    <StrictMode>
      <LanguageProvider>
        <StartupErrorBoundary>
          <Suspense fallback={<StartingScreen />}>
            <App platform={platform} desk={desk} sync={sync} uiStore={uiStore} notifications={notifications} />
          </Suspense>
        </StartupErrorBoundary>
      </LanguageProvider>
    </StrictMode>,
  ),
)
