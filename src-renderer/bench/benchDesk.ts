import type { Desk } from '../desk/openDesk'
import { DEFAULT_DATABASE_NAME, openIncidentDatabase, type IncidentDeskDatabase } from '../store/database'

/**
 * The desk as the benchmark drives it: the app's desk, plus a connection of the page's own to
 * the store, for seeding and for reads the app makes in its data worker (the desk's page holds
 * none). Bench builds only: it brings Dexie into the page, and with it the handling of the
 * worker's change notices a production page does not have, which can only make figures worse.
 */
export type BenchDesk = Desk & { db: IncidentDeskDatabase }

export async function withOwnConnection(desk: Desk, databaseName: string = DEFAULT_DATABASE_NAME): Promise<BenchDesk> {
  const db = openIncidentDatabase(databaseName)
  await db.open()
  return { ...desk, db }
}
