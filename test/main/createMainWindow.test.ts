import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { BrowserWindowConstructorOptions } from 'electron'
import { buildMainWindowOptions, createMainWindow } from '../../src-main/window/createMainWindow'

// A hand-made BrowserWindow: records its options and lets the test fire 'ready-to-show'.
const fake = vi.hoisted(() => {
  class FakeBrowserWindow {
    static instances: FakeBrowserWindow[] = []
    readonly onceListeners = new Map<string, () => void>()
    readonly show = vi.fn()
    readonly loadURL = vi.fn(async (_url: string) => undefined)
    constructor(readonly options: unknown) {
      FakeBrowserWindow.instances.push(this)
    }
    once(event: string, listener: () => void): this {
      this.onceListeners.set(event, listener)
      return this
    }
  }
  return { FakeBrowserWindow }
})

vi.mock('electron', () => ({ BrowserWindow: fake.FakeBrowserWindow }))

const PRELOAD = '/opt/incident-desk/out/preload/index.cjs'

beforeEach(() => {
  fake.FakeBrowserWindow.instances.length = 0
})

describe('main window options', () => {
  const { webPreferences } = buildMainWindowOptions({ preloadPath: PRELOAD, isDevelopment: false })

  it('isolates the preload from the page and sandboxes the renderer', () => {
    expect(webPreferences?.contextIsolation).toBe(true)
    expect(webPreferences?.sandbox).toBe(true)
  })

  it('gives page script no Node.js, anywhere', () => {
    expect(webPreferences?.nodeIntegration).toBe(false)
    expect(webPreferences?.nodeIntegrationInWorker).toBe(false)
    expect(webPreferences?.nodeIntegrationInSubFrames).toBe(false)
  })

  it('keeps web security on and webviews off', () => {
    expect(webPreferences?.webSecurity).toBe(true)
    expect(webPreferences?.allowRunningInsecureContent).toBe(false)
    expect(webPreferences?.webviewTag).toBe(false)
    expect(webPreferences?.navigateOnDragDrop).toBe(false)
  })

  it('loads the CommonJS preload', () => {
    expect(webPreferences?.preload).toBe(PRELOAD)
    expect(webPreferences?.preload).toMatch(/\.cjs$/)
  })

  it('offers developer tools only while developing', () => {
    expect(webPreferences?.devTools).toBe(false)
    expect(buildMainWindowOptions({ preloadPath: PRELOAD, isDevelopment: true }).webPreferences?.devTools).toBe(true)
  })

  it('stays hidden until the first paint is ready', () => {
    expect(buildMainWindowOptions({ preloadPath: PRELOAD, isDevelopment: false }).show).toBe(false)
  })
})

describe('createMainWindow', () => {
  it('creates the window with the hardened options and loads the UI', () => {
    createMainWindow('app://incident-desk/index.html', { preloadPath: PRELOAD, isDevelopment: false })
    const [window] = fake.FakeBrowserWindow.instances
    const options = window?.options as BrowserWindowConstructorOptions
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false })
    expect(window?.loadURL).toHaveBeenCalledWith('app://incident-desk/index.html')
  })

  it('shows the window only once it is ready to show', () => {
    createMainWindow('app://incident-desk/index.html', { preloadPath: PRELOAD, isDevelopment: false })
    const [window] = fake.FakeBrowserWindow.instances
    expect(window?.show).not.toHaveBeenCalled()
    window?.onceListeners.get('ready-to-show')?.()
    expect(window?.show).toHaveBeenCalledTimes(1)
  })
})
