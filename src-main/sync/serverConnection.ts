import type { IpcResult, SignedInSession, SignOutOutcome } from '../../src-shared/ipc/contract'
import { SyncHttpError, type SyncHttpClient, type SyncHttpErrorDetail } from '../../src-shared/sync/httpClient'
import type { AccountInfo } from '../../src-shared/sync/protocol'
import { parseServerUrl } from '../session/serverUrl'
import type { SettingsStore } from '../session/settingsStore'
import type { StoredSession, TokenStore } from '../session/tokenStore'

/** Builds the protocol client for one server, reading the token through `getToken`. */
export type SyncClientFactory = (serverUrl: string, getToken: () => string | null) => SyncHttpClient

export interface ServerConnectionOptions {
  tokenStore: TokenStore
  settings: SettingsStore
  createClient: SyncClientFactory
  /** Told when a session begins or ends, so the schedule starts or stops. */
  onSessionChanged: (signedIn: boolean) => void
  log: Pick<Console, 'warn' | 'error'>
}

/**
 * Main's side of talking to the sync server on the renderer's behalf. It alone reads the token:
 * every answer it gives the renderer is the protocol's data or a plain error, never a credential.
 */
export interface ServerConnection {
  signIn(serverUrl: string, username: string, password: string): Promise<IpcResult<SignedInSession>>
  signOut(): Promise<SignOutOutcome>
  current(): Promise<SignedInSession | null>
  lastServerUrl(): Promise<string | null>
  /** Runs one protocol call with the current session; a 401 ends the session. */
  call<T>(operation: (client: SyncHttpClient) => Promise<T>): Promise<IpcResult<T>>
}

export function createServerConnection(options: ServerConnectionOptions): ServerConnection {
  const { tokenStore, settings, createClient, onSessionChanged, log } = options

  /** Any failure as plain data. Unexpected ones are logged here and reported without internals. */
  function toFailure(error: unknown): { ok: false; error: SyncHttpErrorDetail } {
    if (error instanceof SyncHttpError) return { ok: false, error: error.toDetail() }
    log.error('Incident Desk: unexpected failure talking to the sync server', error)
    return { ok: false, error: { kind: 'server', message: 'Something went wrong talking to the sync server; see the log.' } }
  }

  async function endSessionIfCurrent(session: StoredSession): Promise<void> {
    if (await tokenStore.clear({ ifToken: session.token })) onSessionChanged(false)
  }

  return {
    async signIn(serverUrlInput, username, password) {
      const serverUrl = parseServerUrl(serverUrlInput)
      if (!serverUrl.ok) return { ok: false, error: { kind: 'rejected', message: serverUrl.error, worded: serverUrl.worded } }
      const previous = await tokenStore.current()
      let issued
      try {
        issued = await createClient(serverUrl.value, () => null).signIn(username, password)
      } catch (error) {
        return toFailure(error)
      }
      const account = accountOnly(issued.user)
      await tokenStore.save({ serverUrl: serverUrl.value, token: issued.token, expiresAt: issued.expiresAt, account })
      await settings.update({ serverUrl: serverUrl.value }).catch((error: unknown) => log.warn('Could not save settings', error))
      // A replaced session is revoked where it was issued, so a token does not outlive its use.
      if (previous && previous.token !== issued.token) void revoke(previous)
      onSessionChanged(true)
      return { ok: true, value: { serverUrl: serverUrl.value, account, expiresAt: issued.expiresAt } }
    },

    async signOut() {
      const session = await tokenStore.current()
      if (!session) return { serverNotified: false }
      // Forget it here first: signing out works offline, and must not wait for the network.
      await tokenStore.clear({ ifToken: session.token })
      onSessionChanged(false)
      return { serverNotified: await revoke(session) }
    },

    async current() {
      const session = await tokenStore.current()
      return session ? { serverUrl: session.serverUrl, account: session.account, expiresAt: session.expiresAt } : null
    },

    async lastServerUrl() {
      const session = await tokenStore.current()
      return session?.serverUrl ?? (await settings.read()).serverUrl
    },

    async call(operation) {
      const session = await tokenStore.current()
      if (!session) return { ok: false, error: { kind: 'unauthorized', message: 'Not signed in to a sync server.' } }
      // The token of this session only, even if a new sign-in happens while the call is out.
      const client = createClient(session.serverUrl, () => session.token)
      try {
        return { ok: true, value: await operation(client) }
      } catch (error) {
        if (error instanceof SyncHttpError && error.kind === 'unauthorized' && error.status === 401) {
          await endSessionIfCurrent(session)
        }
        return toFailure(error)
      }
    },
  }

  /** Best effort: true when the server confirmed the token is revoked (or already was). */
  async function revoke(session: StoredSession): Promise<boolean> {
    try {
      await createClient(session.serverUrl, () => session.token).signOut()
      return true
    } catch (error) {
      // A 401 means the server no longer honours the token anyway: that is what signing out wanted.
      return error instanceof SyncHttpError && error.status === 401
    }
  }
}

/** Only the account's fields: a server that says more does not get it passed to the renderer. */
function accountOnly(user: AccountInfo): AccountInfo {
  return {
    userId: user.userId,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    groupIds: [...user.groupIds],
  }
}
