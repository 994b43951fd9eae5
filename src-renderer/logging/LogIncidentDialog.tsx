import { useId } from 'react'
import { useUiActions } from '../ui/uiHooks'
import { LogIncidentForm } from './LogIncidentForm'
import { useModalDialogRef } from '../ui/useModalDialogRef'

/**
 * A native modal <dialog>: the browser traps focus inside it, makes the page behind it inert,
 * closes it on Escape and, when it closes, returns focus to whatever opened it. Mounted only
 * while open, so every opening starts with an empty form.
 */
export function LogIncidentDialog() {
  const titleId = useId()
  const { logDialogClosed, incidentLogged } = useUiActions()

  const showModal = useModalDialogRef()

  return (
    <dialog
      ref={showModal}
      className="dialog"
      aria-labelledby={titleId}
      onClose={(event) => {
        // React's development double-mount closes and reopens the dialog; only a close that
        // stuck (Escape, Cancel) means the user left.
        if (!event.currentTarget.open) logDialogClosed()
      }}
    >
      <h2 id={titleId} className="dialog__title">
        Log incident
      </h2>
      <LogIncidentForm onCancel={logDialogClosed} onLogged={(incident) => incidentLogged(incident.number, incident.numberIsProvisional)} />
    </dialog>
  )
}
