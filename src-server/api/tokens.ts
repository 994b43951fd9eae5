import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import { API_SCOPES, type ApiScope, type ApiToken, type CreateApiTokenRequest, type IssuedApiToken } from '../../src-shared/api/apiTokens'
import { newId } from '../../src-shared/events/ids'
import type { Actor, Role } from '../../src-shared/incident/roles'
import { findSession, hashToken, newSecret } from '../auth/sessions'
import type { ServerContext } from '../context'
import { toIso, type Queryable } from '../db/database'
import { badRequest, forbidden, notFound, unauthorized } from '../http/errors'

/**
 * Tokens for the public API (`/api/v1/incidents`). A token acts as one account, with that
 * account's role and sight (a security incident stays hidden from a token of an L1 account), and
 * only within its scopes. A desk's own session token works there too, with every scope: the API
 * is the desk's rules over HTTP, not a second set of them. Only a token's SHA-256 is kept.
 */
interface TokenRow {
  id: string
  name: string
  user_id: string
  scopes: ApiScope[]
  created_at: unknown
  revoked_at: unknown
  last_used_at: unknown
}

const COLUMNS = 'id, name, user_id, scopes, created_at, revoked_at, last_used_at'
const PREFIX = 'idt_'

function toToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    userId: row.user_id,
    scopes: row.scopes,
    createdAt: toIso(row.created_at),
    revokedAt: row.revoked_at === null ? null : toIso(row.revoked_at),
    lastUsedAt: row.last_used_at === null ? null : toIso(row.last_used_at),
  }
}

export async function listApiTokens(db: Queryable): Promise<ApiToken[]> {
  return (await db.query<TokenRow>(`SELECT ${COLUMNS} FROM api_tokens ORDER BY created_at`)).map(toToken)
}

/** A new token for `userId`; the token itself is in the answer, this once. */
export async function createApiToken(db: Queryable, input: CreateApiTokenRequest, actor: Actor, now: Date): Promise<IssuedApiToken> {
  const [user] = await db.query<{ id: string }>('SELECT id FROM users WHERE id = $1', [input.userId])
  if (!user) throw badRequest('unknown_user', `No account has the id "${input.userId}".`)
  const secret = newSecret(PREFIX)
  const [row] = await db.query<TokenRow>(
    `INSERT INTO api_tokens (id, name, user_id, token_hash, scopes, created_by, created_at) VALUES ($1, $2, $3, $4, $5::text[], $6, $7) RETURNING ${COLUMNS}`,
    [newId(), input.name.trim(), input.userId, hashToken(secret), [...new Set(input.scopes)], actor.userId, now.toISOString()],
  )
  return { token: toToken(row!), secret }
}

export async function revokeApiToken(db: Queryable, id: string, now: Date): Promise<ApiToken> {
  const [row] = await db.query<TokenRow>(`UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1 RETURNING ${COLUMNS}`, [id, now.toISOString()])
  if (!row) throw notFound('not_found', 'No API token has this id.')
  return toToken(row)
}

/** Who is calling the public API, and what they may do there. */
export interface ApiCaller {
  actor: Actor
  scopes: readonly ApiScope[]
}

declare module 'fastify' {
  interface FastifyRequest {
    apiCaller: ApiCaller | null
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,200})$/

/** Accepts an API token (`idt_…`, live, of an enabled account) or a desk session. */
export function authenticateApi(context: ServerContext): preHandlerAsyncHookHandler {
  return async (request) => {
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1]
    if (!token) throw unauthorized('unauthorized', 'This API needs a bearer token: an API token from an admin, or a desk session.')
    if (token.startsWith(PREFIX)) {
      const [row] = await context.database.query<{ id: string; scopes: ApiScope[]; user_id: string; display_name: string; role: Role }>(
        `UPDATE api_tokens t SET last_used_at = $2 FROM users u
          WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.id = t.user_id AND NOT u.disabled
          RETURNING t.id, t.scopes, t.user_id, u.display_name, u.role`,
        [hashToken(token), context.now().toISOString()],
      )
      if (!row) throw unauthorized('invalid_token', 'This API token is unknown or revoked, or its account is disabled.')
      request.apiCaller = { actor: { userId: row.user_id, displayName: row.display_name, role: row.role }, scopes: row.scopes }
      return
    }
    const account = await findSession(context.database, token, context.now())
    if (!account) throw unauthorized('invalid_token', 'Your session has expired or was revoked; sign in again.')
    request.apiCaller = { actor: { userId: account.userId, displayName: account.displayName, role: account.role }, scopes: API_SCOPES }
  }
}

/** The caller of a request that passed {@link authenticateApi}, refused unless it holds `scope`. */
export function callerWith(request: FastifyRequest, scope: ApiScope): ApiCaller {
  const caller = request.apiCaller
  if (!caller) throw unauthorized('unauthorized', 'This API needs a bearer token.')
  if (!caller.scopes.includes(scope)) throw forbidden('missing_scope', `This token lacks the ${scope} scope.`)
  return caller
}
