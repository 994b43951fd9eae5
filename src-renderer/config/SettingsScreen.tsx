import { SettingsLayout } from '../settings-layout/SettingsLayout'
import { deskConfigurationSections } from './DeskConfiguration'

/**
 * A standalone desk's own settings. A desk that never joined a server has one local user, who
 * owns all its data and acts as its admin (store/session.ts), so that user edits its categories
 * and templates here. Once the desk joins a server, only an admin signed in there edits them,
 * on the Administration screen.
 */
export function SettingsScreen() {
  return <SettingsLayout title="Settings" subtitle="This desk" sections={deskConfigurationSections('standalone')} />
}
