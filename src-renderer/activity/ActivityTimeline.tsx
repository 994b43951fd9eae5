import { memo } from 'react'
import type { ActivityEntry } from './activityEntries'
import { ActivityEntryItem, type EntrySyncState } from './ActivityEntryItem'

type OutboxStates = ReadonlyMap<string, 'pending' | 'refused'>

interface Props {
  /** What the store holds, oldest first. */
  entries: readonly ActivityEntry[]
  /** Steps taken here and still being saved (savingSteps.ts), oldest first: always the newest. */
  saving: readonly ActivityEntry[]
  /** Outbox state by event id, for this desk's own changes the server has not accepted. */
  outbox: OutboxStates
  /** The desk syncs (or did): only then is "not yet synced" worth saying. */
  syncs: boolean
  labelledBy: string
  onOpenIncident?: (incidentId: string) => void
}

/**
 * The incident's history, newest first: the step just taken is where the eye lands. The steps
 * being saved are drawn apart from the stored history, so taking a step draws one entry: the
 * stored part keeps its props and React skips it, however long the history.
 */
export function ActivityTimeline({ entries, saving, outbox, syncs, labelledBy, onOpenIncident }: Props) {
  return (
    <ol className="activity-timeline" aria-labelledby={labelledBy} reversed>
      {[...saving].reverse().map((entry) => (
        <ActivityEntryItem key={entry.eventId} entry={entry} syncState="saving" onOpenIncident={onOpenIncident} />
      ))}
      <StoredEntries entries={entries} outbox={outbox} syncs={syncs} onOpenIncident={onOpenIncident} />
    </ol>
  )
}

const StoredEntries = memo(function StoredEntries({ entries, outbox, syncs, onOpenIncident }: Omit<Props, 'saving' | 'labelledBy'>) {
  return [...entries].reverse().map((entry) => {
    const queued = outbox.get(entry.eventId)
    const syncState: EntrySyncState = queued === 'refused' ? 'refused' : !syncs ? 'local' : entry.pending ? 'pending' : 'synced'
    return <ActivityEntryItem key={entry.eventId} entry={entry} syncState={syncState} onOpenIncident={onOpenIncident} />
  })
})
