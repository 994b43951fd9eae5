import { useId } from 'react'
import { displayServer } from '../session/describeSyncError'
import { useConnection } from '../ui/uiHooks'
import { DeskConfiguration } from '../config/DeskConfiguration'
import { GroupsSection } from './GroupsSection'
import { useAdminDirectory } from './useAdminDirectory'
import { UsersSection } from './UsersSection'

/**
 * Accounts and assignment groups on the sync server, for admins. Every change goes straight to
 * the server (which checks the role again); nothing here is kept on the desk.
 */
export function AdminScreen() {
  const headingId = useId()
  const connection = useConnection()
  const directory = useAdminDirectory()

  return (
    <section className="admin" aria-labelledby={headingId}>
      <div className="queue__toolbar">
        <div className="queue__title">
          <h1 id={headingId} tabIndex={-1}>
            Administration
          </h1>
          {connection.status === 'signedIn' ? <p className="queue__count">{displayServer(connection.serverUrl)}</p> : null}
        </div>
      </div>
      {directory.loadError ? (
        <div className="form__error" role="alert">
          {directory.loadError}{' '}
          <button type="button" className="button button--small" onClick={directory.reload}>
            Try again
          </button>
        </div>
      ) : null}
      <UsersSection directory={directory} />
      <GroupsSection directory={directory} />
      <DeskConfiguration scope="this-desk" />
    </section>
  )
}
