import { useEffect, useState } from 'react'
import type { Platform, PlatformAppInfo } from '../platform/platform'
import { useOverlayActions } from '../ui/uiHooks'
import { ModalDialog } from '../ui/ModalDialog'
import './keyboard.css'

/** Help › About: what this desk is and which build it runs, for bug reports. */
export function AboutDialog({ platform }: { platform: Platform }) {
  const { aboutClosed } = useOverlayActions()
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
    <ModalDialog className="dialog about-dialog" title={`About ${info?.name ?? 'Incident Desk'}`} onClosed={aboutClosed}>
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
    </ModalDialog>
  )
}
