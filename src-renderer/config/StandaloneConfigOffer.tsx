import { useState } from 'react'
import { CONFIG_SECTIONS } from '../../src-shared/config/orgConfig'
import { useDesk } from '../desk/deskContext'
import { t } from '../i18n/activeLanguage'
import { useConfigSaver } from './useConfigSaver'
import { useStandaloneConfig } from './useOrgConfig'

/**
 * A desk that was standalone kept its own configuration; once it takes the organization's, its
 * admin decides what becomes of the old one (DESIGN §2): offer it as the organization's (each
 * section saved on the server in order, checked there) or drop it. Until then it waits here.
 */
export function StandaloneConfigOffer() {
  const { data } = useDesk()
  const own = useStandaloneConfig()
  const saveConfig = useConfigSaver()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  if (!own) return notice ? <p role="status" className="admin__notice">{notice}</p> : null
  const sections = CONFIG_SECTIONS.filter((section) => own[section] !== undefined)

  async function offer(): Promise<void> {
    setBusy(true)
    setError(null)
    try {
      for (const section of sections) {
        const result = await saveConfig(section, own![section])
        if (!result.ok) {
          setError(result.errors.join(' '))
          return
        }
      }
      await data.forgetStandaloneConfig()
      setNotice(t('rules.standalone.offered'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="form config__standalone" aria-label={t('rules.standalone.title')}>
      <h2 className="admin__title">{t('rules.standalone.title')}</h2>
      <p>{t('rules.standalone.body', { sections: sections.map((section) => t(`rules.section.${section}`)).join(', ') })}</p>
      <p role="alert" className="form__error" data-empty={error === null}>
        {error}
      </p>
      <div className="form__actions">
        <button type="button" className="button" disabled={busy} onClick={() => void data.forgetStandaloneConfig()}>
          {t('rules.standalone.drop')}
        </button>
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void offer()}>
          {t('rules.standalone.offer')}
        </button>
      </div>
    </section>
  )
}
