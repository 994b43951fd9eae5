import type { MailList, MailTemplate, OutgoingMail } from '../mail/mailAdmin'
import type { MailTemplateId } from '../events/events'
import type { ApiToken, CreateApiTokenRequest, IssuedApiToken } from '../api/apiTokens'
import type { CreateWebhookRequest, RegisteredWebhook, Webhook, WebhookDelivery } from '../outbound/webhooks'
import type { CreateSourceRequest, IssuedSourceKey, MonitoringSource, UpdateSourceRequest } from '../intake/monitoringSources'
/**
 * The one IPC contract between the Electron main process and the renderer.
 *
 * Both ends are typed from this file: main registers a handler for every key of `MainApi`,
 * the preload forwards only the names in `MAIN_API_CHANNELS`, and the renderer calls
 * `bridge.invoke('app.getInfo')`. Renaming a channel here breaks the build on both sides
 * instead of failing silently at run time.
 *
 * Pure: no electron, node or DOM types, so it type-checks under `lib: ["ES2022"], types: []`.
 */
import type {
  AdminGroup,
  AdminUser,
  CreatedUser,
  CreateGroupRequest,
  CreateUserRequest,
  PasswordReset,
  SessionsRevoked,
  SyncHttpErrorDetail,
  UpdateUserRequest,
} from '../sync/httpClient'
import type { DryRun, DryRunRule } from '../automation/dryRun'
import type { ConfigChange, ConfigSection } from '../config/orgConfig'
import type { AccountInfo, ConfigPull, IncidentHistory, PullResponse, PushRequest, PushResponse, SnapshotPage, SyncCursor } from '../sync/protocol'
import { isSyncTrigger, type SyncRoundOutcome, type SyncTrigger } from '../sync/schedule'

/** What the desk knows about its own build, shown in the About dialog and in bug reports. */
export interface AppInfo {
  /** Product name as packaged, e.g. "Incident Desk". */
  readonly name: string
  /** The app's semantic version from package.json. */
  readonly version: string
  /** Node-style platform id of the machine: 'linux', 'win32', 'darwin'. */
  readonly platform: string
  /** Electron version the desk runs on. */
  readonly electron: string
}

/**
 * Renderer → main requests. Each channel is a function of its arguments returning a promise,
 * the shape of `ipcRenderer.invoke` / `ipcMain.handle`. Arguments cross a process boundary:
 * keep them structured-clone friendly (no functions, no class instances) and let main validate.
 */
export interface MainApi {
  'app.getInfo': () => Promise<AppInfo>
  /** The desk's language changed (or was read at start): main words its menu in it. */
  'app.setLanguage': (locale: string) => Promise<void>

  // Session. The token never leaves main: these answer who is signed in, never with what.
  /** Signs in to `serverUrl`; main keeps the token (encrypted at rest) and starts syncing. */
  'session.signIn': (serverUrl: string, username: string, password: string) => Promise<IpcResult<SignedInSession>>
  /** Forgets the session on this desk at once; tells the server when it can be reached. */
  'session.signOut': () => Promise<SignOutOutcome>
  /** The session main holds (restored from disk at start), or null when signed out. */
  'session.current': () => Promise<SignedInSession | null>
  /** The last server signed in to, to fill in the sign-in form; kept after sign-out. */
  'session.lastServerUrl': () => Promise<string | null>

  // The sync transport: the protocol's calls, made by main with the session's token.
  'sync.push': (request: PushRequest) => Promise<IpcResult<PushResponse>>
  'sync.pull': (after: SyncCursor, limit: number) => Promise<IpcResult<PullResponse>>
  /** `after` is the previous page's `nextAfter`, or null for the first page. */
  'sync.snapshot': (after: string | null, limit: number) => Promise<IpcResult<SnapshotPage>>
  'sync.incidentEvents': (incidentId: string) => Promise<IpcResult<IncidentHistory>>
  /** The organization's configuration changes after a cursor, and the directory. */
  'sync.config': (after: SyncCursor) => Promise<IpcResult<ConfigPull>>

