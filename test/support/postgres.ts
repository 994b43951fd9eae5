/**
 * A throwaway PostgreSQL for tests and the server bench: initdb into a temporary directory,
 * start it on a free loopback port with its socket in that directory, create a database, hand
 * back its URL and a stop() that removes everything. Uses the distribution's binaries
 * (/usr/lib/postgresql/<version>/bin, PostgreSQL 15 on Debian 12; PG_BIN overrides). initdb
 * refuses to run as root, so as root the cluster is created and run as the `postgres` user.
 */
import { execFile, execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const run = promisify(execFile)

export interface TestPostgres {
  /** postgres://… of a fresh, empty database. */
  databaseUrl: string
  /** Another empty database in the same cluster (one per test file or scenario). */
  createDatabase(name: string): Promise<string>
  stop(): Promise<void>
}

export interface StartOptions {
  /**
   * Keep PostgreSQL's crash safety (fsync, synchronous commit). Off by default: tests never
   * survive a power cut anyway and run much faster without; the bench turns it on, because
   * commit latency is part of what it measures.
   */
  durable?: boolean
}

export const POSTGRES_MISSING =
  'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): skipping the PostgreSQL runs. `apt-get install postgresql` (CI does) to run them.'

/** The directory of PostgreSQL's server binaries, or null when none is installed. */
export function findPostgresBin(): string | null {
  const override = process.env.PG_BIN
  if (override) return fs.existsSync(path.join(override, 'initdb')) ? override : null
  const root = '/usr/lib/postgresql'
  if (!fs.existsSync(root)) return null
  const versions = fs
    .readdirSync(root)
    .filter((version) => fs.existsSync(path.join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  // 15 is what the project targets (DESIGN §5); another version still beats no PostgreSQL.
  const chosen = versions.includes('15') ? '15' : versions[0]
  return chosen ? path.join(root, chosen, 'bin') : null
}

/** Starts a cluster, or returns null when PostgreSQL is not installed (callers skip with {@link POSTGRES_MISSING}). */
export async function startPostgres(options: StartOptions = {}): Promise<TestPostgres | null> {
  const bin = findPostgresBin()
  if (!bin) return null
  const asRoot = process.getuid?.() === 0
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-desk-pg-'))
  const dataDir = path.join(dir, 'data')
  // As root, postgres must own the directory it writes into; mkdtemp made it 0700 for root.
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir])
  const as = (command: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args]) : run(path.join(bin, command), args)

  await as('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync'])
  const settings = ['-c listen_addresses=127.0.0.1', '-c max_connections=200']
  if (!options.durable) settings.push('-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off')
  let port = 0
  for (let attempt = 0; ; attempt++) {
    port = await freePort()
    try {
      await as('pg_ctl', ['-D', dataDir, '-o', `-p ${port} -k ${dir} ${settings.join(' ')}`, '-l', path.join(dir, 'postgres.log'), '-w', '-t', '30', 'start'])
      break
    } catch (error) {
      // Another process took the port between our probe and the start: try another.
      if (attempt >= 2) throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${readLog(dir)}`, { cause: error })
    }
  }

  const pgCtlStop = [...(asRoot ? ['runuser', '-u', 'postgres', '--'] : []), path.join(bin, 'pg_ctl'), '-D', dataDir, '-m', 'immediate', '-w', 'stop']
  const stopSync = () => {
    try {
      execFileSync(pgCtlStop[0]!, pgCtlStop.slice(1), { stdio: 'ignore' })
    } catch {
      // Already stopped.
    }
    fs.rmSync(dir, { recursive: true, force: true })
  }
  // A test run that ends normally stops it here; one whose worker is killed (a timeout, Ctrl-C)
  // never runs 'exit' handlers, so a detached watchdog stops the cluster once this process is gone.
  process.once('exit', stopSync)
  const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`
  const watchdog = spawn(
    'sh',
    ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; ${pgCtlStop.map(quote).join(' ')} >/dev/null 2>&1; rm -rf ${quote(dir)}`],
    { detached: true, stdio: 'ignore' },
  )
  watchdog.unref()

  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`
  const createDatabase = async (name: string) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain database name: ${name}`)
    const client = new pg.Client({ connectionString: adminUrl })
    await client.connect()
    try {
      await client.query(`CREATE DATABASE ${name}`)
    } finally {
      await client.end()
    }
    return `postgres://postgres@127.0.0.1:${port}/${name}`
  }
  const databaseUrl = await createDatabase('incident_desk_test')
  return {
    databaseUrl,
    createDatabase,
    async stop() {
      process.removeListener('exit', stopSync)
      stopSync()
      // Ours to end, by its pid: the cluster it watched is gone.
      if (watchdog.pid !== undefined) {
        try {
          process.kill(watchdog.pid)
        } catch {
          // Already gone.
        }
      }
    },
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function readLog(dir: string): string {
  try {
    return fs.readFileSync(path.join(dir, 'postgres.log'), 'utf8').slice(-2000)
  } catch {
    return ''
  }
}
