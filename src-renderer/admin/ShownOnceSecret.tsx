import { useUnsavedChanges } from '../settings-layout/unsavedChanges'
import { t } from '../i18n/activeLanguage'

/**
 * A secret the server just made (a webhook's signing secret, an API token), shown this once: the
 * server keeps only its hash. Unfinished work until Done, so leaving the screen asks first.
 */
export function ShownOnceSecret({ intro, secret, hint, testId, onDismiss }: { intro: string; secret: string; hint: string; testId: string; onDismiss: () => void }) {
  useUnsavedChanges(true)
  return (
    <div className="admin__password" role="status">
      <p>{intro}</p>
      <p>
        <code className="admin__secret" translate="no" data-testid={testId}>
          {secret}
        </code>
      </p>
      <p className="admin__hint">{hint}</p>
      <button type="button" className="button button--small" onClick={onDismiss}>
        {t('admin.done')}
      </button>
    </div>
  )
}
