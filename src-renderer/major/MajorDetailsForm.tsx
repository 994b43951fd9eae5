import { useId, useState } from 'react'
import type { Incident } from '../../src-shared/incident/incident'
import { checkPermission } from '../../src-shared/incident/lifecycle'
import { useDesk } from '../desk/deskContext'
import { useIncidentActors, useStoreCommand } from './majorData'
import { incidentManagerCandidates, splitList } from './majorViewModel'
import { ScopeFields } from './ScopeFields'
import { refusalText, t } from '../i18n/activeLanguage'

/**
 * The incident manager, the affected services and the update cadence, edited in place. Only
 * the changed fields go into the command, so two people editing different fields both win.
 */
export function MajorDetailsForm({ incident }: { incident: Incident }) {
  const ids = { manager: useId(), error: useId(), heading: useId() }
  const { session } = useDesk()
  const actor = session.actor
  const actorsSeen = useIncidentActors(incident.id)
  const candidates = incidentManagerCandidates(actor, incident.incidentManager, actorsSeen ?? [])
  const [managerId, setManagerId] = useState(incident.incidentManager?.userId ?? actor.userId)
  const [services, setServices] = useState(incident.affectedServices.join(', '))
  const [cadence, setCadence] = useState(incident.majorUpdateCadenceMinutes ?? 30)
  const [saved, setSaved] = useState<string | null>(null)
  const { run, busy, error } = useStoreCommand()
  const refusal = checkPermission(incident, 'updateMajor', actor)

  async function save() {
    setSaved(null)
    const manager = candidates.find((person) => person.userId === managerId)
    const nextServices = splitList(services)
    const result = await run({
      action: 'updateMajor',
      incidentId: incident.id,
      ...(manager && manager.userId !== incident.incidentManager?.userId ? { incidentManager: manager } : {}),
      ...(nextServices.join('\n') !== incident.affectedServices.join('\n') ? { affectedServices: nextServices } : {}),
      ...(cadence !== incident.majorUpdateCadenceMinutes ? { updateCadenceMinutes: cadence } : {}),
    })
    if (result.ok) setSaved(t('major.details.saved'))
  }

  return (
    <section className="major-section" aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="major-section__title">
        {t('major.details.title')}
      </h2>
      <form
        className="form major-details"
        aria-labelledby={ids.heading}
        onSubmit={(event) => {
          event.preventDefault()
          void save()
        }}
      >
        <fieldset className="major-details__fields" disabled={refusal !== undefined}>
          <div className="form__field">
            <label htmlFor={ids.manager}>{t('major.manager')}</label>
            <select id={ids.manager} value={managerId} onChange={(event) => setManagerId(event.target.value)}>
              {candidates.map((person) => (
                <option key={person.userId} value={person.userId} translate="no">
                  {person.displayName}
                  {person.userId === actor.userId ? t('major.you') : ''}
                </option>
              ))}
            </select>
          </div>
          <ScopeFields
            services={services}
            onServicesChange={setServices}
            cadence={cadence}
            onCadenceChange={setCadence}
            servicesClassName="form__field major-details__services"
          />
          <button type="submit" className="button button--small" disabled={busy}>
            {t('major.details.save')}
          </button>
        </fieldset>
        {refusal ? <p className="form__hint">{refusalText(refusal)}</p> : null}
        <p role="status" className="major__confirmation">
          {saved}
        </p>
        <p id={ids.error} role="alert" className="form__error" data-empty={error === null}>
          {error}
        </p>
      </form>
    </section>
  )
}
