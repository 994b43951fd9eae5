import type { IncidentDeskDatabase } from '../store/database'
import { META_KEYS, readMeta, writeMeta } from '../store/meta'
import type { SyncContext } from './context'
import { loadIncidentHistory } from './history'
import type { SyncCounts, SyncFailure } from './report'

/**
 * Incidents whose pulled events cannot be folded: their creation is not on this desk. It happens
 * when an incident this desk may not see becomes visible (moved out of Security): the pull sends
 * its events from then on, not the ones before. The list lives in meta, written in the pull
 * page's transaction, so a failed or crashed round still fetches them next time.
 */
export async function noteUnfoldable(db: IncidentDeskDatabase, incidentIds: readonly string[], revoked: ReadonlySet<string>): Promise<void> {
  if (incidentIds.length === 0 && revoked.size === 0) return
  const current = (await readMeta<string[]>(db, META_KEYS.unfoldable)) ?? []
  if (current.length === 0 && incidentIds.length === 0) return
  const next = [...new Set([...current, ...incidentIds])].filter((id) => !revoked.has(id))
  await writeMeta(db, META_KEYS.unfoldable, next)
}

/** Fetched in one round; more wait for the next round. */
const MAX_HISTORIES_PER_ROUND = 50

/**
 * Fetches the histories of unfoldable incidents. An incident the server no longer shows (a 404:
 * it went back to Security meanwhile) leaves the list like a fetched one. A failure to reach the
 * server stops the round, and the list stays for the next one.
 */
export async function fetchUnfoldable(context: SyncContext, counts: SyncCounts): Promise<SyncFailure | null> {
  const { db } = context
  const pending = ((await readMeta<string[]>(db, META_KEYS.unfoldable)) ?? []).slice(0, MAX_HISTORIES_PER_ROUND)
  for (const incidentId of pending) {
    const loaded = await loadIncidentHistory(context, incidentId)
    if (!loaded.ok && loaded.failure.kind !== 'rejected') return loaded.failure
    if (loaded.ok) counts.histories += 1
    await db.transaction('rw', db.meta, async () => {
      const current = (await readMeta<string[]>(db, META_KEYS.unfoldable)) ?? []
      await writeMeta(
        db,
        META_KEYS.unfoldable,
        current.filter((id) => id !== incidentId),
      )
    })
  }
  return null
}
