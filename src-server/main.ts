import fs from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { fileURLToPath } from 'node:url'
import { buildServer, type ServerOptions } from './app'
import { readConfig, type ServerConfig } from './config'
import { openDatabase } from './db/open'

/** What a harness may change of the server it starts: its clock, and hooks of its own before it listens. */
export interface HarnessOverrides extends Pick<ServerOptions, 'now'> {
  prepare?: (app: FastifyInstance) => void
}

/**
 * Opens the database, builds the app, listens, and stops cleanly on SIGINT/SIGTERM: the body of
 * `npm run server` (below). Everything else is in app.ts. `overrides` is for a harness that needs
 * the server on another clock (the e2e suite runs every desk and the server on one shifted clock)
 * or with hooks of its own (the same suite holds pushes to watch a desk sync).
 */
export async function startServer(config: ServerConfig, { prepare, ...overrides }: HarnessOverrides = {}): Promise<void> {
  const database = await openDatabase(config.database)
  const app = buildServer({
    ...overrides,
    database,
    logger: { level: config.logLevel },
    trustProxy: config.trustProxy,
    webRoot: config.webRoot,
    ...(config.automationIntervalMs === undefined ? {} : { automationIntervalMs: config.automationIntervalMs }),
    outboundIntervalMs: config.outboundIntervalMs,
    mail: config.mail,
    ...(config.initialAdminUsername === undefined ? {} : { initialAdminUsername: config.initialAdminUsername }),
    ...(config.tokenTtlMs === undefined ? {} : { tokenTtlMs: config.tokenTtlMs }),
    onInitialAdmin: ({ username, password }) => {
      // Printed, not logged: log files are kept and shipped; this is for the person starting the server.
      process.stdout.write(
        [
          '',
          'No accounts yet: created the first admin.',
          `  username: ${username}`,
          `  password: ${password}`,
          'Sign in with these on a desk (or POST /api/v1/auth/login), then create the real accounts',
          `and change this password (PATCH/POST /api/v1/admin/users/…, or 'tsx src-server/cli.ts reset-password --username ${username}').`,
          'This password is shown only once.',
          '',
        ].join('\n') + '\n',
      )
    },
  })
  prepare?.(app)
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down')
    await app.close()
    await database.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown('SIGINT'))
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  try {
    await app.listen({ port: config.port, host: config.host })
    app.log.info({ database: database.kind }, 'sync server ready')
    const mailPort = app.mailIntakePort()
    if (mailPort !== null) app.log.info({ port: mailPort, address: config.mail?.address }, 'mail intake listening')
    const address = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}/`
    process.stdout.write(
      fs.existsSync(path.join(config.webRoot, 'index.html'))
        ? `\nThe desk in a browser: ${address}\n`
        : `\nNo built desk in ${config.webRoot} (npm run build:web): serving the API only, at ${address}api/v1\n`,
    )
  } catch (error) {
    app.log.error(error)
    await database.close()
    process.exit(1)
  }
}

// Run as the entry point (`tsx src-server/main.ts`), not when imported by a harness.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(fileURLToPath(import.meta.url))) void startServer(readConfig())
