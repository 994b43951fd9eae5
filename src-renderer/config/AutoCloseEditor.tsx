import { useId } from 'react'
import { t } from '../i18n/activeLanguage'
import { SectionEditor } from './SectionEditor'

/** How many days after resolution an unconfirmed incident closes by itself. */
export function AutoCloseEditor() {
  const id = useId()
  return (
    <SectionEditor section="autoCloseDays" title={t('rules.autoClose')} hint={t('rules.autoClose.hint')} saveLabel={t('rules.autoClose.save')}>
      {(days, setDays) => (
        <div className="form__field">
          <label htmlFor={id}>{t('rules.autoClose.days')}</label>
          <input id={id} type="number" min={1} max={365} step={1} value={Number.isNaN(days) ? '' : days} onChange={(event) => setDays(event.target.valueAsNumber)} />
        </div>
      )}
    </SectionEditor>
  )
}
