import { useId } from 'react'
import type { Incident } from '../../src-shared/incident/incident'
import { checkPermission } from '../../src-shared/incident/lifecycle'
import { useDesk } from '../desk/deskContext'
import { formatFullTimestamp, formatShortTimestamp } from '../incident/formatTimestamp'
import { useMajorViewActions } from '../ui/uiHooks'
import { useNow } from './countdown'
import { cadenceLabel, plural } from './majorViewModel'
import { NextUpdateClock } from './NextUpdateClock'
import { PostUpdateForm } from './PostUpdateForm'
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
          <span className="tag tag--major">Major</span> Major incident
        </h3>
        <button type="button" className="button button--small" onClick={() => majorIncidentViewOpened(incident.id)}>
          Open major-incident view
        </button>
      </div>
      <dl className="major-panel__facts">
        <div>
          <dt>Incident manager</dt>
          <dd>{incident.incidentManager?.displayName ?? 'None'}</dd>
        </div>
        <div>
          <dt>Affected services</dt>
          <dd>{incident.affectedServices.length > 0 ? incident.affectedServices.join(', ') : 'Not named'}</dd>
        </div>
        <div>
          <dt>Cadence</dt>
          <dd>{incident.majorUpdateCadenceMinutes ? cadenceLabel(incident.majorUpdateCadenceMinutes) : 'None'}</dd>
        </div>
        <div>
          <dt>Children</dt>
          <dd>{plural(children, 'child incident')}</dd>
        </div>
      </dl>
      <NextUpdateClock incident={incident} now={now} />
      {last ? (
        <p className="major-panel__last">
          Last update to <strong>{last.audience}</strong> by {last.by.displayName},{' '}
          <time dateTime={last.at} title={formatFullTimestamp(last.at)}>
            {formatShortTimestamp(last.at, new Date(now))}
          </time>
          : {last.text}
        </p>
      ) : (
        <p className="major-panel__last">No stakeholder update posted yet.</p>
      )}
      {canPost ? <PostUpdateForm incident={incident} compact /> : null}
    </section>
  )
}
