import { useId, useState, type FormEvent } from 'react'
import { LIMITS } from '../../src-shared/events/limits'
import { SUPPORT_LEVELS, type SupportLevel } from '../../src-shared/incident/levels'
import { usePlatform } from '../platform/platformContext'
import type { AdminDirectory } from './useAdminDirectory'
import { activeTranslator, t } from '../i18n/activeLanguage'

/** Assignment groups: the queues incidents are assigned and escalated to, each at a support level. */
export function GroupsSection({ directory }: { directory: AdminDirectory }) {
  const ids = { heading: useId(), form: useId(), name: useId(), level: useId(), security: useId(), error: useId() }
  const platform = usePlatform()
  const { groups, users, call, reload } = directory
  const [name, setName] = useState('')
  const [level, setLevel] = useState<SupportLevel>(1)
  const [security, setSecurity] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const userName = new Map((users ?? []).map((user) => [user.userId, user.displayName]))

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setError(null)
    const created = await call(() => platform.admin.createGroup({ name: name.trim(), level, security }), setError)
    setBusy(false)
    if (!created) return
    setName('')
    setSecurity(false)
    reload()
  }

  async function setManager(groupId: string, managerId: string | null): Promise<void> {
    setBusy(true)
    setError(null)
    const updated = await call(() => platform.admin.updateGroup(groupId, { managerId }), setError)
    setBusy(false)
    if (updated) reload()
  }

  return (
    <section className="admin__section" aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="admin__title">
        {t('admin.groups')}
      </h2>
      {groups === null ? null : groups.length === 0 ? (
        <p className="admin__empty">{t('admin.groups.none')}</p>
      ) : (
        <div className="table-frame">
          <table className="queue-table admin__table" aria-labelledby={ids.heading}>
            <thead>
              <tr>
                <th scope="col">{t('admin.col.group')}</th>
                <th scope="col">{t('admin.col.level')}</th>
                <th scope="col">{t('admin.col.members')}</th>
                <th scope="col">{t('admin.col.manager')}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <tr key={group.id}>
                  <th scope="row">
                    <span translate="no">{group.name}</span>
                    {group.security ? <span className="tag tag--security">{t('admin.security')}</span> : null}
                  </th>
                  <td>{t(`level.${group.level}`)}</td>
                  <td className={group.memberIds.length ? undefined : 'queue-table__muted'}>
                    {group.memberIds.length ? <span translate="no">{activeTranslator().list(group.memberIds.map((id) => userName.get(id) ?? id))}</span> : t('admin.nobody')}
                  </td>
                  <td>
                    {/* SLA escalation notifies this person first (hierarchical escalation). */}
                    <select
                      aria-label={t('admin.manager.of', { group: group.name })}
                      value={group.managerId ?? ''}
                      disabled={busy}
                      onChange={(event) => void setManager(group.id, event.target.value || null)}
                    >
                      <option value="">{t('admin.manager.none')}</option>
                      {(users ?? []).map((user) => (
                        <option key={user.userId} value={user.userId} translate="no">
                          {user.displayName}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="form admin__card" onSubmit={submit} noValidate aria-labelledby={ids.form}>
        <h3 id={ids.form} className="admin__card-title">
          {t('admin.addGroup.title')}
        </h3>
        <div className="form__row form__row--group">
          <div className="form__field">
            <label htmlFor={ids.name}>{t('admin.groupName')}</label>
            <input id={ids.name} value={name} onChange={(event) => setName(event.target.value)} maxLength={LIMITS.name} autoComplete="off" />
          </div>
          <div className="form__field">
            <label htmlFor={ids.level}>{t('admin.col.level')}</label>
            <select id={ids.level} value={level} onChange={(event) => setLevel(Number(event.target.value) as SupportLevel)}>
              {SUPPORT_LEVELS.map((value) => (
                <option key={value} value={value}>
                  {t(`level.${value}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label className="form__check" htmlFor={ids.security}>
          <input id={ids.security} type="checkbox" checked={security} onChange={(event) => setSecurity(event.target.checked)} />
          {t('admin.securityGroup')}
        </label>
        <p id={ids.error} role="alert" className="form__error" data-empty={error === null}>
          {error}
        </p>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('admin.addGroup')}
          </button>
        </div>
      </form>
    </section>
  )
}
