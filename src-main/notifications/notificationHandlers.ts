import { z } from 'zod'
import type { MainApiHandlers } from '../ipc/channelHandler'
import { parseArgumentsWith } from '../sync/ipcArguments'

/** The parts of Electron's Notification this module uses, so tests hand in a fake. */
export interface NotificationApi {
  isSupported(): boolean
  create(options: { title: string; body: string }): { on(event: 'click', listener: () => void): unknown; show(): void }
}

export interface NotificationHandlerOptions {
  notifications: NotificationApi
  /** Brings the desk's window forward when a notification is clicked. */
  focusWindow: () => void
}

// OS notification centres cut long text anyway; anything far beyond this is not a notification.
const notificationArguments = z.tuple([
  z.strictObject({
    title: z.string().min(1).max(200),
    body: z.string().max(1_000),
  }),
])

/**
 * `notify.show`: an OS notification for SLA warnings, breaches, assignments and major incidents
 * (the renderer decides which; main only shows them). Answers false where the OS has no
 * notification centre, so the renderer shows the news in-app instead of losing it.
 */
export function createNotificationHandlers({ notifications, focusWindow }: NotificationHandlerOptions): Pick<MainApiHandlers, 'notify.show'> {
  return {
    'notify.show': {
      parseArguments: (raw) => parseArgumentsWith(notificationArguments, raw),
      handle: async (notification) => {
        if (!notifications.isSupported()) return false
        const shown = notifications.create({ title: notification.title, body: notification.body })
        shown.on('click', focusWindow)
        shown.show()
        return true
      },
    },
  }
}
