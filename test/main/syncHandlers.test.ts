/**
 * Main's sync and session channels, driven the way the renderer drives them: through
 * registerHandlers from a page, against a fake sync server behind Electron's `net.fetch`.
 *
 * What they guard: the token never reaches the renderer; it is encrypted at rest and forgotten on
 * sign-out or a 401; every channel refuses untrusted frames and malformed arguments before any
 * request leaves the machine; failures arrive as plain data the renderer can act on.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { net, powerMonitor, safeStorage } from 'electron'
import { createAppInfoHandler } from '../../src-main/ipc/appInfoHandler'
import { createLanguageHandler } from '../../src-main/menu/languageHandler'
import { createNotificationHandlers } from '../../src-main/notifications/notificationHandlers'
import { createExportHandlers } from '../../src-main/export/exportHandlers'
import { registerHandlers } from '../../src-main/ipc/registerHandlers'
import { SESSION_FILE_NAME } from '../../src-main/session/tokenStore'
import { startDesktopSync, type DesktopSync } from '../../src-main/sync/desktopSync'
import { MAIN_API_CHANNELS, SYNC_REQUESTED_CHANNEL, type MainApi, type MainApiChannel } from '../../src-shared/ipc/contract'
import { SYNC_LIMITS } from '../../src-shared/sync/protocol'

const APP = 'app://incident-desk'
const SERVER = 'https://desk.example.com'
const PASSWORD = 'correct horse battery'

// The Electron objects main's sync uses, hand-made: a key store, the power monitor and net.
const electron = vi.hoisted(() => {
  const powerListeners = new Map<string, Set<() => void>>()
  const state = { encryptionAvailable: true, online: true }
  const xor = (bytes: Uint8Array): Buffer => Buffer.from(bytes.map((byte) => byte ^ 0x6b))
  return {
    state,
    powerListeners,
    safeStorage: {
      isAsyncEncryptionAvailable: async () => state.encryptionAvailable,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptStringAsync: async (text: string) => Buffer.concat([Buffer.from('v10'), xor(Buffer.from(text))]),
      decryptStringAsync: async (data: Buffer) => ({ result: xor(data.subarray(3)).toString(), shouldReEncrypt: false }),
    },
    powerMonitor: {
      on: (event: string, listener: () => void) => {
        const set = powerListeners.get(event) ?? new Set()
        set.add(listener)
        powerListeners.set(event, set)
      },
      removeListener: (event: string, listener: () => void) => powerListeners.get(event)?.delete(listener),
    },
    net: {
      isOnline: () => state.online,
      fetch: (() => Promise.reject(new Error('no server'))) as (url: string, init?: RequestInit) => Promise<Response>,
    },
  }
})

vi.mock('electron', () => ({ safeStorage: electron.safeStorage, powerMonitor: electron.powerMonitor, net: electron.net }))

/** A sync server just big enough for these tests: accounts, tokens, a tiny log. */
function fakeServer() {
  const tokens = new Set<string>()
  const requests: { method: string; path: string; authorization: string | null; body: unknown }[] = []
  const user = { userId: 'u-grace', username: 'grace', displayName: 'Grace Hopper', role: 'l2_specialist', groupIds: ['g-network'] }
  let issued = 0
  const state = { down: false, nextStatus: null as number | null }
  const json = (status: number, body?: unknown) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

  const fetch = vi.fn(async (url: string, init?: RequestInit): Promise<Response> => {
    const { pathname, search } = new URL(url)
    const authorization = new Headers(init?.headers).get('authorization')
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined
    const method = init?.method ?? 'GET'
    requests.push({ method, path: pathname + search, authorization, body })
    if (state.down) throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND desk.example.com') })
    if (state.nextStatus !== null) {
      const status = state.nextStatus
      state.nextStatus = null
      return json(status, { statusCode: status, error: 'Error', message: `status ${status}` })
    }
    if (pathname === '/api/v1/auth/login') {
      const { username, password } = body as { username: string; password: string }
      if (username !== 'grace' || password !== PASSWORD) {
        return json(401, { statusCode: 401, error: 'Unauthorized', message: 'Wrong username or password.', code: 'invalid_credentials' })
      }
      const token = `secret-token-${++issued}-4f1d9c`
      tokens.add(token)
      return json(200, { token, expiresAt: '2025-03-10T09:00:00.000Z', user: { ...user, passwordHash: 'scrypt$leak' } })
    }
    const token = authorization?.replace(/^Bearer /, '') ?? ''
    if (!tokens.has(token)) {
      return json(401, { statusCode: 401, error: 'Unauthorized', message: 'The session has expired.', code: 'session_expired' })
    }
    if (pathname === '/api/v1/auth/logout') {
      tokens.delete(token)
      return new Response(null, { status: 204 })
    }
    if (pathname === '/api/v1/sync/pull') return json(200, { events: [], cursor: '12', hasMore: false, revoked: [] })
    if (pathname === '/api/v1/sync/push') {
      const events = (body as { events: { id: string }[] }).events
      return json(200, { results: events.map((event, index) => ({ index, eventId: event.id, status: 'accepted', seq: 13 + index })) })
    }
    if (pathname === '/api/v1/admin/users') return json(200, { users: [] })
    return json(404, { statusCode: 404, error: 'Not Found', message: 'Route not found' })
  })
  return { fetch, tokens, requests, state }
}

