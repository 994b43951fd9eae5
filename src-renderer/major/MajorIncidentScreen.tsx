import { useEffect, useRef } from 'react'
import { useMajorIncidentId, useMajorViewActions } from '../ui/uiHooks'
import { useIncident } from './majorData'
import { MajorIncidentList } from './MajorIncidentList'
import { MajorIncidentView } from './MajorIncidentView'
import { t } from '../i18n/activeLanguage'
import './major.css'

/** The 'major' screen: the list of running major incidents, or one of them in full. */
export function MajorIncidentScreen() {
  const incidentId = useMajorIncidentId()
  const { majorIncidentViewOpened } = useMajorViewActions()
  const incident = useIncident(incidentId)
  const screen = useRef<HTMLDivElement>(null)
  const loaded = incident !== undefined

  // A screen change moves focus to its heading, so keyboard and screen-reader users land on it.
  useEffect(() => {
    screen.current?.querySelector<HTMLElement>('h1')?.focus()
  }, [incidentId, loaded])

  return (
    <div className="major-screen" ref={screen}>
      {incidentId === null ? (
        <MajorIncidentList onOpen={majorIncidentViewOpened} />
      ) : incident === undefined ? (
        <p role="status">{t('major.loading')}</p>
      ) : incident === null ? (
        <div className="major-list">
          <p role="status">{t('major.screen.gone')}</p>
          <button type="button" className="button" onClick={() => majorIncidentViewOpened(null)}>
            {t('major.screen.all')}
          </button>
        </div>
      ) : (
        <MajorIncidentView incident={incident} onBack={() => majorIncidentViewOpened(null)} />
      )}
    </div>
  )
}
