import { RESOLUTION_CODES, type BuiltInResolutionCode } from '../incident/vocabulary'

/**
 * The resolution codes an agent chooses from (DESIGN §2: configuration is data). The built-in
 * codes keep their translated names unless the admin names them; the organization's own codes
 * carry their name. A code is never taken away from history: a retired one is no longer offered,
 * but an incident resolved with it (imported, or resolved offline before the change reached that
 * desk) keeps it and is still accepted, so no desk's work is refused after the fact.
 */
export interface ResolutionCodeEntry {
  /** Stored on the incident: a built-in code or the organization's own id. */
  code: string
  /** The name shown; a built-in code without one is shown in the desk's language. */
  label?: string
  /** No longer offered for new resolutions. */
  retired?: boolean
}

export const DEFAULT_RESOLUTION_CODES: readonly ResolutionCodeEntry[] = RESOLUTION_CODES.map((code) => ({ code }))

export const MAX_RESOLUTION_CODES = 100

export function isBuiltInResolutionCode(code: string): code is BuiltInResolutionCode {
  return (RESOLUTION_CODES as readonly string[]).includes(code)
}

/** The codes offered for a new resolution, in the admin's order. */
export function offeredResolutionCodes(entries: readonly ResolutionCodeEntry[]): ResolutionCodeEntry[] {
  return entries.filter((entry) => !entry.retired)
}

/** Whether a resolution may use `code`: a code the configuration has, retired or not, or a built-in one when none is configured. */
export function isKnownResolutionCode(code: string, entries: readonly ResolutionCodeEntry[] | undefined): boolean {
  return entries ? entries.some((entry) => entry.code === code) : isBuiltInResolutionCode(code)
}

/**
 * The name of a code for people: the admin's name for it, else a built-in code's name in the
 * desk's language (`builtIn`), else the code itself (one a later configuration dropped).
 */
export function resolutionCodeName(code: string, entries: readonly ResolutionCodeEntry[] | undefined, builtIn: (code: BuiltInResolutionCode) => string): string {
  const label = entries?.find((entry) => entry.code === code)?.label?.trim()
  if (label) return label
  return isBuiltInResolutionCode(code) ? builtIn(code) : code
}
