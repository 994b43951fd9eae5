import { useId } from 'react'
import { CADENCE_CHOICES, cadenceLabel } from './majorViewModel'
import { t } from '../i18n/activeLanguage'

/**
 * A major incident's scope as a form asks for it, when it is declared and when its manager
 * changes it: the affected services (comma-separated) and the stakeholder-update cadence.
 */
export function ScopeFields({
  services,
  onServicesChange,
  cadence,
  onCadenceChange,
  servicesClassName = 'form__field',
}: {
  services: string
  onServicesChange: (services: string) => void
  cadence: number
  onCadenceChange: (minutes: number) => void
  servicesClassName?: string
}) {
  const ids = { services: useId(), hint: useId(), cadence: useId() }
  // A cadence set elsewhere (another desk, an import) stays choosable.
  const cadences = [...new Set([...CADENCE_CHOICES, cadence])].sort((a, b) => a - b)
  return (
    <>
      <div className={servicesClassName}>
        <label htmlFor={ids.services}>{t('major.scope.services')}</label>
        <input id={ids.services} value={services} onChange={(event) => onServicesChange(event.target.value)} placeholder={t('major.scope.placeholder')} aria-describedby={ids.hint} />
        <span id={ids.hint} className="form__hint">
          {t('major.scope.hint')}
        </span>
      </div>
      <div className="form__field">
        <label htmlFor={ids.cadence}>{t('major.scope.cadence')}</label>
        <select id={ids.cadence} value={cadence} onChange={(event) => onCadenceChange(Number(event.target.value))}>
          {cadences.map((minutes) => (
            <option key={minutes} value={minutes}>
              {cadenceLabel(minutes)}
            </option>
          ))}
        </select>
      </div>
    </>
  )
}
