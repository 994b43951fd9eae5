/**
 * Helpers for tests that need a real sync server: the server's own tests, the desk's sync
 * engine tests, end-to-end runs. Accounts get fixed ids so they match the people in
 * test/fixtures/incidents.ts (`u-grace`, …) whose events the tests push.
 *
 *   const server = await startTestServer({ accounts: Object.values(people) })
 *   await fetch(`${server.url}/api/v1/sync/pull`, { headers: { authorization: `Bearer ${server.tokens['u-grace']}` } })
 *   await server.close()
 *
 * Never used by the server itself.
 */
import type { FastifyInstance } from 'fastify'
import type { Actor } from '../src-shared/incident/roles'
import type { ScryptCost } from './accounts/passwords'
import { hashPassword } from './accounts/passwords'
import { insertAccount, type Account } from './accounts/users'
import { buildServer, type ServerOptions } from './app'
import { issueSession } from './auth/sessions'
import type { Database } from './db/database'
import { migrate } from './db/migrations'
import { openPglite } from './db/pglite'

/** The password of every seeded account. */
export const TEST_PASSWORD = 'correct horse battery staple'

/** Cheap scrypt for tests (1 ms instead of 50 per hash). Never in production: it is what makes guessing slow. */
export const TEST_SCRYPT_COST: ScryptCost = { N: 1024, r: 8, p: 1 }

/** An account to seed: an actor from the fixtures, optionally with its own username. */
export type SeedAccount = Actor & { username?: string }

/** The username a seeded account signs in with: its id without the `u-` prefix (`u-grace` → `grace`). */
export function usernameFor(account: SeedAccount): string {
  return account.username ?? account.userId.replace(/^u-/, '').toLowerCase().replace(/[^a-z0-9._-]/g, '-')
}

/** Creates accounts with the given ids, names and roles, all with {@link TEST_PASSWORD}. */
export async function seedAccounts(database: Database, accounts: readonly SeedAccount[], now: Date = new Date()): Promise<Account[]> {
  const passwordHash = await hashPassword(TEST_PASSWORD, TEST_SCRYPT_COST)
  const created: Account[] = []
  for (const account of accounts) {
    created.push(
      await insertAccount(
        database,
        { userId: account.userId, username: usernameFor(account), displayName: account.displayName, role: account.role, passwordHash },
        now,
      ),
    )
  }
  return created
}

/** A bearer token for `userId` without going through sign-in (and its rate limit). */
export async function sessionFor(database: Database, userId: string, options: { now?: Date; ttlMs?: number } = {}): Promise<string> {
  const session = await issueSession(database, userId, options.now ?? new Date(), options.ttlMs ?? 12 * 60 * 60 * 1000)
  return session.token
}

/** Empties every table and restarts the sequences (seq 1, INC0000001), keeping the schema. */
export async function resetDatabase(database: Database): Promise<void> {
  await database.query(
    'TRUNCATE mail_messages, mail_outbox, mail_templates, mail_lists, mail_contacts, api_tokens, webhook_attempts, webhook_deliveries, webhooks, outbound_cursor, intake_sources, alert_keys, alert_deliveries, alert_windows, config_changes, events, incidents, attachments, attachment_uploads, attachment_references, sessions, login_attempts, login_places, group_members, assignment_groups, users RESTART IDENTITY',
  )
  await database.query('ALTER SEQUENCE incident_number_seq RESTART')
}

export interface TestServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string
  app: FastifyInstance
  database: Database
  /** A live bearer token per seeded account, by user id. */
  tokens: Record<string, string>
  close(): Promise<void>
}

export interface TestServerOptions extends Partial<Omit<ServerOptions, 'database'>> {
  /** Defaults to a fresh in-memory PGlite (≈2 s to start), closed with the server. */
  database?: Database
  accounts?: readonly SeedAccount[]
}

/** A sync server listening on a free loopback port, with accounts seeded and signed in. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { database: given, accounts = [], ...serverOptions } = options
  const database = given ?? (await openPglite())
  await migrate(database)
  await seedAccounts(database, accounts)
  const tokens: Record<string, string> = {}
  for (const account of accounts) tokens[account.userId] = await sessionFor(database, account.userId)
  const app = buildServer({ scryptCost: TEST_SCRYPT_COST, ...serverOptions, database })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    database,
    tokens,
    async close() {
      await app.close()
      if (!given) await database.close()
    },
  }
}
