import { useAnnouncement, useUiActions } from '../ui/uiHooks'
import { t } from '../i18n/activeLanguage'

/**
 * Confirms what just happened ("INC0000007 logged."). The live region is always in the page,
 * empty when there is nothing to say: screen readers only announce changes to a region they
 * already know about.
 */
export function QueueAnnouncement() {
  const announcement = useAnnouncement()
  const { announcementDismissed } = useUiActions()
  return (
    <div className="announcement" data-empty={announcement === null}>
      <p role="status" className="announcement__text">
        {announcement}
      </p>
      {announcement ? (
        <button type="button" className="button button--quiet button--small" onClick={announcementDismissed}>
          {t('queue.dismiss')}
        </button>
      ) : null}
    </div>
  )
}
