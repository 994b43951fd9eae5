import { PRIORITY_LABELS, type Priority } from '../../src-shared/incident/priority'

/** The priority as words ("P2 High"); the colour only repeats what the text says. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <span className="badge priority-badge" data-priority={priority}>
      {PRIORITY_LABELS[priority]}
    </span>
  )
}
