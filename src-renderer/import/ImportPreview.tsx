import { useId } from 'react'
import type { ImportRow } from '../../src-shared/csv/importRows'
import { priorityFor } from '../../src-shared/incident/priority'
import { useOrgConfig } from '../config/useOrgConfig'
import { activeTranslator, t } from '../i18n/activeLanguage'

/** The first mapped rows as the desk will log them, so a wrong mapping shows before importing. */
export function ImportPreview({ rows, total }: { rows: readonly ImportRow[]; total: number }) {
  const { priorityMatrix } = useOrgConfig()
  const captionId = useId()
  return (
    <section className="import-preview" aria-labelledby={captionId}>
      <h3 id={captionId}>
        {t('import.preview', { shown: rows.length === total ? t('import.preview.all', { count: total }) : t('import.preview.first', { shown: rows.length, total: activeTranslator().number(total) }) })}
      </h3>
      {rows.length === 0 ? (
        <p className="import-dialog__hint">{t('import.preview.none')}</p>
      ) : (
        <div className="import-preview__frame" tabIndex={0} aria-label={t('import.preview.rows')}>
          <table className="import-preview__table">
            <thead>
              <tr>
                <th scope="col">{t('import.col.line')}</th>
                <th scope="col">{t('import.field.originNumber')}</th>
                <th scope="col">{t('import.field.shortDescription')}</th>
                <th scope="col">{t('import.field.callerName')}</th>
                <th scope="col">{t('import.field.channel')}</th>
                <th scope="col">{t('import.field.category')}</th>
                <th scope="col">{t('import.field.impact')}</th>
                <th scope="col">{t('import.field.urgency')}</th>
                <th scope="col">{t('import.field.priority')}</th>
                <th scope="col">{t('import.col.openedUtc')}</th>
                <th scope="col">{t('import.field.originState')}</th>
                <th scope="col">{t('import.col.importedAs')}</th>
                <th scope="col">{t('import.col.resolvedUtc')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ line, incident, past }) => (
                <tr key={line}>
                  <td>{line}</td>
                  <td translate="no">{incident.origin?.number}</td>
                  <td className="import-preview__text" translate="no">
                    {incident.shortDescription}
                  </td>
                  <td translate="no">{incident.caller.name}</td>
                  <td>{t(`channel.${incident.channel}`)}</td>
                  <td translate="no">{[incident.category, incident.subcategory].filter(Boolean).join(' / ')}</td>
                  <td>{t(`impact.${incident.impact}`)}</td>
                  <td>{t(`urgency.${incident.urgency}`)}</td>
                  <td>{t(`priority.${incident.origin?.priority ?? priorityFor(incident.impact, incident.urgency, priorityMatrix)}`)}</td>
                  <td>{utcMinute(incident.origin?.openedAt)}</td>
                  <td translate="no">{incident.origin?.state}</td>
                  <td>{t(`state.${past.state}`)}</td>
                  <td>{utcMinute(past.resolvedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

/** `2026-03-04 09:15`: the minute an instant falls on in UTC, as the column's heading says. */
function utcMinute(iso: string | null | undefined): string {
  return iso ? iso.replace('T', ' ').slice(0, 16) : ''
}
