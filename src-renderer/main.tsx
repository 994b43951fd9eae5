import { startDeskData } from './data-worker/connectDeskData'
import { DEFAULT_DATABASE_NAME } from './store/databaseName'

/**
 * The page's first script, kept small on purpose: it starts the data worker and has it open the
 * store, then loads the desk's screens (startApp.tsx). The worker's script (Dexie, the lifecycle,
 * the queue) and the store's opening then load beside the screens' code instead of after it: a
 * start-up saves the time it takes to fetch, parse and run the screens' bundle.
 */
startDeskData(DEFAULT_DATABASE_NAME)

import('./startApp').catch(async (error: unknown) => {
  // The screens' own bundle did not load (a broken install): nothing of the desk can show, say so,
  // in the desk's language if its words still load, else with the browser's own reason.
  console.error(error)
  const reason = error instanceof Error ? error.message : String(error)
  const root = document.getElementById('root')
  if (!root) return
  root.setAttribute('role', 'alert')
  root.textContent = await import('./i18n/activeLanguage').then(
    ({ t }) => t('shell.screensDidNotLoad', { reason }),
    () => reason,
  )
})
