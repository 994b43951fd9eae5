import { z } from 'zod'
import { API_SCOPES, type ApiToken, type CreateApiTokenRequest, type IssuedApiToken } from '../api/apiTokens'
import { MAIL_TEMPLATE_IDS, type MailTemplateId } from '../events/events'
import type { MailList, MailTemplate, OutgoingMail } from '../mail/mailAdmin'
import { DRY_RUN_RULES, type DryRun, type DryRunRule } from '../automation/dryRun'
import { CONFIG_SECTIONS, type ConfigChange, type ConfigSection } from '../config/orgConfig'
import { describeZodError } from '../events/schemas'
import type { MessageId } from '../i18n/catalog'
import { worded, type Worded } from '../i18n/worded'
import { SUPPORT_LEVELS, type SupportLevel } from '../incident/levels'
import { ROLES, type Role } from '../incident/roles'
import { alertSourceRulesSchema } from '../intake/alertRules'
import type { CreateSourceRequest, IssuedSourceKey, MonitoringSource, UpdateSourceRequest } from '../intake/monitoringSources'
import type { CreateWebhookRequest, RegisteredWebhook, Webhook, WebhookDelivery } from '../outbound/webhooks'
import type {
  AccountInfo,
  ConfigPull,
  IncidentHistory,
  PullResponse,
  PushRequest,
  PushResponse,
  SessionInfo,
  SnapshotPage,
  SyncCursor,
} from './protocol'
import type { SetTimer } from './schedule'

/**
 * The one HTTP client of the sync protocol (protocol.ts), used by the Electron main process
 * (which holds the token there) and by the web mode in a browser tab.
 *
 * src-shared has no DOM and no Node types, so fetch, abort signals and timers come in through
 * the small interfaces below. Each runtime passes its own: main `net.fetch` and AbortController,
 * the browser `window.fetch`. Global `fetch` fits {@link FetchLike} as it is.
 */

/** The part of a fetch `init` this client uses. `Signal` is the runtime's AbortSignal. */
export interface FetchRequestInit<Signal> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  headers: Record<string, string>
  /** Text (JSON) for the API's calls; bytes for an attachment upload. */
  body?: string | Uint8Array<ArrayBuffer>
  signal?: Signal
}

/** The part of a fetch Response this client reads. */
export interface FetchResponseLike {
  status: number
  headers: { get(name: string): string | null }
  json(): Promise<unknown>
  text(): Promise<string>
  /** Only attachment downloads read bytes. */
  arrayBuffer?(): Promise<ArrayBuffer>
}

export type FetchLike<Signal> = (url: string, init: FetchRequestInit<Signal>) => Promise<FetchResponseLike>

/** One request's deadline: its abort signal fires when the time is up. */
export interface RequestDeadline<Signal> {
  readonly signal: Signal
  /** True once the time ran out: tells a timeout from any other failed fetch. */
  hasExpired(): boolean
  /** The request finished in time; release the timer. */
  cancel(): void
}

export type DeadlineFactory<Signal> = (ms: number) => RequestDeadline<Signal>

/**
 * Deadlines from the runtime's AbortController and a timer:
 * `createAbortDeadlines(() => new AbortController(), setTimer)`.
 */
export function createAbortDeadlines<Signal>(
  newController: () => { readonly signal: Signal; abort(): void },
  setTimer: SetTimer,
): DeadlineFactory<Signal> {
  return (ms) => {
    const controller = newController()
    let expired = false
    const cancel = setTimer(() => {
      expired = true
      controller.abort()
    }, ms)
    return { signal: controller.signal, hasExpired: () => expired, cancel }
  }
}

/**
 * Why a call failed; the caller decides from the kind alone.
 * - `offline`: no answer at all (no network, DNS, connection refused). Retry when online.
 * - `timeout`: no answer within the deadline. Retry with backoff.
 * - `unauthorized`: 401. Missing, expired or revoked session, or wrong credentials at sign-in.
 *   Nothing more until someone signs in.
 * - `rejected`: the server understood and refused (400, 403, 404, 409, 413, 422…). Sending the
 *   same again will not help; show `message` to the person.
 * - `server`: 5xx, 408 or 429, or an answer that does not fit the protocol. Retry with backoff.
 */
export const SYNC_HTTP_ERROR_KINDS = ['offline', 'timeout', 'unauthorized', 'rejected', 'server'] as const
export type SyncHttpErrorKind = (typeof SYNC_HTTP_ERROR_KINDS)[number]

