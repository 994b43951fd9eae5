import { useUiActions } from '../ui/uiHooks'
import { useNotificationCenter } from './notificationCenter'
import { t } from '../i18n/activeLanguage'
import './notifications.css'

/**
 * In-app notifications, bottom right above the status bar. A polite live region: a screen
 * reader hears the news without losing its place, and nothing steals keyboard focus.
 */
export function NotificationToasts() {
  const items = useNotificationCenter((state) => state.items)
  const dismissed = useNotificationCenter((state) => state.dismissed)
  const { incidentOpened } = useUiActions()
  return (
    <section className="notification-toasts" aria-label={t('notify.toasts')} aria-live="polite">
      {items.map((item) => (
        <article key={item.key} className={`notification-toast notification-toast--${item.kind}`} aria-label={item.title}>
          <h2 className="notification-toast__title">{item.title}</h2>
          <p className="notification-toast__body">{item.body}</p>
          <div className="notification-toast__actions">
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                dismissed(item.key)
                incidentOpened(item.incidentId)
              }}
            >
              {t('notify.open')}
            </button>
            <button type="button" className="button button--small button--quiet" onClick={() => dismissed(item.key)} aria-label={t('notify.dismiss', { title: item.title })}>
              {t('common.dismiss')}
            </button>
          </div>
        </article>
      ))}
    </section>
  )
}
