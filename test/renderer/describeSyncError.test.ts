import { afterEach, describe, expect, it } from 'vitest'
import { normalizeServerUrl, SyncHttpError } from '../../src-shared/sync/httpClient'
import { chooseLanguage } from '../../src-renderer/i18n/activeLanguage'
import { describeSignInError, describeSyncError } from '../../src-renderer/session/describeSyncError'

/** What the sign-in form and the status bar say when the server cannot be used, in the desk's language. */
describe('sync and sign-in errors, for the person at the desk', () => {
  afterEach(() => chooseLanguage('en'))

  it('says how long to wait after too many failed sign-ins, from the server’s Retry-After', () => {
    const limited = new SyncHttpError({ kind: 'server', status: 429, code: 'rate_limited', retryAfterSeconds: 42, message: 'Too many failed sign-ins; try again in 42 seconds.' })
    expect(describeSignInError(limited, 'https://desk.example.com')).toEqual({ message: 'Too many failed sign-ins; try again in 42 seconds.', fix: null })
    chooseLanguage('fr')
    expect(describeSignInError({ ...limited.toDetail(), retryAfterSeconds: 300 }, 'https://desk.example.com').message).toBe(
      'Trop d’échecs de connexion ; réessayez dans 5 minutes.',
    )
  })

  it('words the desk’s own refusal of an address, and a server that is not ours, in the chosen language', () => {
    const check = normalizeServerUrl('desk')
    if (check.ok) throw new Error('a bare word is not an address')
    const refused = new SyncHttpError({ kind: 'rejected', message: check.error, worded: check.worded })
    expect(describeSignInError(refused, 'desk')).toEqual({ message: 'The server address must look like https://desk.example.com.', fix: 'server' })
    chooseLanguage('fr')
    expect(describeSignInError(refused.toDetail(), 'desk')).toEqual({ message: 'L’adresse du serveur doit ressembler à https://desk.example.com.', fix: 'server' })
    expect(describeSignInError(new SyncHttpError({ kind: 'rejected', status: 404, message: 'Route not found' }), 'https://intranet.example.com').message).toBe(
      'intranet.example.com a répondu, mais ce n’est pas un serveur de synchronisation Incident Desk. Vérifiez l’adresse.',
    )
  })

  it('frames a refusal the server words in English in the desk’s language', () => {
    chooseLanguage('fr')
    const refused = new SyncHttpError({ kind: 'rejected', status: 413, message: 'The batch is over 1 MB.' })
    expect(describeSyncError(refused, 'https://desk.example.com')).toBe('Le serveur de synchronisation a refusé : The batch is over 1 MB.')
  })
})
