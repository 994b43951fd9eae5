import type { Database } from './database'
import { openPglite } from './pglite'
import { openPostgres } from './postgres'

export interface DatabaseSettings {
  /** postgres://… selects PostgreSQL; otherwise the embedded PGlite directory below is used. */
  databaseUrl?: string | undefined
  dataDir: string
  poolSize?: number | undefined
}

export async function openDatabase(settings: DatabaseSettings): Promise<Database> {
  if (settings.databaseUrl) return openPostgres(settings.databaseUrl, settings.poolSize === undefined ? {} : { poolSize: settings.poolSize })
  return openPglite(settings.dataDir)
}
