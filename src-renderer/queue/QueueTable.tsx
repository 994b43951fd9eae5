import type { KeyboardEvent } from 'react'
import type { Incident } from '../../src-shared/incident/incident'
import { formatFullTimestamp, formatShortTimestamp } from '../incident/formatTimestamp'
import { IncidentNumber } from '../incident/IncidentNumber'
import { PriorityBadge } from '../incident/PriorityBadge'
import { StateBadge } from '../incident/StateBadge'
import { useUiActions } from '../ui/uiHooks'

/**
 * The open incidents in queue order (the store's query decides the order; this only draws it).
 * The number is each row's header cell, so a screen reader announces "INC0000042" as it moves
 * along a row. It is also the row's button: Tab reaches it, Enter opens the incident, and the
 * arrow keys move between rows. A click anywhere on the row opens it too.
 */
export function QueueTable({ incidents, labelledBy }: { incidents: readonly Incident[]; labelledBy: string }) {
  const now = new Date()
  const { incidentOpened } = useUiActions()

  function moveFocus(event: KeyboardEvent<HTMLTableSectionElement>): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-row-open]')]
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
    if (index === -1) return
    const next = buttons[index + (event.key === 'ArrowDown' ? 1 : -1)]
    if (!next) return
    event.preventDefault()
    next.focus()
  }

  return (
    <div className="table-frame">
      <table className="queue-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Priority</th>
            <th scope="col">State</th>
            <th scope="col" className="queue-table__description">
              Short description
            </th>
            <th scope="col">Caller</th>
            <th scope="col">Assigned to</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody onKeyDown={moveFocus}>
          {incidents.map((incident) => (
            <tr key={incident.id} className="queue-table__row" onClick={() => incidentOpened(incident.id)}>
              <th scope="row" className="queue-table__number">
                <button
                  type="button"
                  className="queue-table__open"
                  data-row-open=""
                  aria-haspopup="dialog"
                  onClick={(event) => {
                    // The row's own click handler opens it; one opening per click.
                    event.stopPropagation()
                    incidentOpened(incident.id)
                  }}
                >
                  <IncidentNumber number={incident.number} provisional={incident.numberIsProvisional} />
                </button>
              </th>
              <td>
                <PriorityBadge priority={incident.priority} />
              </td>
              <td>
                <StateBadge state={incident.state} />
              </td>
              <td className="queue-table__description">
                {incident.shortDescription}
                {incident.isMajor ? <span className="tag tag--major">Major incident</span> : null}
                {incident.needsAttention.length > 0 ? <span className="tag tag--attention">Needs attention</span> : null}
              </td>
              <td>
                {incident.caller.name}
                {incident.caller.vip ? <span className="tag tag--vip">VIP</span> : null}
              </td>
              <td className={incident.assignee ? undefined : 'queue-table__muted'}>
                {incident.assignee?.displayName ?? incident.assignmentGroup ?? 'Unassigned'}
              </td>
              <td className="queue-table__updated">
                <time dateTime={incident.updatedAt} title={formatFullTimestamp(incident.updatedAt)}>
                  {formatShortTimestamp(incident.updatedAt, now)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
