import type { Database } from '../db/database'
import { toIso, toNumber } from '../db/database'
import { HttpError } from '../http/errors'

/**
 * Sign-in throttling, kept in the database so it holds across server instances. It slows
 * guessing without handing a stranger a way to lock a real person out:
 *
 * - **username + address**: the guesser's own lane. After a few failures each further try
 *   waits longer (1 min, 2, 4, 8, then 15 at most). A stranger elsewhere does not touch it.
 * - **address**: one address trying many usernames (password spraying). Short growing delays
 *   (at most a minute), so a shared office address is slowed, never shut.
 * - **username**: many addresses guessing one account (a botnet). Same short delays.
 *
 * The address and username lanes do not apply to a person signing in from an address where
 * that account signed in successfully before (a known place): a stranger cannot become known
 * without the password, so nothing the stranger does slows the real user at their usual desk.
 *
 * A lane's delay counts from its latest failure: `min(cap, base × 2^(failures − free))` once
 * `failures ≥ free`. Failures older than the window are forgotten.
 */
export interface Lane {
  /** Failures allowed before any delay. */
  free: number
  baseDelayMs: number
  maxDelayMs: number
}

export interface LoginLimits {
  perUsernameAndAddress: Lane
  perAddress: Lane
  perUsername: Lane
  windowMs: number
  /** How long a successful sign-in makes its address a known place for that account. */
  knownPlaceMs: number
}

const MINUTE = 60 * 1000

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perUsernameAndAddress: { free: 5, baseDelayMs: MINUTE, maxDelayMs: 15 * MINUTE },
  perAddress: { free: 20, baseDelayMs: 1000, maxDelayMs: MINUTE },
  perUsername: { free: 20, baseDelayMs: 1000, maxDelayMs: MINUTE },
  windowMs: 60 * MINUTE,
  knownPlaceMs: 30 * 24 * 60 * MINUTE,
}

export interface AttemptKeys {
  username: string
  address: string
}

export interface Attempt {
  /** Call when the password was right: this lane's failures are forgotten and the place becomes known. */
  succeeded(): Promise<void>
}

/** The delay a lane imposes after `failures` failures; 0 while they are within the free ones. */
export function laneDelayMs(lane: Lane, failures: number): number {
  if (failures < lane.free) return 0
  return Math.min(lane.maxDelayMs, lane.baseDelayMs * 2 ** Math.min(30, failures - lane.free))
}

/**
 * Records an attempt *before* the password is checked, then counts the others. Counting first
 * and recording only failures would let a burst of concurrent guesses all pass the count before
 * any failure is written; this way each guess sees the others. A refused attempt is deleted
 * again (waiting is not failing), and so is one that turns out right.
 */
export async function beginAttempt(db: Database, keys: AttemptKeys, limits: LoginLimits, now: Date): Promise<Attempt> {
  const pairKey = `pair:${keys.username}|${keys.address}`
  const lanes = new Map<string, Lane>([[pairKey, limits.perUsernameAndAddress]])
  const known = await isKnownPlace(db, keys, limits.knownPlaceMs, now)
  if (!known) {
    lanes.set(`ip:${keys.address}`, limits.perAddress)
    lanes.set(`user:${keys.username}`, limits.perUsername)
  }
  const windowStart = new Date(now.getTime() - limits.windowMs).toISOString()
  const mine = await db.query<{ id: unknown }>(
    'INSERT INTO login_attempts (key, attempted_at) SELECT unnest($1::text[]), $2 RETURNING id',
    [[...lanes.keys()], now.toISOString()],
  )
  const ids = mine.map((row) => toNumber(row.id))
  const counts = await db.query<{ key: string; failures: unknown; latest: unknown }>(
    `SELECT key, count(*) AS failures, max(attempted_at) AS latest
       FROM login_attempts
      WHERE key = ANY($1::text[]) AND attempted_at > $2 AND NOT (id = ANY($3::bigint[]))
      GROUP BY key`,
    [[...lanes.keys()], windowStart, ids],
  )
  let waitMs = 0
  for (const row of counts) {
    const delay = laneDelayMs(lanes.get(row.key)!, toNumber(row.failures))
    waitMs = Math.max(waitMs, Date.parse(toIso(row.latest)) + delay - now.getTime())
  }
  if (waitMs > 0) {
    await db.query('DELETE FROM login_attempts WHERE id = ANY($1::bigint[])', [ids])
    throw tooManyFailures(waitMs)
  }
  // Expired attempts of anyone are of no further use.
  await db.query('DELETE FROM login_attempts WHERE attempted_at <= $1', [windowStart])
  return {
    async succeeded() {
      await db.query('DELETE FROM login_attempts WHERE id = ANY($1::bigint[]) OR key = $2', [ids, pairKey])
      await db.query(
        `INSERT INTO login_places (username, address, last_success_at) VALUES ($1, $2, $3)
         ON CONFLICT (username, address) DO UPDATE SET last_success_at = excluded.last_success_at`,
        [keys.username, keys.address, now.toISOString()],
      )
    },
  }
}

async function isKnownPlace(db: Database, keys: AttemptKeys, knownPlaceMs: number, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - knownPlaceMs).toISOString()
  const rows = await db.query('SELECT 1 FROM login_places WHERE username = $1 AND address = $2 AND last_success_at > $3', [
    keys.username,
    keys.address,
    since,
  ])
  return rows.length > 0
}

function tooManyFailures(waitMs: number): HttpError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000))
  const when = seconds < 60 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''}`
  return new HttpError(429, 'rate_limited', `Too many failed sign-ins; try again in ${when}.`, { 'Retry-After': String(seconds) })
}
