import { ROLE_LABELS } from '../../src-shared/incident/roles'
import { useDesk } from '../desk/deskContext'
import { ConnectionStatus } from './ConnectionStatus'

export function AppHeader({ version }: { version: string | null }) {
  const { session } = useDesk()
  const { actor, deviceId } = session

  return (
    <header className="app-header">
      <div className="app-header__brand">
        <span className="app-header__mark" aria-hidden="true" />
        <span className="app-header__name">Incident Desk</span>
        {version ? <span className="app-header__version">v{version}</span> : null}
      </div>
      <div className="app-header__status">
        <ConnectionStatus />
        <p className="app-header__identity" title={`Device ${deviceId}`}>
          <span className="visually-hidden">Signed in as </span>
          <span className="app-header__person">{actor.displayName}</span>
          <span className="app-header__role">{ROLE_LABELS[actor.role]}</span>
        </p>
      </div>
    </header>
  )
}
