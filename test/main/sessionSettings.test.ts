/**
 * What is kept beside the session and what a server address may be: settings are conveniences
 * that never stop the desk from starting, and credentials never go out over plain http.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { parseServerUrl } from '../../src-main/session/serverUrl'
import { createSettingsStore, SETTINGS_FILE_NAME } from '../../src-main/session/settingsStore'

describe('parseServerUrl', () => {
  it.each([
    ['https://desk.example.com/', 'https://desk.example.com'],
    ['https://example.com/incident-desk', 'https://example.com/incident-desk'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['http://localhost:8787/', 'http://localhost:8787'],
    ['http://[::1]:8787', 'http://[::1]:8787'],
  ])('accepts %s', (input, expected) => {
    expect(parseServerUrl(input)).toEqual({ ok: true, value: expected })
  })

  it.each(['http://desk.example.com', 'http://10.0.0.5:8787', 'http://127.0.0.1.evil.example', 'http://localhost.evil.example'])(
    'refuses plain http to another machine: %s',
    (input) => {
      expect(parseServerUrl(input)).toEqual({ ok: false, error: expect.stringMatching(/Use https/), worded: expect.objectContaining({ id: 'serverUrl.plainHttp' }) })
    },
  )

  it.each(['', 'desk', 'https://user:pw@desk.example.com', 'https://desk.example.com/?token=1', 'https://exa mple.com'])(
    'refuses %j as an address',
    (input) => {
      expect(parseServerUrl(input).ok).toBe(false)
    },
  )
})

describe('settings store', () => {
  let directory: string
  const log = { warn: vi.fn() }

  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'incident-desk-settings-'))
    log.warn.mockClear()
  })

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  it('starts with no server', async () => {
    await expect(createSettingsStore({ directory, log }).read()).resolves.toEqual({ serverUrl: null })
    expect(log.warn).not.toHaveBeenCalled()
  })

  it('remembers the server across restarts, as readable JSON', async () => {
    await createSettingsStore({ directory, log }).update({ serverUrl: 'https://desk.example.com' })
    await expect(createSettingsStore({ directory, log }).read()).resolves.toEqual({ serverUrl: 'https://desk.example.com' })
    expect(JSON.parse(await readFile(path.join(directory, SETTINGS_FILE_NAME), 'utf8'))).toEqual({ serverUrl: 'https://desk.example.com' })
  })

  it('keeps the last of two quick updates', async () => {
    const settings = createSettingsStore({ directory, log })
    await Promise.all([settings.update({ serverUrl: 'https://a.example.com' }), settings.update({ serverUrl: 'https://b.example.com' })])
    await expect(createSettingsStore({ directory, log }).read()).resolves.toEqual({ serverUrl: 'https://b.example.com' })
  })

  it.each(['{ not json', '[]', '{"serverUrl": 42}'])('reads a damaged file %j as defaults', async (content) => {
    await writeFile(path.join(directory, SETTINGS_FILE_NAME), content)
    await expect(createSettingsStore({ directory, log }).read()).resolves.toEqual({ serverUrl: null })
  })
})
