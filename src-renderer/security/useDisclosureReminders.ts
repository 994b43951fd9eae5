import { useMemo } from 'react'
import { canSeeSecurityIncidents } from '../../src-shared/incident/visibility'
import { useDeskQuery } from '../data-worker/useDeskQuery'
import { useDesk } from '../desk/deskContext'
import { useNow } from '../major/countdown'
import { useConnection } from '../ui/uiHooks'
import { selectReminders, type DisclosureReminder } from './disclosureViewModel'

/**
 * Disclosure deadlines due soon or overdue on every security incident the person at the desk
 * may see, re-evaluated every 30 seconds.
 *
 * Answered by the data worker through the `securityFlag` index, which holds only security
 * incidents, so it reads those rows alone. Asked again after any incident write (a change notice
 * does not say which incidents are security ones; a trigger recorded here or pulled from another
 * desk shows at once).
 */
export function useDisclosureReminders(): DisclosureReminder[] {
  const { data, session } = useDesk()
  useConnection()
  const actor = session.actor
  // Nobody outside the security group reads security incidents, not even to count them.
  const maySee = canSeeSecurityIncidents(actor.role)
  const incidents = useDeskQuery(async () => (maySee ? data.disclosureTrackingIncidents(actor) : []), [data, maySee, actor], ['incidents'])
  const now = useNow(30_000)

  return useMemo(() => {
    if (!maySee || !incidents) return []
    return selectReminders(incidents, actor, now)
  }, [maySee, incidents, actor, now])
}