type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>

let directory: string
let server: ReturnType<typeof fakeServer>
let sync: DesktopSync
let handlers: Map<string, InvokeListener>
let window: { webContents: { send: ReturnType<typeof vi.fn>; isDestroyed: () => boolean }; setProgressBar: ReturnType<typeof vi.fn>; isDestroyed: () => boolean }
/** Everything any channel answered the page, to search for the token afterwards. */
let answers: unknown[]
const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }

function start(): void {
  handlers = new Map()
  const ipcMain = {
    handle: (channel: string, listener: InvokeListener) => handlers.set(channel, listener),
    removeHandler: (channel: string) => handlers.delete(channel),
  } as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>
  sync = startDesktopSync({
    userDataPath: directory,
    platform: 'linux',
    safeStorage,
    powerMonitor,
    net,
    getWindow: () => window as never,
    log,
  })
  const info = { name: 'Incident Desk', version: '0.1.0', platform: 'linux', electron: '45.6.1' }
  const exportFiles = createExportHandlers({ defaultDirectory: directory, showSaveDialog: async () => ({ canceled: true }) })
  const notifications = createNotificationHandlers({ notifications: { isSupported: () => false, create: () => ({ on: () => undefined, show: () => undefined }) }, focusWindow: () => undefined })
  registerHandlers(ipcMain, { 'app.getInfo': createAppInfoHandler(info), ...createLanguageHandler(() => undefined), ...sync.handlers, ...exportFiles.handlers, ...notifications }, [APP])
}

function fromFrame(url: string | null): IpcMainInvokeEvent {
  return { senderFrame: url === null ? null : { url } } as unknown as IpcMainInvokeEvent
}

/** Calls a channel as our page would, with typed arguments. */
async function invoke<C extends MainApiChannel>(channel: C, ...args: Parameters<MainApi[C]>): Promise<Awaited<ReturnType<MainApi[C]>>> {
  return (await invokeRaw(channel, ...args)) as Awaited<ReturnType<MainApi[C]>>
}

/** Calls a channel with anything at all, as a compromised page could. */
async function invokeRaw(channel: string, ...args: unknown[]): Promise<unknown> {
  const listener = handlers.get(channel)
  if (!listener) throw new Error(`${channel} is not registered`)
  const answer = await listener(fromFrame(`${APP}/index.html`), ...args)
  answers.push(answer)
  return answer
}

async function signedIn() {
  const result = await invoke('session.signIn', SERVER, 'grace', PASSWORD)
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

async function fileExists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  )
}

const sessionFile = () => path.join(directory, SESSION_FILE_NAME)

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  directory = await mkdtemp(path.join(tmpdir(), 'incident-desk-sync-'))
  Object.assign(electron.state, { encryptionAvailable: true, online: true })
  electron.powerListeners.clear()
  server = fakeServer()
  electron.net.fetch = server.fetch
  window = { webContents: { send: vi.fn(), isDestroyed: () => false }, setProgressBar: vi.fn(), isDestroyed: () => false }
  answers = []
  log.warn.mockClear()
  log.error.mockClear()
  start()
})

afterEach(async () => {
  sync.stop()
  vi.useRealTimers()
  await rm(directory, { recursive: true, force: true })
})

