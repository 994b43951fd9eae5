import { useLiveQuery } from 'dexie-react-hooks'
import type { Ref } from 'react'
import { DESK_COMMANDS } from '../commands/deskCommands'
import { useDesk } from '../desk/deskContext'
import { readStateCounts } from '../store/counters'
import { queueQuery } from '../store/queue'
import { useUiActions } from '../ui/uiHooks'
import { EmptyQueue } from './EmptyQueue'
import { QueueAnnouncement } from './QueueAnnouncement'
import { QueueTable } from './QueueTable'

const HEADING_ID = 'queue-heading'

/** The desk's home: every open incident, most urgent first. */
export function QueueScreen({ headingRef }: { headingRef: Ref<HTMLHeadingElement> }) {
  const { db } = useDesk()
  const { logDialogOpened } = useUiActions()
  const incidents = useLiveQuery(() => queueQuery(db, { scope: 'open' }), [db])
  // The store keeps per-state counters; counting the table on every render would not scale.
  const counts = useLiveQuery(() => readStateCounts(db), [db])
  const openCount = counts ? counts.new + counts.in_progress + counts.on_hold : undefined
  const logCommand = DESK_COMMANDS['incident.new']

  return (
    <section className="queue" aria-labelledby={HEADING_ID}>
      <div className="queue__toolbar">
        <div className="queue__title">
          <h1 id={HEADING_ID} tabIndex={-1} ref={headingRef}>
            Incident queue
          </h1>
          {openCount ? <p className="queue__count">{openCount} open</p> : null}
        </div>
        <button
          type="button"
          className="button button--primary"
          onClick={logDialogOpened}
          aria-keyshortcuts={logCommand.ariaKeyShortcuts}
        >
          {logCommand.label}
          <kbd className="button__shortcut" aria-hidden="true">
            {logCommand.bareKey.toUpperCase()}
          </kbd>
        </button>
      </div>
      <QueueAnnouncement />
      {incidents === undefined ? null : incidents.length === 0 ? (
        <EmptyQueue />
      ) : (
        <QueueTable incidents={incidents} labelledBy={HEADING_ID} />
      )}
    </section>
  )
}
