import { useOnlineStatus } from './useOnlineStatus'

/**
 * The network at a glance. Everything is saved on this device first, so "Offline" is a state to
 * know about, not an error, and the wording says so. A live region: people working in the field
 * want to hear when the network comes back.
 */
export function ConnectionStatus() {
  const online = useOnlineStatus()
  return (
    <span
      className="connection-status"
      data-online={online}
      role="status"
      title={online ? undefined : 'No network: everything is saved on this desk and syncs when the network is back.'}
    >
      <span className="connection-status__dot" aria-hidden="true" />
      {online ? 'Online' : 'Offline'}
    </span>
  )
}
