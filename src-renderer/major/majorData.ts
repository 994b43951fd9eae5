import { Dexie } from 'dexie'
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import type { Command } from '../../src-shared/incident/commands'
import type { Incident } from '../../src-shared/incident/incident'
import type { Actor } from '../../src-shared/incident/roles'
import { canSee } from '../../src-shared/incident/visibility'
import { useDesk } from '../desk/deskContext'
import type { IncidentDeskDatabase } from '../store/database'
import type { CommandResult } from '../store/incidentStore'
import { fromRecord } from '../store/records'
import { isRunningMajor, sortMajorsByNextUpdate } from './majorViewModel'
import { refusalText } from '../i18n/activeLanguage'

/**
 * The major-incident view's reads and writes. Reads are live queries (a change from another
 * desk shows at once); writes go through the store's `execute`, one command per transaction.
 */

/**
 * Major incidents still being run, that `actor` may see, by next update due. Read through the
 * `majorFlag` index (schema v4), which holds only major incidents, so the cost follows the
 * number of majors ever declared, not the size of the desk.
 */
export async function runningMajorIncidents(db: IncidentDeskDatabase, actor: Actor): Promise<Incident[]> {
  const records = await db.incidents.where('majorFlag').equals(1).toArray()
  const incidents = records.map(fromRecord).filter((incident) => isRunningMajor(incident) && canSee(actor, incident))
  return sortMajorsByNextUpdate(incidents)
}

export function useRunningMajorIncidents(): Incident[] | undefined {
  const { db, session } = useDesk()
  const actor = session.actor
  return useLiveQuery(() => runningMajorIncidents(db, actor), [db, actor])
}

/** One incident, live; undefined while loading, null when this desk does not hold it (or may not show it). */
export function useIncident(incidentId: string | null): Incident | null | undefined {
  const { db, session } = useDesk()
  const actor = session.actor
  return useLiveQuery(async () => {
    if (!incidentId) return null
    const record = await db.incidents.get(incidentId)
    if (!record) return null
    const incident = fromRecord(record)
    return canSee(actor, incident) ? incident : null
  }, [db, incidentId, actor])
}

/** A major incident's children as this desk holds them, in link order; ids it does not hold are listed apart. */
export function useChildIncidents(parent: Incident): { children: Incident[]; missing: string[] } | undefined {
  const { db, session } = useDesk()
  const actor = session.actor
  const childIds = parent.links.filter((link) => link.kind === 'child').map((link) => link.incidentId)
  const key = childIds.join(',')
  return useLiveQuery(async () => {
    const records = await db.incidents.bulkGet(childIds)
    const children: Incident[] = []
    const missing: string[] = []
    records.forEach((record, index) => {
      const incident = record ? fromRecord(record) : undefined
      if (incident && canSee(actor, incident)) children.push(incident)
      else missing.push(childIds[index]!)
    })
    return { children, missing }
  }, [db, key, actor])
}

/** Finds an incident by its number (the index is not unique while a sync renumbers: the first visible one). */
export async function incidentByNumber(db: IncidentDeskDatabase, number: string, actor: Actor): Promise<Incident | undefined> {
  const records = await db.incidents.where('number').equals(number).toArray()
  return records.map(fromRecord).find((incident) => canSee(actor, incident))
}

/** Open incidents a parent could take as children: visible, not the parent, not already in a hierarchy. */
export async function linkableOpenIncidents(db: IncidentDeskDatabase, parent: Incident, actor: Actor, limit = 200): Promise<Incident[]> {
  const records = await db.incidents
    .where('[open+priority+updatedAt]')
    .between([1, Dexie.minKey, Dexie.minKey], [1, Dexie.maxKey, Dexie.maxKey])
    .filter((record) => record.id !== parent.id && !record.links.some((link) => link.kind === 'parent' || link.kind === 'child'))
    .limit(limit)
    .toArray()
  return records.map(fromRecord).filter((incident) => canSee(actor, incident))
}

/** Like useIncidentCommand, but hands back the store's whole result (a cascade resolve changes several incidents). */
export function useStoreCommand(): {
  run: (command: Command) => Promise<CommandResult>
  busy: boolean
  error: string | null
  clearError: () => void
} {
  const { store } = useDesk()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function run(command: Command): Promise<CommandResult> {
    setBusy(true)
    setError(null)
    try {
      const result = await store.execute(command)
      if (!result.ok) setError(refusalText(result.refusal))
      return result
    } finally {
      setBusy(false)
    }
  }

  return { run, busy, error, clearError: () => setError(null) }
}
