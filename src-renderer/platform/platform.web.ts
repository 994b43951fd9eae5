import { version } from '../../package.json'
import type { MenuCommand, SignedInSession } from '../../src-shared/ipc/contract'
import {
  createAbortDeadlines,
  createSyncHttpClient,
  normalizeServerUrl,
  SyncHttpError,
  type SyncHttpClient,
} from '../../src-shared/sync/httpClient'
import { SyncScheduler, type SetTimer, type SyncTrigger } from '../../src-shared/sync/schedule'
import { worded } from '../../src-shared/i18n/worded'
import type { Platform } from './platform'
import { openWebCsvSink } from '../export/webCsvSink'

/**
 * A browser has no application menu, so the menu's accelerators are bound on the page instead.
 * This list mirrors src-main/menu/applicationMenu.ts; keep the two in step.
 *
 * Ctrl+N is reserved by desktop Chrome (new window) and never reaches a page in a normal tab;
 * the renderer's own bare-key shortcut `n` (see commands/deskCommands.ts) covers it there.
 */
const WEB_ACCELERATORS: readonly { readonly key: string; readonly command: MenuCommand }[] = [
  { key: 'n', command: 'incident.new' },
  { key: '1', command: 'queue.focus' },
  { key: 'k', command: 'search.open' },
  { key: '/', command: 'shortcuts.show' },
]

/** Not a secret: only which server to offer in the sign-in form next time. */
const LAST_SERVER_KEY = 'incident-desk.lastServerUrl'

/** Ctrl on Windows and Linux, Cmd on macOS: the browser equivalent of Electron's CmdOrCtrl. */
function isCommandOrControl(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey
}

type WebScope = Pick<
  Window,
  'addEventListener' | 'removeEventListener' | 'setTimeout' | 'clearTimeout' | 'fetch' | 'location' | 'navigator' | 'document' | 'localStorage'
>

interface OpenSession {
  client: SyncHttpClient
  info: SignedInSession
  /** Lent to the data worker call by call (directAccess), so the MBs of a push or a pull page are written and parsed off this thread. */
  token: string
}

/**
 * The platform in a browser tab. The page makes its own HTTP calls and keeps the session token
 * in memory only: nothing a script injected later, another tab or a shared computer's next user
 * could read from storage. The price is that a reload signs the tab out; the desk's incidents and
 * outbox stay in IndexedDB and are pushed after the next sign-in.
 *
 * The sync schedule (src-shared/sync/schedule.ts) runs here too, fed by the window's online and
 * offline events and by the tab becoming visible again.
 */
