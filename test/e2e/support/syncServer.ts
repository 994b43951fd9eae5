/**
 * The sync server the e2e tests sync against (playwright.config.ts starts it as a web server):
 * a fresh PGlite directory each run, the test accounts added with the server's own CLI, then the
 * real server on a fixed loopback port. Runs under tsx, like the server itself:
 *
 *   npx tsx test/e2e/support/syncServer.ts        (PORT defaults to E2E_SYNC_SERVER_PORT)
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { E2E_ACCOUNTS, E2E_SYNC_SERVER_PORT } from './accounts'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
const port = process.env.PORT ?? String(E2E_SYNC_SERVER_PORT)
const PREFIX = 'incident-desk-e2e-'

/** A run killed outright (a crashed runner) leaves its database behind; its process is gone, so it can go. */
async function removeAbandonedDatabases(): Promise<void> {
  for (const name of await readdir(tmpdir())) {
    const pid = Number(/^incident-desk-e2e-(\d+)-/.exec(name)?.[1])
    if (!Number.isInteger(pid) || isRunning(pid)) continue
    await rm(path.join(tmpdir(), name), { recursive: true, force: true })
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

await removeAbandonedDatabases()
const dataDir = await mkdtemp(path.join(tmpdir(), `${PREFIX}${process.pid}-`))
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: port, HOST: '127.0.0.1' }
// The env may carry a DATABASE_URL for other tests; these ones always use their own PGlite.
delete env.DATABASE_URL

function run(args: string[], stdio: StdioOptions = 'inherit'): ChildProcess {
  return spawn(tsx, args, { cwd: root, env, stdio })
}

function finished(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve({ code, signal }))
  })
}

async function cleanUp(): Promise<void> {
  await rm(dataDir, { recursive: true, force: true })
}

try {
  for (const account of E2E_ACCOUNTS) {
    const { code } = await finished(
      run(
        [
          'src-server/cli.ts',
          'add-user',
          '--username',
          account.username,
          '--role',
          account.role,
          '--display-name',
          account.displayName,
          '--password',
          account.password,
        ],
        // The CLI prints only the account line when the password is given.
        ['ignore', 'inherit', 'inherit'],
      ),
    )
    if (code !== 0) throw new Error(`Could not add the e2e account ${account.username} (exit ${code}).`)
  }
} catch (error) {
  await cleanUp()
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}

// The real server on the suite's shifted clock (shiftedClockServer.ts).
const server = run(['test/e2e/support/shiftedClockServer.ts'])
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    stopping = true
    server.kill('SIGTERM')
  })
}
const { code, signal } = await finished(server)
await cleanUp()
if (!stopping && code !== 0) console.error(`The sync server stopped (${signal ?? `exit ${code}`}).`)
process.exit(stopping ? 0 : (code ?? 1))
