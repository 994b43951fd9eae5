import { useId, useState } from 'react'
import type { Incident } from '../../src-shared/incident/incident'
import { exportRowsAsCsv } from '../export/exportRows'
import { formatFullTimestamp } from '../incident/formatTimestamp'
import { usePlatform } from '../platform/platformContext'
import { useModalDialogRef } from '../ui/useModalDialogRef'
import { timelineHeader, timelineRows } from './disclosureViewModel'
import { t } from '../i18n/activeLanguage'

/**
 * The disclosure timeline for counsel and the regulator: as CSV (through the platform's save
 * dialog or a download), or as a printable page.
 */
export function DisclosureTimelineExport({ incident }: { incident: Incident }) {
  const platform = usePlatform()
  const [message, setMessage] = useState<string | null>(null)
  const [printing, setPrinting] = useState(false)

  async function exportCsv() {
    setMessage(null)
    const rows = timelineRows(incident, Date.now())
    const result = await exportRowsAsCsv(platform, { fileName: `${incident.number}-disclosure-timeline.csv`, header: timelineHeader(), rows })
    if (result.status === 'done') setMessage(t('disclosure.exported', { count: rows.length }))
    else if (result.status === 'failed') setMessage(t('disclosure.exportFailed', { reason: result.message }))
    else if (result.status === 'canceled') setMessage(t('disclosure.exportCanceled'))
  }

  return (
    <div className="disclosure__export">
      <button type="button" className="button button--small" onClick={() => void exportCsv()}>
        {t('disclosure.exportCsv')}
      </button>
      <button type="button" className="button button--small" onClick={() => setPrinting(true)}>
        {t('disclosure.printable')}
      </button>
      <p role="status" className="disclosure__confirmation">
        {message}
      </p>
      {printing ? <PrintableTimeline incident={incident} onClose={() => setPrinting(false)} /> : null}
    </div>
  )
}

function PrintableTimeline({ incident, onClose }: { incident: Incident; onClose: () => void }) {
  const titleId = useId()
  const showModal = useModalDialogRef()
  // The moment the view opened: what it prints is as of then.
  const [printedAt] = useState(() => Date.now())
  const rows = timelineRows(incident, printedAt)
  return (
    <dialog
      ref={showModal}
      className="dialog dialog--wide disclosure-print"
      aria-labelledby={titleId}
      onClose={(event) => {
        if (!event.currentTarget.open) onClose()
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {t('disclosure.timelineTitle', { number: incident.number })}
      </h2>
      <p className="disclosure-print__meta">
        <span translate="no">{incident.shortDescription}</span> · {t('disclosure.printedAt', { at: formatFullTimestamp(new Date(printedAt).toISOString()) })}
      </p>
      <table className="disclosure__table disclosure-print__table">
        <thead>
          <tr>
            {timelineHeader().slice(1).map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {row.slice(1).map((cell, column) => (
                <td key={column}>{cell || '—'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form__actions disclosure-print__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.close')}
        </button>
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          {t('common.print')}
        </button>
      </div>
    </dialog>
  )
}
