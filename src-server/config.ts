import path from 'node:path'
import { USERNAME_PATTERN } from './accounts/schemas'
import type { DatabaseSettings } from './db/open'
import { readMailSettings, type MailSettings } from './mail/settings'

/** The server's settings, from its environment. */
export interface ServerConfig {
  host: string
  port: number
  database: DatabaseSettings
  tokenTtlMs: number | undefined
  trustProxy: boolean
  /** Pino level: trace, debug, info (default), warn, error, fatal or silent. */
  logLevel: string
  /** The first admin's username on a new database; a random `admin-…` when unset. */
  initialAdminUsername: string | undefined
  /** The built web desk to serve at the server's own URL (npm run server builds it). */
  webRoot: string
  /** How often the server's own rules run (auto-close), in ms; AUTOMATION_INTERVAL_SECONDS, 60 by default, 0 for never. */
  automationIntervalMs: number | undefined
  /** How often webhook deliveries are looked for besides right after each append, in ms; OUTBOUND_INTERVAL_MS, 1000 by default. */
  outboundIntervalMs: number
  /** MAIL_FROM / MAIL_INTAKE_ADDRESS, MAIL_SMTP_URL, MAIL_INTAKE_PORT, MAIL_INTAKE_HOST (mail/settings.ts); null without an address. */
  mail: MailSettings | null
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    // Loopback unless told otherwise: a desk server is exposed on purpose, not by default.
    host: env.HOST ?? '127.0.0.1',
    port: integer(env, 'PORT', 8787),
    database: {
      databaseUrl: env.DATABASE_URL || undefined,
      dataDir: path.resolve(env.DATA_DIR ?? '.data/server'),
      poolSize: env.DATABASE_POOL_SIZE ? integer(env, 'DATABASE_POOL_SIZE', 10) : undefined,
    },
    tokenTtlMs: env.TOKEN_TTL_HOURS ? integer(env, 'TOKEN_TTL_HOURS', 12) * 60 * 60 * 1000 : undefined,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL || 'info',
    initialAdminUsername: username(env, 'INITIAL_ADMIN_USERNAME'),
    webRoot: path.resolve(env.WEB_ROOT ?? 'dist-web'),
    automationIntervalMs: env.AUTOMATION_INTERVAL_SECONDS === '0' ? undefined : integer(env, 'AUTOMATION_INTERVAL_SECONDS', 60) * 1000,
    outboundIntervalMs: integer(env, 'OUTBOUND_INTERVAL_MS', 1000),
    mail: readMailSettings(env),
  }
}

function username(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const text = env[name]?.trim().toLowerCase()
  if (!text) return undefined
  if (!USERNAME_PATTERN.test(text)) throw new Error(`${name} must be 2–64 lowercase letters, digits, dot, dash or underscore, not "${env[name]}".`)
  return text
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, not "${text}".`)
  return value
}
