import { useId } from 'react'
import type { ImportRow } from '../../src-shared/csv/importRows'
import { t } from '../i18n/activeLanguage'

/** The first mapped rows as the desk will log them, so a wrong mapping shows before importing. */
export function ImportPreview({ rows, total }: { rows: readonly ImportRow[]; total: number }) {
  const captionId = useId()
  return (
    <section className="import-preview" aria-labelledby={captionId}>
      <h3 id={captionId}>
        Preview: {rows.length === total ? `${total.toLocaleString()} rows` : `first ${rows.length} of ${total.toLocaleString()} valid rows`}
      </h3>
      {rows.length === 0 ? (
        <p className="import-dialog__hint">No valid rows yet.</p>
      ) : (
        <div className="import-preview__frame" tabIndex={0} aria-label="Preview rows (scrolls)">
          <table className="import-preview__table">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Original number</th>
                <th scope="col">Short description</th>
                <th scope="col">Caller</th>
                <th scope="col">Channel</th>
                <th scope="col">Category</th>
                <th scope="col">Impact</th>
                <th scope="col">Urgency</th>
                <th scope="col">Opened (UTC)</th>
                <th scope="col">Original state</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ line, incident }) => (
                <tr key={line}>
                  <td>{line}</td>
                  <td>{incident.origin?.number}</td>
                  <td className="import-preview__text">{incident.shortDescription}</td>
                  <td>{incident.caller.name}</td>
                  <td>{t(`channel.${incident.channel}`)}</td>
                  <td>{[incident.category, incident.subcategory].filter(Boolean).join(' / ')}</td>
                  <td>{t(`impact.${incident.impact}`)}</td>
                  <td>{t(`urgency.${incident.urgency}`)}</td>
                  <td>{incident.origin?.openedAt.replace('T', ' ').slice(0, 16)}</td>
                  <td>{incident.origin?.state}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
