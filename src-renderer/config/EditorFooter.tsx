import { useUnsavedChanges } from '../settings-layout/unsavedChanges'
import { t } from '../i18n/activeLanguage'

/**
 * The end of a configuration editor: what the last save attempt refused, then Discard and Save,
 * both disabled while nothing has changed. Validation errors stay until the next attempt. The
 * same `changed` tells the settings screen this editor holds unsaved work (its leave guard).
 */
export function EditorFooter({ errors, errorsId, changed, saveLabel, onDiscard, onSave }: {
  errors: readonly string[]
  /** For aria-describedby on the fields the errors are about. */
  errorsId?: string
  changed: boolean
  saveLabel: string
  onDiscard: () => void
  onSave: () => void
}) {
  useUnsavedChanges(changed)
  return (
    <>
      <div id={errorsId} role="alert" className="form__error" data-empty={errors.length === 0}>
        {errors.map((error) => (
          <p key={error}>{error}</p>
        ))}
      </div>
      <div className="form__actions config__actions">
        <button type="button" className="button" onClick={onDiscard} disabled={!changed}>
          {t('config.discard')}
        </button>
        <button type="button" className="button button--primary" onClick={onSave} disabled={!changed}>
          {saveLabel}
        </button>
      </div>
    </>
  )
}
