import { useId } from 'react'
import { useDeskQuery } from '../data-worker/useDeskQuery'
import { useSyncController } from '../sync-status/syncControllerContext'
import { useUiActions } from '../ui/uiHooks'
import { RefusedChangeItem } from './RefusedChangeItem'
import { ModalDialog } from '../ui/ModalDialog'
import { t } from '../i18n/activeLanguage'

/**
 * The changes the sync server refused, one by one with its reason (DESIGN §2: refused events are
 * shown to the person to fix or discard; nothing vanishes). Each can be sent again (after an
 * admin fixed what the server objected to) or discarded from this desk after a confirmation.
 */
export function OutboxProblemsPanel() {
  const descriptionId = useId()
  const controller = useSyncController()
  const { outboxPanelClosed } = useUiActions()
  // Read in the data worker; asked again when the outbox or an incident changes.
  const refused = useDeskQuery(() => controller.refusedEvents(), [controller], ['outbox', 'incidents'])

  return (
    <ModalDialog
      className="dialog dialog--wide"
      title={t('outbox.title')}
      describedBy={descriptionId}
      onClosed={outboxPanelClosed}
      headerEnd={
        <button type="button" className="button button--quiet button--small" onClick={outboxPanelClosed}>
          {t('common.close')}
        </button>
      }
    >
      <p id={descriptionId} className="dialog__intro">
        {t('outbox.intro')}
      </p>
      {refused === undefined ? null : refused.length === 0 ? (
        <p className="outbox__empty" role="status">
          {t('outbox.none')}
        </p>
      ) : (
        <ul className="outbox__list" aria-label={t('outbox.refused')}>
          {refused.map((change) => (
            <RefusedChangeItem key={change.eventId} change={change} />
          ))}
        </ul>
      )}
    </ModalDialog>
  )
}
