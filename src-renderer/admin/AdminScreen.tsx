import { displayServer } from '../session/describeSyncError'
import { SettingsLayout } from '../settings-layout/SettingsLayout'
import { useConnection } from '../ui/uiHooks'
import { deskConfigurationSections } from '../config/DeskConfiguration'
import { GroupsSection } from './GroupsSection'
import { useAdminDirectory } from './useAdminDirectory'
import { UsersSection } from './UsersSection'

/**
 * Accounts and assignment groups on the sync server, for admins, and this desk's configuration.
 * Every account or group change goes straight to the server (which checks the role again);
 * nothing of it is kept on the desk.
 */
export function AdminScreen() {
  const connection = useConnection()
  const directory = useAdminDirectory()
  const banner = directory.loadError ? (
    <div className="form__error" role="alert">
      {directory.loadError}{' '}
      <button type="button" className="button button--small" onClick={directory.reload}>
        Try again
      </button>
    </div>
  ) : null
  return (
    <SettingsLayout
      title="Administration"
      subtitle={connection.status === 'signedIn' ? displayServer(connection.serverUrl) : undefined}
      banner={banner}
      sections={[
        { id: 'users', title: 'Users', keywords: ['accounts', 'people', 'passwords', 'roles', 'sessions', 'sign-in'], content: <UsersSection directory={directory} /> },
        { id: 'groups', title: 'Assignment groups', keywords: ['teams', 'levels', 'members', 'security group'], content: <GroupsSection directory={directory} /> },
        ...deskConfigurationSections('this-desk'),
      ]}
    />
  )
}
