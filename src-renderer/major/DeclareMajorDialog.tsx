import { useId, useState } from 'react'
import { DEFAULT_DOMAIN_CONFIG } from '../../src-shared/config/domainConfig'
import type { Incident } from '../../src-shared/incident/incident'
import { useDesk } from '../desk/deskContext'
import { IncidentNumber } from '../incident/IncidentNumber'
import { useModalDialogRef } from '../ui/useModalDialogRef'
import { useIncidentActors, useStoreCommand } from './majorData'
import { incidentManagerCandidates, splitList } from './majorViewModel'
import { ScopeFields } from './ScopeFields'
import { t } from '../i18n/activeLanguage'
import './major.css'

/**
 * Declare a major incident (DESIGN §1: on a P1, or by an incident manager): who runs it, why,
 * what it touches, and how often stakeholders hear from us. The incident manager defaults to the
 * person at the desk when that is their role. `onClose(true)` once declared.
 */
export function DeclareMajorDialog({ incident, onClose }: { incident: Incident; onClose: (declared: boolean) => void }) {
  const ids = { title: useId(), manager: useId(), reason: useId(), error: useId() }
  const { session } = useDesk()
  const actor = session.actor
  const showModal = useModalDialogRef()
  const actorsSeen = useIncidentActors(incident.id)
  const candidates = incidentManagerCandidates(actor, incident.incidentManager, actorsSeen ?? [])
  const defaultManager =
    actor.role === 'incident_manager' ? actor.userId : (candidates.find((person) => person.userId !== actor.userId)?.userId ?? actor.userId)
  const [managerId, setManagerId] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [services, setServices] = useState(incident.service ?? '')
  const [cadence, setCadence] = useState<number>(DEFAULT_DOMAIN_CONFIG.majorUpdateCadenceMinutes)
  const { run, busy, error } = useStoreCommand()
  const chosenManager = managerId ?? defaultManager

  async function declare() {
    const manager = candidates.find((person) => person.userId === chosenManager) ?? { userId: actor.userId, displayName: actor.displayName }
    const result = await run({
      action: 'declareMajor',
      incidentId: incident.id,
      incidentManager: manager,
      reason,
      affectedServices: splitList(services),
      updateCadenceMinutes: cadence,
    })
    if (result.ok) onClose(true)
  }

  return (
    <dialog
      ref={showModal}
      className="dialog dialog--narrow"
      aria-labelledby={ids.title}
      onClose={(event) => {
        if (!event.currentTarget.open) onClose(false)
      }}
    >
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault()
          void declare()
        }}
      >
        <h2 id={ids.title} className="dialog__title">
          {t('major.declare')}
        </h2>
        <div className="dialog__body">
          <p className="dialog__intro">
            <IncidentNumber number={incident.number} provisional={incident.numberIsProvisional} /> {incident.shortDescription}
          </p>
          <div className="form__field">
            <label htmlFor={ids.manager}>{t('major.manager')}</label>
            <select id={ids.manager} value={chosenManager} onChange={(event) => setManagerId(event.target.value)}>
              {candidates.map((person) => (
                <option key={person.userId} value={person.userId} translate="no">
                  {person.displayName}
                  {person.userId === actor.userId ? t('major.you') : ''}
                </option>
              ))}
            </select>
          </div>
          <div className="form__field">
            <label htmlFor={ids.reason}>{t('major.reason')}</label>
            <textarea
              id={ids.reason}
              rows={3}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              placeholder={t('major.reason.placeholder')}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? ids.error : undefined}
            />
          </div>
          <ScopeFields services={services} onServicesChange={setServices} cadence={cadence} onCadenceChange={setCadence} />
          <p id={ids.error} role="alert" className="form__error" data-empty={error === null}>
            {error}
          </p>
        </div>
        <div className="form__actions">
          <button type="button" className="button" onClick={() => onClose(false)}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('major.declare')}
          </button>
        </div>
      </form>
    </dialog>
  )
}
