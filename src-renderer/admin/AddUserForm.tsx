import { useId, useState, type FormEvent } from 'react'
import { PASSWORD_MIN, USERNAME_PATTERN } from '../../src-shared/accounts/accountRules'
import { LIMITS } from '../../src-shared/events/limits'
import { ROLES, type Role } from '../../src-shared/incident/roles'
import type { AdminGroup, AdminUser } from '../../src-shared/sync/httpClient'
import { usePlatform } from '../platform/platformContext'
import type { AdminDirectory } from './useAdminDirectory'
import { t } from '../i18n/activeLanguage'

interface Props {
  groups: readonly AdminGroup[]
  call: AdminDirectory['call']
  onCreated: (user: AdminUser, generatedPassword: string | null) => void
}

/**
 * A new account: who, which role (what they may do: DESIGN §1 Roles), which groups, and a first
 * password (or one the server generates and shows once). The server's rules apply and its
 * refusal is shown as it said it.
 */
export function AddUserForm({ groups, call, onCreated }: Props) {
  const ids = { heading: useId(), username: useId(), displayName: useId(), role: useId(), password: useId(), error: useId() }
  const platform = usePlatform()
  const [username, setUsername] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [role, setRole] = useState<Role>('l1_agent')
  const [password, setPassword] = useState('')
  const [groupIds, setGroupIds] = useState<ReadonlySet<string>>(new Set())
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    if (busy) return
    const problem = addUserProblem(displayName, username, password)
    if (problem) {
      setError(problem)
      return
    }
    setBusy(true)
    setError(null)
    const created = await call(
      () =>
        platform.admin.createUser({
          username: username.trim().toLowerCase(),
          displayName: displayName.trim(),
          role,
          ...(password === '' ? {} : { password }),
          ...(groupIds.size > 0 ? { groupIds: [...groupIds] } : {}),
        }),
      setError,
    )
    setBusy(false)
    if (!created) return
    setUsername('')
    setDisplayName('')
    setPassword('')
    setGroupIds(new Set())
    onCreated(created.user, created.generatedPassword)
  }

  return (
    <form className="form admin__card" onSubmit={submit} noValidate aria-labelledby={ids.heading}>
      <h3 id={ids.heading} className="admin__card-title">
        {t('admin.addUser.title')}
      </h3>
      <div className="form__row">
        <div className="form__field">
          <label htmlFor={ids.displayName}>{t('admin.fullName')}</label>
          <input id={ids.displayName} value={displayName} onChange={(event) => setDisplayName(event.target.value)} maxLength={LIMITS.name} autoComplete="off" />
        </div>
        <div className="form__field">
          <label htmlFor={ids.username}>{t('admin.username')}</label>
          <input
            id={ids.username}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            maxLength={64}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
          />
        </div>
      </div>
      <div className="form__row">
        <div className="form__field">
          <label htmlFor={ids.role}>{t('admin.role')}</label>
          <select id={ids.role} value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {t(`role.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form__field">
          <label htmlFor={ids.password}>
            {t('admin.firstPassword')} <span className="form__required">{t('admin.firstPassword.hint')}</span>
          </label>
          <input id={ids.password} type="password" value={password} onChange={(event) => setPassword(event.target.value)} autoComplete="new-password" />
        </div>
      </div>
      {groups.length > 0 ? (
        <fieldset className="form__fieldset">
          <legend>{t('admin.groupsLegend')}</legend>
          {groups.map((group) => (
            <label key={group.id} className="form__check">
              <input
                type="checkbox"
                checked={groupIds.has(group.id)}
                onChange={(event) => {
                  const next = new Set(groupIds)
                  if (event.target.checked) next.add(group.id)
                  else next.delete(group.id)
                  setGroupIds(next)
                }}
              />
              <span translate="no">{group.name}</span> <span className="form__required">{t(`level.${group.level}`)}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <p id={ids.error} role="alert" className="form__error" data-empty={error === null}>
        {error}
      </p>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('admin.addUser')}
        </button>
      </div>
    </form>
  )
}

/** The server's own rules, checked here first so the person reads them in the desk's language. */
function addUserProblem(displayName: string, username: string, password: string): string | null {
  if (displayName.trim() === '') return t('admin.check.name')
  if (!USERNAME_PATTERN.test(username.trim().toLowerCase())) return t('admin.check.username')
  if (password !== '' && password.length < PASSWORD_MIN) return t('admin.check.password', { min: PASSWORD_MIN })
  return null
}