  // The schedule lives in main; the renderer runs the rounds (IndexedDB is there) and reports back.
  /** Asks for a round: soon after a local commit, or now when the person presses "Sync now". */
  'sync.request': (trigger: RendererSyncTrigger) => Promise<void>
  /** How far a long round is, 0..1, or null when unknown; shown on the taskbar, and keeps the round alive. */
  'sync.reportProgress': (fraction: number | null) => Promise<void>
  /** How a round went, so the schedule polls on, backs off, or stops until the next sign-in. */
  'sync.reportResult': (outcome: SyncRoundOutcome) => Promise<void>

  // Administration (role admin; the server checks it again).
  'admin.listUsers': () => Promise<IpcResult<AdminUser[]>>
  /** Without a password the server generates one and answers it once. */
  'admin.createUser': (request: CreateUserRequest) => Promise<IpcResult<CreatedUser>>
  'admin.updateUser': (userId: string, changes: UpdateUserRequest) => Promise<IpcResult<AdminUser>>
  /** `password` null: the server generates one and answers it once. Signs the account out everywhere. */
  'admin.resetPassword': (userId: string, password: string | null) => Promise<IpcResult<PasswordReset>>
  /** Signs the account out on every desk (a lost laptop, someone leaving). */
  'admin.revokeSessions': (userId: string) => Promise<IpcResult<SessionsRevoked>>
  'admin.listGroups': () => Promise<IpcResult<AdminGroup[]>>
  'admin.createGroup': (request: CreateGroupRequest) => Promise<IpcResult<AdminGroup>>
  /** Changes one section of the organization's configuration; the server validates it. */
  'admin.saveConfig': (section: ConfigSection, value: unknown) => Promise<IpcResult<ConfigChange>>
  'admin.updateGroup': (groupId: string, changes: { managerId: string | null }) => Promise<IpcResult<AdminGroup>>
  'admin.dryRun': (rule: DryRunRule, days: number) => Promise<IpcResult<DryRun>>
  'admin.listSources': () => Promise<IpcResult<MonitoringSource[]>>
  'admin.createSource': (request: CreateSourceRequest) => Promise<IpcResult<IssuedSourceKey>>
  'admin.updateSource': (sourceId: string, changes: UpdateSourceRequest) => Promise<IpcResult<MonitoringSource>>
  'admin.issueSourceKey': (sourceId: string) => Promise<IpcResult<IssuedSourceKey>>
  'admin.revokeSourceKey': (sourceId: string) => Promise<IpcResult<MonitoringSource>>
  'admin.listWebhooks': () => Promise<IpcResult<Webhook[]>>
  'admin.createWebhook': (request: CreateWebhookRequest) => Promise<IpcResult<RegisteredWebhook>>
  'admin.setWebhookActive': (webhookId: string, active: boolean) => Promise<IpcResult<Webhook>>
  'admin.webhookDeliveries': (webhookId: string) => Promise<IpcResult<WebhookDelivery[]>>
  'admin.retryDelivery': (webhookId: string, deliveryId: string) => Promise<IpcResult<void>>
  'admin.listApiTokens': () => Promise<IpcResult<ApiToken[]>>
  'admin.createApiToken': (request: CreateApiTokenRequest) => Promise<IpcResult<IssuedApiToken>>
  'admin.revokeApiToken': (tokenId: string) => Promise<IpcResult<ApiToken>>
  'admin.listMailTemplates': () => Promise<IpcResult<MailTemplate[]>>
  'admin.saveMailTemplate': (templateId: MailTemplateId, template: { subject: string; body: string }) => Promise<IpcResult<MailTemplate>>
  'admin.listMailLists': () => Promise<IpcResult<MailList[]>>
  'admin.saveMailList': (audience: string, addresses: string[]) => Promise<IpcResult<MailList>>
  'admin.mailOutbox': () => Promise<IpcResult<OutgoingMail[]>>

