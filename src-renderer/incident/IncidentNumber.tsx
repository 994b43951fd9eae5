import { t } from '../i18n/activeLanguage'
/**
 * An incident's number, marked as provisional until the sync server gives the real one
 * (DESIGN §2): "NEW-3F9A2C-4 · not yet synced". The caller may have been told this number, so it
 * stays readable; the hint says it will change.
 */
export function IncidentNumber({ number, provisional }: { number: string; provisional: boolean }) {
  return (
    <span className="incident-number">
      <span className="incident-number__value" translate="no">
        {number}
      </span>
      {provisional ? (
        <span className="incident-number__provisional" title={t('incident.provisional.title')}>
          <span className="visually-hidden">, </span>{t('incident.provisional')}
        </span>
      ) : null}
    </span>
  )
}
