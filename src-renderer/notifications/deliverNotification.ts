import type { Platform } from '../platform/platform'
import type { NotificationCenter } from './notificationCenter'
import type { DeskNotification } from './notificationRules'

/**
 * An OS notification where the platform has one (the desktop, through main), otherwise in-app.
 * Never lost: an OS refusal or a broken bridge falls back to the page.
 */
export function createNotificationDelivery(platform: Platform, center: NotificationCenter): (notification: DeskNotification) => void {
  return (notification) => {
    void platform
      .showNotification({ title: notification.title, body: notification.body })
      .catch(() => false)
      .then((shown) => {
        if (!shown) center.getState().posted(notification)
      })
  }
}
