import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useMemo, useState } from 'react'
import { canSeeSecurityIncidents } from '../../src-shared/incident/visibility'
import { useDesk } from '../desk/deskContext'
import { useNow } from '../major/countdown'
import type { IncidentRecord } from '../store/records'
import { useConnection } from '../ui/uiHooks'
import { selectReminders, type DisclosureReminder, type ReminderIncident } from './disclosureViewModel'

/** A full pass over the projection this often, after a short delay at start-up. */
const RESCAN_MILLIS = 5 * 60_000
const FIRST_SCAN_DELAY_MILLIS = 1_500

function reminderFields(record: IncidentRecord): ReminderIncident {
  return { id: record.id, number: record.number, shortDescription: record.shortDescription, isSecurity: record.isSecurity, disclosure: record.disclosure }
}

function tracksDisclosure(record: IncidentRecord): boolean {
  return record.isSecurity && (record.disclosure?.regimes.length ?? 0) > 0
}

/**
 * Disclosure deadlines due soon or overdue on every security incident the person at the desk
 * may see, re-evaluated every 30 seconds.
 *
 * The projection has no index on `isSecurity`, and a live query over the whole table would
 * re-read it on every write, so: one full pass shortly after start-up and every five minutes,
 * plus a live query of the incidents changed since that pass (the `updatedAt` index), which is
 * what makes a trigger recorded here show at once. An incident changed on another desk with an
 * older timestamp is caught by the next full pass.
 */
export function useDisclosureReminders(): DisclosureReminder[] {
  const { db, session } = useDesk()
  useConnection()
  const actor = session.actor
  const maySee = canSeeSecurityIncidents(actor.role)
  const [scanned, setScanned] = useState<{ incidents: ReminderIncident[]; since: string } | null>(null)

  useEffect(() => {
    // Nobody outside the security group reads security incidents, not even to count them.
    if (!maySee) return
    let current = true
    const scan = async () => {
      // A minute of overlap, so a change written while the pass runs is read by the live query too.
      const since = new Date(Date.now() - 60_000).toISOString()
      const records = await db.incidents.filter(tracksDisclosure).toArray()
      if (current) setScanned({ incidents: records.map(reminderFields), since })
    }
    const first = window.setTimeout(() => void scan(), FIRST_SCAN_DELAY_MILLIS)
    const every = window.setInterval(() => void scan(), RESCAN_MILLIS)
    return () => {
      current = false
      window.clearTimeout(first)
      window.clearInterval(every)
    }
  }, [db, maySee])

  const since = scanned?.since ?? null
  const recent = useLiveQuery(
    async () => (since ? (await db.incidents.where('updatedAt').aboveOrEqual(since).filter((record) => record.isSecurity).toArray()).map(reminderFields) : []),
    [db, since],
  )
  const now = useNow(30_000)

  return useMemo(() => {
    if (!maySee || !scanned) return []
    const merged = new Map(scanned.incidents.map((incident) => [incident.id, incident]))
    for (const incident of recent ?? []) merged.set(incident.id, incident)
    return selectReminders([...merged.values()], actor, now)
  }, [maySee, scanned, recent, actor, now])
}
