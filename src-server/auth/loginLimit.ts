import type { Database } from '../db/database'
import { toIso, toNumber } from '../db/database'
import { HttpError } from '../http/errors'

/**
 * The sign-in rate limit, kept in the database so it holds across server instances: too many
 * failures for one username, or from one address, and sign-in waits (429 with Retry-After).
 * The address limit is higher than the username's because a whole office often shares one
 * address behind its router.
 */
export interface LoginLimits {
  maxFailuresPerUsername: number
  maxFailuresPerAddress: number
  windowMs: number
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  maxFailuresPerUsername: 5,
  maxFailuresPerAddress: 20,
  windowMs: 15 * 60 * 1000,
}

export interface AttemptKeys {
  username: string
  address: string
}

export interface Attempt {
  /** Call when the password was right: the attempt and the username's earlier failures are forgotten. */
  succeeded(): Promise<void>
}

/**
 * Records an attempt *before* the password is checked, then counts. Counting first and
 * recording only failures would let a burst of concurrent guesses all pass the count before
 * any failure is written; this way each guess sees the others. An attempt that turns out
 * right is deleted again.
 */
export async function beginAttempt(db: Database, keys: AttemptKeys, limits: LoginLimits, now: Date): Promise<Attempt> {
  const userKey = `user:${keys.username}`
  const addressKey = `ip:${keys.address}`
  const windowStart = new Date(now.getTime() - limits.windowMs).toISOString()
  const mine = await db.query<{ id: unknown }>(
    'INSERT INTO login_attempts (key, attempted_at) VALUES ($1, $3), ($2, $3) RETURNING id',
    [userKey, addressKey, now.toISOString()],
  )
  const ids = mine.map((row) => toNumber(row.id))
  const counts = await db.query<{ key: string; failures: unknown; oldest: unknown }>(
    `SELECT key, count(*) AS failures, min(attempted_at) AS oldest
       FROM login_attempts
      WHERE key = ANY($1::text[]) AND attempted_at > $2 AND NOT (id = ANY($3::bigint[]))
      GROUP BY key`,
    [[userKey, addressKey], windowStart, ids],
  )
  const forget = () => db.query('DELETE FROM login_attempts WHERE id = ANY($1::bigint[])', [ids])
  for (const row of counts) {
    const limit = row.key === userKey ? limits.maxFailuresPerUsername : limits.maxFailuresPerAddress
    if (toNumber(row.failures) < limit) continue
    // A refused attempt is not a failure of its own: waiting out the window is enough.
    await forget()
    const retryAfterMs = Date.parse(toIso(row.oldest)) + limits.windowMs - now.getTime()
    const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000))
    throw new HttpError(
      429,
      'rate_limited',
      `Too many failed sign-ins; try again in ${Math.ceil(retryAfter / 60)} minute${retryAfter > 60 ? 's' : ''}.`,
      { 'Retry-After': String(retryAfter) },
    )
  }
  // Expired attempts of anyone are of no further use.
  await db.query('DELETE FROM login_attempts WHERE attempted_at <= $1', [windowStart])
  return {
    async succeeded() {
      await db.query('DELETE FROM login_attempts WHERE id = ANY($1::bigint[]) OR (key = $2 AND attempted_at > $3)', [ids, userKey, windowStart])
    },
  }
}