describe('signing in', () => {
  it('answers the account, never the token, and keeps only the account fields', async () => {
    const session = await signedIn()
    expect(session).toEqual({
      serverUrl: SERVER,
      expiresAt: '2025-03-10T09:00:00.000Z',
      account: { userId: 'u-grace', username: 'grace', displayName: 'Grace Hopper', role: 'l2_specialist', groupIds: ['g-network'] },
    })
    await invoke('session.current')
    await invoke('sync.pull', '0', 500)
    expect(JSON.stringify(answers)).not.toMatch(/secret-token|scrypt/)
  })

  it('stores the token encrypted in session.bin, and uses it for the next calls', async () => {
    await signedIn()
    const bytes = await readFile(sessionFile())
    expect(bytes.toString('latin1')).not.toContain('secret-token')
    await invoke('sync.pull', '0', 500)
    expect(server.requests.at(-1)).toMatchObject({ path: '/api/v1/sync/pull?after=0&limit=500', authorization: 'Bearer secret-token-1-4f1d9c' })
  })

  it('remembers the server (not the token) in settings.json', async () => {
    await signedIn()
    const settings = await readFile(path.join(directory, 'settings.json'), 'utf8')
    expect(JSON.parse(settings)).toEqual({ serverUrl: SERVER })
    expect(settings).not.toContain('secret-token')
  })

  it('restores the session after a restart, without the network', async () => {
    await signedIn()
    sync.stop()
    server.state.down = true
    start()
    await expect(invoke('session.current')).resolves.toMatchObject({ serverUrl: SERVER, account: { username: 'grace' } })
  })

  it('writes nothing to disk when the OS has no key store', async () => {
    sync.stop()
    electron.state.encryptionAvailable = false
    start()
    await signedIn()
    expect(await fileExists(sessionFile())).toBe(false)
    await expect(invoke('sync.pull', '0', 10)).resolves.toMatchObject({ ok: true })
  })

  it('passes wrong credentials on as the server said, and stores nothing', async () => {
    await expect(invoke('session.signIn', SERVER, 'grace', 'wrong password')).resolves.toEqual({
      ok: false,
      error: { kind: 'unauthorized', status: 401, code: 'invalid_credentials', message: 'Wrong username or password.' },
    })
    await expect(invoke('session.current')).resolves.toBeNull()
    expect(await fileExists(sessionFile())).toBe(false)
  })

  it('refuses plain http to another machine before sending the password', async () => {
    const result = await invoke('session.signIn', 'http://desk.example.com', 'grace', PASSWORD)
    // The desk words the refusal in its own language from `worded`.
    expect(result).toEqual({ ok: false, error: { kind: 'rejected', message: expect.stringMatching(/https/), worded: expect.objectContaining({ id: 'serverUrl.plainHttp' }) } })
    expect(server.fetch).not.toHaveBeenCalled()
  })

  it('reports an unreachable server as offline', async () => {
    server.state.down = true
    const result = await invoke('session.signIn', SERVER, 'grace', PASSWORD)
    expect(result).toMatchObject({ ok: false, error: { kind: 'offline', message: expect.stringContaining('ENOTFOUND') } })
  })

  it('revokes the previous token when someone else signs in on the same desk', async () => {
    await signedIn()
    await signedIn()
    await vi.waitFor(() => expect(server.tokens).toEqual(new Set(['secret-token-2-4f1d9c'])))
  })

  it('asks the page to sync at once', async () => {
    await signedIn()
    vi.advanceTimersByTime(0)
    expect(window.webContents.send).toHaveBeenCalledWith(SYNC_REQUESTED_CHANNEL, { trigger: 'signed-in' })
  })
})

