import { useId, useMemo, useState, type FormEvent } from 'react'
import { useStoredConfig } from '../config/useConfig'
import { useDesk } from '../desk/deskContext'
import { ModalDialog } from '../ui/ModalDialog'
import { useNotificationCenter } from './notificationCenter'
import { NOTIFICATION_PREFERENCES_KEY, notificationPreferencesOf } from './notificationPreferences'
import { NOTIFICATION_KINDS, SLA_SCOPES, type NotificationPreferences } from './notificationRules'
import { t } from '../i18n/activeLanguage'

/** Which news interrupts this person, kept on this desk. */
export function NotificationSettingsDialog() {
  const { data } = useDesk()
  const entry = useStoredConfig(NOTIFICATION_PREFERENCES_KEY)
  const stored = useMemo(() => (entry.loaded ? notificationPreferencesOf(entry.value) : undefined), [entry.loaded, entry.value])
  const settingsClosed = useNotificationCenter((state) => state.settingsClosed)
  return (
    <ModalDialog className="dialog dialog--narrow" title={t('notify.title')} onClosed={settingsClosed}>
      {stored ? <PreferencesForm initial={stored} onSave={(preferences) => data.saveNotificationPreferences(preferences)} onClose={settingsClosed} /> : null}
    </ModalDialog>
  )
}

function PreferencesForm({ initial, onSave, onClose }: { initial: NotificationPreferences; onSave: (preferences: NotificationPreferences) => Promise<void>; onClose: () => void }) {
  const [preferences, setPreferences] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const scopeId = useId()

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    try {
      await onSave(preferences)
      onClose()
    } catch (cause) {
      setError(t('notify.saveFailed', { reason: cause instanceof Error ? cause.message : String(cause) }))
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <fieldset className="form__field">
        <legend>{t('notify.when')}</legend>
        {NOTIFICATION_KINDS.map((kind) => (
          <label key={kind} className="form__check">
            <input
              type="checkbox"
              checked={preferences.enabled[kind]}
              onChange={(event) => setPreferences({ ...preferences, enabled: { ...preferences.enabled, [kind]: event.target.checked } })}
            />
            {t(`notify.kind.${kind}`)}
          </label>
        ))}
      </fieldset>
      <div className="form__field">
        <label htmlFor={scopeId}>{t('notify.slaScope')}</label>
        <select id={scopeId} value={preferences.slaScope} onChange={(event) => setPreferences({ ...preferences, slaScope: event.target.value as NotificationPreferences['slaScope'] })}>
          {SLA_SCOPES.map((scope) => (
            <option key={scope} value={scope}>
              {t(`notify.scope.${scope}`)}
            </option>
          ))}
        </select>
      </div>
      <p role="alert" className="form__error" data-empty={error === null}>
        {error}
      </p>
      <div className="form__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary">
          {t('common.save')}
        </button>
      </div>
    </form>
  )
}
