import { useId, useState, type FormEvent } from 'react'
import type { AdminUser, PasswordReset } from '../../src-shared/sync/httpClient'
import { usePlatform } from '../platform/platformContext'
import type { AdminDirectory } from './useAdminDirectory'
import { useModalDialogRef } from '../ui/useModalDialogRef'
import { t } from '../i18n/activeLanguage'

interface Props {
  user: AdminUser
  call: AdminDirectory['call']
  onClose: () => void
  onReset: (result: PasswordReset) => void
}

/** A new password for someone who forgot theirs; it signs them out on every desk. */
export function ResetPasswordDialog({ user, call, onClose, onReset }: Props) {
  const ids = { title: useId(), password: useId(), error: useId(), hint: useId() }
  const platform = usePlatform()
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const showModal = useModalDialogRef()

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setError(null)
    const result = await call(() => platform.admin.resetPassword(user.userId, password === '' ? null : password), setError)
    setBusy(false)
    if (result) onReset(result)
  }

  return (
    <dialog
      ref={showModal}
      className="dialog dialog--narrow"
      aria-labelledby={ids.title}
      onClose={(event) => {
        if (!event.currentTarget.open) onClose()
      }}
    >
      <h2 id={ids.title} className="dialog__title">
        {t('admin.reset.title', { name: user.displayName })}
      </h2>
      <form className="form" onSubmit={submit} noValidate>
        <div className="form__field">
          <label htmlFor={ids.password}>{t('admin.reset.new')}</label>
          <input
            id={ids.password}
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="new-password"
            aria-describedby={ids.hint}
            autoFocus
          />
          <p id={ids.hint} className="form__hint">
            {t('admin.reset.hint', { name: user.displayName })}
          </p>
        </div>
        <p id={ids.error} role="alert" className="form__error" data-empty={error === null}>
          {error}
        </p>
        <div className="form__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('admin.reset.submit')}
          </button>
        </div>
      </form>
    </dialog>
  )
}