describe('the session ends', () => {
  it('on sign-out: forgotten on disk and revoked on the server', async () => {
    await signedIn()
    await expect(invoke('session.signOut')).resolves.toEqual({ serverNotified: true })
    expect(await fileExists(sessionFile())).toBe(false)
    expect(server.tokens.size).toBe(0)
    await expect(invoke('session.current')).resolves.toBeNull()
    await expect(invoke('sync.pull', '0', 10)).resolves.toMatchObject({ ok: false, error: { kind: 'unauthorized' } })
  })

  it('on sign-out while offline: forgotten here all the same', async () => {
    await signedIn()
    server.state.down = true
    await expect(invoke('session.signOut')).resolves.toEqual({ serverNotified: false })
    expect(await fileExists(sessionFile())).toBe(false)
    await expect(invoke('session.current')).resolves.toBeNull()
  })

  it('on an unauthorized answer: the token is cleared and the schedule stops', async () => {
    await signedIn()
    vi.advanceTimersByTime(0)
    await invoke('sync.reportResult', 'ok')
    server.tokens.clear() // an admin revoked the session
    await expect(invoke('sync.pull', '0', 10)).resolves.toEqual({
      ok: false,
      error: { kind: 'unauthorized', status: 401, code: 'session_expired', message: 'The session has expired.' },
    })
    expect(await fileExists(sessionFile())).toBe(false)
    await expect(invoke('session.current')).resolves.toBeNull()
    expect(sync.status()).toMatchObject({ signedIn: false, nextRoundAt: null })
  })

  it('keeps the session on other failures', async () => {
    await signedIn()
    server.state.nextStatus = 503
    await expect(invoke('sync.pull', '0', 10)).resolves.toMatchObject({ ok: false, error: { kind: 'server', status: 503 } })
    server.state.nextStatus = 403
    await expect(invoke('admin.listUsers')).resolves.toMatchObject({ ok: false, error: { kind: 'rejected', status: 403 } })
    await expect(invoke('session.current')).resolves.not.toBeNull()
  })

  it('still offers the last server for the next sign-in', async () => {
    await signedIn()
    await invoke('session.signOut')
    await expect(invoke('session.lastServerUrl')).resolves.toBe(SERVER)
  })
})

describe('the transport', () => {
  it('pushes and answers the per-event results', async () => {
    await signedIn()
    const events = [{ id: 'e-1' }, { id: 'e-2' }]
    await expect(invoke('sync.push', { deviceId: 'desk-7', events })).resolves.toEqual({
      ok: true,
      value: {
        results: [
          { index: 0, eventId: 'e-1', status: 'accepted', seq: 13 },
          { index: 1, eventId: 'e-2', status: 'accepted', seq: 14 },
        ],
      },
    })
  })

  it('answers "not signed in" without calling the server', async () => {
    await expect(invoke('sync.pull', '0', 10)).resolves.toEqual({ ok: false, error: { kind: 'unauthorized', message: 'Not signed in to a sync server.' } })
    expect(server.fetch).not.toHaveBeenCalled()
  })

  it('crosses IPC as plain data only', async () => {
    await signedIn()
    server.state.down = true
    const result = await invoke('sync.pull', '0', 10)
    expect(Object.getPrototypeOf((result as { error: object }).error)).toBe(Object.prototype)
    expect(structuredClone(result)).toEqual(result)
  })
})

describe('the schedule, through the channels', () => {
  it('shows a long round on the taskbar and clears it with the result', async () => {
    await invoke('sync.reportProgress', 0.25)
    expect(window.setProgressBar).toHaveBeenLastCalledWith(0.25)
    await invoke('sync.reportResult', 'ok')
    expect(window.setProgressBar).toHaveBeenLastCalledWith(-1)
  })

  it('backs off when the page reports failed rounds', async () => {
    await signedIn()
    vi.advanceTimersByTime(0)
    await invoke('sync.reportResult', 'failed')
    await invoke('sync.reportResult', 'failed')
    await invoke('sync.reportResult', 'failed')
    expect(sync.status().nextRoundAt).toBe(Date.now() + 20_000)
  })

  it('does not stop syncing when the page says "unauthorized" but main still holds the session', async () => {
    await signedIn()
    vi.advanceTimersByTime(0)
    await invoke('sync.reportResult', 'unauthorized') // the page had not heard of the session yet
    expect(sync.status()).toMatchObject({ signedIn: true, lastResult: 'failed', nextRoundAt: Date.now() + 5_000 })
  })

  it('stops when the page says "unauthorized" and the session is indeed gone', async () => {
    await signedIn()
    vi.advanceTimersByTime(0)
    server.tokens.clear()
    await invoke('sync.pull', '0', 10)
    await invoke('sync.reportResult', 'unauthorized')
    expect(sync.status()).toMatchObject({ signedIn: false, nextRoundAt: null })
  })

  it('runs a manual round at once', async () => {
    await signedIn()
    vi.advanceTimersByTime(0)
    await invoke('sync.reportResult', 'ok')
    window.webContents.send.mockClear()
    await invoke('sync.request', 'manual')
    vi.advanceTimersByTime(0)
    expect(window.webContents.send).toHaveBeenCalledWith(SYNC_REQUESTED_CHANNEL, { trigger: 'manual' })
  })
})

