import { randomBytes } from 'node:crypto'
import { newId } from '../../src-shared/events/ids'
import type { Database } from '../db/database'
import { LOCKS } from '../db/locks'
import { generatePassword, hashPassword, type ScryptCost } from './passwords'

export interface InitialAdmin {
  username: string
  password: string
}

/**
 * The first admin's name: the operator's choice (INITIAL_ADMIN_USERNAME), else a random one.
 * Never a fixed `admin`: a name everyone knows is half of a guess, and the name a stranger
 * would throttle.
 */
export function initialAdminUsername(chosen: string | undefined): string {
  return chosen ?? `admin-${randomBytes(4).toString('hex')}`
}

/**
 * A fresh server has nobody who could create accounts, so its first start creates an admin
 * with a random password and hands it back to be printed once. Later starts, and a second
 * instance starting at the same moment (the lock), find an account and do nothing.
 */
export async function ensureInitialAdmin(db: Database, now: Date, username: string, scryptCost?: ScryptCost): Promise<InitialAdmin | null> {
  const existing = await db.query('SELECT 1 FROM users LIMIT 1')
  if (existing.length > 0) return null
  const password = generatePassword()
  const passwordHash = await hashPassword(password, scryptCost)
  const created = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.initialAdmin])
    if ((await tx.query('SELECT 1 FROM users LIMIT 1')).length > 0) return false
    await tx.query(
      `INSERT INTO users (id, username, display_name, role, disabled, password_hash, created_at, updated_at)
       VALUES ($1, $2, 'Administrator', 'admin', false, $3, $4, $4)`,
      [newId(), username, passwordHash, now.toISOString()],
    )
    return true
  })
  return created ? { username, password } : null
}
