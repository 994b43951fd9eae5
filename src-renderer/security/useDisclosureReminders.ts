import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo } from 'react'
import { canSeeSecurityIncidents } from '../../src-shared/incident/visibility'
import { useDesk } from '../desk/deskContext'
import { useNow } from '../major/countdown'
import type { IncidentDeskDatabase } from '../store/database'
import type { IncidentRecord } from '../store/records'
import { useConnection } from '../ui/uiHooks'
import { selectReminders, type DisclosureReminder, type ReminderIncident } from './disclosureViewModel'

function reminderFields(record: IncidentRecord): ReminderIncident {
  return { id: record.id, number: record.number, shortDescription: record.shortDescription, isSecurity: record.isSecurity, disclosure: record.disclosure }
}

function tracksDisclosure(record: IncidentRecord): boolean {
  return record.isSecurity && (record.disclosure?.regimes.length ?? 0) > 0
}

/** Security incidents that track at least one regime, through the `securityFlag` index (schema v4). */
export async function disclosureTrackingIncidents(db: IncidentDeskDatabase): Promise<ReminderIncident[]> {
  const records = await db.incidents.where('securityFlag').equals(1).filter(tracksDisclosure).toArray()
  return records.map(reminderFields)
}

/**
 * Disclosure deadlines due soon or overdue on every security incident the person at the desk
 * may see, re-evaluated every 30 seconds.
 *
 * A live query over the `securityFlag` index, which holds only security incidents: it reads
 * those rows alone, and Dexie re-runs it only when a write touches one of them (a trigger
 * recorded here, or pulled from another desk), not on every write to the projection.
 */
export function useDisclosureReminders(): DisclosureReminder[] {
  const { db, session } = useDesk()
  useConnection()
  const actor = session.actor
  // Nobody outside the security group reads security incidents, not even to count them.
  const maySee = canSeeSecurityIncidents(actor.role)
  const incidents = useLiveQuery(async () => (maySee ? disclosureTrackingIncidents(db) : []), [db, maySee])
  const now = useNow(30_000)

  return useMemo(() => {
    if (!maySee || !incidents) return []
    return selectReminders(incidents, actor, now)
  }, [maySee, incidents, actor, now])
}