/** A failure as plain data: what crosses IPC (which strips custom error classes). */
export interface SyncHttpErrorDetail {
  kind: SyncHttpErrorKind
  /** HTTP status, when the server answered. */
  status?: number
  /** The server's stable reason (`ApiError.code`), when it gave one. */
  code?: string
  /** For people: the server's own message for a 4xx, otherwise ours. */
  message: string
  /** When the desk itself refused (a bad address), the message for the desk to word in its language. */
  worded?: Worded
  /** The server's Retry-After in seconds (a 429), so the desk can say how long to wait in its own words. */
  retryAfterSeconds?: number
}

export class SyncHttpError extends Error {
  readonly kind: SyncHttpErrorKind
  readonly status: number | undefined
  readonly code: string | undefined
  readonly worded: Worded | undefined
  readonly retryAfterSeconds: number | undefined

  constructor(detail: SyncHttpErrorDetail) {
    super(detail.message)
    this.name = 'SyncHttpError'
    this.kind = detail.kind
    this.status = detail.status
    this.code = detail.code
    this.worded = detail.worded
    this.retryAfterSeconds = detail.retryAfterSeconds
  }

  toDetail(): SyncHttpErrorDetail {
    return {
      kind: this.kind,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.code === undefined ? {} : { code: this.code }),
      ...(this.worded === undefined ? {} : { worded: this.worded }),
      ...(this.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: this.retryAfterSeconds }),
      message: this.message,
    }
  }
}

export function isSyncHttpErrorKind(value: unknown): value is SyncHttpErrorKind {
  return typeof value === 'string' && (SYNC_HTTP_ERROR_KINDS as readonly string[]).includes(value)
}

// ---------------------------------------------------------------------------------------------
// Admin calls, as src-server/admin/routes.ts answers them. The request shapes mirror
// src-server/accounts/schemas.ts; they belong in src-shared once the server moves them there.

/** An account as an admin sees it. Never carries a password hash. */
export interface AdminUser {
  userId: string
  username: string
  displayName: string
  role: Role
  groupIds: string[]
  /** A disabled account cannot sign in. */
  disabled: boolean
  createdAt: string
  updatedAt: string
}

export interface CreateUserRequest {
  username: string
  displayName: string
  role: Role
  /** Omit to have the server generate one, returned once in {@link CreatedUser.generatedPassword}. */
  password?: string
  groupIds?: string[]
}

export interface CreatedUser {
  user: AdminUser
  /** The password the server generated, shown to the admin once; null when one was given. */
  generatedPassword: string | null
}

/** Only the fields given change. */
export interface UpdateUserRequest {
  displayName?: string
  role?: Role
  groupIds?: string[]
  disabled?: boolean
}

export interface PasswordReset {
  /** The password the server generated, shown to the admin once; null when one was given. */
  generatedPassword: string | null
  /** A new password signs the account out everywhere. */
  revokedSessions: number
}

export interface SessionsRevoked {
  revokedSessions: number
}

export interface AdminGroup {
  id: string
  name: string
  level: SupportLevel
  /** Members of a security group see security incidents. */
  security: boolean
  /** Who SLA escalation notifies for the group's incidents; null for nobody. */
  managerId: string | null
  memberIds: string[]
  createdAt: string
}

export interface CreateGroupRequest {
  name: string
  level: SupportLevel
  security?: boolean
  memberIds?: string[]
}

export interface ServerHealth {
  status: string
  eventSchemaVersion: number
}

// ---------------------------------------------------------------------------------------------

export interface SyncHttpClientOptions<Signal> {
  /** The server's address, e.g. `https://desk.example.com` or `https://example.com/incidents`. */
  baseUrl: string
  fetch: FetchLike<Signal>
  /** Read before each call, so a sign-out between calls takes effect at once. */
  getToken: () => string | null
  deadline: DeadlineFactory<Signal>
  /** Per request, including reading the body. Default {@link DEFAULT_REQUEST_TIMEOUT_MS}. */
  timeoutMs?: number
}

