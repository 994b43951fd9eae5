import path from 'node:path'
import type { DatabaseSettings } from './db/open'

/** The server's settings, from its environment. */
export interface ServerConfig {
  host: string
  port: number
  database: DatabaseSettings
  tokenTtlMs: number | undefined
  trustProxy: boolean
  /** Pino level: trace, debug, info (default), warn, error, fatal or silent. */
  logLevel: string
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
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, not "${text}".`)
  return value
}
