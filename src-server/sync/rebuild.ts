import type { Database } from '../db/database'
import { toNumber } from '../db/database'
import { incidentEvents, lockAppends } from './eventLog'
import { project, saveProjections, type Projection } from './projections'

/**
 * Refolds every incident's projection from the log, in seq order. Needed when a server upgrade
 * changes the reducer: the projections are derived data, the log is the truth. Runs under the
 * append lock, so no push interleaves; fine for an upgrade step, not for a busy hour.
 */
export async function rebuildProjections(database: Database, now: Date): Promise<number> {
  return database.transaction(async (tx) => {
    await lockAppends(tx)
    const ids = await tx.query<{ incident_id: string }>('SELECT DISTINCT incident_id FROM events')
    let rebuilt = 0
    const batch: Projection[] = []
    for (const { incident_id: incidentId } of ids) {
      let projection: Projection | undefined
      for (const { seq, event } of await incidentEvents(tx, incidentId)) projection = project(projection, event, seq)
      if (!projection) continue
      batch.push(projection)
      rebuilt += 1
      if (batch.length >= 500) await saveProjections(tx, batch.splice(0), now)
    }
    await saveProjections(tx, batch, now)
    return rebuilt
  })
}

/** How many events the log holds (tests and the bench compare it before and after). */
export async function countEvents(database: Pick<Database, 'query'>): Promise<number> {
  const rows = await database.query<{ count: unknown }>('SELECT count(*) AS count FROM events')
  return toNumber(rows[0]!.count)
}
