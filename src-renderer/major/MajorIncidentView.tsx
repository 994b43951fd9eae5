import { useId, useState } from 'react'
import type { Incident } from '../../src-shared/incident/incident'
import { checkPermission } from '../../src-shared/incident/lifecycle'
import { useDesk } from '../desk/deskContext'
import { IncidentNumber } from '../incident/IncidentNumber'
import { PriorityBadge } from '../incident/PriorityBadge'
import { StateBadge } from '../incident/StateBadge'
import { useUiActions } from '../ui/uiHooks'
import { ChildIncidents } from './ChildIncidents'
import { CommunicationLog } from './CommunicationLog'
import { useNow } from './countdown'
import { MajorDetailsForm } from './MajorDetailsForm'
import { cadenceLabel } from './majorViewModel'
import { NextUpdateClock } from './NextUpdateClock'
import { PostIncidentReview } from './PostIncidentReview'
import { PostUpdateForm } from './PostUpdateForm'
import { ResolveMajorForm } from './ResolveMajorForm'
import { refusalText, t } from '../i18n/activeLanguage'
import { Rich } from '../i18n/Rich'
import './major.css'

/**
 * The incident manager's screen for one major incident: who runs it and what it touches, the
 * next-update clock and the communication log, the child incidents, the resolve that restores
 * them all, and the review afterwards. Everything on one page so the bridge between users and
 * specialists never hunts for a control.
 */
export function MajorIncidentView({ incident, onBack }: { incident: Incident; onBack: () => void }) {
  const headingId = useId()
  const now = useNow()
  const { session } = useDesk()
  const { incidentOpened } = useUiActions()
  const [resolvedSummary, setResolvedSummary] = useState<string | null>(null)
  const canPost = checkPermission(incident, 'postMajorUpdate', session.actor)

  return (
    <article className="major-view" aria-labelledby={headingId}>
      <header className="major-view__header">
        <button type="button" className="button button--quiet button--small" onClick={onBack}>
          ← {t('major.screen.all')}
        </button>
        <h1 id={headingId} className="major-view__title" tabIndex={-1}>
          <span className="tag tag--major major-view__tag">{t('major.tag')}</span>
          <IncidentNumber number={incident.number} provisional={incident.numberIsProvisional} />{' '}
          <span className="major-view__description" translate="no">
            {incident.shortDescription}
          </span>
        </h1>
        <p className="major-view__facts">
          <PriorityBadge priority={incident.priority} />
          <StateBadge state={incident.state} />
          <span>
            <Rich id="major.view.manager" values={{ name: incident.incidentManager ? <span translate="no">{incident.incidentManager.displayName}</span> : t('major.none') }} />
          </span>
          <span>
            <Rich id="major.view.services" values={{ services: incident.affectedServices.length > 0 ? <span translate="no">{incident.affectedServices.join(', ')}</span> : t('major.view.notNamed') }} />
          </span>
          <span>{incident.majorUpdateCadenceMinutes ? cadenceLabel(incident.majorUpdateCadenceMinutes) : t('major.view.noCadence')}</span>
          <button type="button" className="button button--quiet button--small" onClick={() => incidentOpened(incident.id)}>
            {t('major.view.openIncident')}
          </button>
        </p>
        <NextUpdateClock incident={incident} now={now} />
        <p role="status" className="major__confirmation major-view__resolved">
          {resolvedSummary}
        </p>
      </header>

      <div className="major-view__columns">
        <div className="major-view__column">
          <section className="major-section" aria-label={t('major.view.update')}>
            <h2 className="major-section__title">{t('major.view.post')}</h2>
            {canPost ? <p className="form__hint">{refusalText(canPost)}</p> : <PostUpdateForm incident={incident} />}
          </section>
          <CommunicationLog incident={incident} now={now} />
        </div>
        <div className="major-view__column">
          <MajorDetailsForm key={`${incident.incidentManager?.userId}|${incident.affectedServices.join(',')}|${incident.majorUpdateCadenceMinutes}`} incident={incident} />
          <ChildIncidents incident={incident} />
          <ResolveMajorForm incident={incident} onResolved={setResolvedSummary} />
          <PostIncidentReview incident={incident} />
        </div>
      </div>
    </article>
  )
}
