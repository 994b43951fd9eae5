import { useState } from 'react'
import { useSyncController } from '../sync-status/syncControllerContext'
import { useOnlineStatus } from '../shell/useOnlineStatus'
import { useConnection, useSyncStatus, useUiActions } from '../ui/uiHooks'
import { displayServer } from './describeSyncError'
import { t } from '../i18n/activeLanguage'

/**
 * Who this desk syncs as, and where: the account and server with "Sync now" and "Sign out" while
 * signed in, otherwise the way to sign in. Signing out keeps every incident and pending change on
 * the desk; they go up with the next sign-in.
 */
export function AccountStatus() {
  const connection = useConnection()
  const { running } = useSyncStatus()
  const { signInDialogOpened } = useUiActions()
  const controller = useSyncController()
  const [signingOut, setSigningOut] = useState(false)
  const online = useOnlineStatus()

  if (connection.status !== 'signedIn') {
    return (
      <span className="status-bar__group">
        {connection.status === 'signedOut' && connection.account ? (
          <span className="status-bar__muted" translate="no">
            {connection.account.displayName}
          </span>
        ) : null}
        <button type="button" className="button button--small button--primary" onClick={signInDialogOpened}>
          {t('account.signIn')}
        </button>
      </span>
    )
  }

  const { account, serverUrl } = connection
  return (
    <span className="status-bar__group">
      <span className="status-bar__account" title={t('account.signedInTo', { server: serverUrl, username: account.username })}>
        <span className="visually-hidden">{t('account.signedInAs')}</span>
        <span className="status-bar__person" translate="no">
          {account.displayName}
        </span>
        <span className="status-bar__muted"> · {t(`role.${account.role}`)} · {displayServer(serverUrl)}</span>
      </span>
      <button
        type="button"
        className="button button--small"
        onClick={() => controller.syncNow()}
        disabled={running || !online}
        title={online ? undefined : t('account.offlineSync')}
      >
        {t('account.syncNow')}
      </button>
      <button
        type="button"
        className="button button--small button--quiet"
        disabled={signingOut}
        onClick={async () => {
          setSigningOut(true)
          try {
            await controller.signOut()
          } finally {
            setSigningOut(false)
          }
        }}
      >
        {t('account.signOut')}
      </button>
    </span>
  )
}
