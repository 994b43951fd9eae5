import { INCIDENT_STATES, type IncidentState } from '../../src-shared/incident/vocabulary'
import type { IncidentDeskDatabase } from './database'
import { META_KEYS, readMeta, writeMeta } from './meta'

/**
 * Incident counts per state, kept up to date by every command in its own transaction:
 * counting 100k index entries takes up to 1.5 s here (DESIGN §3), so the queue never counts.
 */
export type StateCounts = Record<IncidentState, number>

export function emptyStateCounts(): StateCounts {
  return Object.fromEntries(INCIDENT_STATES.map((state) => [state, 0])) as StateCounts
}

export async function readStateCounts(db: IncidentDeskDatabase): Promise<StateCounts> {
  return { ...emptyStateCounts(), ...(await readMeta<StateCounts>(db, META_KEYS.stateCounts)) }
}

/** One incident's state before and after a change; undefined when it did not exist (or no longer does). */
export interface StateChange {
  before: IncidentState | undefined
  after: IncidentState | undefined
}

/** New counts after a command or a sync page; `changes` lists each incident's state before and after. */
export function countStateChanges(current: Partial<StateCounts> | undefined, changes: readonly StateChange[]): StateCounts {
  const counts = { ...emptyStateCounts(), ...current }
  for (const { before, after } of changes) {
    if (before === after) continue
    if (before) counts[before] -= 1
    if (after) counts[after] += 1
  }
  return counts
}

/** Recounts from the projection; for repair after an import or a migration, not for rendering. */
export async function recountStates(db: IncidentDeskDatabase): Promise<StateCounts> {
  const counts = emptyStateCounts()
  await db.incidents.each((incident) => {
    counts[incident.state] += 1
  })
  await writeMeta(db, META_KEYS.stateCounts, counts)
  return counts
}
