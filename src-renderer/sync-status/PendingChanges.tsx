import { useOutboxCounts } from './useOutboxCounts'
import { useConnection } from '../ui/uiHooks'
import { t } from '../i18n/activeLanguage'

/**
 * How many changes this desk holds that the server does not have yet. A standalone desk has no
 * server: its changes are safe here and will be pushed when it joins one, so the wording says that
 * rather than suggest something is stuck. Not a live region: it changes with every save.
 */
export function PendingChanges() {
  const connection = useConnection()
  const counts = useOutboxCounts()
  if (counts === undefined) return null
  const { pending, refused } = counts

  if (connection.status === 'standalone') {
    if (pending === 0) return null
    return (
      <span className="status-bar__item status-bar__muted" title={t('sync.local.title')}>
        {t('sync.local', { count: pending })}
      </span>
    )
  }
  if (pending === 0) {
    // Refused changes are not synced either; the Outbox problems button speaks for them.
    return connection.status === 'signedIn' && refused === 0 ? <span className="status-bar__item status-bar__muted">{t('sync.allSynced')}</span> : null
  }
  return (
    <span className="status-bar__item status-bar__pending" title={t('sync.waitingToSync.title')}>
      {t('sync.waitingToSync', { count: pending })}
    </span>
  )
}
