import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DesktopBridge, MenuCommand, SyncRequest } from '../../src-shared/ipc/contract'

type Listener = (event: unknown, ...args: unknown[]) => void

// Hand-made fakes for the two Electron objects a preload may touch.
const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<Listener>>()
  return {
    listeners,
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string) => ({ channel })),
      on: vi.fn((channel: string, listener: Listener) => {
        const set = listeners.get(channel) ?? new Set<Listener>()
        set.add(listener)
        listeners.set(channel, set)
      }),
      removeListener: vi.fn((channel: string, listener: Listener) => {
        listeners.get(channel)?.delete(listener)
      }),
      send: vi.fn(),
      sendSync: vi.fn(),
    },
  }
})

vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }))

function emitFromMain(channel: string, ...args: unknown[]): void {
  const fakeEvent = { sender: electron.ipcRenderer }
  for (const listener of electron.listeners.get(channel) ?? []) listener(fakeEvent, ...args)
}

async function loadPreload(): Promise<{ name: string; bridge: DesktopBridge }> {
  await import('../../src-main/preload/index')
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
  const [name, bridge] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, DesktopBridge]
  return { name, bridge }
}

beforeEach(() => {
  vi.resetModules()
  electron.listeners.clear()
})

afterEach(() => {
  vi.clearAllMocks()
})

describe('preload', () => {
  it('exposes only the narrow bridge, under window.incidentDesk', async () => {
    const { name, bridge } = await loadPreload()
    expect(name).toBe('incidentDesk')
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onMenuCommand', 'onSyncRequested'])
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer)
  })

  it('forwards a known channel to main and returns its answer', async () => {
    const { bridge } = await loadPreload()
    await expect(bridge.invoke('app.getInfo')).resolves.toEqual({ channel: 'app.getInfo' })
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('app.getInfo')
  })

  it.each(['shell.openExternal', 'app.getInfo ', '__proto__', 'constructor', ''])(
    'rejects the unknown channel %j without touching IPC',
    async (channel) => {
      const { bridge } = await loadPreload()
      const invokeAnything = bridge.invoke as (channel: string, ...args: unknown[]) => Promise<unknown>
      await expect(invokeAnything(channel)).rejects.toThrow(/Unknown IPC channel/)
      expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled()
    },
  )

  it('delivers menu commands to the listener without the IPC event', async () => {
    const { bridge } = await loadPreload()
    const received: unknown[][] = []
    bridge.onMenuCommand((...args) => received.push(args))
    emitFromMain('menu.command', 'incident.new')
    expect(received).toEqual([['incident.new']])
  })

  it('drops commands it does not know', async () => {
    const { bridge } = await loadPreload()
    const listener = vi.fn<(command: MenuCommand) => void>()
    bridge.onMenuCommand(listener)
    emitFromMain('menu.command', 'app.quit')
    emitFromMain('menu.command', { command: 'incident.new' })
    expect(listener).not.toHaveBeenCalled()
  })

  it('stops delivering after unsubscribe', async () => {
    const { bridge } = await loadPreload()
    const listener = vi.fn<(command: MenuCommand) => void>()
    const unsubscribe = bridge.onMenuCommand(listener)
    unsubscribe()
    emitFromMain('menu.command', 'search.open')
    expect(listener).not.toHaveBeenCalled()
    expect(electron.listeners.get('menu.command')?.size ?? 0).toBe(0)
  })

  it('delivers sync requests as a fresh object, without the IPC event', async () => {
    const { bridge } = await loadPreload()
    const received: unknown[][] = []
    bridge.onSyncRequested((...args) => received.push(args))
    const sent = { trigger: 'resume', sender: 'smuggled' }
    emitFromMain('sync.requested', sent)
    expect(received).toEqual([[{ trigger: 'resume' }]])
    expect(received[0]?.[0]).not.toBe(sent)
  })

  it('drops sync requests it does not understand', async () => {
    const { bridge } = await loadPreload()
    const listener = vi.fn<(request: SyncRequest) => void>()
    bridge.onSyncRequested(listener)
    emitFromMain('sync.requested', 'resume')
    emitFromMain('sync.requested', { trigger: 'format-disk' })
    emitFromMain('sync.requested', null)
    expect(listener).not.toHaveBeenCalled()
  })

  it('stops delivering sync requests after unsubscribe', async () => {
    const { bridge } = await loadPreload()
    const unsubscribe = bridge.onSyncRequested(vi.fn())
    unsubscribe()
    expect(electron.listeners.get('sync.requested')?.size ?? 0).toBe(0)
  })
})
