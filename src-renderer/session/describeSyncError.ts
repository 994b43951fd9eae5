import type { Worded } from '../../src-shared/i18n/worded'
import { t, wordedText } from '../i18n/activeLanguage'
/**
 * The failure facts both sides of the seam agree on: the shared client's `SyncHttpError`, the
 * sync engine's `SyncTransportError` and its reports' `SyncFailure` all carry these fields.
 */
interface FailureFacts {
  kind: string
  message: string
  status?: number | undefined
  code?: string | undefined
  /** A refusal of the desk's own (a bad address), worded in the desk's language. */
  worded?: Worded | undefined
  retryAfterSeconds?: number | undefined
}

function factsOf(error: unknown): FailureFacts | null {
  if (typeof error !== 'object' || error === null) return null
  const { kind, message, status, code, worded, retryAfterSeconds } = error as Record<string, unknown>
  if (typeof kind !== 'string' || typeof message !== 'string') return null
  return {
    kind,
    message,
    status: typeof status === 'number' ? status : undefined,
    code: typeof code === 'string' ? code : undefined,
    worded: isWorded(worded) ? worded : undefined,
    retryAfterSeconds: typeof retryAfterSeconds === 'number' ? retryAfterSeconds : undefined,
  }
}

function isWorded(value: unknown): value is Worded {
  return typeof value === 'object' && value !== null && typeof (value as Worded).id === 'string' && typeof (value as Worded).message === 'string'
}

/**
 * A failure of a call to the sync server, as one clear sentence for the person at the desk.
 * Every sentence says what happened and, where it matters, that nothing on this desk is lost.
 */
export function describeSyncError(error: unknown, serverUrl: string | null): string {
  const where = serverUrl ? t('syncError.at', { server: displayServer(serverUrl) }) : ''
  const facts = factsOf(error)
  if (!facts) {
    const detail = error instanceof Error ? error.message : String(error)
    return t('syncError.stopped', { detail })
  }
  if (facts.code === 'server_unreachable' || facts.kind === 'offline') {
    return t('syncError.unreachable', { where })
  }
  switch (facts.kind) {
    case 'timeout':
      return t('syncError.timeout', { where })
    case 'unauthorized':
      return t('sync.sessionEnded')
    default:
      // The server answers in English; the desk says in its own language that it refused.
      return facts.worded ? wordedText(facts.worded) : t('syncError.refused', { detail: facts.message })
  }
}

/** What went wrong with a sign-in, for the form's error box, and which field the fix is in. */
export function describeSignInError(cause: unknown, serverUrl: string): { message: string; fix: 'server' | 'password' | null } {
  const error = factsOf(cause)
  if (error) {
    if (error.kind === 'unauthorized') return { message: t('syncError.wrongPassword'), fix: 'password' }
    if (error.code === 'rate_limited' || error.status === 429) {
      const wait = error.retryAfterSeconds
      if (wait === undefined) return { message: t('syncError.tooMany'), fix: null }
      return { message: wait < 60 ? t('syncError.tooManySeconds', { seconds: wait }) : t('syncError.tooManyMinutes', { minutes: Math.ceil(wait / 60) }), fix: null }
    }
    if (error.code === 'server_unreachable' || error.kind === 'offline') {
      return {
        message: t('syncError.signInUnreachable', { server: displayServer(serverUrl) }),
        fix: 'server',
      }
    }
    if (error.status === 404) {
      return { message: t('syncError.notDeskServer', { server: displayServer(serverUrl) }), fix: 'server' }
    }
    if (error.kind === 'rejected' && error.status === undefined) return { message: error.worded ? wordedText(error.worded) : error.message, fix: 'server' }
  }
  return { message: describeSyncError(cause, serverUrl), fix: null }
}

/** The server as people say it: its host, without the scheme. */
export function displayServer(serverUrl: string): string {
  return serverUrl.replace(/^https?:\/\//i, '')
}
