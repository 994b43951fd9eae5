import type { Incident } from '../../src-shared/incident/incident'
import { formatFullTimestamp, formatShortTimestamp } from '../incident/formatTimestamp'
import { PriorityBadge } from '../incident/PriorityBadge'
import { StateBadge } from '../incident/StateBadge'

/**
 * The open incidents in queue order (the store's query decides the order; this only draws it).
 * The number is each row's header cell, so a screen reader announces "INC0000042" as it moves
 * along a row.
 */
export function QueueTable({ incidents, labelledBy }: { incidents: readonly Incident[]; labelledBy: string }) {
  const now = new Date()
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
        <tbody>
          {incidents.map((incident) => (
            <tr key={incident.id}>
              <th scope="row" className="queue-table__number">
                {incident.number}
                {incident.numberIsProvisional ? <span className="queue-table__note"> (provisional)</span> : null}
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
