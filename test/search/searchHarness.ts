import { afterEach } from 'vitest'
import type { SearchService } from '../../src-renderer/search/searchService'
import type { IncidentDeskDatabase } from '../../src-renderer/store/database'
import type { Report } from '../fixtures/incidents'
import type { storeFor } from '../store/storeHarness';
import { freshDatabase } from '../store/storeHarness'

/**
 * What the search tests share: databases and services that a test opens are closed and stopped
 * after it (call `searchTestCleanup()` once per file), and incidents logged through the store.
 */
const running: SearchService[] = []
const databases: IncidentDeskDatabase[] = []

export function searchTestCleanup(): void {
  afterEach(() => {
    for (const service of running.splice(0)) service.stop()
    for (const db of databases.splice(0)) db.close()
  })
}

/** Registers a service to stop after the test; returns it. */
export function stopAfterTest<T extends SearchService>(service: T): T {
  running.push(service)
  return service
}

export function database(): IncidentDeskDatabase {
  const db = freshDatabase()
  databases.push(db)
  return db
}

export async function logged(store: ReturnType<typeof storeFor>['store'], report: Report) {
  const result = await store.logIncident(report)
  if (!result.ok) throw new Error(result.refusal.message)
  return result.incident
}
