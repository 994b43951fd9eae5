import type { MailTemplateId } from '../../src-shared/events/events'
import type { MailList, MailTemplate, OutgoingMail } from '../../src-shared/mail/mailAdmin'
import type { ApiToken, CreateApiTokenRequest, IssuedApiToken } from '../../src-shared/api/apiTokens'
import type { CreateWebhookRequest, RegisteredWebhook, Webhook, WebhookDelivery } from '../../src-shared/outbound/webhooks'
import type { CreateSourceRequest, IssuedSourceKey, MonitoringSource, UpdateSourceRequest } from '../../src-shared/intake/monitoringSources'
import type { DryRun, DryRunRule } from '../../src-shared/automation/dryRun'
import type { ConfigChange, ConfigSection } from '../../src-shared/config/orgConfig'
import type { MenuCommand, OsNotification, RendererSyncTrigger, SignedInSession, SignOutOutcome } from '../../src-shared/ipc/contract'
import type {
  AdminGroup,
  AdminUser,
  CreatedUser,
  CreateGroupRequest,
  CreateUserRequest,
  PasswordReset,
  SessionsRevoked,
  UpdateUserRequest,
} from '../../src-shared/sync/httpClient'
import type { SyncRoundOutcome, SyncTrigger } from '../../src-shared/sync/schedule'
import type { ConfigPull, IncidentHistory, PullResponse, PushRequest, PushResponse, SnapshotPage, SyncCursor } from '../../src-shared/sync/protocol'
import type { CsvSink } from '../../src-shared/data/exportContract'
import type { DirectSyncAccess } from '../../src-shared/data/deskDataContract'

/**
 * The renderer's one door to the outside world (DESIGN §2, the platform seam). Two
 * implementations, chosen by file name the way Actual Budget does it:
 *
 * - `platform.electron.ts`: inside the desktop shell, through the preload's `window.incidentDesk`
 *   bridge; main owns the menu, files, the session token, the sync schedule and the HTTP calls.
 * - `platform.web.ts`: in a plain browser tab (the e2e tests, and a web desk): the page does
 *   these things itself, keeping the session token in memory only.
 *
 * Components never ask which one they have; they call the interface. Grow it one capability at a
 * time (file export, backups next) with both implementations in the same change.
 *
 * Every call that reaches the sync server rejects with a `SyncHttpError` (src-shared/sync/
 * httpClient.ts) whose `kind` says what to do, on both implementations alike.
 */
export interface Platform {
  /**
   * Which implementation this is. For diagnostics and the About box only: branching on it in a
   * component means a capability is missing from this interface.
   */
  readonly kind: 'electron' | 'web'

  /** Product name, version and where it runs, for the About box and bug reports. */
  getAppInfo(): Promise<PlatformAppInfo>

  /**
   * Subscribes to the application's commands: the desktop menu and its accelerators, or in a
   * browser the keyboard shortcuts that stand in for them. Returns the function that unsubscribes.
   */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void

  /** Who is signed in to which sync server. The token never reaches this interface. */
  readonly session: PlatformSession

  /** The sync protocol's calls, made with the session's token. */
  readonly syncTransport: PlatformSyncTransport

  /** Account and group administration (admins only; the server checks it again). */
  readonly admin: PlatformAdmin

  /**
   * The sync schedule (src-shared/sync/schedule.ts) asks for a round: on reconnect, on wake-up,
   * every few seconds while online, after a backoff. Returns the function that unsubscribes.
   */
  onSyncRequested(listener: (trigger: SyncTrigger) => void): () => void

  /** Asks the schedule for a round: soon after a local change, or now when the person asks. */
  requestSync(trigger: RendererSyncTrigger): void

  /** A running round is alive (and how far it is, 0..1, when known). */
  reportSyncProgress(fraction: number | null): void

  /** How a round went, so the schedule polls on, backs off, or stops until the next sign-in. */
  reportSyncResult(outcome: SyncRoundOutcome): void

  /**
   * Where a CSV export goes, chunk by chunk, so a 100k-row file is never held whole in memory:
   * on the desktop main writes the file picked in a save dialog; in a browser the file is saved
   * through the File System Access API where there is one, else downloaded. Null when the person
   * canceled the save dialog.
   */
  openCsvSink(suggestedName: string): Promise<CsvSink | null>

  /**
   * Shows an OS notification (the desktop, from main). Resolves false where there is none to
   * show (a browser tab, an OS without notifications): the desk then shows it in-app.
   */
  showNotification(notification: OsNotification): Promise<boolean>

  /** Tells the shell the desk's language (the desktop menu follows it); nothing to do in a browser. */
  languageChosen(locale: string): void

