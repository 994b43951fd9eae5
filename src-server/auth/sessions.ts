import { createHash, randomBytes } from 'node:crypto'
import type { Role } from '../../src-shared/incident/roles'
import type { Queryable } from '../db/database'
import { toIso, toNumber } from '../db/database'

/**
 * Bearer tokens: 32 random bytes, given to the desk once and stored only as their SHA-256, so a
 * copy of the sessions table signs nobody in. Unlike a password a token has full entropy, so a
 * fast unsalted hash is enough. Every session expires and can be revoked one by one (sign out)
 * or all at once (an admin, a password reset, a role change).
 */
export const DEFAULT_TOKEN_TTL_MS = 12 * 60 * 60 * 1000

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/**
 * A secret of full entropy (256 random bits, base64url) after a prefix that tells a leaked one's
 * kind at a glance (`idk_` integration keys, `idt_` API tokens, `whsec_` webhook secrets); stored,
 * where only its check is needed, as {@link hashToken}.
 */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`
}

export interface IssuedSession {
  token: string
  expiresAt: string
}

export async function issueSession(db: Queryable, userId: string, now: Date, ttlMs: number): Promise<IssuedSession> {
  const token = newSecret()
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString()
  await db.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    hashToken(token),
    userId,
    now.toISOString(),
    expiresAt,
  ])
  return { token, expiresAt }
}

/** Who a request acts as: the account behind a live session. */
export interface SessionAccount {
  userId: string
  username: string
  displayName: string
  role: Role
  expiresAt: string
}

interface SessionRow {
  user_id: string
  username: string
  display_name: string
  role: Role
  expires_at: unknown
}

/** The account behind `token`, or null when it is unknown, expired, revoked, or its account is disabled. */
export async function findSession(db: Queryable, token: string, now: Date): Promise<SessionAccount | null> {
  const rows = await db.query<SessionRow>(
    `SELECT s.user_id, u.username, u.display_name, u.role, s.expires_at
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND NOT u.disabled`,
    [hashToken(token), now.toISOString()],
  )
  const row = rows[0]
  if (!row) return null
  return { userId: row.user_id, username: row.username, displayName: row.display_name, role: row.role, expiresAt: toIso(row.expires_at) }
}

export async function revokeSession(db: Queryable, token: string, now: Date): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL', [hashToken(token), now.toISOString()])
}

/** Ends every live session of a user; returns how many there were. */
export async function revokeUserSessions(db: Queryable, userId: string, now: Date): Promise<number> {
  const rows = await db.query<{ count: unknown }>(
    `WITH revoked AS (
       UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 RETURNING 1
     ) SELECT count(*) AS count FROM revoked`,
    [userId, now.toISOString()],
  )
  return toNumber(rows[0]?.count ?? 0)
}

/** Sessions long past their end are kept a while for the audit trail, then dropped. */
export async function deleteOldSessions(db: Queryable, now: Date, keepMs = 30 * 24 * 60 * 60 * 1000): Promise<void> {
  await db.query('DELETE FROM sessions WHERE expires_at < $1', [new Date(now.getTime() - keepMs).toISOString()])
}
