import { useId, type ReactNode, type SyntheticEvent } from 'react'
import { useModalDialogRef } from './useModalDialogRef'

interface Props {
  title: ReactNode
  /** Called once the dialog really closed (Escape, a Close button, form method="dialog"). */
  onClosed: () => void
  className?: string
  role?: 'dialog' | 'alertdialog'
  /** Id of the element that describes the dialog, for aria-describedby. */
  describedBy?: string
  /** Escape pressed; call `preventDefault()` to keep the dialog open (work under way). */
  onCancel?: (event: SyntheticEvent<HTMLDialogElement>) => void
  /** Rendered beside the title (a Close button in a panel header). */
  headerEnd?: ReactNode
  children: ReactNode
}

/**
 * The desk's modal dialog: a native <dialog> shown as modal (focus trapped, page behind inert,
 * focus handed back to the opener on close), named by its title. `onClosed` fires only for a
 * close that stuck: React's development double mount closes and reopens it.
 */
export function ModalDialog({ title, onClosed, className = 'dialog', role, describedBy, onCancel, headerEnd, children }: Props) {
  const titleId = useId()
  const showModal = useModalDialogRef()
  const heading = (
    <h2 id={titleId} className="dialog__title">
      {title}
    </h2>
  )
  return (
    <dialog
      ref={showModal}
      role={role}
      className={className}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onCancel={onCancel}
      onClose={(event) => {
        if (!event.currentTarget.open) onClosed()
      }}
    >
      {headerEnd ? (
        <div className="dialog__header">
          {heading}
          {headerEnd}
        </div>
      ) : (
        heading
      )}
      {children}
    </dialog>
  )
}
