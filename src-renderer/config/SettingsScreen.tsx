import { LanguageSettings } from '../i18n/LanguageSettings'
import { t } from '../i18n/activeLanguage'
import { SettingsLayout, type SettingsSection } from '../settings-layout/SettingsLayout'
import { useIsStandaloneDesk } from '../ui/uiHooks'
import { deskConfigurationSections } from './DeskConfiguration'

/**
 * This desk's settings. Everyone chooses their language here. A desk that never joined a server
 * has one local user, who owns all its data and acts as its admin (store/session.ts), so that
 * user also edits its categories and templates here; once the desk joins a server, only an admin
 * signed in there edits them, on the Administration screen.
 */
export function SettingsScreen() {
  const isStandalone = useIsStandaloneDesk()
  const language: SettingsSection = {
    id: 'language',
    title: t('settings.language.title'),
    keywords: t('settings.language.keywords').split(' '),
    content: <LanguageSettings />,
  }
  const sections = isStandalone ? [language, ...deskConfigurationSections('standalone')] : [language]
  return <SettingsLayout title={t('settings.title')} subtitle={t('settings.subtitle')} sections={sections} />
}
