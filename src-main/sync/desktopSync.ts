import type { BrowserWindow, Net, PowerMonitor } from 'electron'
import { createAbortDeadlines, createSyncHttpClient } from '../../src-shared/sync/httpClient'
import type { SetTimer, SyncScheduleStatus } from '../../src-shared/sync/schedule'
import type { ExportChannel } from '../export/exportHandlers'
import type { MainApiHandlers } from '../ipc/channelHandler'
import { createSettingsStore } from '../session/settingsStore'
import { createTokenStore, type SafeStorageLike } from '../session/tokenStore'
import { createAdminHandlers } from './adminHandlers'
import { startDesktopSchedule } from './desktopSchedule'
import { createServerConnection } from './serverConnection'
import { createAttachmentHandlers } from './attachmentHandlers'
import { createSessionHandlers } from './sessionHandlers'
import { createSyncHandlers } from './syncHandlers'
import { sendSyncRequested } from './syncRequested'
import { setNodeTimer } from './timer'

export interface DesktopSyncOptions {
  /** app.getPath('userData'): session.bin and settings.json live there. */
  userDataPath: string
  platform: string
  safeStorage: SafeStorageLike
  powerMonitor: Pick<PowerMonitor, 'on' | 'removeListener'>
  /**
   * Electron's net: `fetch` goes through Chromium's network stack, so the desk honours the
   * system proxy and the OS certificate store the way a corporate network expects (Node's own
   * fetch does neither). `isOnline` feeds the schedule.
   */
  net: Pick<Net, 'fetch' | 'isOnline'>
  /** The window whose page runs sync rounds and shows their progress. */
  getWindow: () => Pick<BrowserWindow, 'webContents' | 'setProgressBar' | 'isDestroyed'> | undefined
  log: Pick<Console, 'info' | 'warn' | 'error'>
  setTimer?: SetTimer
  now?: () => number
}

type DesktopSyncChannel = Exclude<keyof MainApiHandlers, 'app.getInfo' | 'app.setLanguage' | ExportChannel | 'notify.show'>

export interface DesktopSync {
  /** The session, sync and admin channels, for registerHandlers. */
  readonly handlers: Pick<MainApiHandlers, DesktopSyncChannel>
  /** What the schedule is doing, for diagnostics. */
  status(): SyncScheduleStatus
  stop(): void
}

/**
 * Puts the sync side of main together: the token store, the one HTTP client, the schedule and
 * the IPC handlers over them. Call after 'ready' (safeStorage and net need it).
 */
export function startDesktopSync(options: DesktopSyncOptions): DesktopSync {
  const { log } = options
  const setTimer = options.setTimer ?? setNodeTimer
  const tokenStore = createTokenStore({
    directory: options.userDataPath,
    safeStorage: options.safeStorage,
    platform: options.platform,
    log,
  })
  const settings = createSettingsStore({ directory: options.userDataPath, log })
  const deadline = createAbortDeadlines(() => new AbortController(), setTimer)

  const liveWindow = () => {
    const window = options.getWindow()
    return window && !window.isDestroyed() ? window : undefined
  }
  const schedule = startDesktopSchedule({
    powerMonitor: options.powerMonitor,
    isOnline: () => options.net.isOnline(),
    setTimer,
    now: options.now ?? Date.now,
    requestRound: (request) => sendSyncRequested(liveWindow()?.webContents, request),
  })

  const connection = createServerConnection({
    tokenStore,
    settings,
    createClient: (serverUrl, getToken) =>
      createSyncHttpClient({ baseUrl: serverUrl, getToken, deadline, fetch: (url, init) => options.net.fetch(url, init) }),
    onSessionChanged: (signedIn) => schedule.scheduler.setSignedIn(signedIn),
    log,
  })

  // A session restored from disk starts the schedule as if just signed in.
  void tokenStore.current().then((session) => {
    if (session) schedule.scheduler.setSignedIn(true)
  })

  return {
    handlers: {
      ...createSessionHandlers(connection),
      ...createAttachmentHandlers(connection),
      ...createSyncHandlers({
        connection,
        scheduler: schedule.scheduler,
        // -1 removes the taskbar progress; Electron reads values in 0..1 as a fraction done.
        showProgress: (fraction) => liveWindow()?.setProgressBar(fraction ?? -1),
      }),
      ...createAdminHandlers(connection),
    },
    status: () => schedule.scheduler.status(),
    stop: () => schedule.stop(),
  }
}
