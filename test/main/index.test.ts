import path from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { MAIN_API_CHANNELS } from '../../src-shared/ipc/contract'

// A hand-made Electron, just wide enough for the entry module's wiring.
const electron = vi.hoisted(() => {
  const calls: string[] = []
  let resolveReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve
  })

  class FakeApp {
    readonly listeners = new Map<string, unknown[]>()
    isPackaged = true
    setName = vi.fn(() => calls.push('app.setName'))
    setPath = vi.fn(() => calls.push('app.setPath'))
    getPath = vi.fn(() => '/home/tech/.config')
    getVersion = vi.fn(() => '0.1.0')
    getPreferredSystemLanguages = vi.fn(() => ['fr-FR', 'en-US'])
    enableSandbox = vi.fn(() => calls.push('app.enableSandbox'))
    requestSingleInstanceLock = vi.fn(() => true)
    quit = vi.fn()
    whenReady = vi.fn(() => ready)
    on(event: string, listener: unknown): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
      return this
    }
  }

  class FakeBrowserWindow {
    static instances: FakeBrowserWindow[] = []
    static getAllWindows = () => FakeBrowserWindow.instances
    static getFocusedWindow = () => FakeBrowserWindow.instances[0]
    readonly webContents = { send: vi.fn() }
    readonly loadURL = vi.fn(async () => undefined)
    constructor(readonly options: { webPreferences: { preload: string } }) {
      FakeBrowserWindow.instances.push(this)
    }
    once(): this {
      return this
    }
  }

  const ipcHandlers = new Map<string, unknown>()
  return {
    calls,
    resolveReady,
    ipcHandlers,
    app: new FakeApp(),
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: vi.fn((channel: string, listener: unknown) => ipcHandlers.set(channel, listener)),
      removeHandler: vi.fn(),
    },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => calls.push('protocol.registerSchemesAsPrivileged')),
      handle: vi.fn(),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() },
      },
    },
    shell: { openExternal: vi.fn(async () => undefined) },
    safeStorage: {
      isAsyncEncryptionAvailable: vi.fn(async () => true),
      getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
      encryptStringAsync: vi.fn(async (text: string) => Buffer.from(text).reverse()),
      decryptStringAsync: vi.fn(async (data: Buffer) => ({ result: Buffer.from(data).reverse().toString(), shouldReEncrypt: false })),
    },
    powerMonitor: { on: vi.fn(), removeListener: vi.fn() },
    net: { isOnline: vi.fn(() => false), fetch: vi.fn() },
  }
})

vi.mock('electron', () => ({
  app: electron.app,
  BrowserWindow: electron.BrowserWindow,
  ipcMain: electron.ipcMain,
  Menu: electron.Menu,
  protocol: electron.protocol,
  session: electron.session,
  shell: electron.shell,
  safeStorage: electron.safeStorage,
  powerMonitor: electron.powerMonitor,
  net: electron.net,
}))

describe('main entry wiring (packaged)', () => {
  beforeEach(async () => {
    await import('../../src-main/index')
  })

  it('registers the app scheme and enables the sandbox before ready', () => {
    expect(electron.calls).toEqual(
      expect.arrayContaining(['app.setPath', 'protocol.registerSchemesAsPrivileged', 'app.enableSandbox']),
    )
    expect(electron.protocol.handle).not.toHaveBeenCalled()
    expect(electron.BrowserWindow.instances).toHaveLength(0)
  })

  it('keeps user data in a fixed folder', () => {
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', path.join('/home/tech/.config', 'Incident Desk'))
  })

  it('guards every webContents created, not only the main window', () => {
    expect(electron.app.listeners.get('web-contents-created')).toHaveLength(1)
  })

  it('after ready: serves app://, registers IPC, sets the menu and opens the window', async () => {
    electron.resolveReady()
    await vi.waitFor(() => expect(electron.BrowserWindow.instances).toHaveLength(1))

    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function))
    expect([...electron.ipcHandlers.keys()]).toEqual([...MAIN_API_CHANNELS])
    // Sync: waking from sleep is a reason to sync, and the schedule stops with the app.
    expect(electron.powerMonitor.on).toHaveBeenCalledWith('resume', expect.any(Function))
    expect(electron.app.listeners.get('will-quit')).toHaveLength(1)
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1)
    // The menu speaks the system's language (French first here).
    const [menuTemplate] = electron.Menu.buildFromTemplate.mock.calls[0] as [Array<{ label?: string }>]
    expect(menuTemplate.map((menu) => menu.label)).toContain('&Fichier')
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledTimes(1)
    // Packaged: the dev-server CSP hook is not installed; the protocol handler sends the CSP.
    expect(electron.session.defaultSession.webRequest.onHeadersReceived).not.toHaveBeenCalled()

    const [window] = electron.BrowserWindow.instances
    expect(window?.options.webPreferences.preload).toMatch(/preload[\\/]index\.cjs$/)
    expect(window?.loadURL).toHaveBeenCalledWith('app://incident-desk/index.html')
  })
})
