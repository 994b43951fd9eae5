import { useId, memo } from 'react'
import type { Incident } from '../../src-shared/incident/incident'
import { formatFullTimestamp, formatShortTimestamp } from '../incident/formatTimestamp'
import { t } from '../i18n/activeLanguage'

function When({ at }: { at: string }) {
  return (
    <time dateTime={at} title={formatFullTimestamp(at)}>
      {formatShortTimestamp(at)}
    </time>
  )
}

/**
 * Where a monitoring source's incident came from: the source, the alert's key and severity, how
 * often it fired and when, and what the source last said about it (acknowledged, recovered).
 * Nothing for an incident a person logged.
 */
function AlertOriginView({ incident }: { incident: Incident }) {
  const headingId = useId()
  const alert = incident.alert
  if (!alert) return null
  const atSource = alert.recoveredAtSource ? (
    t('alert.recoveredAt', { time: formatShortTimestamp(alert.recoveredAtSource) })
  ) : alert.acknowledgedAtSource ? (
    t('alert.acknowledgedAt', { time: formatShortTimestamp(alert.acknowledgedAtSource) })
  ) : (
    t('alert.firing')
  )
  return (
    <section className="incident-view__section alert-origin" aria-labelledby={headingId}>
      <h3 id={headingId} className="side-panel__section-title">
        {t('alert.title')}
      </h3>
      <dl className="alert-origin__facts">
        <dt>{t('alert.source')}</dt>
        <dd translate="no">{alert.sourceName}</dd>
        <dt>{t('alert.occurrences')}</dt>
        <dd data-testid="alert-occurrences">{t('alert.occurrenceCount', { count: alert.occurrences })}</dd>
        <dt>{t('alert.firstSeen')}</dt>
        <dd>
          <When at={alert.firstSeenAt} />
        </dd>
        <dt>{t('alert.lastSeen')}</dt>
        <dd>
          <When at={alert.lastSeenAt} />
        </dd>
        {alert.severity ? (
          <>
            <dt>{t('alert.severity')}</dt>
            <dd translate="no">{alert.severity}</dd>
          </>
        ) : null}
        <dt>{t('alert.atSource')}</dt>
        <dd>{atSource}</dd>
        <dt>{t('alert.key')}</dt>
        <dd translate="no" className="alert-origin__key">
          {alert.dedupKey}
        </dd>
      </dl>
    </section>
  )
}

/**
 * A storm of alerts on one service proposed this incident as a major one. The banner says so and
 * offers the declaration to whoever may make it; the desk never declares one by itself.
 */
function StormProposalBannerView({ incident, onDeclare }: { incident: Incident; onDeclare: (() => void) | null }) {
  const proposal = incident.stormProposal
  if (!proposal || incident.isMajor) return null
  return (
    <section className="incident-view__section storm-proposal" role="note" aria-label={t('alert.storm.title')}>
      <p className="storm-proposal__title">{t('alert.storm.title')}</p>
      <p>{t('alert.storm.body', { alerts: proposal.alerts, service: proposal.service, source: proposal.sourceName, minutes: proposal.windowMinutes })}</p>
      {onDeclare ? (
        <button type="button" className="button button--small" onClick={onDeclare}>
          {t('alert.storm.declare')}
        </button>
      ) : (
        <p className="side-panel__note">{t('alert.storm.notYours')}</p>
      )}
    </section>
  )
}

/** Drawn again only when their props change: the incident view re-renders with every step taken in it. */
export const AlertOrigin = memo(AlertOriginView)
export const StormProposalBanner = memo(StormProposalBannerView)
