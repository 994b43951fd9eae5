import { mkdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import type { SafeStorage } from 'electron'
import type { AccountInfo } from '../../src-shared/sync/protocol'
import { ROLES } from '../../src-shared/incident/roles'
import { isMissingFile, writeFileAtomically } from './atomicFile'

/**
 * The session token, held by the main process only (DESIGN §2): the renderer runs web content
 * and never sees it. At rest it is encrypted with the OS key store through `safeStorage`; where
 * there is no key store it lives in memory only and the person signs in again after a restart.
 * It is never written in clear text.
 *
 * Electron 45 deprecates the synchronous safeStorage calls (46 removes them), so this uses the
 * asynchronous ones; what they encrypt is the same.
 */

/** Everything needed to resume syncing after a restart, even offline. */
export interface StoredSession {
  /** The server that issued the token: the token is only ever sent there. */
  serverUrl: string
  token: string
  /** Server time; the server decides when it has passed (device clocks lie). */
  expiresAt: string
  account: AccountInfo
}

export const SESSION_FILE_NAME = 'session.bin'

export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>

/**
 * Where the session lives.
 * - `encrypted`: in session.bin, encrypted by the OS key store; survives a restart.
 * - `memory`: no usable key store; gone when the app quits.
 */
export type SessionPersistence = 'encrypted' | 'memory'

export interface TokenStore {
  /** The session, once the file has been read and decrypted. */
  current(): Promise<StoredSession | null>
  /** Replaces the session (sign-in). */
  save(session: StoredSession): Promise<void>
  /**
   * Forgets the session, on disk and in memory. With `ifToken`, only if that token is still the
   * current one: a 401 for a request made with an old token must not sign out a newer session.
   * Returns whether a session was cleared.
   */
  clear(options?: { ifToken?: string }): Promise<boolean>
  persistence(): Promise<SessionPersistence>
}

export interface TokenStoreOptions {
  /** The user-data folder. */
  directory: string
  safeStorage: SafeStorageLike
  /** process.platform: Linux may have no key store and fall back to a hard-coded key. */
  platform: string
  log: Pick<Console, 'info' | 'warn'>
}

/** Reads session.bin at once (in the background); every method waits for that first. */
export function createTokenStore(options: TokenStoreOptions): TokenStore {
  const filePath = path.join(options.directory, SESSION_FILE_NAME)
  const { safeStorage, log } = options
  let session: StoredSession | null = null
  let mode: SessionPersistence = 'memory'
  // Every change runs after the previous one: sign-in and a 401's clear must not interleave.
  let queue: Promise<unknown> = load().catch((error: unknown) => {
    session = null
    log.warn('Incident Desk: the saved session could not be loaded; starting signed out.', error)
  })

  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const next = queue.then(task)
    queue = next.catch(() => undefined)
    return next
  }

  async function load(): Promise<void> {
    mode = (await canEncrypt()) ? 'encrypted' : 'memory'
    if (mode === 'memory') {
      log.warn(
        'Incident Desk: no OS key store is available to encrypt the session; it is kept in memory only, ' +
          'so you will sign in again after a restart.',
      )
      // An existing file stays: the key store may only be locked for now, and it is not readable anyway.
      return
    }
    let encrypted: Buffer
    try {
      encrypted = await readFile(filePath)
    } catch (error) {
      if (!isMissingFile(error)) log.warn(`Incident Desk: could not read ${filePath}; starting signed out.`, error)
      return
    }
    try {
      const decrypted = await safeStorage.decryptStringAsync(encrypted)
      session = parseStoredSession(JSON.parse(decrypted.result))
      if (!session) throw new Error('unexpected content')
      if (decrypted.shouldReEncrypt) await write(session)
    } catch (error) {
      // Another OS user's key, a reset key ring, a damaged file: nothing to recover; sign in again.
      session = null
      log.warn(`Incident Desk: the saved session could not be decrypted and was removed; sign in again.`, error)
      await rm(filePath, { force: true })
    }
  }

  async function canEncrypt(): Promise<boolean> {
    try {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return false
      // Without a secret service, Linux "encrypts" with a hard-coded password: no better than clear text.
      return options.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'
    } catch (error) {
      log.warn('Incident Desk: the OS key store could not be queried.', error)
      return false
    }
  }

  async function write(value: StoredSession): Promise<void> {
    const encrypted = await safeStorage.encryptStringAsync(JSON.stringify({ version: 1, ...value }))
    await mkdir(options.directory, { recursive: true })
    await writeFileAtomically(filePath, encrypted)
  }

  return {
    current: () => serialized(async () => (session ? copy(session) : null)),
    save: (next) =>
      serialized(async () => {
        const value = copy(next)
        if (mode === 'encrypted') await write(value)
        // A file from an earlier run (another account, perhaps) must not come back after a restart.
        else await rm(filePath, { force: true })
        session = value
      }),
    clear: (clearOptions = {}) =>
      serialized(async () => {
        if (clearOptions.ifToken !== undefined && session?.token !== clearOptions.ifToken) return false
        const hadSession = session !== null
        session = null
        await rm(filePath, { force: true })
        return hadSession
      }),
    persistence: () => serialized(async () => mode),
  }
}

function copy(session: StoredSession): StoredSession {
  return { ...session, account: { ...session.account, groupIds: [...session.account.groupIds] } }
}

/** session.bin is ours, but it is read back from disk: check it rather than trust it. */
function parseStoredSession(value: unknown): StoredSession | null {
  if (typeof value !== 'object' || value === null) return null
  const { serverUrl, token, expiresAt, account } = value as Record<string, unknown>
  if (typeof serverUrl !== 'string' || typeof token !== 'string' || token === '' || typeof expiresAt !== 'string') return null
  if (typeof account !== 'object' || account === null) return null
  const { userId, username, displayName, role, groupIds } = account as Record<string, unknown>
  if (typeof userId !== 'string' || typeof username !== 'string' || typeof displayName !== 'string') return null
  if (!(ROLES as readonly unknown[]).includes(role)) return null
  if (!Array.isArray(groupIds) || !groupIds.every((id) => typeof id === 'string')) return null
  return {
    serverUrl,
    token,
    expiresAt,
    account: { userId, username, displayName, role: role as AccountInfo['role'], groupIds: [...groupIds] as string[] },
  }
}
