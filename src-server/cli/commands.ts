import { parseArgs } from 'node:util'
import { ROLES, type Role } from '../../src-shared/incident/roles'
import type { ScryptCost } from '../accounts/passwords'
import { passwordSchema, usernameSchema, userIdSchema } from '../accounts/schemas'
import { createAccount, findUserByUsername, listUsers, resetPassword, revokeAccountSessions, type Account } from '../accounts/users'
import type { Database } from '../db/database'
import { HttpError } from '../http/errors'
import { rebuildProjections } from '../sync/rebuild'

/**
 * The server's command line, for whoever runs the server: the same account service as the
 * admin routes, so the rules (unique usernames, revoking sessions on a reset) are the same.
 */
export interface CliIo {
  database: Database
  /** One line of output for the person at the terminal. */
  print: (line: string) => void
  now?: () => Date
  scryptCost?: ScryptCost
}

export const USAGE = `Usage: tsx src-server/cli.ts <command> [options]

  add-user --username NAME --role ROLE --display-name "Full Name" [--password PASSWORD] [--id USER_ID]
      Creates an account. Without --password one is generated and printed once.
      --id keeps an id given elsewhere (another directory, test fixtures). Roles: ${ROLES.join(', ')}.
  reset-password --username NAME [--password PASSWORD]
      Sets a new password (generated and printed when not given) and signs the account out everywhere.
  revoke-sessions --username NAME
      Signs the account out on every desk.
  list-users
      Lists every account.
  rebuild-projections
      Refolds every incident from the event log (after an upgrade that changed the reducer).

Database: DATABASE_URL=postgres://… for PostgreSQL; otherwise the PGlite directory DATA_DIR
(default .data/server), which only one process may open: stop the server first.`

export class UsageError extends Error {
  override name = 'UsageError'
}

/** Runs one command; returns the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'add-user':
        await addUser(io, rest)
        return 0
      case 'reset-password':
        await resetUserPassword(io, rest)
        return 0
      case 'revoke-sessions':
        await revokeUserSessions(io, rest)
        return 0
      case 'list-users':
        options(rest, [])
        printUsers(io, await listUsers(io.database))
        return 0
      case 'rebuild-projections':
        options(rest, [])
        io.print(`Rebuilt ${await rebuildProjections(io.database, now(io))} incident projections.`)
        return 0
      case undefined:
      case 'help':
      case '--help':
        io.print(USAGE)
        return command === undefined ? 2 : 0
      default:
        throw new UsageError(`Unknown command "${command}".`)
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.print(`${error.message}\n\n${USAGE}`)
      return 2
    }
    if (error instanceof HttpError) {
      io.print(error.message)
      return 1
    }
    throw error
  }
}

const now = (io: CliIo) => (io.now ?? (() => new Date()))()

function options(args: readonly string[], names: readonly string[]): Record<string, string | undefined> {
  try {
    const { values } = parseArgs({
      args: [...args],
      options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    })
    return values as Record<string, string | undefined>
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

function required(values: Record<string, string | undefined>, name: string): string {
  const value = values[name]
  if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required.`)
  return value
}

function checked<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: unknown, name: string): T {
  const result = schema.safeParse(value)
  if (!result.success) throw new UsageError(`--${name}: ${result.error.issues.map((issue) => issue.message).join(' ')}`)
  return result.data
}

async function addUser(io: CliIo, args: readonly string[]): Promise<void> {
  const values = options(args, ['username', 'role', 'display-name', 'password', 'id'])
  const role = required(values, 'role')
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of: ${ROLES.join(', ')}.`)
  const input = {
    username: checked(usernameSchema, required(values, 'username').toLowerCase(), 'username'),
    displayName: required(values, 'display-name'),
    role: role as Role,
    ...(values.password === undefined ? {} : { password: checked(passwordSchema, values.password, 'password') }),
    ...(values.id === undefined ? {} : { userId: checked(userIdSchema, values.id, 'id') }),
  }
  const { account, generatedPassword } = await createAccount(io.database, input, { now: now(io), scryptCost: io.scryptCost })
  io.print(`Created ${account.username} (${account.role}, id ${account.userId}).`)
  if (generatedPassword) io.print(`Password: ${generatedPassword}  (shown only once)`)
}

async function accountNamed(io: CliIo, username: string): Promise<Account> {
  const account = await findUserByUsername(io.database, username)
  if (!account) throw new HttpError(404, 'user_not_found', `No account named "${username}".`)
  return account
}

async function resetUserPassword(io: CliIo, args: readonly string[]): Promise<void> {
  const values = options(args, ['username', 'password'])
  const account = await accountNamed(io, required(values, 'username'))
  const password = values.password === undefined ? undefined : checked(passwordSchema, values.password, 'password')
  const result = await resetPassword(io.database, account.userId, password, { now: now(io), scryptCost: io.scryptCost })
  io.print(`Password of ${account.username} changed; ${result.revokedSessions} session(s) signed out.`)
  if (result.generatedPassword) io.print(`Password: ${result.generatedPassword}  (shown only once)`)
}

async function revokeUserSessions(io: CliIo, args: readonly string[]): Promise<void> {
  const values = options(args, ['username'])
  const account = await accountNamed(io, required(values, 'username'))
  const revoked = await revokeAccountSessions(io.database, account.userId, now(io))
  io.print(`${account.username}: ${revoked} session(s) signed out.`)
}

function printUsers(io: CliIo, accounts: readonly Account[]): void {
  if (accounts.length === 0) {
    io.print('No accounts.')
    return
  }
  const rows = accounts.map((account) => [account.username, account.role, account.disabled ? 'disabled' : 'active', account.displayName, account.userId])
  const header = ['USERNAME', 'ROLE', 'STATUS', 'NAME', 'ID']
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)))
  for (const row of [header, ...rows]) io.print(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd())
}
