import { createHash } from 'node:crypto'
import pg from 'pg'
import type { Database, Queryable } from './database'

export interface PostgresOptions {
  /** Connections per server instance. Pushes serialize on one lock anyway (sync/eventLog.ts), so a few suffice. */
  poolSize?: number
}

const statementNames = new Map<string, string>()

/** The same name for the same text, whichever connection runs it. */
function statementName(sql: string): string {
  let name = statementNames.get(sql)
  if (!name) {
    name = `s${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`
    statementNames.set(sql, name)
  }
  return name
}

/** PostgreSQL through a `pg` pool: the way to run several server instances on one database. */
export function openPostgres(connectionString: string, options: PostgresOptions = {}): Database {
  const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10, application_name: 'incident-desk-server' })
  // An idle client losing its connection (database restart) must not crash the process; the
  // pool drops it and the next query opens a new one.
  pool.on('error', () => {})
  const run = (target: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row extends object>(sql: string, params: readonly unknown[] = []) {
      // With parameters, as a named prepared statement: each connection parses (and, once the
      // plan settles, plans) a statement once, not on every call. The server's SQL is a fixed set
      // of texts, so the names stay few. Without parameters, the simple protocol (several
      // statements in one text are allowed there).
      const result =
        params.length === 0
          ? await target.query<Row & pg.QueryResultRow>(sql)
          : await target.query<Row & pg.QueryResultRow>({ name: statementName(sql), text: sql, values: [...params] })
      return result.rows
    },
  })
  return {
    kind: 'postgres',
    query: run(pool).query,
    async transaction(work, options = {}) {
      const lock = options.advisoryLock
      if (lock !== undefined && !Number.isSafeInteger(lock)) throw new TypeError(`Not a lock key: ${lock}`)
      const client = await pool.connect()
      let broken: Error | undefined
      try {
        // One simple-protocol round trip for both (no parameters, so several statements are allowed).
        await client.query(lock === undefined ? 'BEGIN' : `BEGIN; SELECT pg_advisory_xact_lock(${lock})`)
        const result = await work(run(client))
        await client.query('COMMIT')
        return result
      } catch (error) {
        try {
          await client.query('ROLLBACK')
        } catch (rollbackError) {
          // The connection is gone; hand it back as broken so the pool does not reuse it.
          broken = rollbackError as Error
        }
        throw error
      } finally {
        client.release(broken)
      }
    },
    close: () => pool.end(),
  }
}
