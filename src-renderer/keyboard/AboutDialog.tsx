import { useEffect, useState } from 'react'
import type { Platform, PlatformAppInfo } from '../platform/platform'
import { useOverlayActions } from '../ui/uiHooks'
import { ModalDialog } from '../ui/ModalDialog'
import { t } from '../i18n/activeLanguage'
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
    <ModalDialog className="dialog about-dialog" title={t('about.title', { name: info?.name ?? 'Incident Desk' })} onClosed={aboutClosed}>
      <p>{t('about.what')}</p>
      <dl className="about-dialog__facts">
        <dt>{t('about.version')}</dt>
        <dd>{info?.version ?? '…'}</dd>
        <dt>{t('about.runsOn')}</dt>
        <dd>{info ? (info.platform === 'web' ? t('about.web') : t('about.desktop', { platform: info.platform })) : '…'}</dd>
      </dl>
      <div className="about-dialog__actions">
        <button type="button" className="button" autoFocus onClick={aboutClosed}>
          {t('common.close')}
        </button>
      </div>
    </ModalDialog>
  )
}
