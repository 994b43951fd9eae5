import { useId } from 'react'
import { PriorityBadge } from '../incident/PriorityBadge'
import { StateBadge } from '../incident/StateBadge'
import type { SearchHit } from '../../src-shared/search/searchHit'
import { t } from '../i18n/activeLanguage'

/** What a possible duplicate shows: number, state, priority and short description. */
type SimilarIncident = Pick<SearchHit, 'id' | 'number' | 'state' | 'priority' | 'shortDescription'>

interface Props {
  incidents: readonly SimilarIncident[]
  onOpen: (incidentId: string) => void
}

/**
 * Open incidents that look like the one being typed: the agent can open one (over the form,
 * which keeps its draft) and add to it instead of logging the same outage twice.
 */
export function PossibleDuplicates({ incidents, onOpen }: Props) {
  const headingId = useId()
  const count = incidents.length
  return (
    <>
      {/* Always in the page: a live region must exist before it speaks. */}
      <p role="status" className="visually-hidden">
        {count === 0 ? '' : t('log.duplicatesCount', { count })}
      </p>
      {count === 0 ? null : <DuplicateList headingId={headingId} incidents={incidents} onOpen={onOpen} />}
    </>
  )
}

function DuplicateList({ headingId, incidents, onOpen }: Props & { headingId: string }) {
  return (
    <section className="possible-duplicates" aria-labelledby={headingId}>
      <h3 id={headingId} className="possible-duplicates__title">
        {t('log.duplicates')}
      </h3>
      <ul className="possible-duplicates__list">
        {incidents.map((incident) => (
          <li key={incident.id} className="possible-duplicates__item">
            <button
              type="button"
              className="button button--small"
              onClick={() => onOpen(incident.id)}
              aria-label={t('log.openDuplicate', { number: incident.number, title: incident.shortDescription })}
            >
              {incident.number}
            </button>
            <StateBadge state={incident.state} />
            <PriorityBadge priority={incident.priority} />
            <span className="possible-duplicates__text">{incident.shortDescription}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
