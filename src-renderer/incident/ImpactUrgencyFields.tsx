import { IMPACT_LABELS, IMPACTS, URGENCIES, URGENCY_LABELS, type Impact, type Urgency } from '../../src-shared/incident/priority'

interface Props {
  impactId: string
  urgencyId: string
  impact: Impact
  urgency: Urgency
  onImpactChange: (impact: Impact) => void
  onUrgencyChange: (urgency: Urgency) => void
}

/** The two pickers priority is derived from; the caller shows the resulting priority beside them. */
export function ImpactUrgencyFields({ impactId, urgencyId, impact, urgency, onImpactChange, onUrgencyChange }: Props) {
  return (
    <>
      <div className="form__field">
        <label htmlFor={impactId}>Impact</label>
        <select id={impactId} value={impact} onChange={(event) => onImpactChange(Number(event.target.value) as Impact)}>
          {IMPACTS.map((value) => (
            <option key={value} value={value}>
              {IMPACT_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      <div className="form__field">
        <label htmlFor={urgencyId}>Urgency</label>
        <select id={urgencyId} value={urgency} onChange={(event) => onUrgencyChange(Number(event.target.value) as Urgency)}>
          {URGENCIES.map((value) => (
            <option key={value} value={value}>
              {URGENCY_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
    </>
  )
}
