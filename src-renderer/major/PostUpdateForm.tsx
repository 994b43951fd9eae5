import { useId, useState } from 'react'
import type { Incident } from '../../src-shared/incident/incident'
import { localInputToIso } from '../security/disclosureViewModel'
import { useStoreCommand } from './majorData'
import { audienceSuggestions, cadenceLabel } from './majorViewModel'
import { t } from '../i18n/activeLanguage'

type NextChoice = 'cadence' | 'custom' | 'none'

/**
 * Post a stakeholder update: who it is for, what it says, and when the next one is promised
 * (one cadence from now unless the incident manager names another time, or none for the all-clear).
 */
export function PostUpdateForm({ incident, compact = false }: { incident: Incident; compact?: boolean }) {
  const ids = { audience: useId(), text: useId(), next: useId(), at: useId(), audiences: useId(), error: useId() }
  const [audience, setAudience] = useState<string>(() => t('major.audience.all'))
  const [text, setText] = useState('')
  const [next, setNext] = useState<NextChoice>('cadence')
  const [customAt, setCustomAt] = useState('')
  const [localError, setLocalError] = useState<string | null>(null)
  const [posted, setPosted] = useState<string | null>(null)
  const { run, busy, error } = useStoreCommand()
  const cadence = incident.majorUpdateCadenceMinutes

  async function submit() {
    setLocalError(null)
    setPosted(null)
    let nextUpdateDueAt: string | null | undefined
    if (next === 'none') nextUpdateDueAt = null
    else if (next === 'custom') {
      const iso = localInputToIso(customAt)
      if (!iso) {
        setLocalError(t('major.update.whenDue'))
        return
      }
      nextUpdateDueAt = iso
    }
    const result = await run({ action: 'postMajorUpdate', incidentId: incident.id, text, audience, nextUpdateDueAt })
    if (result.ok) {
      setText('')
      setCustomAt('')
      setPosted(t('major.update.posted', { audience: audience.trim() }))
    }
  }

  const shownError = localError ?? error
  return (
    <form
      className={`form major-post${compact ? ' major-post--compact' : ''}`}
      aria-label={t('major.update.form')}
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      <div className="major-post__row">
        <div className="form__field">
          <label htmlFor={ids.audience}>{t('major.update.audience')}</label>
          <input id={ids.audience} list={ids.audiences} value={audience} onChange={(event) => setAudience(event.target.value)} autoComplete="off" />
          <datalist id={ids.audiences}>
            {audienceSuggestions().map((suggestion) => (
              <option key={suggestion} value={suggestion} />
            ))}
          </datalist>
        </div>
        <div className="form__field">
          <label htmlFor={ids.next}>{t('major.update.next')}</label>
          <select id={ids.next} value={next} onChange={(event) => setNext(event.target.value as NextChoice)}>
            <option value="cadence">{cadence ? t('major.update.perCadenceFromNow', { cadence: cadenceLabel(cadence) }) : t('major.update.perCadence')}</option>
            <option value="custom">{t('major.update.custom')}</option>
            <option value="none">{t('major.update.none')}</option>
          </select>
        </div>
        {next === 'custom' ? (
          <div className="form__field">
            <label htmlFor={ids.at}>{t('major.update.dueAt')}</label>
            <input id={ids.at} type="datetime-local" value={customAt} onChange={(event) => setCustomAt(event.target.value)} />
          </div>
        ) : null}
      </div>
      <div className="form__field">
        <label htmlFor={ids.text}>{t('major.update.text')}</label>
        <textarea
          id={ids.text}
          rows={compact ? 2 : 3}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-describedby={shownError ? ids.error : undefined}
          aria-invalid={shownError ? true : undefined}
        />
      </div>
      <div className="major-post__actions">
        <button type="submit" className="button button--primary button--small" disabled={busy}>
          {t('major.update.post')}
        </button>
        <p role="status" className="major__confirmation">
          {posted}
        </p>
      </div>
      <p id={ids.error} role="alert" className="form__error" data-empty={shownError === null}>
        {shownError}
      </p>
    </form>
  )
}
