import { useId } from 'react'
import { LIMITS } from '../../src-shared/events/limits'
import type { RecentCaller } from './useRecentCallers'
import { t } from '../i18n/activeLanguage'

interface Props {
  callerId: string
  callerName: string
  contact: string
  invalid: boolean
  describedBy: string | undefined
  recentCallers: readonly RecentCaller[]
  callerInput: React.Ref<HTMLInputElement>
  onCallerChange: (name: string, suggestion: RecentCaller | undefined) => void
  onContactChange: (contact: string) => void
}

/**
 * Who called, first on the form (the agent hears the name before anything else). Recent callers
 * are offered as the agent types (a native <datalist>: the browser's own combobox, announced as
 * one, no custom keyboard handling to get wrong); picking one fills in their contact too.
 */
export function CallerFields(props: Props) {
  const { callerId, callerName, contact, invalid, describedBy, recentCallers, callerInput, onCallerChange, onContactChange } = props
  const ids = { list: useId(), contact: useId() }

  return (
    <>
      <div className="form__field">
        <label htmlFor={callerId}>
          {t('log.caller')}{' '}
          <span className="form__required" aria-hidden="true">
            {t('log.required')}
          </span>
        </label>
        <input
          ref={callerInput}
          id={callerId}
          type="text"
          value={callerName}
          list={ids.list}
          onChange={(event) => {
            const name = event.target.value
            const key = name.trim().toLocaleLowerCase()
            onCallerChange(name, recentCallers.find((caller) => caller.name.toLocaleLowerCase() === key))
          }}
          maxLength={LIMITS.name}
          aria-required="true"
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          autoComplete="off"
        />
        <datalist id={ids.list}>
          {recentCallers.map((caller) => (
            <option key={caller.name} value={caller.name} label={caller.contact ?? undefined} />
          ))}
        </datalist>
      </div>
      <div className="form__field">
        <label htmlFor={ids.contact}>{t('log.contact')}</label>
        <input
          id={ids.contact}
          type="text"
          value={contact}
          onChange={(event) => onContactChange(event.target.value)}
          maxLength={LIMITS.contact}
          placeholder={t('log.contact.placeholder')}
          autoComplete="off"
        />
      </div>
    </>
  )
}
