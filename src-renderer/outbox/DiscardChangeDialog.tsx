import { useId } from 'react'
import { useModalDialogRef } from '../ui/useModalDialogRef'

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
  const titleId = useId()
  const descriptionId = useId()
  const showModal = useModalDialogRef()

  return (
    <dialog
      ref={showModal}
      role="alertdialog"
      className="dialog dialog--narrow"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onClose={(event) => {
        if (!event.currentTarget.open) onCancel()
      }}
    >
      <h2 id={titleId} className="dialog__title">
        Discard this change?
      </h2>
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
    </dialog>
  )
}
