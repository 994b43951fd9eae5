/**
 * `npm run server` as a child process (`node --import tsx src-server/main.ts`) on a loopback port,
 * for runs that need the server as it really runs: several instances on one PostgreSQL (the
 * server bench), or a process to kill -9 mid-load (the intake's crash test).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface ServerProcess {
  child: ChildProcess
  url: string
  port: number
}

/** Starts the server on `port` (a random high one by default) and resolves once it answers /health. `nodeArgs`: e.g. `--cpu-prof` to profile it. */
export async function startServerProcess(databaseUrl: string, options: { port?: number; poolSize?: number; nodeArgs?: readonly string[] } = {}): Promise<ServerProcess> {
  const port = options.port ?? 20_000 + Math.floor(Math.random() * 20_000)
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'src-server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_POOL_SIZE: String(options.poolSize ?? 8),
      // The server's own rules stay out of a measurement or a crash test.
      AUTOMATION_INTERVAL_SECONDS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  const giveUp = Date.now() + 30_000
  while (Date.now() < giveUp) {
    if (child.exitCode !== null) throw new Error(`The server process exited with ${child.exitCode}.`)
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return { child, url, port }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await stopServerProcess(child)
  throw new Error('The server process did not answer /health within 30 s.')
}

/** A clean stop (SIGTERM: the server closes its connections), waited for. */
export async function stopServerProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill(signal)
  await exited
}
