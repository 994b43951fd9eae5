import { useId } from 'react'
import { useUiActions } from '../ui/uiHooks'
import { LogIncidentForm, type LoggedOutcome } from './LogIncidentForm'
import { useModalDialogRef } from '../ui/useModalDialogRef'
import { t } from '../i18n/activeLanguage'

function announcementOf({ incident, attachmentProblem }: LoggedOutcome): string {
  if (attachmentProblem) return attachmentProblem
  return incident.numberIsProvisional
    ? t('log.loggedProvisional', { number: incident.number })
    : t('log.logged', { number: incident.number })
}

/**
 * A native modal <dialog>: the browser traps focus inside it, makes the page behind it inert,
 * closes it on Escape and, when it closes, returns focus to whatever opened it. Mounted only
 * while open, so every opening starts with an empty form.
 */
export function LogIncidentDialog() {
  const titleId = useId()
  const { logDialogClosed, incidentLogged, announced, incidentOpened } = useUiActions()

  const showModal = useModalDialogRef()

  return (
    <dialog
      ref={showModal}
      className="dialog log-dialog"
      aria-labelledby={titleId}
      onClose={(event) => {
        // React's development double-mount closes and reopens the dialog; only a close that
        // stuck (Escape, Cancel) means the user left.
        if (!event.currentTarget.open) logDialogClosed()
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {t('log.title')}
      </h2>
      <LogIncidentForm
        onCancel={logDialogClosed}
        onLogged={(outcome) => {
          if (outcome.attachmentProblem) {
            logDialogClosed()
            announced(announcementOf(outcome))
          } else {
            incidentLogged(outcome.incident.number, outcome.incident.numberIsProvisional)
          }
        }}
        // The queue behind says so too, for when the form is closed later.
        onLoggedAndNew={(outcome) => announced(announcementOf(outcome))}
        // The incident opens over the form (a second modal on top), so the draft is still here after.
        onOpenIncident={incidentOpened}
      />
    </dialog>
  )
}
