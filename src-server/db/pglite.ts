import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import type { Database, Queryable } from './database'

/**
 * Embedded PostgreSQL (PGlite, compiled to WebAssembly) in a data directory, or in memory when
 * no directory is given (tests). One process owns a PGlite directory: PGlite is a single
 * connection with no postmaster to arbitrate, so a second process opening the same files would
 * corrupt them. A lock file holding our pid guards against that (e.g. the CLI run while the
 * server is up).
 */
export interface PgliteOptions {
  /**
   * Start from a dumped data directory (PGlite's dumpDataDir) instead of running initdb: ~0.5 s
   * instead of ~3 s. Tests start each suite from a migrated, empty template this way.
   */
  loadDataDir?: Blob
}

export interface PgliteDatabase extends Database {
  /** The whole data directory as a tarball, for {@link PgliteOptions.loadDataDir}. */
  dump(): Promise<Blob>
}

export async function openPglite(dataDir?: string, options: PgliteOptions = {}): Promise<PgliteDatabase> {
  const releaseLock = dataDir ? lockDataDir(dataDir) : () => {}
  let pglite: PGlite
  try {
    pglite = await PGlite.create(dataDir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {})
  } catch (error) {
    releaseLock()
    throw error
  }
  const run = (target: Pick<PGlite, 'query'>): Queryable => ({
    async query<Row extends object>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<Row>(sql, [...params])
      return result.rows
    },
  })
  const queryable = run(pglite)
  return {
    kind: 'pglite',
    dump: () => pglite.dumpDataDir('none'),
    query: queryable.query,
    // PGlite runs one transaction at a time and queues every other query behind it.
    transaction: (work, options = {}) =>
      pglite.transaction(async (tx) => {
        if (options.advisoryLock !== undefined) await tx.query('SELECT pg_advisory_xact_lock($1)', [options.advisoryLock])
        return work(run(tx))
      }),
    async close() {
      await pglite.close()
      releaseLock()
    },
  }
}

const LOCK_FILE = 'incident-desk-server.lock'

function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true })
  const lockPath = path.join(dataDir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' })
      return () => fs.rmSync(lockPath, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number(fs.readFileSync(lockPath, 'utf8'))
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new Error(
          `The database in ${dataDir} is in use by process ${owner} (a running server?). Stop it first, or use PostgreSQL (DATABASE_URL) to run several processes.`,
          { cause: error },
        )
      }
      // The owner died without cleaning up: the lock is stale.
      fs.rmSync(lockPath, { force: true })
    }
  }
  throw new Error(`Could not lock the database in ${dataDir}.`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
