import { useId, useState } from 'react'
import type { Incident } from '../../src-shared/incident/incident'
import { IMPACT_LABELS, IMPACTS, priorityFor, URGENCIES, URGENCY_LABELS, type Impact, type Urgency } from '../../src-shared/incident/priority'
import { PriorityBadge } from '../incident/PriorityBadge'
import { useIncidentCommand } from './useIncidentCommand'

/**
 * Impact and urgency, with the priority they give (never typed in: DESIGN §1). Mount it with a
 * key of the incident's current values, so a change arriving from another desk resets the form.
 */
export function PriorityEditor({ incident }: { incident: Incident }) {
  const ids = { impact: useId(), urgency: useId(), error: useId() }
  const [impact, setImpact] = useState<Impact>(incident.impact)
  const [urgency, setUrgency] = useState<Urgency>(incident.urgency)
  const { run, busy, error } = useIncidentCommand()
  const changed = impact !== incident.impact || urgency !== incident.urgency

  return (
    <form
      className="form quick-actions__priority"
      aria-label="Priority"
      onSubmit={(event) => {
        event.preventDefault()
        void run({ action: 'prioritize', incidentId: incident.id, impact, urgency })
      }}
    >
      <div className="form__field">
        <label htmlFor={ids.impact}>Impact</label>
        <select id={ids.impact} value={impact} onChange={(event) => setImpact(Number(event.target.value) as Impact)}>
          {IMPACTS.map((value) => (
            <option key={value} value={value}>
              {IMPACT_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      <div className="form__field">
        <label htmlFor={ids.urgency}>Urgency</label>
        <select id={ids.urgency} value={urgency} onChange={(event) => setUrgency(Number(event.target.value) as Urgency)}>
          {URGENCIES.map((value) => (
            <option key={value} value={value}>
              {URGENCY_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      <div className="quick-actions__apply">
        <PriorityBadge priority={priorityFor(impact, urgency)} />
        <button type="submit" className="button button--small" disabled={busy || !changed}>
          Change priority
        </button>
      </div>
      <p id={ids.error} role="alert" className="form__error quick-actions__error" data-empty={error === null}>
        {error}
      </p>
    </form>
  )
}
