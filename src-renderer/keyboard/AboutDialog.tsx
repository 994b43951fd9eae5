import { useEffect, useId, useState } from 'react'
import type { Platform, PlatformAppInfo } from '../platform/platform'
import { useOverlayActions } from '../ui/uiHooks'
import { useModalDialogRef } from '../ui/useModalDialogRef'
import './keyboard.css'

/** Help › About: what this desk is and which build it runs, for bug reports. */
export function AboutDialog({ platform }: { platform: Platform }) {
  const titleId = useId()
  const { aboutClosed } = useOverlayActions()
  const showModal = useModalDialogRef()
  const [info, setInfo] = useState<PlatformAppInfo | null>(null)
  // An effect because the answer comes from outside React (main process or the page).
  useEffect(() => {
    let current = true
    platform.getAppInfo().then(
      (answer) => {
        if (current) setInfo(answer)
      },
      (error: unknown) => console.warn('Could not read the app information', error),
    )
    return () => {
      current = false
    }
  }, [platform])

  return (
    <dialog
      ref={showModal}
      className="dialog about-dialog"
      aria-labelledby={titleId}
      onClose={(event) => {
        if (!event.currentTarget.open) aboutClosed()
      }}
    >
      <h2 id={titleId} className="dialog__title">
        About {info?.name ?? 'Incident Desk'}
      </h2>
      <p>An offline-first IT incident desk, built the way ITIL describes incident management.</p>
      <dl className="about-dialog__facts">
        <dt>Version</dt>
        <dd>{info?.version ?? '…'}</dd>
        <dt>Runs on</dt>
        <dd>{info ? (info.platform === 'web' ? 'Web browser' : `Desktop (${info.platform})`) : '…'}</dd>
      </dl>
      <div className="about-dialog__actions">
        <button type="button" className="button" autoFocus onClick={aboutClosed}>
          Close
        </button>
      </div>
    </dialog>
  )
}
