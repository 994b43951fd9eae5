import { displayServer } from '../session/describeSyncError'
import { SettingsLayout } from '../settings-layout/SettingsLayout'
import { useConnection } from '../ui/uiHooks'
import { deskConfigurationSections } from '../config/DeskConfiguration'
import { StandaloneConfigOffer } from '../config/StandaloneConfigOffer'
import { GroupsSection } from './GroupsSection'
import { MonitoringSection } from './MonitoringSection'
import { WebhooksSection } from './WebhooksSection'
import { ApiTokensSection } from './ApiTokensSection'
import { MailSection } from './MailSection'
import { useAdminDirectory } from './useAdminDirectory'
import { UsersSection } from './UsersSection'
import { t } from '../i18n/activeLanguage'

/**
 * Accounts and assignment groups on the sync server, for admins, and the organization's rules.
 * Every account or group change goes straight to the server (which checks the role again);
 * nothing of it is kept on the desk.
 */
export function AdminScreen() {
  const connection = useConnection()
  const directory = useAdminDirectory()
  const banner = (
    <>
      {directory.loadError ? (
        <div className="form__error" role="alert">
          {directory.loadError}{' '}
          <button type="button" className="button button--small" onClick={directory.reload}>
            {t('admin.tryAgain')}
          </button>
        </div>
      ) : null}
      <StandaloneConfigOffer />
    </>
  )
  return (
    <SettingsLayout
      title={t('admin.title')}
      subtitle={connection.status === 'signedIn' ? displayServer(connection.serverUrl) : undefined}
      banner={banner}
      sections={[
        { id: 'users', title: t('admin.users'), keywords: t('admin.users.keywords').split(' '), content: <UsersSection directory={directory} /> },
        { id: 'groups', title: t('admin.groups'), keywords: t('admin.groups.keywords').split(' '), content: <GroupsSection directory={directory} /> },
        { id: 'monitoring', title: t('monitoring.title'), keywords: t('monitoring.keywords').split(' '), content: <MonitoringSection directory={directory} /> },
        { id: 'webhooks', title: t('webhooks.title'), keywords: t('webhooks.keywords').split(' '), content: <WebhooksSection directory={directory} /> },
        { id: 'api-tokens', title: t('apiTokens.title'), keywords: t('apiTokens.keywords').split(' '), content: <ApiTokensSection directory={directory} /> },
        { id: 'mail', title: t('mailAdmin.title'), keywords: t('mailAdmin.keywords').split(' '), content: <MailSection directory={directory} /> },
        ...deskConfigurationSections('organization'),
      ]}
    />
  )
}
