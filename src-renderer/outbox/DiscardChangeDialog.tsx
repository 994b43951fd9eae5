import { useId } from 'react'
import { ModalDialog } from '../ui/ModalDialog'

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
    <ModalDialog role="alertdialog" className="dialog dialog--narrow" title="Discard this change?" describedBy={descriptionId} onClosed={onCancel}>
      <div id={descriptionId} className="dialog__body">
        <p className="discard__change">
          {what} <span className="discard__on">on {number}</span>
        </p>
        <p>
          It will be removed from this desk for good: the server never accepted it, so no other desk has it, and the incident will
          be shown without it.
        </p>
      </div>
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel} autoFocus>
          Keep it
        </button>
        <button type="button" className="button button--danger-solid" onClick={onConfirm} disabled={busy}>
          Discard change
        </button>
      </div>
    </ModalDialog>
  )
}
