import { newId } from '../../src-shared/events/ids'
import type { Actor, Role } from '../../src-shared/incident/roles'
import type { AccountInfo } from '../../src-shared/sync/protocol'
import type { Database, Queryable } from '../db/database'
import { isDatabaseError, PG_UNIQUE_VIOLATION, toIso } from '../db/database'
import { revokeUserSessions } from '../auth/sessions'
import { badRequest, conflict, notFound } from '../http/errors'
import { generatePassword, hashPassword, type ScryptCost } from './passwords'

/**
 * Accounts: who may sign in, with which role. Shared by the admin routes and the CLI, so both
 * enforce the same rules (unique usernames, known groups, never lose the last admin).
 */
export interface Account {
  userId: string
  username: string
  displayName: string
  role: Role
  disabled: boolean
  groupIds: string[]
  createdAt: string
  updatedAt: string
}

export function accountInfo(account: Pick<Account, 'userId' | 'username' | 'displayName' | 'role' | 'groupIds'>): AccountInfo {
  return { userId: account.userId, username: account.username, displayName: account.displayName, role: account.role, groupIds: account.groupIds }
}

export function actorOf(account: Pick<Account, 'userId' | 'displayName' | 'role'>): Actor {
  return { userId: account.userId, displayName: account.displayName, role: account.role }
}

interface UserRow {
  id: string
  username: string
  display_name: string
  role: Role
  disabled: boolean
  created_at: unknown
  updated_at: unknown
  group_ids: string[] | null
}

const SELECT_USERS = `
  SELECT u.id, u.username, u.display_name, u.role, u.disabled, u.created_at, u.updated_at,
         coalesce((SELECT array_agg(m.group_id ORDER BY m.group_id) FROM group_members m WHERE m.user_id = u.id), '{}') AS group_ids
    FROM users u`

function toAccount(row: UserRow): Account {
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled,
    groupIds: row.group_ids ?? [],
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  }
}

export async function listUsers(db: Queryable): Promise<Account[]> {
  return (await db.query<UserRow>(`${SELECT_USERS} ORDER BY u.username`)).map(toAccount)
}

export async function findUserById(db: Queryable, userId: string): Promise<Account | null> {
  const row = (await db.query<UserRow>(`${SELECT_USERS} WHERE u.id = $1`, [userId]))[0]
  return row ? toAccount(row) : null
}

export async function findUserByUsername(db: Queryable, username: string): Promise<Account | null> {
  const row = (await db.query<UserRow>(`${SELECT_USERS} WHERE u.username = $1`, [normalizeUsername(username)]))[0]
  return row ? toAccount(row) : null
}

/** Usernames are case-insensitive: "Grace" and "grace" are one account. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase()
}

export async function passwordHashOf(db: Queryable, username: string): Promise<{ userId: string; passwordHash: string; disabled: boolean } | null> {
  const rows = await db.query<{ id: string; password_hash: string; disabled: boolean }>(
    'SELECT id, password_hash, disabled FROM users WHERE username = $1',
    [normalizeUsername(username)],
  )
  const row = rows[0]
  return row ? { userId: row.id, passwordHash: row.password_hash, disabled: row.disabled } : null
}

export interface NewAccount {
  /** A fixed id (tests, fixtures, accounts imported from another directory); a new UUIDv7 otherwise. */
  userId?: string
  username: string
  displayName: string
  role: Role
  /** Omitted: one is generated and returned once. */
  password?: string
  groupIds?: readonly string[]
}

export interface AccountOptions {
  now: Date
  scryptCost?: ScryptCost
}

export interface CreatedAccount {
  account: Account
  /** The generated password, shown once; null when the caller chose it. */
  generatedPassword: string | null
}

export async function createAccount(db: Database, input: NewAccount, options: AccountOptions): Promise<CreatedAccount> {
  const generatedPassword = input.password === undefined ? generatePassword() : null
  // Hash before the transaction: scrypt is deliberately slow and must not hold a connection.
  const passwordHash = await hashPassword(input.password ?? generatedPassword!, options.scryptCost)
  const account = await insertAccount(db, { ...input, passwordHash }, options.now)
  return { account, generatedPassword }
}