/**
 * Long enough for a 2,000-incident snapshot page over a slow field connection; short enough
 * that a dead connection is noticed before the next scheduled round.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000

export interface SyncHttpClient {
  readonly baseUrl: string
  health(): Promise<ServerHealth>
  /** Needs no token. The answer carries the new token: whoever calls this decides where it lives. */
  signIn(username: string, password: string): Promise<SessionInfo>
  /** Revokes the current token on the server. */
  signOut(): Promise<void>
  me(): Promise<AccountInfo>
  push(request: PushRequest): Promise<PushResponse>
  pull(after: SyncCursor, limit: number): Promise<PullResponse>
  /** `after` is the last incident id of the previous page, or null for the first page. */
  snapshot(after: string | null, limit: number): Promise<SnapshotPage>
  incidentEvents(incidentId: string): Promise<IncidentHistory>
  /** The organization's configuration changes after `after`, and the directory. */
  config(after: SyncCursor): Promise<ConfigPull>
  /** An admin's change of one configuration section; refused (400) with the reasons when invalid. */
  saveConfig(section: ConfigSection, value: unknown): Promise<ConfigChange>
  listUsers(): Promise<AdminUser[]>
  createUser(request: CreateUserRequest): Promise<CreatedUser>
  updateUser(userId: string, changes: UpdateUserRequest): Promise<AdminUser>
  /** Without `password` the server generates one. Signs the account out everywhere. */
  resetPassword(userId: string, password?: string): Promise<PasswordReset>
  /** Signs the account out everywhere (a lost laptop). */
  revokeSessions(userId: string): Promise<SessionsRevoked>
  listGroups(): Promise<AdminGroup[]>
  createGroup(request: CreateGroupRequest): Promise<AdminGroup>
  /** Names the group's manager, or clears it (null). */
  updateGroup(groupId: string, changes: { managerId: string | null }): Promise<AdminGroup>
  /** What a rule would have done over the last `days`, changing nothing. */
  dryRun(rule: DryRunRule, days: number): Promise<DryRun>
  listSources(): Promise<MonitoringSource[]>
  /** A new monitoring source with its first key, shown this once. */
  createSource(request: CreateSourceRequest): Promise<IssuedSourceKey>
  updateSource(sourceId: string, changes: UpdateSourceRequest): Promise<MonitoringSource>
  /** A new key for the source; the one before stops working at once. */
  issueSourceKey(sourceId: string): Promise<IssuedSourceKey>
  /** The source's key stops working at once; its rules and incidents stay. */
  revokeSourceKey(sourceId: string): Promise<MonitoringSource>
  listWebhooks(): Promise<Webhook[]>
  /** A new webhook; its secret is in the answer, this once. */
  createWebhook(request: CreateWebhookRequest): Promise<RegisteredWebhook>
  setWebhookActive(webhookId: string, active: boolean): Promise<Webhook>
  /** The webhook's delivery log, newest first, each delivery with its attempts. */
  webhookDeliveries(webhookId: string): Promise<WebhookDelivery[]>
  /** Queues a delivery that gave up again. */
  retryDelivery(webhookId: string, deliveryId: string): Promise<void>
  listApiTokens(): Promise<ApiToken[]>
  /** A new token acting as `userId`; the token itself is in the answer, this once. */
  createApiToken(request: CreateApiTokenRequest): Promise<IssuedApiToken>
  /** The token stops working at once; it stays listed, revoked. */
  revokeApiToken(tokenId: string): Promise<ApiToken>
  listMailTemplates(): Promise<MailTemplate[]>
  /** Refused with every reason when a placeholder is unknown or a part too long. */
  saveMailTemplate(templateId: MailTemplateId, template: { subject: string; body: string }): Promise<MailTemplate>
  listMailLists(): Promise<MailList[]>
  /** Replaces the audience's addresses (none empties it); refused when one is not an address. */
  saveMailList(audience: string, addresses: string[]): Promise<MailList>
  /** The latest outgoing messages, newest first. */
  mailOutbox(): Promise<OutgoingMail[]>
  /** Uploads an attachment's bytes under their SHA-256 (the server checks it); idempotent. */
  uploadAttachment(sha256: string, bytes: Uint8Array<ArrayBuffer>): Promise<void>
  /** An attachment's bytes, when an incident the caller may see carries it. */
  downloadAttachment(sha256: string): Promise<Uint8Array<ArrayBuffer>>
}

/**
 * The server address without trailing slashes, or an error for the person typing it. Only
 * http(s), no credentials, query or fragment: the address is joined with `/api/v1/...` paths.
 * Which schemes are acceptable where (plain http only to this machine) is the caller's policy.
 */
export type ServerUrlCheck = { ok: true; value: string } | { ok: false; error: string; worded: Worded }

/** A refused address: English `error` for logs, `worded` for the desk. */
export function refusedServerUrl(id: MessageId): ServerUrlCheck {
  const problem = worded(id)
  return { ok: false, error: problem.message, worded: problem }
}

