import { formatShortTimestamp } from '../incident/formatTimestamp'
import { useOnlineStatus } from '../shell/useOnlineStatus'
import { useConnection, useSyncStatus } from '../ui/uiHooks'
import { syncStateOf } from './syncState'
import { useOutboxCounts } from './useOutboxCounts'

/**
 * The status bar's first word: standalone, synced, offline with changes waiting, server
 * unreachable since when (syncState.ts). A live region: people in the field want to hear when
 * the network or the server comes back.
 */
export function SyncState() {
  const online = useOnlineStatus()
  const connection = useConnection()
  const sync = useSyncStatus()
  const counts = useOutboxCounts()
  const state = syncStateOf({
    connection: connection.status,
    online,
    running: sync.running,
    failingSince: sync.failingSince,
    unreachable: sync.unreachable,
    pending: counts?.pending ?? 0,
    refused: counts?.refused ?? 0,
    formatTime: formatShortTimestamp,
  })
  return (
    <span className="sync-state" data-tone={state.tone} role="status" title={state.detail}>
      <span className="sync-state__dot" aria-hidden="true" />
      {state.label}
    </span>
  )
}
