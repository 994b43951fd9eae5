import { useId, useState, type FormEvent } from 'react'
import { API_SCOPES, type ApiScope, type ApiToken, type IssuedApiToken } from '../../src-shared/api/apiTokens'
import { LIMITS } from '../../src-shared/events/limits'
import { formatFullTimestamp, formatShortTimestamp } from '../incident/formatTimestamp'
import { usePlatform } from '../platform/platformContext'
import { useConnection } from '../ui/uiHooks'
import { ConfirmAction } from './ConfirmAction'
import { ShownOnceSecret } from './ShownOnceSecret'
import type { AdminDirectory } from './useAdminDirectory'
import { useServerList } from './useServerList'
import { AdminError } from './AdminError'
import { activeTranslator, t } from '../i18n/activeLanguage'

/**
 * API tokens: what lets another tool read and work incidents through the public API. Each token
 * acts as one account (its role and sight) within the scopes chosen here; the token itself is
 * shown once, when made, and a revoked one stops working at once but stays listed.
 */
export function ApiTokensSection({ directory }: { directory: AdminDirectory }) {
  const ids = { heading: useId(), addHeading: useId(), name: useId(), account: useId() }
  const platform = usePlatform()
  const connection = useConnection()
  const serverUrl = connection.status === 'signedIn' ? connection.serverUrl : null
  const { items: tokens, error, busy, run } = useServerList(directory, platform.admin.listApiTokens)
  const [issued, setIssued] = useState<IssuedApiToken | null>(null)
  const [name, setName] = useState('')
  const [userId, setUserId] = useState('')
  const [scopes, setScopes] = useState<ApiScope[]>(['incidents:read'])
  const accounts = (directory.users ?? []).filter((user) => !user.disabled)
  const accountName = (id: string) => directory.users?.find((user) => user.userId === id)?.displayName ?? id

  async function create(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    if (busy) return
    const made = await run(() => platform.admin.createApiToken({ name: name.trim(), userId, scopes }))
    if (!made) return
    setIssued(made)
    setName('')
  }

  return (
    <section className="admin__section" aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="admin__title">
        {t('apiTokens.title')}
      </h2>
      <p className="admin__hint">{t('apiTokens.hint', { docs: `${serverUrl ?? ''}/api/v1/openapi.json` })}</p>
      {issued ? (
        <ShownOnceSecret intro={t('apiTokens.issued', { name: issued.token.name })} secret={issued.secret} hint={t('apiTokens.once')} testId="api-token-secret" onDismiss={() => setIssued(null)} />
      ) : null}
      <AdminError error={error} />
      {tokens === null ? null : tokens.length === 0 ? (
        <p className="admin__empty">{t('apiTokens.none')}</p>
      ) : (
        <TokenTable tokens={tokens} busy={busy} accountName={accountName} onRevoke={(token) => void run(() => platform.admin.revokeApiToken(token.id))} />
      )}
      <form className="form admin__card" onSubmit={(event) => void create(event)} aria-labelledby={ids.addHeading}>
        <h3 id={ids.addHeading} className="admin__card-title">
          {t('apiTokens.add')}
        </h3>
        <div className="form__row">
          <div className="form__field">
            <label htmlFor={ids.name}>{t('apiTokens.name')}</label>
            <input id={ids.name} value={name} maxLength={LIMITS.name} required onChange={(event) => setName(event.target.value)} placeholder={t('apiTokens.name.example')} />
          </div>
          <div className="form__field">
            <label htmlFor={ids.account}>{t('apiTokens.account')}</label>
            <select id={ids.account} value={userId} required onChange={(event) => setUserId(event.target.value)}>
              <option value="">{t('apiTokens.account.pick')}</option>
              {accounts.map((user) => (
                // The account's name is theirs, as GroupsSection's manager picker shows it.
                <option key={user.userId} value={user.userId} translate="no">
                  {user.displayName}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset className="form__fieldset">
          <legend>{t('apiTokens.scopes')}</legend>
          {API_SCOPES.map((scope) => (
            <label key={scope} className="form__check">
              <input type="checkbox" checked={scopes.includes(scope)} onChange={(event) => setScopes(event.target.checked ? [...scopes, scope] : scopes.filter((other) => other !== scope))} />
              {t(`apiTokens.scope.${scope}`)} <code translate="no">{scope}</code>
            </label>
          ))}
        </fieldset>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy || scopes.length === 0 || userId === ''}>
            {t('apiTokens.create')}
          </button>
        </div>
      </form>
    </section>
  )
}

function TokenTable({ tokens, busy, accountName, onRevoke }: { tokens: ApiToken[]; busy: boolean; accountName: (id: string) => string; onRevoke: (token: ApiToken) => void }) {
  const stamp = (at: string) => (
    <time dateTime={at} title={formatFullTimestamp(at)}>
      {formatShortTimestamp(at)}
    </time>
  )
  return (
    <div className="table-frame">
      <table className="queue-table admin__table">
        <thead>
          <tr>
            <th scope="col">{t('apiTokens.col.name')}</th>
            <th scope="col">{t('apiTokens.col.account')}</th>
            <th scope="col">{t('apiTokens.col.scopes')}</th>
            <th scope="col">{t('apiTokens.col.created')}</th>
            <th scope="col">{t('apiTokens.col.used')}</th>
            <th scope="col">{t('apiTokens.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row" translate="no">
                {token.name}
              </th>
              <td translate="no">{accountName(token.userId)}</td>
              <td translate="no">{activeTranslator().list(token.scopes)}</td>
              <td>{stamp(token.createdAt)}</td>
              <td>{token.lastUsedAt ? stamp(token.lastUsedAt) : t('apiTokens.never')}</td>
              <td>
                {token.revokedAt ? (
                  <span className="tag">{t('apiTokens.revoked', { at: formatShortTimestamp(token.revokedAt) })}</span>
                ) : (
                  <ConfirmAction label={t('apiTokens.revoke')} confirmLabel={t('apiTokens.revokeConfirm', { name: token.name })} busy={busy} onConfirm={() => onRevoke(token)} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