export function normalizeServerUrl(input: string): ServerUrlCheck {
  const trimmed = input.trim().replace(/\/+$/, '')
  if (trimmed === '') return refusedServerUrl('serverUrl.empty')
  if (trimmed.length > 2_000) return refusedServerUrl('serverUrl.tooLong')
  const match = /^(https?):\/\/([^/?#\s]+)(\/[^?#\s]*)?$/i.exec(trimmed)
  if (!match) return refusedServerUrl('serverUrl.shape')
  const authority = match[2] ?? ''
  if (authority.includes('@')) return refusedServerUrl('serverUrl.credentials')
  return { ok: true, value: `${(match[1] ?? '').toLowerCase()}://${authority}${match[3] ?? ''}` }
}

export function createSyncHttpClient<Signal>(options: SyncHttpClientOptions<Signal>): SyncHttpClient {
  const normalized = normalizeServerUrl(options.baseUrl)
  if (!normalized.ok) throw new TypeError(normalized.error)
  const baseUrl = normalized.value
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS

  interface Call<T> {
    method: FetchRequestInit<Signal>['method']
    path: string
    body?: unknown
    /** Sign-in and health need no session. */
    anonymous?: boolean
    /** Checks the 2xx body; omitted for calls whose answer carries nothing we need. */
    parse?: (body: unknown) => T
    /** Raw bytes to send instead of a JSON body (attachment uploads). */
    bytes?: Uint8Array<ArrayBuffer>
    /** Read the 2xx answer as bytes (attachment downloads); `parse` then gets a Uint8Array. */
    binary?: boolean
  }

  async function call<T>(request: Call<T>): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (!request.anonymous) {
      const token = options.getToken()
      // Fail here rather than send a request the server can only refuse.
      if (!token) throw new SyncHttpError({ kind: 'unauthorized', message: 'Not signed in to the sync server.' })
      headers['authorization'] = `Bearer ${token}`
    }
    const init: FetchRequestInit<Signal> = { method: request.method, headers }
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json'
      init.body = JSON.stringify(request.body)
    } else if (request.bytes !== undefined) {
      headers['content-type'] = 'application/octet-stream'
      init.body = request.bytes
    }
    if (request.binary) headers['accept'] = 'application/octet-stream, application/json'

    const deadline = options.deadline(timeoutMs)
    init.signal = deadline.signal
    try {
      let status: number
      let retryAfter: string | null = null
      let text = ''
      let bytes: Uint8Array<ArrayBuffer> | null = null
      try {
        const response = await options.fetch(`${baseUrl}/api/v1/${request.path}`, init)
        status = response.status
        retryAfter = response.headers.get('retry-after')
        // The deadline covers the body too: a connection that stalls mid-page is still a timeout.
        if (request.binary && status >= 200 && status <= 299 && response.arrayBuffer) bytes = new Uint8Array(await response.arrayBuffer())
        else text = await response.text()
      } catch (error) {
        if (deadline.hasExpired()) {
          throw new SyncHttpError({ kind: 'timeout', message: `The sync server did not answer within ${Math.round(timeoutMs / 1000)} s.` })
        }
        throw new SyncHttpError({ kind: 'offline', message: `Could not reach the sync server at ${baseUrl}${describeCause(error)}` })
      }
      if (bytes !== null) return (request.parse ? request.parse(bytes) : bytes) as T
      const body = parseJson(text)
      if (status < 200 || status > 299) throw errorFromStatus(status, body, retryAfter)
      if (request.binary) throw malformed(request.path, 'the answer carries no bytes.')
      if (!request.parse) return undefined as T
      if (body === NOT_JSON) throw malformed(request.path, 'the body is not JSON.')
      return request.parse(body)
    } finally {
      deadline.cancel()
    }
  }

  // Methods that check their arguments are async, so a bad argument is a rejection like any failure.
  return {
    baseUrl,
    health: () => call({ method: 'GET', path: 'health', anonymous: true, parse: checked<ServerHealth>(healthSchema, 'health') }),
    signIn: (username, password) =>
      call({
        method: 'POST',
        path: 'auth/login',
        anonymous: true,
        body: { username, password },
        parse: checked<SessionInfo>(sessionInfoSchema, 'auth/login'),
      }),
    signOut: () => call<void>({ method: 'POST', path: 'auth/logout' }),
    me: () => call({ method: 'GET', path: 'auth/me', parse: parseAccount }),
    push: (request) =>
      call({
        method: 'POST',
        path: 'sync/push',
        body: request,
        // The desk matches results to its outbox by index: a short answer would strand events.
        parse: checked<PushResponse>(pushResponseSchema, 'sync/push', (response) =>
          response.results.length === request.events.length
            ? null
            : `${response.results.length} results for ${request.events.length} events.`,
        ),
      }),
    pull: async (after, limit) =>
      call({
        method: 'GET',
        path: `sync/pull?after=${pathSegment(after, 'after')}&limit=${pageSize(limit)}`,
        parse: checked<PullResponse>(pullResponseSchema, 'sync/pull'),
      }),
    snapshot: async (after, limit) =>
      call({
        method: 'GET',
        path: `sync/snapshot?${after === null ? '' : `after=${pathSegment(after, 'after')}&`}limit=${pageSize(limit)}`,
        parse: checked<SnapshotPage>(snapshotPageSchema, 'sync/snapshot'),
      }),
    incidentEvents: async (incidentId) =>
      call({
        method: 'GET',
        path: `sync/incidents/${pathSegment(incidentId, 'incidentId')}/events`,
        parse: checked<IncidentHistory>(incidentHistorySchema, 'sync/incidents/:id/events', (history) =>
          history.incidentId === incidentId ? null : `the history of ${history.incidentId}, asked for ${incidentId}.`,
        ),
      }),
    config: async (after) =>
      call({ method: 'GET', path: `config?after=${pathSegment(after, 'after')}`, parse: checked<ConfigPull>(configPullSchema, 'config') }),
    saveConfig: async (section, value) =>
      call({ method: 'PUT', path: `config/${pathSegment(section, 'section')}`, body: { value }, parse: checked<ConfigChange>(configChangeSchema, 'config/:section') }),
    listUsers: () =>
      call({
        method: 'GET',
        path: 'admin/users',
        parse: (body) => checked<{ users: AdminUser[] }>(userListSchema, 'admin/users')(body).users,
      }),
    createUser: (request) =>
      call({ method: 'POST', path: 'admin/users', body: request, parse: checked<CreatedUser>(createdUserSchema, 'admin/users') }),
    updateUser: async (userId, changes) =>
      call({
        method: 'PATCH',
        path: `admin/users/${pathSegment(userId, 'userId')}`,
        body: changes,
        parse: checked<AdminUser>(adminUserSchema, 'admin/users/:id'),
      }),
    resetPassword: async (userId, password) =>
      call({
        method: 'POST',
        path: `admin/users/${pathSegment(userId, 'userId')}/password`,
        body: password === undefined ? {} : { password },
        parse: checked<PasswordReset>(passwordResetSchema, 'admin/users/:id/password'),
      }),
    revokeSessions: async (userId) =>
      call({
        method: 'POST',
        path: `admin/users/${pathSegment(userId, 'userId')}/revoke-sessions`,
        parse: checked<SessionsRevoked>(sessionsRevokedSchema, 'admin/users/:id/revoke-sessions'),
      }),
    listGroups: () =>
      call({
        method: 'GET',
        path: 'admin/groups',
        parse: (body) => checked<{ groups: AdminGroup[] }>(groupListSchema, 'admin/groups')(body).groups,
      }),
    createGroup: (request) =>
      call({ method: 'POST', path: 'admin/groups', body: request, parse: checked<AdminGroup>(adminGroupSchema, 'admin/groups') }),
    dryRun: (rule, days) =>
      call({ method: 'GET', path: `config/dry-run/${pathSegment(rule, 'rule')}?days=${pageSize(days)}`, parse: checked<DryRun>(dryRunSchema, 'config/dry-run/:rule') }),
    updateGroup: (groupId, changes) =>
      call({ method: 'PATCH', path: `admin/groups/${pathSegment(groupId, 'groupId')}`, body: changes, parse: checked<AdminGroup>(adminGroupSchema, 'admin/groups/:id') }),
    listSources: () =>
      call({
        method: 'GET',
        path: 'admin/intake-sources',
        parse: (body) => checked<{ sources: MonitoringSource[] }>(sourceListSchema, 'admin/intake-sources')(body).sources,
      }),
    createSource: (request) => call({ method: 'POST', path: 'admin/intake-sources', body: request, parse: checked<IssuedSourceKey>(issuedKeySchema, 'admin/intake-sources') }),
    updateSource: (sourceId, changes) =>
      call({ method: 'PATCH', path: `admin/intake-sources/${pathSegment(sourceId, 'sourceId')}`, body: changes, parse: checked<MonitoringSource>(sourceSchema, 'admin/intake-sources/:id') }),
    issueSourceKey: (sourceId) =>
      call({ method: 'POST', path: `admin/intake-sources/${pathSegment(sourceId, 'sourceId')}/key`, parse: checked<IssuedSourceKey>(issuedKeySchema, 'admin/intake-sources/:id/key') }),
    listWebhooks: () =>
      call({ method: 'GET', path: 'admin/webhooks', parse: (body) => checked<{ webhooks: Webhook[] }>(webhookListSchema, 'admin/webhooks')(body).webhooks }),
    createWebhook: (request) => call({ method: 'POST', path: 'admin/webhooks', body: request, parse: checked<RegisteredWebhook>(registeredWebhookSchema, 'admin/webhooks') }),
    setWebhookActive: (webhookId, active) =>
      call({ method: 'PATCH', path: `admin/webhooks/${pathSegment(webhookId, 'webhookId')}`, body: { active }, parse: checked<Webhook>(webhookSchema, 'admin/webhooks/:id') }),
    webhookDeliveries: (webhookId) =>
      call({
        method: 'GET',
        path: `admin/webhooks/${pathSegment(webhookId, 'webhookId')}/deliveries?limit=50`,
        parse: (body) => checked<{ deliveries: WebhookDelivery[] }>(deliveryListSchema, 'admin/webhooks/:id/deliveries')(body).deliveries,
      }),
    retryDelivery: (webhookId, deliveryId) =>
      call({ method: 'POST', path: `admin/webhooks/${pathSegment(webhookId, 'webhookId')}/deliveries/${pathSegment(deliveryId, 'deliveryId')}/retry`, parse: () => undefined }),
    revokeSourceKey: (sourceId) =>
      call({ method: 'DELETE', path: `admin/intake-sources/${pathSegment(sourceId, 'sourceId')}/key`, parse: checked<MonitoringSource>(sourceSchema, 'admin/intake-sources/:id/key') }),
    listApiTokens: () => call({ method: 'GET', path: 'admin/api-tokens', parse: (body) => checked<{ tokens: ApiToken[] }>(apiTokenListSchema, 'admin/api-tokens')(body).tokens }),
    createApiToken: (request) => call({ method: 'POST', path: 'admin/api-tokens', body: request, parse: checked<IssuedApiToken>(issuedApiTokenSchema, 'admin/api-tokens') }),
    revokeApiToken: (tokenId) => call({ method: 'DELETE', path: `admin/api-tokens/${pathSegment(tokenId, 'tokenId')}`, parse: checked<ApiToken>(apiTokenSchema, 'admin/api-tokens/:id') }),
    listMailTemplates: () => call({ method: 'GET', path: 'admin/mail/templates', parse: (body) => checked<{ templates: MailTemplate[] }>(mailTemplateListSchema, 'admin/mail/templates')(body).templates }),
    saveMailTemplate: (templateId, template) =>
      call({ method: 'PUT', path: `admin/mail/templates/${pathSegment(templateId, 'templateId')}`, body: template, parse: checked<MailTemplate>(mailTemplateSchema, 'admin/mail/templates/:id') }),
    listMailLists: () => call({ method: 'GET', path: 'admin/mail/lists', parse: (body) => checked<{ lists: MailList[] }>(mailListListSchema, 'admin/mail/lists')(body).lists }),
    saveMailList: (audience, addresses) =>
      call({ method: 'PUT', path: `admin/mail/lists/${pathSegment(audience, 'audience')}`, body: { addresses }, parse: checked<MailList>(mailListSchema, 'admin/mail/lists/:audience') }),
    mailOutbox: () => call({ method: 'GET', path: 'admin/mail/outbox', parse: (body) => checked<{ messages: OutgoingMail[] }>(outgoingMailListSchema, 'admin/mail/outbox')(body).messages }),
    uploadAttachment: async (sha256, bytes) => {
      if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array')
      await call<void>({ method: 'PUT', path: `attachments/${attachmentHash(sha256)}`, bytes })
    },
    downloadAttachment: async (sha256) => call<Uint8Array<ArrayBuffer>>({ method: 'GET', path: `attachments/${attachmentHash(sha256)}`, binary: true }),
  }
}