describe('every channel is guarded', () => {
  const newChannels = MAIN_API_CHANNELS.filter((channel) => channel !== 'app.getInfo')

  it.each(newChannels)('%s refuses a foreign frame before doing anything', async (channel) => {
    const listener = handlers.get(channel)
    await expect(listener?.(fromFrame('https://evil.example.com/'), SERVER, 'grace', PASSWORD)).rejects.toThrow(/untrusted/)
    await expect(listener?.(fromFrame(null))).rejects.toThrow(/untrusted/)
    expect(server.fetch).not.toHaveBeenCalled()
  })

  const tooMany = Array.from({ length: SYNC_LIMITS.maxEventsPerPush + 1 }, (_, index) => ({ id: `e-${index}` }))
  const huge = [{ id: 'e-1', payload: { note: 'x'.repeat(SYNC_LIMITS.maxBodyBytes) } }]

  it.each([
    ['session.signIn', [SERVER, 'grace']],
    ['session.signIn', [SERVER, 'grace', PASSWORD, 'extra']],
    ['session.signIn', [{ href: SERVER }, 'grace', PASSWORD]],
    ['session.signIn', [SERVER, '', PASSWORD]],
    ['session.signIn', [SERVER, 'grace', 'p'.repeat(201)]],
    ['session.signIn', ['h'.repeat(2001), 'grace', PASSWORD]],
    ['session.signOut', [true]],
    ['session.current', ['token']],
    ['sync.push', [{ deviceId: 'desk-7', events: [] }]],
    ['sync.push', [{ deviceId: 'desk-7', events: tooMany }]],
    ['sync.push', [{ deviceId: 'desk-7', events: huge }]],
    ['sync.push', [{ deviceId: 'desk-7', events: [{}], token: 'x' }]],
    ['sync.push', [{ deviceId: 'd'.repeat(65), events: [{}] }]],
    ['sync.pull', ['0', 0]],
    ['sync.pull', ['0', SYNC_LIMITS.maxPullPage + 1]],
    ['sync.pull', ['0', '500']],
    ['sync.pull', ['', 500]],
    ['sync.pull', [0, 500]],
    ['sync.snapshot', [undefined, 100]],
    ['sync.snapshot', [null, 2.5]],
    ['sync.incidentEvents', ['']],
    ['sync.incidentEvents', [{ id: 'inc-1' }]],
    ['sync.incidentEvents', ['i'.repeat(101)]],
    ['sync.request', ['round-finished']],
    ['sync.request', ['signed-in']],
    ['sync.reportProgress', [1.5]],
    ['sync.reportProgress', [Number.NaN]],
    ['sync.reportResult', ['great']],
    ['admin.createUser', [{ username: 'ada', displayName: 'Ada', role: 'admin', isSuperuser: true }]],
    ['admin.createUser', [{ username: 'ada', displayName: 'Ada', role: 'root' }]],
    ['admin.updateUser', ['u-ada', { passwordHash: 'x' }]],
    ['admin.updateUser', [{}, { disabled: true }]],
    ['admin.resetPassword', ['u-ada']],
    ['admin.revokeSessions', ['']],
    ['admin.createGroup', [{ name: 'Network', level: 4 }]],
    ['admin.listGroups', ['all']],
    ['admin.createApiToken', [{ name: 'Status page', userId: 'u-ada', scopes: ['incidents:admin'] }]],
    ['admin.createApiToken', [{ name: 'Status page', userId: 'u-ada', scopes: [] }]],
    ['admin.createApiToken', [{ name: '', userId: 'u-ada', scopes: ['incidents:read'] }]],
    ['admin.revokeApiToken', [{ id: 't-1' }]],
    ['admin.listApiTokens', ['all']],
  ])('%s refuses the arguments %j', async (channel, args) => {
    await signedIn()
    server.fetch.mockClear()
    await expect(invokeRaw(channel, ...args)).rejects.toThrow(/Invalid arguments|Expected no arguments/)
    expect(server.fetch).not.toHaveBeenCalled()
  })
})
