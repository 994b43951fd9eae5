import type { RecentCaller } from '../../src-shared/data/deskDataContract'
import type { IncidentDeskDatabase } from '../store/database'

/** Incidents read to build the list: recent activity is where repeat callers are. */
const SCAN = 400
const MAX_CALLERS = 30

/**
 * Callers of the incidents on this desk, most recently logged first, one entry per name (the
 * latest contact and location win). Bounded: it reads the most recently updated incidents only,
 * so it costs the same with 100k incidents stored.
 */
export async function recentCallers(db: IncidentDeskDatabase): Promise<RecentCaller[]> {
  const incidents = await db.incidents.orderBy('updatedAt').reverse().limit(SCAN).toArray()
  incidents.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
  const byName = new Map<string, RecentCaller>()
  for (const incident of incidents) {
    const name = incident.caller.name.trim()
    const key = name.toLocaleLowerCase()
    if (!name || byName.has(key)) continue
    byName.set(key, { name, contact: incident.caller.contact?.trim() || null, location: incident.location })
    if (byName.size >= MAX_CALLERS) break
  }
  return [...byName.values()]
}
