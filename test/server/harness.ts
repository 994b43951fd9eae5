/**
 * The server test harness: every suite runs against embedded PGlite and a real PostgreSQL
 * (test/support/postgres.ts), one database per suite, emptied before each test. Requests go
 * through `app.inject`, so nothing listens.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { IncidentEvent } from '../../src-shared/events/events'
import type { Actor } from '../../src-shared/incident/roles'
import type { PullResponse, PushResponse } from '../../src-shared/sync/protocol'
import { buildServer, type ServerOptions } from '../../src-server/app'
import type { Database } from '../../src-server/db/database'
import { migrate, MIGRATIONS } from '../../src-server/db/migrations'
import { openPglite } from '../../src-server/db/pglite'
import { openPostgres } from '../../src-server/db/postgres'
import { countEvents } from '../../src-server/sync/rebuild'
import { resetDatabase, seedAccounts, sessionFor, TEST_SCRYPT_COST } from '../../src-server/testing'
import { ALL_PEOPLE, DEFAULT_START } from '../fixtures/incidents'
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type TestPostgres } from '../support/postgres'

/** A PGlite upgrade may change the data directory format: part of the template's key. */
const PGLITE_VERSION: string = JSON.parse(
  fs.readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
).version

export type Backend = 'pglite' | 'postgres'
export const BACKENDS: readonly Backend[] = ['pglite', 'postgres']

/** Starting a PGlite (WebAssembly) or a PostgreSQL cluster takes seconds, more on a busy machine. */
export const SETUP_TIMEOUT_MS = 120_000

/**
 * The server's clock in these tests: 90 days after the fixtures' desks start working, so the
 * desks' events are offline work from the past (which the server keeps) and never dated ahead of
 * the server (which it refuses). Tests that need the server's "now" read `clock.now`.
 */
export const SERVER_CLOCK_START = new Date(Date.parse(DEFAULT_START) + 90 * 24 * 60 * 60 * 1000)

export interface TestClock {
  now: Date
  advance(ms: number): void
}

export interface OpenedBackend {
  database: Database
  /** Another connection to the same database (a second server instance); PGlite has only one. */
  connect(): Database
  close(): Promise<void>
}

/** Opens an empty, migrated database on `backend`, or null when PostgreSQL is not installed. */
export async function openBackend(backend: Backend): Promise<OpenedBackend | null> {
  if (backend === 'pglite') {
    const database = await openMigratedPglite()
    return { database, connect: () => database, close: () => database.close() }
  }
  const postgres: TestPostgres | null = await startPostgres()
  if (!postgres) return null
  const database = openPostgres(postgres.databaseUrl)
  await migrate(database)
  const others: Database[] = []
  return {
    database,
    connect() {
      const other = openPostgres(postgres.databaseUrl)
      others.push(other)
      return other
    },
    async close() {
      for (const other of others) await other.close()
      await database.close()
      await postgres.stop()
    },
  }
}

/**
 * An in-memory PGlite with the schema in place. The first suite pays for initdb and the
 * migrations and leaves a dump in the temp directory (keyed by the migrations, so a schema
 * change makes a new one); later suites load it in a fraction of the time.
 */
async function openMigratedPglite(): Promise<Database> {
  const key = createHash('sha256').update(JSON.stringify(MIGRATIONS)).update(PGLITE_VERSION).digest('hex').slice(0, 16)
  const template = path.join(os.tmpdir(), `incident-desk-pglite-template-${key}.tar`)
  if (fs.existsSync(template)) {
    const database = await openPglite(undefined, { loadDataDir: new Blob([fs.readFileSync(template)]) })
    await migrate(database)
    return database
  }
  const database = await openPglite()
  await migrate(database)
  const dump = Buffer.from(await (await database.dump()).arrayBuffer())
  // Written aside and renamed: a suite starting in parallel never loads half a file.
  const partial = `${template}.${process.pid}.partial`
  fs.writeFileSync(partial, dump)
  fs.renameSync(partial, template)
  return database
}

export interface ServerHarness {
  readonly app: FastifyInstance
  readonly database: Database
  readonly backend: Backend
  readonly clock: TestClock
  /** Bearer tokens of the fixture people (test/fixtures/incidents.ts), by user id. */
  readonly tokens: Record<string, string>
  /**
   * Another server instance on the same database (PostgreSQL: its own pool), its connection
   * optionally wrapped (to slow it down at a chosen statement).
   */
  secondInstance(options?: Partial<ServerOptions>, wrap?: (database: Database) => Database): FastifyInstance
  request(options: InjectOptions & { as?: Actor | null }): Promise<LightMyRequestResponse>
  /** Pushes as `actor`; expects a 200. */
  push(actor: Actor, events: readonly unknown[], deviceId?: string): Promise<PushResponse>
  /** Pushes a desk's events, each run by its own author, and expects every one accepted. */
  pushAll(events: readonly IncidentEvent[]): Promise<void>
  pull(actor: Actor, query?: { after?: string; limit?: number }): Promise<PullResponse>
  /** Every event the caller can see, paging to the end. */
  pullAll(actor: Actor): Promise<PullResponse['events']>
  eventCount(): Promise<number>
}

