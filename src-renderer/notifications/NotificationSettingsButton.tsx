import { useNotificationCenter } from './notificationCenter'

/** In the status bar: where notifications are chosen (which news, whose SLA clocks). */
export function NotificationSettingsButton() {
  const settingsOpened = useNotificationCenter((state) => state.settingsOpened)
  const waiting = useNotificationCenter((state) => state.items.length)
  return (
    <button type="button" className="button button--small button--quiet" aria-haspopup="dialog" onClick={settingsOpened}>
      Notifications{waiting > 0 ? ` (${waiting})` : ''}
    </button>
  )
}
