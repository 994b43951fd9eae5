import { useId, memo } from 'react'
import type { Incident } from '../../src-shared/incident/incident'
import { formatFullTimestamp, formatShortTimestamp } from '../incident/formatTimestamp'
import { t } from '../i18n/activeLanguage'

/** Every escalation of the incident, newest first: where it went or whom it told, and why. */
function EscalationHistoryView({ incident }: { incident: Incident }) {
  const headingId = useId()
  const escalations = [...incident.escalations].reverse()
  return (
    <section className="incident-view__section" aria-labelledby={headingId}>
      <h3 id={headingId} className="side-panel__section-title">
        {t('escalations.title')}
      </h3>
      {escalations.length === 0 ? (
        <p className="side-panel__note">{t('escalations.none', { level: t(`level.${incident.level}`) })}</p>
      ) : (
        <ol className="escalations" aria-labelledby={headingId}>
          {escalations.map((escalation) => (
            <li key={`${escalation.at}-${escalation.kind}`} className="escalation" data-kind={escalation.kind}>
              <p className="escalation__what">
                <span className="escalation__kind">{escalation.kind === 'functional' ? t('escalations.functional') : t('escalations.hierarchical')}</span>{' '}
                {escalation.kind === 'functional'
                  ? `${escalation.fromLevel ? t(`level.${escalation.fromLevel}`) : ''} → ${escalation.toLevel ? t(`level.${escalation.toLevel}`) : ''}, ${escalation.toGroup ?? ''}`
                  : t('escalations.managerNotified', { manager: escalation.manager ?? '' })}
              </p>
              <p className="escalation__reason">{t('escalations.reason', { reason: escalation.reason })}</p>
              <p className="escalation__meta">
                <span translate="no">{escalation.by.displayName}</span> ·{' '}
                <time dateTime={escalation.at} title={formatFullTimestamp(escalation.at)}>
                  {formatShortTimestamp(escalation.at)}
                </time>
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

/** Drawn again only when its props change: the incident view re-renders with every step taken in it. */
export const EscalationHistory = memo(EscalationHistoryView)
