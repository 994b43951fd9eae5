/**
 * The session token at rest: encrypted by the OS key store or not written at all, never in
 * clear text; gone after sign-out; and a file that cannot be decrypted is not a crash.
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { safeStorage } from 'electron'
import { createTokenStore, SESSION_FILE_NAME, type StoredSession } from '../../src-main/session/tokenStore'

// A stand-in for the OS key store: a keyed XOR behind Chromium's "v10" prefix. Reversible only
// with the key, which is all these tests need to tell ciphertext from clear text.
const keyStore = vi.hoisted(() => {
  const state = { available: true, backend: 'gnome_libsecret', key: 0x5a, reEncrypt: false }
  const scramble = (bytes: Uint8Array, key: number): Buffer => Buffer.from(bytes.map((byte) => byte ^ key))
  return {
    state,
    safeStorage: {
      isAsyncEncryptionAvailable: async () => state.available,
      getSelectedStorageBackend: () => state.backend,
      encryptStringAsync: async (text: string) =>
        Buffer.concat([Buffer.from('v10'), scramble(Buffer.from(text, 'utf8'), state.key)]),
      decryptStringAsync: async (data: Buffer) => {
        if (data.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
        const text = scramble(data.subarray(3), state.key).toString('utf8')
        if (!text.startsWith('{')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
        return { result: text, shouldReEncrypt: state.reEncrypt }
      },
    },
  }
})

vi.mock('electron', () => ({ safeStorage: keyStore.safeStorage }))

const TOKEN = 'idt_7c0f3e9b2a5d4e8f9a1b'
const SESSION: StoredSession = {
  serverUrl: 'https://desk.example.com',
  token: TOKEN,
  expiresAt: '2025-03-10T09:00:00.000Z',
  account: { userId: 'u-grace', username: 'grace', displayName: 'Grace Hopper', role: 'l2_specialist', groupIds: ['g-network'] },
}

let directory: string
const sessionFile = () => path.join(directory, SESSION_FILE_NAME)
const log = { info: vi.fn(), warn: vi.fn() }

function store(platform = 'linux') {
  return createTokenStore({ directory, safeStorage, platform, log })
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  )
}

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'incident-desk-session-'))
  Object.assign(keyStore.state, { available: true, backend: 'gnome_libsecret', key: 0x5a, reEncrypt: false })
  log.info.mockClear()
  log.warn.mockClear()
})

afterEach(async () => {
  await rm(directory, { recursive: true, force: true })
})

describe('with an OS key store', () => {
  it('writes the session encrypted: the file never holds the token in clear text', async () => {
    await store().save(SESSION)
    const bytes = await readFile(sessionFile())
    for (const encoding of ['utf8', 'latin1', 'utf16le', 'base64', 'hex'] as const) {
      expect(bytes.toString(encoding)).not.toContain(TOKEN)
    }
    expect(bytes.toString('latin1')).not.toContain('grace')
    expect(bytes.subarray(0, 3).toString()).toBe('v10')
  })

  it('brings the session back after a restart', async () => {
    await store().save(SESSION)
    await expect(store().current()).resolves.toEqual(SESSION)
    await expect(store().persistence()).resolves.toBe('encrypted')
  })

  it('keeps the file to its owner', async () => {
    if (process.platform === 'win32') return
    await store().save(SESSION)
    expect((await stat(sessionFile())).mode & 0o777).toBe(0o600)
  })

  it('leaves no temporary files behind', async () => {
    const tokens = store()
    await tokens.save(SESSION)
    await tokens.save({ ...SESSION, token: 'idt_second' })
    expect(await readdir(directory)).toEqual([SESSION_FILE_NAME])
  })

  it('forgets the session on sign-out, on disk too', async () => {
    const tokens = store()
    await tokens.save(SESSION)
    await expect(tokens.clear()).resolves.toBe(true)
    await expect(tokens.current()).resolves.toBeNull()
    expect(await exists(sessionFile())).toBe(false)
    await expect(store().current()).resolves.toBeNull()
  })

  it('ignores an unauthorized answer to an old token once a new session exists', async () => {
    const tokens = store()
    await tokens.save(SESSION)
    await tokens.save({ ...SESSION, token: 'idt_newer' })
    await expect(tokens.clear({ ifToken: TOKEN })).resolves.toBe(false)
    await expect(tokens.current()).resolves.toMatchObject({ token: 'idt_newer' })
    await expect(tokens.clear({ ifToken: 'idt_newer' })).resolves.toBe(true)
    await expect(tokens.current()).resolves.toBeNull()
  })

  it('removes a file it cannot decrypt (another key) and starts signed out', async () => {
    await store().save(SESSION)
    keyStore.state.key = 0x33
    await expect(store().current()).resolves.toBeNull()
    expect(await exists(sessionFile())).toBe(false)
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/could not be decrypted/), expect.any(Error))
  })

  it('refuses a decrypted file that is not a session', async () => {
    await writeFile(sessionFile(), await keyStore.safeStorage.encryptStringAsync(JSON.stringify({ token: TOKEN })))
    await expect(store().current()).resolves.toBeNull()
    expect(await exists(sessionFile())).toBe(false)
  })

  it('re-encrypts when the key store asks for it', async () => {
    await store().save(SESSION)
    const before = await readFile(sessionFile())
    keyStore.state.reEncrypt = true
    const encrypt = vi.spyOn(keyStore.safeStorage, 'encryptStringAsync')
    await expect(store().current()).resolves.toEqual(SESSION)
    expect(encrypt).toHaveBeenCalledTimes(1)
    expect(await readFile(sessionFile())).toEqual(before)
    encrypt.mockRestore()
  })

  it('hands out copies, so a caller cannot change the stored session', async () => {
    const tokens = store()
    await tokens.save(SESSION)
    const first = await tokens.current()
    first?.account.groupIds.push('g-security')
    await expect(tokens.current()).resolves.toEqual(SESSION)
  })
})

describe('without an OS key store', () => {
  it('keeps the session in memory only and says so', async () => {
    keyStore.state.available = false
    const tokens = store()
    await tokens.save(SESSION)
    expect(await exists(sessionFile())).toBe(false)
    await expect(tokens.current()).resolves.toEqual(SESSION)
    await expect(tokens.persistence()).resolves.toBe('memory')
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/kept in memory only/))
  })

  it("treats Linux's hard-coded-password fallback as no key store", async () => {
    keyStore.state.backend = 'basic_text'
    const tokens = store('linux')
    await tokens.save(SESSION)
    expect(await exists(sessionFile())).toBe(false)
    await expect(tokens.persistence()).resolves.toBe('memory')
  })

  it('does not apply the Linux check elsewhere', async () => {
    keyStore.state.backend = 'basic_text'
    await store('darwin').save(SESSION)
    expect(await exists(sessionFile())).toBe(true)
  })

  it('is signed out after a restart', async () => {
    keyStore.state.available = false
    await store().save(SESSION)
    await expect(store().current()).resolves.toBeNull()
  })

  it('keeps an earlier encrypted file while the key store is away, and drops it on a new sign-in', async () => {
    await store().save(SESSION)
    keyStore.state.available = false
    const tokens = store()
    await expect(tokens.current()).resolves.toBeNull()
    expect(await exists(sessionFile())).toBe(true)
    await tokens.save({ ...SESSION, token: 'idt_other_account' })
    expect(await exists(sessionFile())).toBe(false)
  })

  it('treats a key store that cannot even be asked as absent', async () => {
    const available = vi.spyOn(keyStore.safeStorage, 'isAsyncEncryptionAvailable').mockRejectedValueOnce(new Error('dbus'))
    const tokens = store()
    await tokens.save(SESSION)
    expect(await exists(sessionFile())).toBe(false)
    available.mockRestore()
  })
})
