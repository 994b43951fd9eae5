import type { ActivityEntry } from './activityEntries'
import { ActivityEntryItem, type EntrySyncState } from './ActivityEntryItem'

interface Props {
  entries: readonly ActivityEntry[]
  /** Outbox state by event id, for this desk's own changes the server has not accepted. */
  outbox: ReadonlyMap<string, 'pending' | 'refused' | 'saving'>
  /** The desk syncs (or did): only then is "not yet synced" worth saying. */
  syncs: boolean
  labelledBy: string
  onOpenIncident?: (incidentId: string) => void
}

/** The incident's history, newest first: the step just taken is where the eye lands. */
export function ActivityTimeline({ entries, outbox, syncs, labelledBy, onOpenIncident }: Props) {
  const newestFirst = [...entries].reverse()
  return (
    <ol className="activity-timeline" aria-labelledby={labelledBy} reversed>
      {newestFirst.map((entry) => {
        const queued = outbox.get(entry.eventId)
        const syncState: EntrySyncState = queued === 'saving' ? 'saving' : queued === 'refused' ? 'refused' : !syncs ? 'local' : entry.pending ? 'pending' : 'synced'
        return <ActivityEntryItem key={entry.eventId} entry={entry} syncState={syncState} onOpenIncident={onOpenIncident} />
      })}
    </ol>
  )
}