/** An attachment address: exactly a lower-case SHA-256, so nothing else reaches the URL. */
function attachmentHash(sha256: string): string {
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) throw new TypeError('sha256 must be a lower-case hex SHA-256')
  return sha256
}

/** A caller's value placed in a URL: never empty, always escaped, so `../` cannot change the route. */
function pathSegment(value: string, name: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${name} must be a non-empty string`)
  return encodeURIComponent(value)
}

function pageSize(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new TypeError(`limit must be a positive integer, got ${String(limit)}`)
  return limit
}

const NOT_JSON: unique symbol = Symbol('not JSON')

function parseJson(text: string): unknown {
  if (text.trim() === '') return NOT_JSON
  try {
    return JSON.parse(text) as unknown
  } catch {
    return NOT_JSON
  }
}

function errorFromStatus(status: number, body: unknown, retryAfter: string | null): SyncHttpError {
  const apiError = apiErrorSchema.safeParse(body)
  const fromServer = apiError.success ? apiError.data : undefined
  // Only the seconds form (RFC 9110 also allows an HTTP date; our server sends seconds).
  const retryAfterSeconds = retryAfter !== null && /^\d{1,9}$/.test(retryAfter.trim()) ? Number(retryAfter.trim()) : undefined
  const detail = (kind: SyncHttpErrorKind, message: string): SyncHttpError =>
    new SyncHttpError({
      kind,
      status,
      ...(fromServer?.code === undefined ? {} : { code: fromServer.code }),
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      message,
    })
  if (status === 401) return detail('unauthorized', fromServer?.message ?? 'The session has ended; sign in again.')
  if (status === 429) return detail('server', fromServer?.message ?? 'The sync server is busy; it will be tried again shortly.')
  if (status === 408 || status >= 500) {
    // A 5xx body says "Internal Server Error" at best and is a proxy's HTML page at worst.
    const said = fromServer ? `: ${fromServer.message}` : ''
    return detail('server', `The sync server had a problem (HTTP ${status}${said}); it will be tried again shortly.`)
  }
  if (status >= 400) return detail('rejected', fromServer?.message ?? `The sync server refused the request (HTTP ${status}).`)
  // A 1xx or 3xx reaching us means a redirect was not followed, or something sits in between.
  return detail('server', `The sync server answered with an unexpected HTTP ${status}.`)
}

function malformed(path: string, problem: string): SyncHttpError {
  const route = path.split('?')[0] ?? path
  return new SyncHttpError({ kind: 'server', message: `The sync server's answer to ${route} was not understood: ${problem}` })
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return '.'
  // Node's fetch says only "fetch failed" and keeps the reason (ECONNREFUSED, ENOTFOUND) in `cause`.
  const cause = (error as { cause?: unknown }).cause
  const detail = cause instanceof Error && cause.message ? cause.message : error.message
  return detail ? ` (${detail}).` : '.'
}

