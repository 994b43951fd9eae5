import { useCallback } from 'react'

/**
 * A ref callback for a native <dialog>: shown as modal when it mounts (focus trapped, Escape
 * closes, the page behind inert) and closed when it unmounts. close() rather than just removing
 * the node: only close() hands focus back to the control that opened it.
 */
export function useModalDialogRef(): (dialog: HTMLDialogElement | null) => (() => void) | undefined {
  return useCallback((dialog: HTMLDialogElement | null) => {
    if (!dialog) return undefined
    if (!dialog.open) dialog.showModal()
    return () => {
      if (dialog.open) dialog.close()
    }
  }, [])
}
