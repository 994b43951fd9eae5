import { useId, useState, memo } from 'react'
import type { Incident } from '../../src-shared/incident/incident'
import { priorityFor, type Impact, type Urgency } from '../../src-shared/incident/priority'
import { PriorityBadge } from '../incident/PriorityBadge'
import { useOrgConfig } from '../config/useOrgConfig'
import { useIncidentCommand } from './useIncidentCommand'
import { ImpactUrgencyFields } from '../incident/ImpactUrgencyFields'
import { t } from '../i18n/activeLanguage'

/**
 * Impact and urgency, with the priority they give (never typed in: DESIGN §1). Mount it with a
 * key of the incident's current values, so a change arriving from another desk resets the form.
 */
function PriorityEditorView({ incident }: { incident: Incident }) {
  const { priorityMatrix } = useOrgConfig()
  const ids = { impact: useId(), urgency: useId(), error: useId() }
  const [impact, setImpact] = useState<Impact>(incident.impact)
  const [urgency, setUrgency] = useState<Urgency>(incident.urgency)
  const { run, busy, error } = useIncidentCommand()
  const changed = impact !== incident.impact || urgency !== incident.urgency

  return (
    <form
      className="form quick-actions__priority"
      aria-label={t('priority.editor')}
      onSubmit={(event) => {
        event.preventDefault()
        void run({ action: 'prioritize', incidentId: incident.id, impact, urgency })
      }}
    >
      <ImpactUrgencyFields
        impactId={ids.impact}
        urgencyId={ids.urgency}
        impact={impact}
        urgency={urgency}
        onImpactChange={setImpact}
        onUrgencyChange={setUrgency}
      />
      <div className="quick-actions__apply">
        <PriorityBadge priority={priorityFor(impact, urgency, priorityMatrix)} />
        <button type="submit" className="button button--small" disabled={busy || !changed}>
          {t('priority.change')}
        </button>
      </div>
      <p id={ids.error} role="alert" className="form__error quick-actions__error" data-empty={error === null}>
        {error}
      </p>
    </form>
  )
}

/** Drawn again only when its props change: the incident view re-renders with every step taken in it. */
export const PriorityEditor = memo(PriorityEditorView)
