import { type Priority } from '../../src-shared/incident/priority'
import { t } from '../i18n/activeLanguage'

/** The priority as words ("P2 High"); the colour only repeats what the text says. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <span className="badge priority-badge" data-priority={priority}>
      {t(`priority.${priority}`)}
    </span>
  )
}
