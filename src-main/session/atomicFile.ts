import { randomBytes } from 'node:crypto'
import { rename, rm, writeFile } from 'node:fs/promises'

/**
 * Replaces `filePath` whole or not at all: written beside it, then renamed over it. A crash or
 * a full disk mid-write leaves the previous file, never half a session. Owner-only permissions
 * (on POSIX) because the content belongs to this user alone, encrypted or not.
 */
export async function writeFileAtomically(filePath: string, content: string | Uint8Array): Promise<void> {
  const temporary = `${filePath}.${randomBytes(6).toString('hex')}.tmp`
  try {
    await writeFile(temporary, content, { mode: 0o600 })
    await rename(temporary, filePath)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/** True for "the file is not there", which every reader here treats as "nothing saved yet". */
export function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT'
}
