import type { IncidentDeskDatabase } from './database'

/** Keys of the meta table; one place so a typo cannot create a second counter. */
export const META_KEYS = {
  deviceId: 'deviceId',
  localActor: 'localActor',
  clock: 'clock',
  nextLocalNumber: 'nextLocalNumber',
  numbering: 'numbering',
  stateCounts: 'stateCounts',
  /** The server log position this desk has pulled through; absent until the first sync finished its snapshot. */
  syncCursor: 'syncCursor',
  /** A first sync's snapshot in progress, so a crash resumes at the next page. */
  snapshotProgress: 'snapshotProgress',
  /** When the last sync round completed (ISO). */
  lastSyncedAt: 'lastSyncedAt',
  /** Incidents whose pulled events cannot be folded until their history is fetched (sync/unfoldable.ts). */
  unfoldable: 'unfoldable',
  /** The configuration log position (src-shared/config/orgConfig.ts) this desk has pulled through. */
  configCursor: 'configCursor',
} as const

export async function readMeta<T>(db: IncidentDeskDatabase, key: string): Promise<T | undefined> {
  const entry = await db.meta.get(key)
  return entry?.value as T | undefined
}

export async function writeMeta<T>(db: IncidentDeskDatabase, key: string, value: T): Promise<void> {
  await db.meta.put({ key, value })
}
