import { useId, memo } from 'react'
import type { Incident } from '../../src-shared/incident/incident'
import { LINK_KINDS } from '../../src-shared/incident/vocabulary'
import { IncidentNumber } from '../incident/IncidentNumber'
import { StateBadge } from '../incident/StateBadge'
import { t } from '../i18n/activeLanguage'

interface Props {
  incident: Incident
  /** The linked incidents this desk holds, by id. */
  linked: ReadonlyMap<string, Incident>
  onOpen: (incidentId: string) => void
  /** Opens the link dialog; null when linking is not allowed (the reason is in the action bar). */
  onAdd: (() => void) | null
}

/** Parent/child, duplicates and related incidents, grouped by kind, each one a click away. */
function LinksSectionView({ incident, linked, onOpen, onAdd }: Props) {
  const headingId = useId()
  const groups = LINK_KINDS.map((kind) => ({ kind, links: incident.links.filter((link) => link.kind === kind) })).filter((group) => group.links.length)
  return (
    <section className="incident-view__section" aria-labelledby={headingId}>
      <div className="incident-view__section-head">
        <h3 id={headingId} className="side-panel__section-title">
          {t('links.title')}
        </h3>
        {onAdd ? (
          <button type="button" className="button button--small button--quiet" onClick={onAdd}>
            {t('links.add')}
          </button>
        ) : null}
      </div>
      {groups.length === 0 ? <p className="side-panel__note">{t('links.none')}</p> : null}
      {groups.map((group) => (
        <div key={group.kind} className="incident-links">
          <p className="incident-links__kind">{t('links.kind', { kind: t(`linkSide.${group.kind}`) })}</p>
          <ul className="incident-links__list">
            {group.links.map((link) => {
              const other = linked.get(link.incidentId)
              return (
                <li key={link.incidentId}>
                  {other ? (
                    <button type="button" className="incident-links__open" onClick={() => onOpen(link.incidentId)}>
                      <IncidentNumber number={other.number} provisional={other.numberIsProvisional} />
                      <span className="incident-links__text" translate="no">
                        {other.shortDescription}
                      </span>
                    </button>
                  ) : (
                    <span className="side-panel__note">{t('links.notOnDesk')}</span>
                  )}
                  {other ? <StateBadge state={other.state} /> : null}
                </li>
              )
            })}
          </ul>
        </div>
      ))}
    </section>
  )
}

/** Drawn again only when its props change: the incident view re-renders with every step taken in it. */
export const LinksSection = memo(LinksSectionView)
