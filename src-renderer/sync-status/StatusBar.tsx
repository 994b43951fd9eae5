import { NotificationSettingsButton } from '../notifications/NotificationSettingsButton'
import { AccountStatus } from '../session/AccountStatus'
import { OutboxProblemsButton } from '../outbox/OutboxProblemsButton'
import { PendingChanges } from './PendingChanges'
import { SyncActivity } from './SyncActivity'
import { SyncState } from './SyncState'
import { t } from '../i18n/activeLanguage'

/**
 * Always on screen, at the bottom of the window: the state of sync, the changes not yet on the server,
 * what sync is doing, the server's refusals, and the account. Field technicians glance at it
 * before closing the laptop lid.
 */
export function StatusBar() {
  return (
    <footer className="status-bar" aria-label={t('sync.bar')}>
      <div className="status-bar__section">
        <SyncState />
        <PendingChanges />
        <SyncActivity />
      </div>
      <div className="status-bar__section status-bar__section--end">
        <OutboxProblemsButton />
        <NotificationSettingsButton />
        <AccountStatus />
      </div>
    </footer>
  )
}
