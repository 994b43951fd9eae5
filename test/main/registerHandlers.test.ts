import { describe, expect, it, vi } from 'vitest'
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { MAIN_API_CHANNELS, type AppInfo } from '../../src-shared/ipc/contract'
import { createAppInfoHandler } from '../../src-main/ipc/appInfoHandler'
import type { MainApiHandlers } from '../../src-main/ipc/channelHandler'
import { isTrustedSender, registerHandlers, UntrustedSenderError } from '../../src-main/ipc/registerHandlers'

const APP = 'app://incident-desk'
const INFO: AppInfo = { name: 'Incident Desk', version: '0.1.0', platform: 'linux', electron: '45.6.1' }

type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>

/** A hand-made ipcMain: records handlers so the test can invoke them as Electron would. */
function fakeIpcMain() {
  const handlers = new Map<string, InvokeListener>()
  const ipcMain = {
    handle: vi.fn((channel: string, listener: InvokeListener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      handlers.set(channel, listener)
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  }
  return { ipcMain: ipcMain as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>, handlers }
}

/** The channels under test as given; every other channel refuses, so the map is complete. */
function handlersWith(given: Partial<MainApiHandlers>): MainApiHandlers {
  const refuse = {
    parseArguments: () => {
      throw new Error('not under test')
    },
    handle: async () => {
      throw new Error('not under test')
    },
  }
  return Object.fromEntries(MAIN_API_CHANNELS.map((channel) => [channel, given[channel] ?? refuse])) as unknown as MainApiHandlers
}

function eventFrom(url: string | null): IpcMainInvokeEvent {
  return { senderFrame: url === null ? null : { url } } as unknown as IpcMainInvokeEvent
}

function registered() {
  const { ipcMain, handlers } = fakeIpcMain()
  const unregister = registerHandlers(ipcMain, handlersWith({ 'app.getInfo': createAppInfoHandler(INFO) }), [APP])
  const getInfo = handlers.get('app.getInfo')
  if (!getInfo) throw new Error('app.getInfo was not registered')
  return { handlers, getInfo, unregister }
}

describe('isTrustedSender', () => {
  it.each([
    ['app://incident-desk/index.html', true],
    ['APP://Incident-Desk/queue', true],
    ['app://incident-desk.evil.example/index.html', false],
    ['app://evil/index.html', false],
    ['https://incident-desk/index.html', false],
    ['http://localhost:5173/', false],
    ['file:///opt/incident-desk/out/renderer/index.html', false],
    ['about:blank', false],
    ['', false],
    [null, false],
    [undefined, false],
  ])('%s → %s', (url, trusted) => {
    expect(isTrustedSender(url, [APP])).toBe(trusted)
  })

  it('trusts the dev server only when it is the allowed origin', () => {
    expect(isTrustedSender('http://localhost:5173/index.html', ['http://localhost:5173'])).toBe(true)
    expect(isTrustedSender('http://localhost:5174/index.html', ['http://localhost:5173'])).toBe(false)
  })
})

describe('registerHandlers', () => {
  it('registers exactly the channels of the contract', () => {
    const { handlers } = registered()
    expect([...handlers.keys()].sort()).toEqual([...MAIN_API_CHANNELS].sort())
  })

  it('answers app.getInfo for our own page', async () => {
    const { getInfo } = registered()
    await expect(getInfo(eventFrom('app://incident-desk/index.html'))).resolves.toEqual(INFO)
  })

  it('rejects a call from a foreign page', async () => {
    const { getInfo } = registered()
    await expect(getInfo(eventFrom('https://evil.example.com/'))).rejects.toBeInstanceOf(UntrustedSenderError)
  })

  it('rejects a call from a frame that has already gone', async () => {
    const { getInfo } = registered()
    await expect(getInfo(eventFrom(null))).rejects.toBeInstanceOf(UntrustedSenderError)
  })

  it('checks the sender before running the handler', async () => {
    const { ipcMain, handlers } = fakeIpcMain()
    const handle = vi.fn(async () => INFO)
    registerHandlers(ipcMain, handlersWith({ 'app.getInfo': { parseArguments: () => [], handle } }), [APP])
    await expect(handlers.get('app.getInfo')?.(eventFrom('file:///etc/passwd'))).rejects.toThrow(/untrusted/)
    expect(handle).not.toHaveBeenCalled()
  })

  it('refuses arguments a channel does not take', async () => {
    const { getInfo } = registered()
    await expect(getInfo(eventFrom('app://incident-desk/'), { admin: true })).rejects.toThrow(/no arguments/)
  })

  it('removes its handlers when asked', () => {
    const { handlers, unregister } = registered()
    unregister()
    expect(handlers.size).toBe(0)
  })
})

describe('app.getInfo handler', () => {
  it('returns a copy, so a caller cannot change what the next caller sees', async () => {
    const handler = createAppInfoHandler(INFO)
    const first = await handler.handle()
    ;(first as { version: string }).version = 'tampered'
    await expect(handler.handle()).resolves.toEqual(INFO)
  })
})