export function createWebPlatform(scope: WebScope): Platform {
  const setTimer: SetTimer = (callback, ms) => {
    const id = scope.setTimeout(callback, ms)
    return () => scope.clearTimeout(id)
  }
  const deadline = createAbortDeadlines(() => new AbortController(), setTimer)
  let session: OpenSession | null = null
  /** Key events this platform turned into menu commands (see onMenuCommand). */
  const acceleratorEvents = new WeakSet<Event>()

  const listeners = new Set<(trigger: SyncTrigger) => void>()
  const scheduler = new SyncScheduler({
    setTimer,
    now: Date.now,
    online: scope.navigator.onLine,
    signedIn: false,
    requestRound: (trigger) => {
      if (listeners.size === 0) return false
      for (const listener of listeners) listener(trigger)
      return true
    },
  })
  // For the life of the page, like the platform itself: no removal needed.
  scope.addEventListener('online', () => scheduler.setOnline(true))
  scope.addEventListener('offline', () => scheduler.setOnline(false))
  scope.document.addEventListener('visibilitychange', () => {
    if (scope.document.visibilityState === 'visible') scheduler.trigger('resume')
  })

  function clientFor(serverUrl: string, getToken: () => string | null): SyncHttpClient {
    return createSyncHttpClient({ baseUrl: serverUrl, fetch: (url, init) => scope.fetch(url, init), getToken, deadline })
  }

  /** The open session's client; a call without one is refused the way the server would refuse it. */
  function client(): SyncHttpClient {
    if (!session) throw new SyncHttpError({ kind: 'unauthorized', message: 'Not signed in to the sync server.' })
    return session.client
  }

  /** A call with the session's token; a 401 means the token is dead, so it is dropped at once. */
  async function withSession<T>(call: (client: SyncHttpClient) => Promise<T>): Promise<T> {
    const current = session
    try {
      return await call(client())
    } catch (error) {
      if (error instanceof SyncHttpError && error.kind === 'unauthorized' && session === current) {
        session = null
        scheduler.setSignedIn(false)
      }
      throw error
    }
  }

  /**
   * The page's Content-Security-Policy lets it talk to its own origin only (vite.web.config.ts),
   * and the web server in front forwards /api to the sync server; another origin would be
   * refused by the browser with nothing but a console error, so say so first.
   */
  function checkSameOrigin(serverUrl: string): string {
    const normalized = normalizeServerUrl(serverUrl)
    if (!normalized.ok) throw new SyncHttpError({ kind: 'rejected', message: normalized.error, worded: normalized.worded })
    const origin = scope.location.origin
    if (new URL(normalized.value).origin !== origin) {
      const problem = worded('serverUrl.otherOrigin', { origin })
      throw new SyncHttpError({ kind: 'rejected', message: problem.message, worded: problem })
    }
    return normalized.value
  }

  return {
    kind: 'web',
    async getAppInfo() {
      return { name: 'Incident Desk', version, platform: 'web' }
    },
    onMenuCommand(listener) {
      const onKeyDown = (event: KeyboardEvent): void => {
        // Every subscriber hears an accelerator, as every menu listener would: the first one
        // to handle it prevents the default, which must not hide it from the others.
        if ((event.defaultPrevented && !acceleratorEvents.has(event)) || event.repeat || !isCommandOrControl(event)) return
        const binding = WEB_ACCELERATORS.find((candidate) => candidate.key === event.key.toLowerCase())
        if (!binding) return
        // Like a menu accelerator, this wins over the browser's own use of the key where it can.
        acceleratorEvents.add(event)
        event.preventDefault()
        listener(binding.command)
      }
      scope.addEventListener('keydown', onKeyDown)
      return () => scope.removeEventListener('keydown', onKeyDown)
    },

    session: {
      async signIn(serverUrl, username, password) {
        const baseUrl = checkSameOrigin(serverUrl)
        let token: string | null = null
        const signingIn = clientFor(baseUrl, () => token)
        const answer = await signingIn.signIn(username, password)
        token = answer.token
        const info: SignedInSession = { serverUrl: signingIn.baseUrl, account: answer.user, expiresAt: answer.expiresAt }
        session = { client: signingIn, info, token: answer.token }
        rememberServer(scope, signingIn.baseUrl)
        scheduler.setSignedIn(true)
        return info
      },
      async signOut() {
        const ending = session
        session = null
        scheduler.setSignedIn(false)
        if (!ending) return { serverNotified: false }
        try {
          await ending.client.signOut()
          return { serverNotified: true }
        } catch {
          // Offline or already revoked: the token is gone from here and expires on the server.
          return { serverNotified: false }
        }
      },
      async current() {
        return session?.info ?? null
      },
      async suggestedServerUrl() {
        return readRememberedServer(scope) ?? scope.location.origin
      },
    },

    syncTransport: {
      push: (request) => withSession((api) => api.push(request)),
      pull: (after, limit) => withSession((api) => api.pull(after, limit)),
      snapshot: (after, limit) => withSession((api) => api.snapshot(after, limit)),
      incidentEvents: (incidentId) => withSession((api) => api.incidentEvents(incidentId)),
      config: (after) => withSession((api) => api.config(after)),
      directAccess: () => (session ? { baseUrl: session.client.baseUrl, token: session.token } : null),
    },

    admin: {
      listUsers: () => withSession((api) => api.listUsers()),
      createUser: (request) => withSession((api) => api.createUser(request)),
      updateUser: (userId, changes) => withSession((api) => api.updateUser(userId, changes)),
      resetPassword: (userId, password) => withSession((api) => api.resetPassword(userId, password ?? undefined)),
      revokeSessions: (userId) => withSession((api) => api.revokeSessions(userId)),
      listGroups: () => withSession((api) => api.listGroups()),
      createGroup: (request) => withSession((api) => api.createGroup(request)),
      saveConfig: (section, value) => withSession((api) => api.saveConfig(section, value)),
      updateGroup: (groupId, changes) => withSession((api) => api.updateGroup(groupId, changes)),
      dryRun: (rule, days) => withSession((api) => api.dryRun(rule, days)),
      listSources: () => withSession((api) => api.listSources()),
      createSource: (request) => withSession((api) => api.createSource(request)),
      updateSource: (sourceId, changes) => withSession((api) => api.updateSource(sourceId, changes)),
      issueSourceKey: (sourceId) => withSession((api) => api.issueSourceKey(sourceId)),
      revokeSourceKey: (sourceId) => withSession((api) => api.revokeSourceKey(sourceId)),
      listWebhooks: () => withSession((api) => api.listWebhooks()),
      createWebhook: (request) => withSession((api) => api.createWebhook(request)),
      setWebhookActive: (webhookId, active) => withSession((api) => api.setWebhookActive(webhookId, active)),
      webhookDeliveries: (webhookId) => withSession((api) => api.webhookDeliveries(webhookId)),
      retryDelivery: (webhookId, deliveryId) => withSession((api) => api.retryDelivery(webhookId, deliveryId)),
      listApiTokens: () => withSession((api) => api.listApiTokens()),
      createApiToken: (request) => withSession((api) => api.createApiToken(request)),
      revokeApiToken: (tokenId) => withSession((api) => api.revokeApiToken(tokenId)),
      listMailTemplates: () => withSession((api) => api.listMailTemplates()),
      saveMailTemplate: (templateId, template) => withSession((api) => api.saveMailTemplate(templateId, template)),
      listMailLists: () => withSession((api) => api.listMailLists()),
      saveMailList: (audience, addresses) => withSession((api) => api.saveMailList(audience, addresses)),
      mailOutbox: () => withSession((api) => api.mailOutbox()),
    },

    onSyncRequested(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    requestSync(trigger) {
      scheduler.trigger(trigger)
    },
    reportSyncProgress() {
      scheduler.roundProgressed()
    },
    reportSyncResult(outcome) {
      scheduler.roundFinished(outcome)
    },
    openCsvSink(suggestedName) {
      return openWebCsvSink(scope, suggestedName)
    },
    // A browser tab shows notifications in the page: asking for the browser's permission on a
    // desk that is open all day would be one more prompt for no gain.
    showNotification: () => Promise.resolve(false),
    languageChosen: () => undefined,
    attachments: {
      upload: (sha256, bytes) => withSession((api) => api.uploadAttachment(sha256, bytes)),
      download: (sha256) => withSession((api) => api.downloadAttachment(sha256)) as Promise<Uint8Array<ArrayBuffer>>,
    },
  }
}

function rememberServer(scope: WebScope, serverUrl: string): void {
  try {
    scope.localStorage.setItem(LAST_SERVER_KEY, serverUrl)
  } catch {
    // Storage may be disabled; the form then offers the page's origin again.
  }
}

function readRememberedServer(scope: WebScope): string | null {
  try {
    return scope.localStorage.getItem(LAST_SERVER_KEY)
  } catch {
    return null
  }
}
