import { useId, useState } from 'react'
import type { Incident } from '../../src-shared/incident/incident'
import { checkPermission } from '../../src-shared/incident/lifecycle'
import { useDesk } from '../desk/deskContext'
import { IncidentNumber } from '../incident/IncidentNumber'
import { PriorityBadge } from '../incident/PriorityBadge'
import { StateBadge } from '../incident/StateBadge'
import { useNow } from './countdown'
import { DeclareMajorDialog } from './DeclareMajorDialog'
import { useRunningMajorIncidents } from './majorData'
import { parseIncidentNumbers } from './majorViewModel'
import { NextUpdateClock } from './NextUpdateClock'
import { refusalText, t } from '../i18n/activeLanguage'
import './major.css'

/** Every major incident still being run, the most pressing update first, and a way to declare another. */
export function MajorIncidentList({ onOpen }: { onOpen: (incidentId: string) => void }) {
  const headingId = useId()
  const majors = useRunningMajorIncidents()
  const now = useNow()

  return (
    <section className="major-list" aria-labelledby={headingId}>
      <div className="major-list__toolbar">
        <h1 id={headingId} className="major-list__title" tabIndex={-1}>
          {t('major.list.title')}
        </h1>
        <span className="major-list__count">{majors ? t('major.runningCount', { count: majors.length }) : t('major.loading')}</span>
      </div>
      <DeclareByNumber onDeclared={onOpen} />
      {majors && majors.length === 0 ? <p className="major__empty">{t('major.list.none')}</p> : null}
      {majors && majors.length > 0 ? (
        <ul className="major-list__items" aria-labelledby={headingId}>
          {majors.map((incident) => (
            <MajorListItem key={incident.id} incident={incident} now={now} onOpen={onOpen} />
          ))}
        </ul>
      ) : null}
    </section>
  )
}

function MajorListItem({ incident, now, onOpen }: { incident: Incident; now: number; onOpen: (incidentId: string) => void }) {
  const children = incident.links.filter((link) => link.kind === 'child').length
  return (
    <li className="major-list__item">
      <div className="major-list__main">
        <button type="button" className="button button--quiet major-list__open" onClick={() => onOpen(incident.id)}>
          <IncidentNumber number={incident.number} provisional={incident.numberIsProvisional} /> <span>{incident.shortDescription}</span>
        </button>
        <p className="major-list__facts">
          <PriorityBadge priority={incident.priority} />
          <StateBadge state={incident.state} />
          <span>{t('major.list.manager', { name: incident.incidentManager?.displayName ?? t('major.none') })}</span>
          <span>{t('major.childCount', { count: children })}</span>
          <span>{t('major.updateCount', { count: incident.majorUpdates.length })}</span>
        </p>
      </div>
      <NextUpdateClock incident={incident} now={now} />
    </li>
  )
}

/** Declaring from here: the incident manager names the incident by number, without hunting for it in the queue. */
function DeclareByNumber({ onDeclared }: { onDeclared: (incidentId: string) => void }) {
  const ids = { number: useId(), error: useId() }
  const { data, session } = useDesk()
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [target, setTarget] = useState<Incident | null>(null)

  async function find() {
    setError(null)
    const parsed = parseIncidentNumbers(text)
    if (parsed.numbers.length !== 1 || parsed.invalid.length > 0) {
      setError(t('major.list.oneNumber'))
      return
    }
    const incident = await data.incidentByNumber(parsed.numbers[0]!, session.actor)
    if (!incident) {
      setError(t('major.notOnDesk', { number: parsed.numbers[0]! }))
      return
    }
    const refusal = checkPermission(incident, 'declareMajor', session.actor)
    if (refusal) {
      setError(refusalText(refusal))
      return
    }
    setTarget(incident)
  }

  return (
    <>
    <form
      className="form major-declare"
      aria-label={t('major.list.declareForm')}
      onSubmit={(event) => {
        event.preventDefault()
        void find()
      }}
    >
      <div className="form__field">
        <label htmlFor={ids.number}>{t('major.list.which')}</label>
        <input
          id={ids.number}
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="INC0000042"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? ids.error : undefined}
        />
      </div>
      <button type="submit" className="button button--small">
        {t('major.list.declare')}
      </button>
      <p id={ids.error} role="alert" className="form__error" data-empty={error === null}>
        {error}
      </p>
    </form>
      {target ? (
        <DeclareMajorDialog
          incident={target}
          onClose={(declared) => {
            setTarget(null)
            if (declared) {
              setText('')
              onDeclared(target.id)
            }
          }}
        />
      ) : null}
    </>
  )
}