  /** Attachment bytes on the sync server, by content hash; both reject with a SyncHttpError. */
  readonly attachments: PlatformAttachments
}

export interface PlatformAttachments {
  upload(sha256: string, bytes: Uint8Array<ArrayBuffer>): Promise<void>
  download(sha256: string): Promise<Uint8Array<ArrayBuffer>>
}

/** A file being written by an export (see `Platform.openCsvSink`); the data worker writes into it. */
export type { CsvSink }

export interface PlatformSession {
  /** Signs in and keeps the token where this platform keeps it (main, or this tab's memory). */
  signIn(serverUrl: string, username: string, password: string): Promise<SignedInSession>
  /** Forgets the session here at once; tells the server when it can be reached. */
  signOut(): Promise<SignOutOutcome>
  /** The open session, or null. A web tab that reloaded has none: its token lived in memory. */
  current(): Promise<SignedInSession | null>
  /** The server to offer in the sign-in form: the last one used, else this platform's default. */
  suggestedServerUrl(): Promise<string>
}

/** The sync protocol's four calls; the sync engine takes this as its transport. */
export interface PlatformSyncTransport {
  push(request: PushRequest): Promise<PushResponse>
  pull(after: SyncCursor, limit: number): Promise<PullResponse>
  snapshot(after: string | null, limit: number): Promise<SnapshotPage>
  incidentEvents(incidentId: string): Promise<IncidentHistory>
  config(after: SyncCursor): Promise<ConfigPull>
  /** The session for the data worker to call the server with itself (DirectSyncAccess); absent where the platform owns the token. */
  directAccess?(): DirectSyncAccess | null
}

export interface PlatformAdmin {
  listUsers(): Promise<AdminUser[]>
  createUser(request: CreateUserRequest): Promise<CreatedUser>
  updateUser(userId: string, changes: UpdateUserRequest): Promise<AdminUser>
  /** `password` null has the server generate one, returned once in the answer. */
  resetPassword(userId: string, password: string | null): Promise<PasswordReset>
  /** Signs the account out on every desk. */
  revokeSessions(userId: string): Promise<SessionsRevoked>
  listGroups(): Promise<AdminGroup[]>
  createGroup(request: CreateGroupRequest): Promise<AdminGroup>
  /** Changes one section of the organization's configuration; refused with reasons when invalid. */
  saveConfig(section: ConfigSection, value: unknown): Promise<ConfigChange>
  /** Names a group's manager (SLA escalation notifies them), or clears it. */
  updateGroup(groupId: string, changes: { managerId: string | null }): Promise<AdminGroup>
  /** What a rule would have done over the last `days` on the server, changing nothing. */
  dryRun(rule: DryRunRule, days: number): Promise<DryRun>
  /** Monitoring sources and their integration keys (a key is shown once, when issued). */
  listSources(): Promise<MonitoringSource[]>
  createSource(request: CreateSourceRequest): Promise<IssuedSourceKey>
  updateSource(sourceId: string, changes: UpdateSourceRequest): Promise<MonitoringSource>
  issueSourceKey(sourceId: string): Promise<IssuedSourceKey>
  revokeSourceKey(sourceId: string): Promise<MonitoringSource>
  /** Webhooks: receivers of the log's events (a secret is shown once, when registered). */
  listWebhooks(): Promise<Webhook[]>
  createWebhook(request: CreateWebhookRequest): Promise<RegisteredWebhook>
  setWebhookActive(webhookId: string, active: boolean): Promise<Webhook>
  webhookDeliveries(webhookId: string): Promise<WebhookDelivery[]>
  retryDelivery(webhookId: string, deliveryId: string): Promise<void>
  /** Public API tokens, each acting as one account (the token is shown once, when made). */
  listApiTokens(): Promise<ApiToken[]>
  createApiToken(request: CreateApiTokenRequest): Promise<IssuedApiToken>
  revokeApiToken(tokenId: string): Promise<ApiToken>
  /** E-mail: the notifications' templates, the stakeholder lists, the outgoing queue. */
  listMailTemplates(): Promise<MailTemplate[]>
  saveMailTemplate(templateId: MailTemplateId, template: { subject: string; body: string }): Promise<MailTemplate>
  listMailLists(): Promise<MailList[]>
  saveMailList(audience: string, addresses: string[]): Promise<MailList>
  mailOutbox(): Promise<OutgoingMail[]>
}

export interface PlatformAppInfo {
  readonly name: string
  readonly version: string
  /** 'linux', 'win32', 'darwin' on the desktop; 'web' in a browser. */
  readonly platform: string
}
