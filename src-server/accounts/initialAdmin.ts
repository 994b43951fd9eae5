import { newId } from '../../src-shared/events/ids'
import type { Database } from '../db/database'
import { LOCKS } from '../db/locks'
import { generatePassword, hashPassword, type ScryptCost } from './passwords'

export interface InitialAdmin {
  username: string
  password: string
}

export const INITIAL_ADMIN_USERNAME = 'admin'

/**
 * A fresh server has nobody who could create accounts, so its first start creates an `admin`
 * with a random password and hands it back to be printed once. Later starts, and a second
 * instance starting at the same moment (the lock), find an account and do nothing.
 */
export async function ensureInitialAdmin(db: Database, now: Date, scryptCost?: ScryptCost): Promise<InitialAdmin | null> {
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
      [newId(), INITIAL_ADMIN_USERNAME, passwordHash, now.toISOString()],
    )
    return true
  })
  return created ? { username: INITIAL_ADMIN_USERNAME, password } : null
}
