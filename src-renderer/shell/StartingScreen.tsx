import { t } from '../i18n/activeLanguage'
/** Shown for the moment it takes to open the local store. */
export function StartingScreen() {
  return (
    <div className="centered-screen" role="status">
      <p>{t('shell.opening')}</p>
    </div>
  )
}

/** Shown for the moment it takes to load the code of a screen or dialog opened for the first time (lazyScreens.ts). */
export function LoadingScreen() {
  return (
    <div className="centered-screen" role="status">
      <p>{t('shell.loadingScreen')}</p>
    </div>
  )
}