/** Inserts an account whose password is already hashed (the CLI, tests seeding many accounts). */
export async function insertAccount(
  db: Database,
  input: Omit<NewAccount, 'password'> & { passwordHash: string },
  now: Date,
): Promise<Account> {
  const userId = input.userId ?? newId()
  const username = normalizeUsername(input.username)
  try {
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO users (id, username, display_name, role, disabled, password_hash, created_at, updated_at)
         VALUES ($1, $2, $3, $4, false, $5, $6, $6)`,
        [userId, username, input.displayName.trim(), input.role, input.passwordHash, now.toISOString()],
      )
      if (input.groupIds) await setMemberships(tx, userId, input.groupIds)
    })
  } catch (error) {
    if (isDatabaseError(error, PG_UNIQUE_VIOLATION)) {
      const taken = await db.query('SELECT 1 FROM users WHERE username = $1', [username])
      throw taken.length > 0
        ? conflict('username_taken', `The username "${username}" is already taken.`)
        : conflict('user_id_taken', `An account with id "${userId}" already exists.`)
    }
    throw error
  }
  return (await findUserById(db, userId))!
}

async function setMemberships(tx: Queryable, userId: string, groupIds: readonly string[]): Promise<void> {
  const unique = [...new Set(groupIds)]
  if (unique.length > 0) {
    const known = await tx.query<{ id: string }>('SELECT id FROM assignment_groups WHERE id = ANY($1::text[])', [unique])
    const missing = unique.filter((id) => !known.some((row) => row.id === id))
    if (missing.length > 0) throw badRequest('unknown_group', `No assignment group with id ${missing.join(', ')}.`)
  }
  await tx.query('DELETE FROM group_members WHERE user_id = $1', [userId])
  if (unique.length > 0) {
    await tx.query('INSERT INTO group_members (group_id, user_id) SELECT unnest($1::text[]), $2', [unique, userId])
  }
}

export interface AccountChanges {
  displayName?: string | undefined
  role?: Role | undefined
  disabled?: boolean | undefined
  groupIds?: readonly string[] | undefined
}

/**
 * Changes an account. A role change or a disable also ends the account's sessions: the desk
 * signs in again and learns the new role, rather than pushing events stamped with the old one.
 */
export async function updateAccount(db: Database, userId: string, changes: AccountChanges, now: Date): Promise<Account> {
  await db.transaction(async (tx) => {
    // Lock the enabled admins first, so two admins demoting each other at once cannot both succeed.
    const admins = await tx.query<{ id: string }>(`SELECT id FROM users WHERE role = 'admin' AND NOT disabled ORDER BY id FOR UPDATE`)
    const current = (await tx.query<{ role: Role; disabled: boolean }>('SELECT role, disabled FROM users WHERE id = $1 FOR UPDATE', [userId]))[0]
    if (!current) throw notFound('user_not_found', `No account with id "${userId}".`)
    const role = changes.role ?? current.role
    const disabled = changes.disabled ?? current.disabled
    const stillAdmin = role === 'admin' && !disabled
    if (!stillAdmin && admins.length === 1 && admins[0]!.id === userId) {
      throw conflict('last_admin', 'This is the last enabled admin account; make another admin first.')
    }
    await tx.query(
      `UPDATE users SET display_name = coalesce($2, display_name), role = $3, disabled = $4, updated_at = $5 WHERE id = $1`,
      [userId, changes.displayName?.trim() ?? null, role, disabled, now.toISOString()],
    )
    if (changes.groupIds) await setMemberships(tx, userId, changes.groupIds)
    if (role !== current.role || (disabled && !current.disabled)) await revokeUserSessions(tx, userId, now)
  })
  return (await findUserById(db, userId))!
}

/** Sets (or generates) a password and ends every session: whoever had the old one is out. */
export async function resetPassword(
  db: Database,
  userId: string,
  password: string | undefined,
  options: AccountOptions,
): Promise<{ generatedPassword: string | null; revokedSessions: number }> {
  const generatedPassword = password === undefined ? generatePassword() : null
  const passwordHash = await hashPassword(password ?? generatedPassword!, options.scryptCost)
  const revokedSessions = await db.transaction(async (tx) => {
    const updated = await tx.query('UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1 RETURNING id', [
      userId,
      passwordHash,
      options.now.toISOString(),
    ])
    if (updated.length === 0) throw notFound('user_not_found', `No account with id "${userId}".`)
    return revokeUserSessions(tx, userId, options.now)
  })
  return { generatedPassword, revokedSessions }
}

export async function revokeAccountSessions(db: Queryable, userId: string, now: Date): Promise<number> {
  if (!(await findUserById(db, userId))) throw notFound('user_not_found', `No account with id "${userId}".`)
  return revokeUserSessions(db, userId, now)
}