  // CSV export (src-main/export): main shows the save dialog and writes the file chunk by chunk.
  /** Shows the save dialog; null when the person canceled it. */
  'export.open': (suggestedName: string) => Promise<OpenedExport | null>
  /** Appends a chunk; resolves once the file took it (backpressure). */
  'export.write': (exportId: string, chunk: string) => Promise<void>
  /** Finishes the file. */
  'export.close': (exportId: string) => Promise<void>
  /** Stops and deletes the partial file. */
  'export.abort': (exportId: string) => Promise<void>

  // Attachment bytes (DESIGN §2: beside the log, by content hash), sent and fetched by main.
  'attachments.upload': (sha256: string, bytes: Uint8Array<ArrayBuffer>) => Promise<IpcResult<void>>
  'attachments.download': (sha256: string) => Promise<IpcResult<Uint8Array<ArrayBuffer>>>

  // Notifications (src-main/notifications): an OS notification; false when the OS has none to show.
  'notify.show': (notification: OsNotification) => Promise<boolean>
}

/** What an OS notification says; clicking it brings the desk's window forward. */
export interface OsNotification {
  title: string
  body: string
}

/** An export main has a file open for; the renderer names it in the following calls. */
export interface OpenedExport {
  exportId: string
}

/**
 * The answer of a call that can fail for reasons of the outside world (network, server, session).
 * A result rather than a rejection because Electron strips custom error classes crossing IPC;
 * `error.kind` says what to do (see `SyncHttpErrorKind`). A rejected promise means a bug: a
 * malformed argument, an untrusted frame.
 */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: SyncHttpErrorDetail }

/** Who is signed in, where, and until when (the server's clock). No token. */
export interface SignedInSession {
  serverUrl: string
  account: AccountInfo
  expiresAt: string
}

export interface SignOutOutcome {
  /** False when the server could not be told (offline): the token then simply expires there. */
  serverNotified: boolean
}

/**
 * What the renderer may ask the schedule for; main notices reconnects and wake-ups itself.
 * - `local-change`: something was committed; sync soon (coalesced, and never during a backoff).
 * - `manual`: the person asked; sync now.
 */
export const RENDERER_SYNC_TRIGGERS = ['local-change', 'manual'] as const satisfies readonly SyncTrigger[]
export type RendererSyncTrigger = (typeof RENDERER_SYNC_TRIGGERS)[number]

/** A channel name of `MainApi`. */
export type MainApiChannel = keyof MainApi

/**
 * The channel names at run time. Types vanish after compilation, and the preload must refuse
 * any name a compromised renderer makes up, so the list exists as a value too.
 */
export const MAIN_API_CHANNELS = [
  'app.getInfo',
  'app.setLanguage',
  'session.signIn',
  'session.signOut',
  'session.current',
  'session.lastServerUrl',
  'sync.push',
  'sync.pull',
  'sync.snapshot',
  'sync.incidentEvents',
  'sync.config',
  'sync.request',
  'sync.reportProgress',
  'sync.reportResult',
  'admin.listUsers',
  'admin.createUser',
  'admin.updateUser',
  'admin.resetPassword',
  'admin.revokeSessions',
  'admin.listGroups',
  'admin.createGroup',
  'admin.saveConfig',
  'admin.updateGroup',
  'admin.dryRun',
  'admin.listSources',
  'admin.createSource',
  'admin.updateSource',
  'admin.issueSourceKey',
  'admin.revokeSourceKey',
  'admin.listWebhooks',
  'admin.createWebhook',
  'admin.setWebhookActive',
  'admin.webhookDeliveries',
  'admin.retryDelivery',
  'admin.listApiTokens',
  'admin.createApiToken',
  'admin.revokeApiToken',
  'admin.listMailTemplates',
  'admin.saveMailTemplate',
  'admin.listMailLists',
  'admin.saveMailList',
  'admin.mailOutbox',
  'export.open',
  'export.write',
  'export.close',
  'export.abort',
  'notify.show',
  'attachments.upload',
  'attachments.download',
] as const satisfies readonly MainApiChannel[]