/** Checks `body` against a loose schema and returns it as it came (no copy), or throws a server error. */
function checked<T>(schema: z.ZodType, path: string, check?: (value: T) => string | null): (body: unknown) => T {
  return (body) => {
    const result = schema.safeParse(body)
    if (!result.success) {
      // One bad event in a 2,000-event page would otherwise make a message 2,000 issues long.
      const shown = new z.ZodError(result.error.issues.slice(0, 3))
      const more = result.error.issues.length > 3 ? ` (${result.error.issues.length - 3} more)` : ''
      throw malformed(path, describeZodError(shown) + more)
    }
    const value = body as T
    const problem = check?.(value)
    if (problem) throw malformed(path, problem)
    return value
  }
}

// Minimal shapes of each answer: what the callers rely on, not every field. A server that sends
// more is fine; one that sends less, or the wrong type, is a server error now rather than a crash
// deep inside the sync engine later.

const apiErrorSchema = z.looseObject({ message: z.string().max(2_000), code: z.string().max(100).optional() })

const accountSchema = z.looseObject({
  userId: z.string().min(1),
  username: z.string().min(1),
  displayName: z.string(),
  role: z.enum(ROLES),
  groupIds: z.array(z.string()),
})

const sessionInfoSchema = z.looseObject({ token: z.string().min(1), expiresAt: z.string(), user: accountSchema })

