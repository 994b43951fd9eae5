/**
 * Main's sync channels against the real sync server (src-server, embedded PGlite, listening on
 * 127.0.0.1) with Node's fetch standing in for Electron's `net.fetch`. Guards against the client
 * and the server drifting apart: a renamed route, a changed answer, a stricter body schema.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { safeStorage } from 'electron'
import type { MainApiHandlers } from '../../src-main/ipc/channelHandler'
import { startDesktopSync, type DesktopSync } from '../../src-main/sync/desktopSync'
import type { MainApi, MainApiChannel } from '../../src-shared/ipc/contract'
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../src-server/testing'
import { incidentIn, people } from '../fixtures/incidents'

vi.mock('electron', () => {
  const xor = (bytes: Uint8Array): Buffer => Buffer.from(bytes.map((byte) => byte ^ 0x2c))
  return {
    safeStorage: {
      isAsyncEncryptionAvailable: async () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptStringAsync: async (text: string) => xor(Buffer.from(text)),
      decryptStringAsync: async (data: Buffer) => ({ result: xor(data).toString(), shouldReEncrypt: false }),
    },
  }
})

/** Starting PGlite takes seconds on a busy machine. */
const SETUP_TIMEOUT_MS = 120_000

let server: TestServer
let directory: string
const desks: DesktopSync[] = []

/** A desk's main process: its own user-data folder, talking to the test server. */
async function desk() {
  const sync = startDesktopSync({
    userDataPath: await mkdtemp(path.join(directory, 'desk-')),
    platform: 'linux',
    safeStorage,
    powerMonitor: { on: () => undefined, removeListener: () => undefined } as never,
    net: { isOnline: () => true, fetch: (url: string, init?: RequestInit) => fetch(url, init) } as never,
    getWindow: () => undefined,
    log: { info: () => undefined, warn: () => undefined, error: console.error },
  })
  desks.push(sync)
  const handlers = sync.handlers as Partial<MainApiHandlers>
  return async function invoke<C extends Exclude<MainApiChannel, 'app.getInfo'>>(
    channel: C,
    ...args: Parameters<MainApi[C]>
  ): Promise<Awaited<ReturnType<MainApi[C]>>> {
    const handler = handlers[channel]
    if (!handler) throw new Error(`no handler for ${channel}`)
    // Through the argument check, as registerHandlers does after the sender check.
    const parsed = handler.parseArguments(args)
    return (await (handler.handle as (...values: unknown[]) => Promise<unknown>)(...parsed)) as Awaited<ReturnType<MainApi[C]>>
  }
}

function value<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'incident-desk-contract-'))
  server = await startTestServer({ accounts: [people.grace, people.alex] })
}, SETUP_TIMEOUT_MS)

afterAll(async () => {
  for (const sync of desks) sync.stop()
  await server?.close()
  await rm(directory, { recursive: true, force: true })
})

describe('main against the real sync server', () => {
  it('signs in, pushes a desk\'s events, and pulls them back', async () => {
    const invoke = await desk()
    const session = value(await invoke('session.signIn', server.url, 'grace', TEST_PASSWORD))
    expect(session.account).toMatchObject({ userId: 'u-grace', role: 'l1_agent' })

    const { desk: local, incident } = incidentIn('in_progress')
    const pushed = value(await invoke('sync.push', { deviceId: 'desk-contract', events: local.events }))
    expect(pushed.results.map((result) => result.status)).toEqual(local.events.map(() => 'accepted'))

    const pulled = value(await invoke('sync.pull', '0', 500))
    expect(pulled.events.map((entry) => entry.event.id)).toEqual(expect.arrayContaining(local.events.map((event) => event.id)))

    const history = value(await invoke('sync.incidentEvents', incident.id))
    expect(history.incidentId).toBe(incident.id)

    const snapshot = value(await invoke('sync.snapshot', null, 100))
    expect(snapshot.incidents.map((entry) => entry.id)).toContain(incident.id)
  })

  it('administers accounts and groups as an admin', async () => {
    const invoke = await desk()
    value(await invoke('session.signIn', server.url, 'alex', TEST_PASSWORD))
    const group = value(await invoke('admin.createGroup', { name: 'Network Operations', level: 2 }))
    const created = value(await invoke('admin.createUser', { username: 'linus', displayName: 'Linus Berg', role: 'l2_specialist', groupIds: [group.id] }))
    expect(created.generatedPassword).toEqual(expect.any(String))
    expect(created.user).toMatchObject({ username: 'linus', groupIds: [group.id], disabled: false })

    const users = value(await invoke('admin.listUsers'))
    expect(users.map((user) => user.username)).toEqual(expect.arrayContaining(['alex', 'grace', 'linus']))
    expect(value(await invoke('admin.updateUser', created.user.userId, { displayName: 'Linus B.' })).displayName).toBe('Linus B.')
    expect(value(await invoke('admin.resetPassword', created.user.userId, null)).generatedPassword).toEqual(expect.any(String))
    expect(value(await invoke('admin.revokeSessions', created.user.userId)).revokedSessions).toBe(0)
    expect(value(await invoke('admin.listGroups')).map((entry) => entry.name)).toContain('Network Operations')
  })

  it('is refused admin calls as a non-admin, and keeps the session', async () => {
    const invoke = await desk()
    value(await invoke('session.signIn', server.url, 'grace', TEST_PASSWORD))
    await expect(invoke('admin.listUsers')).resolves.toMatchObject({ ok: false, error: { kind: 'rejected', status: 403 } })
    await expect(invoke('session.current')).resolves.not.toBeNull()
  })

  it('loses the session when an admin revokes it, and signs out cleanly otherwise', async () => {
    const grace = await desk()
    value(await grace('session.signIn', server.url, 'grace', TEST_PASSWORD))
    const alex = await desk()
    value(await alex('session.signIn', server.url, 'alex', TEST_PASSWORD))

    value(await alex('admin.revokeSessions', 'u-grace'))
    await expect(grace('sync.pull', '0', 10)).resolves.toMatchObject({ ok: false, error: { kind: 'unauthorized', status: 401 } })
    await expect(grace('session.current')).resolves.toBeNull()

    await expect(alex('session.signOut')).resolves.toEqual({ serverNotified: true })
  })

  it('says plainly when the credentials are wrong', async () => {
    const invoke = await desk()
    const result = await invoke('session.signIn', server.url, 'grace', 'not the password')
    expect(result).toMatchObject({ ok: false, error: { kind: 'unauthorized', status: 401 } })
  })
})
