import { useNotificationCenter } from './notificationCenter'
import { t } from '../i18n/activeLanguage'

/** In the status bar: where notifications are chosen (which news, whose SLA clocks). */
export function NotificationSettingsButton() {
  const settingsOpened = useNotificationCenter((state) => state.settingsOpened)
  const waiting = useNotificationCenter((state) => state.items.length)
  return (
    <button type="button" className="button button--small button--quiet" aria-haspopup="dialog" onClick={settingsOpened}>
      {t('notifications.button', { waiting })}
    </button>
  )
}
