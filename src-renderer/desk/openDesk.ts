import { openIncidentDatabase, type IncidentDeskDatabase } from '../store/database'
import { createIncidentStore, type IncidentStore } from '../store/incidentStore'
import { loadDeskSession, type DeskSession } from '../store/session'

/** Everything the screens need to read and change incidents on this device. */
export interface Desk {
  readonly db: IncidentDeskDatabase
  readonly session: DeskSession
  readonly store: IncidentStore
}

/**
 * Opens the local store and the desk's identity (created on first run). Rejects when
 * IndexedDB is unavailable (a private window that forbids it, a disk that is full), which
 * the start-up error screen reports.
 */
export async function openDesk(databaseName?: string): Promise<Desk> {
  const db = openIncidentDatabase(databaseName)
  await db.open()
  const session = await loadDeskSession(db)
  return { db, session, store: createIncidentStore(db, session) }
}
