import { useId } from 'react'
import { DeskConfiguration } from './DeskConfiguration'

/**
 * A standalone desk's own settings. A desk that never joined a server has one local user, who
 * owns all its data and acts as its admin (store/session.ts), so that user edits its categories
 * and templates here. Once the desk joins a server, only an admin signed in there edits them,
 * on the Administration screen.
 */
export function SettingsScreen() {
  const headingId = useId()
  return (
    <section className="admin" aria-labelledby={headingId}>
      <div className="queue__toolbar">
        <div className="queue__title">
          <h1 id={headingId} tabIndex={-1}>
            Settings
          </h1>
          <p className="queue__count">This desk</p>
        </div>
      </div>
      <DeskConfiguration scope="standalone" />
    </section>
  )
}
