import { useDesk } from '../desk/deskContext'
import { useConnection, useGuardedNavigation, useIsAdminSignedIn, useMajorViewActions, useScreen, useUiActions } from '../ui/uiHooks'
import { mayViewReports } from '../reports/reportAccess'
import { DisclosureReminders } from '../security/DisclosureReminders'
import { CsvActions } from '../export/CsvActions'
import { t } from '../i18n/activeLanguage'

/**
 * The product, the screens this person may use, and whose desk this is. The account shown is the
 * one the desk works as (its changes carry that name), signed in or not; the status bar at the
 * bottom says whether it is syncing.
 */
export function AppHeader({ version }: { version: string | null }) {
  const { session } = useDesk()
  // The desk's actor changes when an account signs in; the connection changing re-renders this.
  useConnection()
  const { actor, deviceId } = session
  const isAdmin = useIsAdminSignedIn()
  const screen = useScreen()
  const { screenChosen } = useUiActions()
  const { majorIncidentViewOpened } = useMajorViewActions()
  // Leaving Settings or Administration with unsaved edits asks first (SettingsLayout).
  const go = useGuardedNavigation()

  return (
    <header className="app-header">
      <div className="app-header__brand">
        <span className="app-header__mark" aria-hidden="true" />
        {/* translate="no": names, not words; the pseudo-locale check and browser translators leave them alone. */}
        <span className="app-header__name" translate="no">
          Incident Desk
        </span>
        {version ? <span className="app-header__version">{t('shell.version', { version })}</span> : null}
      </div>
      {/* Every desk has at least the queue and the major incidents. */}
      <nav className="app-header__nav" aria-label={t('shell.screens')}>
        <button type="button" className="app-header__tab" aria-current={screen === 'queue' ? 'page' : undefined} onClick={() => go(() => screenChosen('queue'))}>
          {t('shell.tab.queue')}
        </button>
        <button type="button" className="app-header__tab" aria-current={screen === 'major' ? 'page' : undefined} onClick={() => go(() => majorIncidentViewOpened(null))}>
          {t('shell.tab.major')}
        </button>
        {mayViewReports(actor.role) ? (
          <button type="button" className="app-header__tab" aria-current={screen === 'reports' ? 'page' : undefined} onClick={() => go(() => screenChosen('reports'))}>
            {t('shell.tab.reports')}
          </button>
        ) : null}
        {isAdmin ? (
          <button type="button" className="app-header__tab" aria-current={screen === 'admin' ? 'page' : undefined} onClick={() => go(() => screenChosen('admin'))}>
            {t('shell.tab.admin')}
          </button>
        ) : null}
        {/* Everyone has Settings (their language); a standalone desk's also holds its configuration. */}
        <button type="button" className="app-header__tab" aria-current={screen === 'settings' ? 'page' : undefined} onClick={() => go(() => screenChosen('settings'))}>
          {t('shell.tab.settings')}
        </button>
      </nav>
      <div className="app-header__status">
        <CsvActions />
        <DisclosureReminders />
        <p className="app-header__identity" title={t('shell.device', { deviceId })}>
          <span className="visually-hidden">{t('shell.workingAs')}</span>
          <span className="app-header__person" translate="no">
            {actor.displayName}
          </span>
          <span className="app-header__role">{t(`role.${actor.role}`)}</span>
        </p>
      </div>
    </header>
  )
}
