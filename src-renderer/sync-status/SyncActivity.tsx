import { formatFullTimestamp, formatShortTimestamp } from '../incident/formatTimestamp'
import { useConnection, useSyncStatus } from '../ui/uiHooks'
import { SyncProgressBar } from './SyncProgressBar'
import { t } from '../i18n/activeLanguage'

/**
 * What sync is doing now, or how it last went: syncing with progress, the last failure as a
 * sentence, the time of the last sync, or why it does not run (standalone, signed out). A polite
 * live region, so a failure or a recovery is heard without stealing focus.
 */
export function SyncActivity() {
  const connection = useConnection()
  const sync = useSyncStatus()

  return (
    <span className="status-bar__item sync-activity" role="status" aria-label={t('sync.activity')}>
      {connection.status === 'standalone' ? (
        <span className="status-bar__muted">{t('sync.standaloneNotSyncing')}</span>
      ) : connection.status === 'signedOut' ? (
        <span className="sync-activity__signed-out">{connection.reason ?? t('sync.signedOutHint')}</span>
      ) : sync.running ? (
        <SyncProgressBar progress={sync.progress} />
      ) : sync.lastError ? (
        <span className="sync-activity__error">
          <span className="sync-activity__icon" aria-hidden="true">
            !
          </span>
          {sync.lastError}
        </span>
      ) : sync.lastSyncAt ? (
        <span className="status-bar__muted">
          {t('sync.lastSynced')}{' '}
          <time dateTime={sync.lastSyncAt} title={formatFullTimestamp(sync.lastSyncAt)}>
            {formatShortTimestamp(sync.lastSyncAt)}
          </time>
        </span>
      ) : (
        <span className="status-bar__muted">{t('sync.notYet')}</span>
      )}
    </span>
  )
}
