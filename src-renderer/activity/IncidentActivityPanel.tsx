import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useId, useMemo, useState } from 'react'
import { CHANNEL_LABELS } from '../../src-shared/incident/vocabulary'
import { useDesk } from '../desk/deskContext'
import { IncidentNumber } from '../incident/IncidentNumber'
import { PriorityBadge } from '../incident/PriorityBadge'
import { StateBadge } from '../incident/StateBadge'
import { eventsOfIncident } from '../store/refold'
import { fromRecord } from '../store/records'
import { useSyncController } from '../sync-status/syncControllerContext'
import { useConnection, useUiActions } from '../ui/uiHooks'
import { buildActivity } from './activityEntries'
import { ActivityTimeline } from './ActivityTimeline'
import { IncidentQuickActions } from './IncidentQuickActions'
import { useModalDialogRef } from '../ui/useModalDialogRef'

/**
 * One incident's header and its activity timeline, in a modal side panel over the queue (Escape
 * or Close returns to the row that opened it). A minimal incident view: the full one with every
 * workflow step is a later issue.
 *
 * On a desk that started from the server's snapshot, the incident's early events are not here;
 * opening it fetches its whole history while signed in.
 */
export function IncidentActivityPanel({ incidentId }: { incidentId: string }) {
  const titleId = useId()
  const timelineId = useId()
  const { db } = useDesk()
  const controller = useSyncController()
  const connection = useConnection()
  const { incidentClosed } = useUiActions()
  const [historyNote, setHistoryNote] = useState<string | null>(null)

  const held = useLiveQuery(async () => {
    const [record, events, base, outbox] = await Promise.all([
      db.incidents.get(incidentId),
      eventsOfIncident(db, incidentId),
      db.incidentBases.get(incidentId),
      db.outbox.where('incidentId').equals(incidentId).toArray(),
    ])
    return { record, events, base, outbox }
  }, [db, incidentId])

  const signedIn = connection.status === 'signedIn'
  useEffect(() => {
    if (!signedIn) return
    let current = true
    void controller.loadIncidentHistory(incidentId).then((result) => {
      if (current) setHistoryNote(result && !result.ok ? `Older activity could not be fetched: ${result.failure.message}` : null)
    })
    return () => {
      current = false
    }
  }, [controller, incidentId, signedIn])

  const activity = useMemo(() => (held ? buildActivity(held.events, held.base) : null), [held])
  const outboxState = useMemo(
    () => new Map((held?.outbox ?? []).map((entry) => [entry.eventId, entry.status] as const)),
    [held],
  )

  const showModal = useModalDialogRef()

  const incident = held?.record ? fromRecord(held.record) : undefined

  return (
    <dialog
      ref={showModal}
      className="dialog side-panel"
      aria-labelledby={titleId}
      onClose={(event) => {
        if (!event.currentTarget.open) incidentClosed()
      }}
    >
      <div className="side-panel__header">
        <div className="side-panel__heading">
          <h2 id={titleId} className="dialog__title side-panel__title">
            {incident ? (
              <>
                <IncidentNumber number={incident.number} provisional={incident.numberIsProvisional} />{' '}
                <span className="side-panel__description">{incident.shortDescription}</span>
              </>
            ) : (
              'Incident'
            )}
          </h2>
          {incident ? (
            <p className="side-panel__facts">
              <PriorityBadge priority={incident.priority} />
              <StateBadge state={incident.state} />
              <span>
                Caller <strong>{incident.caller.name}</strong> · {CHANNEL_LABELS[incident.channel]}
              </span>
              <span>{incident.assignee ? <>Assigned to <strong>{incident.assignee.displayName}</strong></> : 'Unassigned'}</span>
              {incident.needsAttention.length > 0 ? <span className="tag tag--attention">Needs attention</span> : null}
            </p>
          ) : null}
        </div>
        <button type="button" className="button button--quiet button--small" onClick={incidentClosed}>
          Close
        </button>
      </div>

      {held && !incident ? <p role="status">This incident is no longer on this desk.</p> : null}
      {incident ? <IncidentQuickActions incident={incident} /> : null}

      <h3 id={timelineId} className="side-panel__section-title">
        Activity
      </h3>
      {held?.base ? (
        <p className="side-panel__note" role="status">
          {signedIn
            ? 'Fetching the earlier activity from the sync server…'
            : 'Earlier activity is on the sync server; it appears here when the desk is signed in.'}
        </p>
      ) : null}
      {historyNote ? (
        <p className="side-panel__note" role="status">
          {historyNote}
        </p>
      ) : null}
      {activity ? <ActivityTimeline entries={activity.entries} outbox={outboxState} syncs={connection.status !== 'standalone'} labelledBy={timelineId} /> : null}
    </dialog>
  )
}
