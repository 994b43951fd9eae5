import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron'

export interface MainWindowOptions {
  /** Absolute path of the bundled CommonJS preload (out/preload/index.cjs). */
  readonly preloadPath: string
  /** Developer tools are available only while developing. */
  readonly isDevelopment: boolean
}

/**
 * Window options, pure so tests can pin the hardening down. Each line below closes a door from
 * Electron's security checklist; none of them is a default we rely on silently.
 */
export function buildMainWindowOptions(options: MainWindowOptions): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    title: 'Incident Desk',
    // Shown on 'ready-to-show' so the user never sees a blank white frame.
    show: false,
    backgroundColor: '#1e1f22',
    webPreferences: {
      preload: options.preloadPath,
      // The preload's world is separate from the page's: page script cannot touch its objects.
      contextIsolation: true,
      // The renderer runs in Chromium's OS sandbox; the preload gets only a small require().
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Dropping a file on the window must not navigate away from the desk (and its unsaved drafts).
      navigateOnDragDrop: false,
      devTools: options.isDevelopment,
      spellcheck: true,
    },
  }
}

/** Creates the desk's window and loads the UI from `url` (app:// or the dev server). */
export function createMainWindow(url: string, options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(buildMainWindowOptions(options))
  window.once('ready-to-show', () => window.show())
  // A failed load leaves the window empty, not the app crashed; say so where support can see it.
  window.loadURL(url).catch((error: unknown) => console.error(`Failed to load ${url}`, error))
  return window
}
