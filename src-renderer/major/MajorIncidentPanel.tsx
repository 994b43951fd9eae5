import { useId } from 'react'
import type { Incident } from '../../src-shared/incident/incident'
import { checkPermission } from '../../src-shared/incident/lifecycle'
import { useDesk } from '../desk/deskContext'
import { formatFullTimestamp, formatShortTimestamp } from '../incident/formatTimestamp'
import { useMajorViewActions } from '../ui/uiHooks'
import { useNow } from './countdown'
import { cadenceLabel } from './majorViewModel'
import { NextUpdateClock } from './NextUpdateClock'
import { PostUpdateForm } from './PostUpdateForm'
import { t } from '../i18n/activeLanguage'
import { Rich } from '../i18n/Rich'
import type { ReactNode } from 'react'
import './major.css'

/**
 * A major incident's essentials inside the incident view: who runs it, what it touches, the
 * next-update clock, the last update, and a quick stakeholder update. The full major-incident
 * view (children, resolve, review) is one button away.
 */
export function MajorIncidentPanel({ incident }: { incident: Incident }) {
  const headingId = useId()
  const now = useNow()
  const { session } = useDesk()
  const { majorIncidentViewOpened } = useMajorViewActions()
  const last = incident.majorUpdates.at(-1)
  const children = incident.links.filter((link) => link.kind === 'child').length
  const canPost = checkPermission(incident, 'postMajorUpdate', session.actor) === undefined

  return (
    <section className="major-panel" aria-labelledby={headingId}>
      <div className="major-panel__header">
        <h3 id={headingId} className="major-panel__title">
          <span className="tag tag--major">{t('major.tag')}</span> {t('major.panel.title')}
        </h3>
        <button type="button" className="button button--small" onClick={() => majorIncidentViewOpened(incident.id)}>
          {t('major.panel.open')}
        </button>
      </div>
      <dl className="major-panel__facts">
        <div>
          <dt>{t('major.manager')}</dt>
          <dd>{incident.incidentManager?.displayName ?? t('major.panel.none')}</dd>
        </div>
        <div>
          <dt>{t('major.panel.services')}</dt>
          <dd>{incident.affectedServices.length > 0 ? incident.affectedServices.join(', ') : t('major.panel.notNamed')}</dd>
        </div>
        <div>
          <dt>{t('major.panel.cadence')}</dt>
          <dd>{incident.majorUpdateCadenceMinutes ? cadenceLabel(incident.majorUpdateCadenceMinutes) : t('major.panel.none')}</dd>
        </div>
        <div>
          <dt>{t('major.panel.children')}</dt>
          <dd>{t('major.childCount', { count: children })}</dd>
        </div>
      </dl>
      <NextUpdateClock incident={incident} now={now} />
      {last ? (
        <p className="major-panel__last">
          <Rich
            id="major.panel.last"
            values={{
              audience: last.audience,
              name: last.by.displayName,
              at: formatShortTimestamp(last.at, new Date(now)),
              text: last.text,
              time: (chunks: ReactNode[]) => (
                <time dateTime={last.at} title={formatFullTimestamp(last.at)}>
                  {chunks}
                </time>
              ),
            }}
          />
        </p>
      ) : (
        <p className="major-panel__last">{t('major.log.none')}</p>
      )}
      {canPost ? <PostUpdateForm incident={incident} compact /> : null}
    </section>
  )
}
