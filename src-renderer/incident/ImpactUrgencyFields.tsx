import { IMPACTS, URGENCIES, type Impact, type Urgency } from '../../src-shared/incident/priority'
import { t } from '../i18n/activeLanguage'

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
        <label htmlFor={impactId}>{t('field.impact')}</label>
        <select id={impactId} value={impact} onChange={(event) => onImpactChange(Number(event.target.value) as Impact)}>
          {IMPACTS.map((value) => (
            <option key={value} value={value}>
              {t(`impact.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="form__field">
        <label htmlFor={urgencyId}>{t('field.urgency')}</label>
        <select id={urgencyId} value={urgency} onChange={(event) => onUrgencyChange(Number(event.target.value) as Urgency)}>
          {URGENCIES.map((value) => (
            <option key={value} value={value}>
              {t(`urgency.${value}`)}
            </option>
          ))}
        </select>
      </div>
    </>
  )
}
