import { useId, useState } from 'react'
import type { AdminUser } from '../../src-shared/sync/httpClient'
import { usePlatform } from '../platform/platformContext'
import { AddUserForm } from './AddUserForm'
import { GeneratedPassword } from './GeneratedPassword'
import { ResetPasswordDialog } from './ResetPasswordDialog'
import type { AdminDirectory } from './useAdminDirectory'
import { t } from '../i18n/activeLanguage'

/** Who may sign in, with what role; and the two things an admin does for a person in a hurry. */
export function UsersSection({ directory }: { directory: AdminDirectory }) {
  const headingId = useId()
  const platform = usePlatform()
  const { users, groups, call, reload } = directory
  const [notice, setNotice] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [password, setPassword] = useState<{ username: string; password: string } | null>(null)
  const [resetting, setResetting] = useState<AdminUser | null>(null)
  const groupName = new Map((groups ?? []).map((group) => [group.id, group.name]))

  async function revoke(user: AdminUser): Promise<void> {
    setError(null)
    const answer = await call(() => platform.admin.revokeSessions(user.userId), setError)
    if (!answer) return
    const desks = answer.revokedSessions
    setNotice(`${user.displayName} was signed out on ${desks} ${desks === 1 ? 'desk' : 'desks'}.`)
  }

  return (
    <section className="admin__section" aria-labelledby={headingId}>
      <h2 id={headingId} className="admin__title">
        Users
      </h2>
      <p role="status" className="admin__notice" data-empty={notice === null}>
        {notice}
      </p>
      {password ? <GeneratedPassword username={password.username} password={password.password} onDismiss={() => setPassword(null)} /> : null}
      {error ? (
        <p role="alert" className="form__error">
          {error}
        </p>
      ) : null}
      {users === null ? null : (
        <div className="table-frame">
          <table className="queue-table admin__table" aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Username</th>
                <th scope="col">Role</th>
                <th scope="col">Groups</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.userId}>
                  <th scope="row">{user.displayName}</th>
                  <td className="admin__mono">{user.username}</td>
                  <td>{t(`role.${user.role}`)}</td>
                  <td className={user.groupIds.length ? undefined : 'queue-table__muted'}>
                    {user.groupIds.map((id) => groupName.get(id) ?? id).join(', ') || 'None'}
                  </td>
                  <td className={user.disabled ? 'queue-table__muted' : undefined}>{user.disabled ? 'Disabled' : 'Active'}</td>
                  <td>
                    <div className="admin__actions">
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={`Reset password of ${user.displayName}`}
                        aria-haspopup="dialog"
                        onClick={() => setResetting(user)}
                      >
                        Reset password…
                      </button>
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={`Revoke sessions of ${user.displayName}`}
                        title="Signs them out on every desk"
                        onClick={() => void revoke(user)}
                      >
                        Revoke sessions
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddUserForm
        groups={groups ?? []}
        call={call}
        onCreated={(user, generated) => {
          setNotice(`${user.displayName} can now sign in as ${user.username}.`)
          setPassword(generated ? { username: user.username, password: generated } : null)
          reload()
        }}
      />
      {resetting ? (
        <ResetPasswordDialog
          user={resetting}
          call={call}
          onClose={() => setResetting(null)}
          onReset={(result) => {
            setResetting(null)
            const desks = result.revokedSessions
            setNotice(
              `The password of ${resetting.displayName} was changed; signed out on ${desks} ${desks === 1 ? 'desk' : 'desks'}.`,
            )
            setPassword(result.generatedPassword ? { username: resetting.username, password: result.generatedPassword } : null)
          }}
        />
      ) : null}
    </section>
  )
}
