import { useUnsavedChanges } from '../settings-layout/unsavedChanges'

/**
 * A password the server made up, shown once: the admin passes it on in person. Until Done, it
 * counts as unfinished work, so leaving the section asks first instead of losing it.
 */
export function GeneratedPassword({ username, password, onDismiss }: { username: string; password: string; onDismiss: () => void }) {
  useUnsavedChanges(true)
  return (
    <div className="admin__password" role="status">
      <p>
        Password for <strong>{username}</strong>: <code className="admin__secret">{password}</code>
      </p>
      <p className="admin__hint">Shown only this once. Give it to them in person; they should change it after signing in.</p>
      <button type="button" className="button button--small" onClick={onDismiss}>
        Done
      </button>
    </div>
  )
}
