import { useUnsavedChanges } from '../settings-layout/unsavedChanges'
import { t } from '../i18n/activeLanguage'
import { Rich } from '../i18n/Rich'
import type { ReactNode } from 'react'

/**
 * A password the server made up, shown once: the admin passes it on in person. Until Done, it
 * counts as unfinished work, so leaving the section asks first instead of losing it.
 */
export function GeneratedPassword({ username, password, onDismiss }: { username: string; password: string; onDismiss: () => void }) {
  useUnsavedChanges(true)
  return (
    <div className="admin__password" role="status">
      <p>
        <Rich id="admin.password" values={{ username, password, code: (chunks: ReactNode[]) => <code className="admin__secret">{chunks}</code> }} />
      </p>
      <p className="admin__hint">{t('admin.password.once')}</p>
      <button type="button" className="button button--small" onClick={onDismiss}>
        {t('admin.done')}
      </button>
    </div>
  )
}
