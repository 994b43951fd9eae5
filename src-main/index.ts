/**
 * Main-process entry: only wiring. Each policy lives in its own module under src-main/ and is
 * tested there; this file decides the order things happen in, which Electron makes significant
 * (scheme privileges and the user-data path before 'ready', windows after).
 */
import path from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, net, Notification, powerMonitor, protocol, safeStorage, session, shell } from 'electron'
import { PRODUCT_NAME, userDataFolderName } from './app/identity'
import { resolveRendererSource, type RendererSource } from './app/rendererSource'
import { createExportHandlers } from './export/exportHandlers'
import { createNotificationHandlers } from './notifications/notificationHandlers'
import { createAppInfoHandler } from './ipc/appInfoHandler'
import { registerHandlers } from './ipc/registerHandlers'
import { buildApplicationMenuTemplate, sendMenuCommand } from './menu/applicationMenu'
import { handleAppProtocol, registerAppScheme } from './protocol/appProtocol'
import { applyContentSecurityPolicy, buildContentSecurityPolicy } from './security/csp'
import { guardNavigation } from './security/navigation'
import { applyPermissionPolicy } from './security/permissions'
import { startDesktopSync } from './sync/desktopSync'
import { createMainWindow } from './window/createMainWindow'
import { matchLocale, type AnyLocale } from '../src-shared/i18n/locales'
import { createLanguageHandler } from './menu/languageHandler'
import { translatorFor } from '../src-shared/i18n/translator'

// Before 'ready'. The single-instance lock lives in the user-data folder, so set that first.
app.setName(PRODUCT_NAME)
app.setPath('userData', path.join(app.getPath('appData'), userDataFolderName(app.isPackaged)))
registerAppScheme(protocol)
// Sandbox every renderer, including any a future feature forgets to configure.
app.enableSandbox()

// Two desks on one profile would fight over the same IndexedDB and outbox: focus the first one.
if (app.requestSingleInstanceLock()) {
  start(resolveRendererSource({ isPackaged: app.isPackaged, devServerUrl: process.env['ELECTRON_RENDERER_URL'] }))
} else {
  app.quit()
}

function start(source: RendererSource): void {
  const isDevelopment = !app.isPackaged
  const allowedOrigins = [source.origin]
  const openExternal = (url: string): void => {
    shell.openExternal(url).catch((error: unknown) => console.error(`Could not open ${url}`, error))
  }
  const openWindow = (): BrowserWindow =>
    createMainWindow(source.url, { preloadPath: path.join(import.meta.dirname, '../preload/index.cjs'), isDevelopment })

  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, { allowedOrigins, openExternal }))
  app.on('second-instance', () => focusFirstWindow())
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  void app.whenReady().then(() => {
    const contentSecurityPolicy = buildContentSecurityPolicy(
      source.kind === 'dev-server' ? { devServerOrigin: source.origin } : {},
    )
    applyPermissionPolicy(session.defaultSession, allowedOrigins)
    if (source.kind === 'dev-server') {
      applyContentSecurityPolicy(session.defaultSession, source.origin, contentSecurityPolicy)
    } else {
      handleAppProtocol(protocol, { rootDir: path.join(import.meta.dirname, '../renderer'), contentSecurityPolicy })
    }

    // The token store, the sync server client and the schedule (DESIGN §2: main owns the transport).
    const desktopSync = startDesktopSync({
      userDataPath: app.getPath('userData'),
      platform: process.platform,
      safeStorage,
      powerMonitor,
      net,
      getWindow: () => BrowserWindow.getAllWindows()[0],
      log: console,
    })
    // CSV export: main shows the save dialog and writes the file the renderer streams to it.
    const exportFiles = createExportHandlers({
      defaultDirectory: app.getPath('documents'),
      showSaveDialog: (options) => {
        const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]
        return window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options)
      },
    })
    app.on('will-quit', () => {
      desktopSync.stop()
      // An export cut short by quitting leaves no partial file behind.
      void exportFiles.abortAll()
    })

    // The menu speaks the system's language until the desk says which one the person chose.
    const applyMenuLanguage = (locale: AnyLocale) =>
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          buildApplicationMenuTemplate({
            platform: process.platform,
            isDevelopment,
            appName: PRODUCT_NAME,
            dispatch: (command) => sendMenuCommand(BrowserWindow.getFocusedWindow()?.webContents, command),
            translator: translatorFor(locale),
          }),
        ),
      )

    registerHandlers(
      ipcMain,
      {
        ...createLanguageHandler(applyMenuLanguage),
        'app.getInfo': createAppInfoHandler({
          name: PRODUCT_NAME,
          version: app.getVersion(),
          platform: process.platform,
          electron: process.versions.electron ?? 'unknown',
        }),
        ...desktopSync.handlers,
        ...exportFiles.handlers,
        ...createNotificationHandlers({
          notifications: { isSupported: () => Notification.isSupported(), create: (options) => new Notification(options) },
          focusWindow: () => {
            const window = BrowserWindow.getAllWindows()[0]
            if (!window) return
            if (window.isMinimized()) window.restore()
            window.show()
            window.focus()
          },
        }),
      },
      allowedOrigins,
    )

    applyMenuLanguage(matchLocale(app.getPreferredSystemLanguages()))

    openWindow()
    // macOS keeps the app alive with no window; clicking the dock icon brings the desk back.
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow()
    })
  })
}

function focusFirstWindow(): void {
  const [window] = BrowserWindow.getAllWindows()
  if (!window) return
  if (window.isMinimized()) window.restore()
  window.focus()
}