/** `auth/me` may answer the account bare or as `{ user }` beside session details; take either. */
function parseAccount(body: unknown): AccountInfo {
  if (typeof body === 'object' && body !== null && 'user' in body) {
    return checked<{ user: AccountInfo }>(z.looseObject({ user: accountSchema }), 'auth/me')(body).user
  }
  return checked<AccountInfo>(accountSchema, 'auth/me')(body)
}

const pushResultSchema = z.discriminatedUnion('status', [
  z.looseObject({ index: z.number().int(), eventId: z.string(), status: z.enum(['accepted', 'duplicate']), seq: z.number() }),
  z.looseObject({ index: z.number().int(), eventId: z.string().nullable(), status: z.literal('refused'), code: z.string(), reason: z.string() }),
])

const pushResponseSchema = z.looseObject({ results: z.array(pushResultSchema) })

const pulledEventSchema = z.looseObject({
  seq: z.number(),
  event: z.looseObject({ id: z.string(), incidentId: z.string(), type: z.string() }),
})

const pullResponseSchema = z.looseObject({
  events: z.array(pulledEventSchema),
  cursor: z.string().min(1),
  hasMore: z.boolean(),
  revoked: z.array(z.string()),
})

const snapshotPageSchema = z.looseObject({
  incidents: z.array(z.looseObject({ id: z.string() })),
  cursor: z.string().min(1),
  nextAfter: z.string().nullable(),
})

const configChangeSchema = z.looseObject({
  seq: z.number().int(),
  id: z.string(),
  section: z.enum(CONFIG_SECTIONS),
  value: z.unknown(),
  changedAt: z.string(),
  changedBy: z.looseObject({ userId: z.string(), displayName: z.string() }),
})

