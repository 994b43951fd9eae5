import { useState, type ReactNode } from 'react'
import type { ReportTable } from '../../src-shared/reports/report'
import { exportRowsAsCsv } from '../export/exportRows'
import { usePlatform } from '../platform/platformContext'
import { csvOfTable, formatCell } from './formatFigure'
import { HowComputed } from './HowComputed'
import { t } from '../i18n/activeLanguage'

interface Props {
  table: ReportTable
  timeZone: string
  /** Part of the CSV file name, e.g. the range "2025-03-01_2025-03-31". */
  fileSuffix: string
  chart?: ReactNode
  emptyText?: string
  /** Across the whole grid, for tables with many columns. */
  wide?: boolean
}

/** One report table: its chart, its numbers, how they are computed, and a CSV of them. */
export function ReportTableView({ table, timeZone, fileSuffix, chart, emptyText, wide = false }: Props) {
  const platform = usePlatform()
  const [exportMessage, setExportMessage] = useState<string | null>(null)
  const captionId = `report-table-${table.id}`

  async function exportCsv(): Promise<void> {
    setExportMessage(null)
    const { header, rows } = csvOfTable(table.columns, table.rows)
    try {
      const result = await exportRowsAsCsv(platform, { fileName: `${table.id}-${fileSuffix}.csv`, header, rows })
      if (result.status === 'done') setExportMessage(t('reports.exported', { count: result.rows }))
      else if (result.status === 'failed') setExportMessage(t('reports.exportFailed', { reason: result.message }))
    } catch (error) {
      setExportMessage(t('reports.exportFailed', { reason: error instanceof Error ? error.message : String(error) }))
    }
  }

  return (
    <section className={wide ? 'report-section report-section--wide' : 'report-section'} aria-labelledby={captionId}>
      <div className="report-section__header">
        <h2 id={captionId}>{table.title}</h2>
        <button type="button" className="button button--small" onClick={() => void exportCsv()} aria-label={t('reports.exportLabel', { title: table.title })}>
          {t('reports.export')}
        </button>
      </div>
      {exportMessage ? (
        <p className="report-section__message" role="status">
          {exportMessage}
        </p>
      ) : null}
      <div className="report-section__body">
        {chart}
        {table.rows.length === 0 ? (
          <p className="report-section__empty">{emptyText ?? t('reports.nothing')}</p>
        ) : (
          <div className="report-table__scroll">
            <table className="report-table" aria-labelledby={captionId}>
              <thead>
                <tr>
                  {table.columns.map((column) => (
                    <th key={column.id} scope="col" className={column.unit === 'text' ? undefined : 'report-table__number'}>
                      {column.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row, rowIndex) => (
                  <tr key={rowIndex}>
                    {row.map((cell, index) => {
                      const column = table.columns[index]!
                      const text = formatCell(cell, column, timeZone)
                      const translate = isData(table.id, column.id) ? 'no' : undefined
                      return index === 0 ? (
                        <th key={column.id} scope="row" translate={translate}>
                          {text}
                        </th>
                      ) : (
                        <td key={column.id} className={column.unit === 'text' ? undefined : 'report-table__number'} translate={translate}>
                          {text}
                        </td>
                      )
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <HowComputed text={table.howComputed} subject={table.title} />
    </section>
  )
}

/** Cells that hold the desk's data (incident numbers and titles, category names), not words of the desk's own. */
function isData(tableId: string, columnId: string): boolean {
  return columnId === 'number' || columnId === 'shortDescription' || (tableId === 'category' && columnId === 'name')
}
