/**
 * The real sync server (src-server) for the desk's sync tests, in process: `buildServer` on
 * PGlite, or on a throwaway PostgreSQL with two server instances sharing the database. Desks
 * reach it through the shared protocol client (src-shared/sync/httpClient.ts) with a fetch that
 * goes through `app.inject`, so requests cross the real routes, schemas and error handlers
 * without a socket. `restart()` closes the instances and builds new ones on the same database,
 * the way a deploy or a crash would.
 */
import type { FastifyInstance } from 'fastify'
import type { IncidentEvent } from '../../src-shared/events/events'
import type { Incident } from '../../src-shared/incident/incident'
import type { Actor } from '../../src-shared/incident/roles'
import { createAbortDeadlines, createSyncHttpClient, type FetchLike } from '../../src-shared/sync/httpClient'
import type { PulledEvent } from '../../src-shared/sync/protocol'
import { buildServer } from '../../src-server/app'
import type { Database } from '../../src-server/db/database'
import { toNumber } from '../../src-server/db/database'
import { migrate } from '../../src-server/db/migrations'
import { openPglite } from '../../src-server/db/pglite'
import { openPostgres } from '../../src-server/db/postgres'
import { resetDatabase, seedAccounts, sessionFor, TEST_SCRYPT_COST } from '../../src-server/testing'
import { callTransport, type SyncTransport } from '../../src-renderer/sync/transport'
import { findPostgresBin, startPostgres } from '../support/postgres'

export type ServerBackend = 'pglite' | 'postgres'

export interface RealSyncServer {
  readonly backend: ServerBackend
  /** Server instances sharing the database: 1 on PGlite, 2 on PostgreSQL. */
  readonly instances: number
  /** A transport for a desk signed in as `actor`, talking to instance `instance % instances`. */
  transportFor(actor: Actor, instance?: number): SyncTransport
  /** The whole log in server order, read from the database. */
  events(): Promise<PulledEvent[]>
  /** The server's projection of every incident, read from the database. */
  incidents(): Promise<Incident[]>
  /** Closes every instance and builds new ones on the same database: only committed state survives. */
  restart(): Promise<void>
  /** Empties the database and seeds `accounts` with fresh sessions; instances keep running. */
  reset(accounts: readonly Actor[]): Promise<void>
  close(): Promise<void>
}

/** Whether `backend` can run here; PostgreSQL needs its binaries (test/support/postgres.ts). */
export function backendAvailable(backend: ServerBackend): boolean {
  return backend === 'pglite' || findPostgresBin() !== null
}

export async function startRealServer(backend: ServerBackend): Promise<RealSyncServer> {
  const postgres = backend === 'postgres' ? await startPostgres() : null
  if (backend === 'postgres' && !postgres) throw new Error('PostgreSQL is not installed.')
  const pglite = backend === 'pglite' ? await openPglite() : null
  const admin: Database = pglite ?? openPostgres(postgres!.databaseUrl, { poolSize: 2 })
  await migrate(admin)
  const instances = backend === 'pglite' ? 1 : 2
  let running: { app: FastifyInstance; database: Database }[] = []
  const tokens = new Map<string, string>()

  async function startInstances(): Promise<void> {
    running = []
    for (let index = 0; index < instances; index++) {
      // Each PostgreSQL instance has its own pool, as separate processes would.
      const database = pglite ?? openPostgres(postgres!.databaseUrl, { poolSize: 4 })
      const app = buildServer({ database, scryptCost: TEST_SCRYPT_COST })
      await app.ready()
      running.push({ app, database })
    }
  }

  async function stopInstances(): Promise<void> {
    for (const { app, database } of running) {
      await app.close()
      if (database !== admin && database !== pglite) await database.close()
    }
    running = []
  }

  await startInstances()

  return {
    backend,
    instances,
    transportFor(actor, instance = 0) {
      const fetch: FetchLike<AbortSignal> = async (url, init) => {
        const target = running[instance % instances]
        if (!target) throw new TypeError('fetch failed: the server is restarting')
        const response = await target.app.inject({
          method: init.method,
          url: url.replace(/^https?:\/\/[^/]+/, ''),
          headers: init.headers,
          ...(init.body === undefined ? {} : { payload: init.body }),
        })
        return { status: response.statusCode, headers: { get: (name) => String(response.headers[name.toLowerCase()] ?? '') || null }, json: async () => response.json(), text: async () => response.body }
      }
      const client = createSyncHttpClient<AbortSignal>({
        baseUrl: 'http://sync.test',
        fetch,
        getToken: () => tokens.get(actor.userId) ?? null,
        deadline: createAbortDeadlines(
          () => new AbortController(),
          (callback, ms) => {
            const timer = setTimeout(callback, ms)
            return () => clearTimeout(timer)
          },
        ),
      })
      return {
        push: (request) => callTransport(() => client.push(request)),
        pull: (after, limit) => callTransport(() => client.pull(after, limit)),
        snapshot: (after, limit) => callTransport(() => client.snapshot(after, limit)),
        config: (after) => callTransport(() => client.config(after)),
        incidentEvents: (incidentId) => callTransport(() => client.incidentEvents(incidentId)),
      }
    },
    async events() {
      const rows = await admin.query<{ seq: unknown; body: IncidentEvent }>('SELECT seq, body FROM events ORDER BY seq')
      return rows.map((row) => ({ seq: toNumber(row.seq), event: row.body }))
    },
    async incidents() {
      const rows = await admin.query<{ body: Incident }>('SELECT body FROM incidents ORDER BY id')
      return rows.map((row) => row.body)
    },
    async restart() {
      await stopInstances()
      await startInstances()
    },
    async reset(accounts) {
      await resetDatabase(admin)
      await seedAccounts(admin, accounts)
      tokens.clear()
      for (const account of accounts) tokens.set(account.userId, await sessionFor(admin, account.userId))
    },
    async close() {
      await stopInstances()
      await admin.close()
      await postgres?.stop()
    },
  }
}
