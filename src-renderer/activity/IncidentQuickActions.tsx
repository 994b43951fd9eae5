import type { IncidentAction } from '../../src-shared/incident/commands'
import type { Incident } from '../../src-shared/incident/incident'
import { availableActions } from '../../src-shared/incident/lifecycle'
import { useDesk } from '../desk/deskContext'
import { useConnection } from '../ui/uiHooks'
import { NoteComposer } from './NoteComposer'
import { PriorityEditor } from './PriorityEditor'
import { useIncidentCommand } from './useIncidentCommand'

/**
 * The few steps the activity view offers until the full incident view arrives: take the incident,
 * change its impact and urgency, add a work note or a comment to the caller. The shared lifecycle
 * says which the person at the desk may take (the rules the server applies again), so the view
 * offers exactly what is allowed.
 */
export function IncidentQuickActions({ incident }: { incident: Incident }) {
  const { session } = useDesk()
  // The desk's actor changes with the account; this re-renders when it does.
  useConnection()
  const take = useIncidentCommand()
  const availability = new Map(availableActions(incident, session.actor).map((item) => [item.action, item]))
  const can = (action: IncidentAction) => availability.get(action)?.allowed === true

  return (
    <section className="quick-actions" aria-label="Work on this incident">
      {can('acknowledge') ? (
        <div className="quick-actions__row">
          <button
            type="button"
            className="button button--primary button--small"
            disabled={take.busy}
            onClick={() => void take.run({ action: 'acknowledge', incidentId: incident.id })}
          >
            Take it
          </button>
          <span className="quick-actions__hint">Assigns it to you and starts work.</span>
          {take.error ? (
            <p role="alert" className="form__error">
              {take.error}
            </p>
          ) : null}
        </div>
      ) : null}
      {can('prioritize') ? <PriorityEditor key={`${incident.impact}/${incident.urgency}`} incident={incident} /> : null}
      <NoteComposer
        incident={incident}
        canAddWorkNote={can('addWorkNote')}
        canCommentToCaller={can('addCallerComment')}
        refusal={availability.get('addWorkNote')?.refusal?.message ?? null}
      />
    </section>
  )
}
