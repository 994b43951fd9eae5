import { t } from '../i18n/activeLanguage'
/** Shown for the moment it takes to open the local store. */
export function StartingScreen() {
  return (
    <div className="centered-screen" role="status">
      <p>{t('shell.opening')}</p>
    </div>
  )
}