export interface HarnessOptions {
  server?: Partial<Omit<ServerOptions, 'database'>>
  /** Both by default; concurrency tests that need real connections run on PostgreSQL only. */
  backends?: readonly Backend[]
}

/**
 * `describe` once per backend. The PostgreSQL run is skipped, with a message saying why, only
 * when PostgreSQL is not installed.
 */
export function describeServer(name: string, body: (harness: ServerHarness) => void, options: HarnessOptions = {}): void {
  describe.each(options.backends ?? BACKENDS)(`${name} (%s)`, (backend) => {
    const state: { opened?: OpenedBackend | null; app?: FastifyInstance; extra: FastifyInstance[]; tokens: Record<string, string> } = {
      extra: [],
      tokens: {},
    }
    const clock: TestClock = {
      now: new Date(SERVER_CLOCK_START),
      advance(ms) {
        clock.now = new Date(clock.now.getTime() + ms)
      },
    }
    const build = (database: Database, extra: Partial<ServerOptions> = {}) =>
      buildServer({ scryptCost: TEST_SCRYPT_COST, now: () => clock.now, ...options.server, ...extra, database })

    if (backend === 'postgres' && !findPostgresBin()) {
      // Named by the reason, so the run's report says why the PostgreSQL half did not run.
      it.skip(POSTGRES_MISSING, () => {})
      return
    }

    beforeAll(async () => {
      state.opened = await openBackend(backend)
      if (!state.opened) throw new Error(POSTGRES_MISSING)
      state.app = build(state.opened.database)
      await state.app.ready()
    }, SETUP_TIMEOUT_MS)

    beforeEach(async () => {
      const database = state.opened!.database
      clock.now = new Date(SERVER_CLOCK_START)
      await resetDatabase(database)
      await seedAccounts(database, ALL_PEOPLE, clock.now)
      for (const person of ALL_PEOPLE) state.tokens[person.userId] = await sessionFor(database, person.userId, { now: clock.now })
    })

    afterAll(async () => {
      for (const app of state.extra) await app.close()
      await state.app?.close()
      await state.opened?.close()
    }, SETUP_TIMEOUT_MS)

    const harness: ServerHarness = {
      get app() {
        return state.app!
      },
      get database() {
        return state.opened!.database
      },
      backend,
      clock,
      tokens: state.tokens,
      secondInstance(extra = {}, wrap = (database) => database) {
        const app = build(wrap(state.opened!.connect()), extra)
        state.extra.push(app)
        return app
      },
      request({ as, ...request }) {
        const headers = { ...(request.headers ?? {}) }
        if (as) headers.authorization = `Bearer ${state.tokens[as.userId]}`
        return state.app!.inject({ ...request, headers })
      },
      async push(actor, events, deviceId = 'desk-test') {
        const response = await harness.request({ method: 'POST', url: '/api/v1/sync/push', as: actor, payload: { deviceId, events } })
        expect(response.statusCode, response.body).toBe(200)
        return response.json<PushResponse>()
      },
      async pushAll(events) {
        // Consecutive events by one author go in one push, as that author's desk would send them.
        let start = 0
        while (start < events.length) {
          let end = start + 1
          while (end < events.length && events[end]!.actor.userId === events[start]!.actor.userId) end++
          const { results } = await harness.push(events[start]!.actor, events.slice(start, end))
          for (const result of results) expect(result, JSON.stringify(result)).toMatchObject({ status: 'accepted' })
          start = end
        }
      },
      async pull(actor, query = {}) {
        const search = new URLSearchParams()
        if (query.after !== undefined) search.set('after', query.after)
        if (query.limit !== undefined) search.set('limit', String(query.limit))
        const response = await harness.request({ method: 'GET', url: `/api/v1/sync/pull?${search}`, as: actor })
        expect(response.statusCode, response.body).toBe(200)
        return response.json<PullResponse>()
      },
      async pullAll(actor) {
        const events: PullResponse['events'] = []
        let after = '0'
        for (;;) {
          const page = await harness.pull(actor, { after, limit: 2000 })
          events.push(...page.events)
          after = page.cursor
          if (!page.hasMore) return events
        }
      },
      eventCount: () => countEvents(state.opened!.database),
    }
    body(harness)
  })
}
