import { useId } from 'react'
import type { Incident } from '../../src-shared/incident/incident'
import { formatFullTimestamp, formatShortTimestamp } from '../incident/formatTimestamp'
import { t } from '../i18n/activeLanguage'

/** The stakeholder updates posted so far, newest first: who wrote to whom, when, and what was promised next. */
export function CommunicationLog({ incident, now }: { incident: Incident; now: number }) {
  const headingId = useId()
  const updates = [...incident.majorUpdates].reverse()
  return (
    <section className="major-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="major-section__title">
        {t('major.log.title')} <span className="major-section__count">({incident.majorUpdates.length})</span>
      </h2>
      {updates.length === 0 ? (
        <p className="major__empty">{t('major.log.none')}</p>
      ) : (
        <ol className="major-log" aria-labelledby={headingId}>
          {updates.map((update) => (
            <li key={update.id} className="major-log__item">
              <p className="major-log__meta">
                <strong>{t('major.log.to', { audience: update.audience })}</strong> · <span translate="no">{update.by.displayName}</span> ·{' '}
                <time dateTime={update.at} title={formatFullTimestamp(update.at)}>
                  {formatShortTimestamp(update.at, new Date(now))}
                </time>
              </p>
              <p className="major-log__text" translate="no">
                {update.text}
              </p>
              <p className="major-log__next">
                {update.nextUpdateDueAt ? (
                  <>
                    {t('major.log.nextPromised')}{' '}
                    <time dateTime={update.nextUpdateDueAt} title={formatFullTimestamp(update.nextUpdateDueAt)}>
                      {formatShortTimestamp(update.nextUpdateDueAt, new Date(now))}
                    </time>
                  </>
                ) : (
                  t('major.log.noneFurther')
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
