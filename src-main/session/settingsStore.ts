import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { isMissingFile, writeFileAtomically } from './atomicFile'

/** Small, non-secret preferences kept beside the session: nothing here grants access. */
export interface DeskSettings {
  /** The last server signed in to, offered again in the sign-in form. */
  serverUrl: string | null
}

export const SETTINGS_FILE_NAME = 'settings.json'

const EMPTY_SETTINGS: DeskSettings = { serverUrl: null }

export interface SettingsStore {
  read(): Promise<DeskSettings>
  update(changes: Partial<DeskSettings>): Promise<DeskSettings>
}

export interface SettingsStoreOptions {
  /** The user-data folder. */
  directory: string
  log: Pick<Console, 'warn'>
}

/**
 * settings.json in the user-data folder. A missing or unreadable file reads as defaults: the
 * settings are conveniences, and a hand-edited typo must not stop the desk from starting.
 */
export function createSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const filePath = path.join(options.directory, SETTINGS_FILE_NAME)
  let cached: DeskSettings | null = null
  // Writes one after another, so two quick updates cannot interleave and lose one.
  let writing: Promise<unknown> = Promise.resolve()

  async function read(): Promise<DeskSettings> {
    if (cached) return { ...cached }
    try {
      cached = parseSettings(JSON.parse(await readFile(filePath, 'utf8')))
    } catch (error) {
      if (!isMissingFile(error)) options.log.warn(`Ignoring unreadable ${filePath}; using defaults.`, error)
      cached = { ...EMPTY_SETTINGS }
    }
    return { ...cached }
  }

  function update(changes: Partial<DeskSettings>): Promise<DeskSettings> {
    const next = writing.then(async () => {
      const settings = { ...(await read()), ...changes }
      await mkdir(options.directory, { recursive: true })
      await writeFileAtomically(filePath, `${JSON.stringify(settings, null, 2)}\n`)
      cached = settings
      return { ...settings }
    })
    writing = next.catch(() => undefined)
    return next
  }

  return { read, update }
}

function parseSettings(value: unknown): DeskSettings {
  const serverUrl = typeof value === 'object' && value !== null ? (value as { serverUrl?: unknown }).serverUrl : null
  return { serverUrl: typeof serverUrl === 'string' && serverUrl.length <= 2_000 ? serverUrl : null }
}
