import type { IncidentDeskDatabase } from '../store/database'

/**
 * The desk's admin-edited configuration (DESIGN §2: configuration is data): taxonomy, templates,
 * and later saved views and notification preferences. One entry per key, the whole value at once,
 * so a reader never sees half an edit.
 *
 * Kept in schema v3's `config` table; the functions below are the only code that knows where.
 * The data worker reads and writes through them; the page reads through useConfig.ts.
 */
export const CONFIG_KEYS = {
  taxonomy: 'taxonomy',
  templates: 'templates',
} as const
export type ConfigKey = (typeof CONFIG_KEYS)[keyof typeof CONFIG_KEYS] | (string & {})

/** The Dexie table configuration lives in; for transactions that read and write it together. */
export function configTable(db: IncidentDeskDatabase) {
  return db.config
}

export async function readConfig<T>(db: IncidentDeskDatabase, key: ConfigKey): Promise<T | undefined> {
  const entry = await configTable(db).get(key)
  return entry?.value as T | undefined
}

export async function writeConfig<T>(db: IncidentDeskDatabase, key: ConfigKey, value: T, now: () => Date = () => new Date()): Promise<void> {
  await configTable(db).put({ key, value, updatedAt: now().toISOString() })
}
