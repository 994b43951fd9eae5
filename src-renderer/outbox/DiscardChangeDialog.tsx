import { useId } from 'react'
import { ModalDialog } from '../ui/ModalDialog'
import { t } from '../i18n/activeLanguage'

interface Props {
  number: string
  what: string
  busy: boolean
  onCancel: () => void
  onConfirm: () => void
}

/**
 * Discarding is the one way a change made on this desk leaves it without reaching the server,
 * so it asks first and says exactly what goes. An alert dialog with the safe choice focused.
 */
export function DiscardChangeDialog({ number, what, busy, onCancel, onConfirm }: Props) {
  const descriptionId = useId()

  return (
    <ModalDialog role="alertdialog" className="dialog dialog--narrow" title={t('outbox.discard.title')} describedBy={descriptionId} onClosed={onCancel}>
      <div id={descriptionId} className="dialog__body">
        <p className="discard__change">
          {what} <span className="discard__on">{t('outbox.discard.on', { number })}</span>
        </p>
        <p>
          {t('outbox.discard.body')}
        </p>
      </div>
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel} autoFocus>
          {t('outbox.discard.keep')}
        </button>
        <button type="button" className="button button--danger-solid" onClick={onConfirm} disabled={busy}>
          {t('outbox.discard.confirm')}
        </button>
      </div>
    </ModalDialog>
  )
}
