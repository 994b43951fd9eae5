import { useLiveQuery } from 'dexie-react-hooks'
import { useDesk } from '../desk/deskContext'
import { pendingOutboxCount, refusedOutboxCount } from '../store/queue'
import { useConnection } from '../ui/uiHooks'

function changes(count: number): string {
  return `${count} ${count === 1 ? 'change' : 'changes'}`
}

/**
 * How many changes this desk holds that the server does not have yet. A standalone desk has no
 * server: its changes are safe here and will be pushed when it joins one, so the wording says that
 * rather than suggest something is stuck. Not a live region: it changes with every save.
 */
export function PendingChanges() {
  const { db } = useDesk()
  const connection = useConnection()
  const counts = useLiveQuery(async () => ({ pending: await pendingOutboxCount(db), refused: await refusedOutboxCount(db) }), [db])
  if (counts === undefined) return null
  const { pending, refused } = counts

  if (connection.status === 'standalone') {
    if (pending === 0) return null
    return (
      <span className="status-bar__item status-bar__muted" title="Saved on this device; sent when the desk joins a sync server.">
        {pending} local {pending === 1 ? 'change' : 'changes'} · no sync server
      </span>
    )
  }
  if (pending === 0) {
    // Refused changes are not synced either; the Outbox problems button speaks for them.
    return connection.status === 'signedIn' && refused === 0 ? <span className="status-bar__item status-bar__muted">All changes synced</span> : null
  }
  return (
    <span className="status-bar__item status-bar__pending" title="Saved on this desk; sent to the sync server on the next sync.">
      {changes(pending)} waiting to sync
    </span>
  )
}
