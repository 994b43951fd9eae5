import { useId, useState } from 'react'
import type { AdminUser } from '../../src-shared/sync/httpClient'
import { usePlatform } from '../platform/platformContext'
import { AddUserForm } from './AddUserForm'
import { GeneratedPassword } from './GeneratedPassword'
import { ResetPasswordDialog } from './ResetPasswordDialog'
import type { AdminDirectory } from './useAdminDirectory'
import { activeTranslator, t } from '../i18n/activeLanguage'

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
    setNotice(t('admin.revoked', { name: user.displayName, count: desks }))
  }

  return (
    <section className="admin__section" aria-labelledby={headingId}>
      <h2 id={headingId} className="admin__title">
        {t('admin.users')}
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
                <th scope="col">{t('admin.col.name')}</th>
                <th scope="col">{t('admin.col.username')}</th>
                <th scope="col">{t('admin.col.role')}</th>
                <th scope="col">{t('admin.col.groups')}</th>
                <th scope="col">{t('admin.col.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.userId}>
                  <th scope="row" translate="no">
                    {user.displayName}
                  </th>
                  <td className="admin__mono" translate="no">
                    {user.username}
                  </td>
                  <td>{t(`role.${user.role}`)}</td>
                  <td className={user.groupIds.length ? undefined : 'queue-table__muted'}>
                    {user.groupIds.length ? <span translate="no">{activeTranslator().list(user.groupIds.map((id) => groupName.get(id) ?? id))}</span> : t('admin.none')}
                  </td>
                  <td className={user.disabled ? 'queue-table__muted' : undefined}>{user.disabled ? t('admin.disabled') : t('admin.active')}</td>
                  <td>
                    <div className="admin__actions">
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={t('admin.reset.label', { name: user.displayName })}
                        aria-haspopup="dialog"
                        onClick={() => setResetting(user)}
                      >
                        {t('admin.reset.button')}
                      </button>
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={t('admin.revoke.label', { name: user.displayName })}
                        title={t('admin.revoke.title')}
                        onClick={() => void revoke(user)}
                      >
                        {t('admin.revoke')}
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
          setNotice(t('admin.created', { name: user.displayName, username: user.username }))
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
              t('admin.passwordChanged', { name: resetting.displayName, count: desks }),
            )
            setPassword(result.generatedPassword ? { username: resetting.username, password: result.generatedPassword } : null)
          }}
        />
      ) : null}
    </section>
  )
}
