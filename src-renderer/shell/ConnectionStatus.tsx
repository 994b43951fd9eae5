import { useLiveQuery } from 'dexie-react-hooks'
import { useDesk } from '../desk/deskContext'
import { pendingOutboxCount } from '../store/queue'
import { useOnlineStatus } from './useOnlineStatus'

/**
 * Network and sync state at a glance. Everything is saved on this device first, so "Offline"
 * is a state to know about, not an error, and the wording says so. Only the network state is a
 * live region: the pending count changes with every save and would chatter.
 */
export function ConnectionStatus() {
  const { db } = useDesk()
  const online = useOnlineStatus()
  const pending = useLiveQuery(() => pendingOutboxCount(db), [db])

  return (
    <div className="connection-status">
      <span className="connection-status__state" data-online={online} role="status">
        <span className="connection-status__dot" aria-hidden="true" />
        {online ? 'Online' : 'Offline'}
      </span>
      {pending ? (
        // A standalone desk has no sync server yet: its changes are safe here and will be pushed
        // when it joins one, so say that rather than suggest something is stuck.
        <span className="connection-status__pending" title="Saved on this device; sent when the desk joins a sync server.">
          {pending} local {pending === 1 ? 'change' : 'changes'} · no sync server
        </span>
      ) : null}
    </div>
  )
}