/**
 * Compile-time proof that MAIN_API_CHANNELS lists every channel of MainApi: adding a channel
 * to the interface without listing it fails here, rather than being rejected by the preload.
 */
type MustBeEmpty<T extends never> = T
type _EveryChannelListed = MustBeEmpty<Exclude<MainApiChannel, (typeof MAIN_API_CHANNELS)[number]>>

export function isMainApiChannel(value: unknown): value is MainApiChannel {
  return typeof value === 'string' && (MAIN_API_CHANNELS as readonly string[]).includes(value)
}

/**
 * Main → renderer commands, sent when the user picks an application-menu item or presses its
 * accelerator. The renderer owns what each does; main only says which one was chosen.
 *
 * - `incident.new`: open the form to log a new incident.
 * - `queue.focus`: move focus to the incident queue (keyboard users coming from elsewhere).
 * - `search.open`: open the search / command palette.
 * - `shortcuts.show`: show the keyboard shortcut reference.
 * - `about.show`: show the About dialog (the renderer reads versions via `app.getInfo`).
 * - `export.incidents`: open the CSV export dialog.
 * - `import.incidents`: open the CSV import dialog.
 */
export const MENU_COMMANDS = ['incident.new', 'queue.focus', 'search.open', 'shortcuts.show', 'about.show', 'export.incidents', 'import.incidents'] as const

export type MenuCommand = (typeof MENU_COMMANDS)[number]

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value)
}

/** The single IPC channel on which main sends a `MenuCommand` to the renderer. */
export const MENU_COMMAND_CHANNEL = 'menu.command'

/**
 * Main → renderer: the schedule says run a sync round now. The renderer runs it (IndexedDB lives
 * there) through the `sync.*` channels and answers with `sync.reportResult`.
 */
export interface SyncRequest {
  /** Why now; a status line can say "Syncing after wake-up". */
  trigger: SyncTrigger
}

/** The single IPC channel on which main sends a `SyncRequest` to the renderer. */
export const SYNC_REQUESTED_CHANNEL = 'sync.requested'

export function isSyncRequest(value: unknown): value is SyncRequest {
  return typeof value === 'object' && value !== null && isSyncTrigger((value as { trigger?: unknown }).trigger)
}

/**
 * What the preload exposes to the renderer. Deliberately narrow: a typed request function and
 * two subscriptions. It never hands out `ipcRenderer` or an IPC event (whose `sender` would be
 * `ipcRenderer` again), so page script cannot reach arbitrary channels.
 */
export interface DesktopBridge {
  invoke<C extends MainApiChannel>(channel: C, ...args: Parameters<MainApi[C]>): ReturnType<MainApi[C]>
  /** Subscribes to menu commands; returns the function that unsubscribes. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
  /** Subscribes to main's "sync now"; returns the function that unsubscribes. */
  onSyncRequested(listener: (request: SyncRequest) => void): () => void
}

/** The global name the bridge lives under in the renderer: `window.incidentDesk`. */
export const DESKTOP_BRIDGE_GLOBAL = 'incidentDesk'

/**
 * The bridge if this page runs inside the desktop shell, otherwise undefined (a browser).
 * The platform seam uses it to pick its electron or web implementation; pass `globalThis`.
 */
export function findDesktopBridge(scope: object): DesktopBridge | undefined {
  const candidate: unknown = (scope as Record<string, unknown>)[DESKTOP_BRIDGE_GLOBAL]
  if (typeof candidate !== 'object' || candidate === null) return undefined
  const { invoke, onMenuCommand, onSyncRequested } = candidate as Partial<Record<keyof DesktopBridge, unknown>>
  return typeof invoke === 'function' && typeof onMenuCommand === 'function' && typeof onSyncRequested === 'function'
    ? (candidate as DesktopBridge)
    : undefined
}