const dryRunSchema = z.looseObject({
  rule: z.enum(DRY_RUN_RULES),
  from: z.string(),
  to: z.string(),
  incidents: z.number().int(),
  actions: z.array(
    z.discriminatedUnion('kind', [
      z.looseObject({ kind: z.literal('close'), incidentId: z.string(), number: z.string(), at: z.string() }),
      z.looseObject({ kind: z.literal('route'), incidentId: z.string(), number: z.string(), at: z.string(), group: z.string(), actual: z.string().nullable() }),
    ]),
  ),
})

const configPullSchema = z.looseObject({
  changes: z.array(configChangeSchema),
  cursor: z.string().min(1),
  hasMore: z.boolean(),
  directory: z.looseObject({
    people: z.array(z.looseObject({ userId: z.string(), displayName: z.string(), role: z.enum(ROLES), groupIds: z.array(z.string()) })),
    groups: z.array(z.looseObject({ id: z.string(), name: z.string(), level: z.literal([...SUPPORT_LEVELS]), security: z.boolean(), managerId: z.string().nullable() })),
  }),
})

const incidentHistorySchema = z.looseObject({ incidentId: z.string(), events: z.array(pulledEventSchema) })

const healthSchema = z.looseObject({ status: z.string(), eventSchemaVersion: z.number() })

const adminUserSchema = z.looseObject({
  userId: z.string().min(1),
  username: z.string().min(1),
  displayName: z.string(),
  role: z.enum(ROLES),
  groupIds: z.array(z.string()),
  disabled: z.boolean(),
})

const createdUserSchema = z.looseObject({ user: adminUserSchema, generatedPassword: z.string().nullable() })

const passwordResetSchema = z.looseObject({ generatedPassword: z.string().nullable(), revokedSessions: z.number().int() })

const sessionsRevokedSchema = z.looseObject({ revokedSessions: z.number().int() })

const userListSchema = z.looseObject({ users: z.array(adminUserSchema) })

const adminGroupSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  level: z.literal([...SUPPORT_LEVELS]),
  security: z.boolean(),
  // An older server has no managers: read as none.
  managerId: z.string().nullable().default(null),
  memberIds: z.array(z.string()),
})

const groupListSchema = z.looseObject({ groups: z.array(adminGroupSchema) })

const sourceSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  rules: alertSourceRulesSchema,
  hasKey: z.boolean(),
  keyHint: z.string().nullable(),
  keyIssuedAt: z.string().nullable(),
  createdAt: z.string(),
})
const sourceListSchema = z.looseObject({ sources: z.array(sourceSchema) })
const issuedKeySchema = z.looseObject({ source: sourceSchema, key: z.string().min(1) })

const webhookSchema = z.looseObject({
  id: z.string().min(1),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.string()),
  includeSecurity: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
})
const apiTokenSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  userId: z.string(),
  scopes: z.array(z.enum(API_SCOPES)),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
})
const apiTokenListSchema = z.looseObject({ tokens: z.array(apiTokenSchema) })
const issuedApiTokenSchema = z.looseObject({ token: apiTokenSchema, secret: z.string().min(1) })
const mailTemplateSchema = z.looseObject({ id: z.enum(MAIL_TEMPLATE_IDS), subject: z.string(), body: z.string(), updatedAt: z.string().nullable() })
const mailTemplateListSchema = z.looseObject({ templates: z.array(mailTemplateSchema) })
const mailListSchema = z.looseObject({ audience: z.string(), addresses: z.array(z.string()) })
const mailListListSchema = z.looseObject({ lists: z.array(mailListSchema) })
const outgoingMailListSchema = z.looseObject({
  messages: z.array(
    z.looseObject({
      id: z.string(),
      template: z.string(),
      incidentId: z.string(),
      recipients: z.array(z.string()),
      subject: z.string(),
      status: z.enum(['pending', 'sent', 'failed']),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      sentAt: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
})
const webhookListSchema = z.looseObject({ webhooks: z.array(webhookSchema) })
const registeredWebhookSchema = z.looseObject({ webhook: webhookSchema, secret: z.string().min(1) })
const deliveryListSchema = z.looseObject({
  deliveries: z.array(
    z.looseObject({
      id: z.string(),
      eventType: z.string(),
      incidentId: z.string(),
      status: z.enum(['pending', 'delivered', 'failed']),
      attempts: z.number().int(),
      nextAttemptAt: z.string().nullable(),
      deliveredAt: z.string().nullable(),
      lastStatus: z.number().int().nullable(),
      lastError: z.string().nullable(),
      log: z.array(z.looseObject({ attempt: z.number().int(), at: z.string(), status: z.number().int().nullable(), error: z.string().nullable(), durationMs: z.number() })),
    }),
  ),
})
