import type { FigureUnit, ReportCell, ReportColumn } from '../../src-shared/reports/report'
import { activeTranslator } from '../i18n/activeLanguage'
import { figureDuration } from '../../src-shared/i18n/durations'

const MINUTE = 60_000

/** "45 min", "3 h 20 min", "2 d 4 h": two units at most, which is what a person compares. */
export function formatDuration(ms: number): string {
  return figureDuration(ms, activeTranslator())
}

export function formatRatio(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio === 0 || ratio === 1 ? 0 : 1)} %`
}

/** Shown in the report's zone, so the table reads the same on every desk. */
export function formatInstantIn(iso: string, timeZone: string): string {
  return activeTranslator().date(iso, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' })
}

export function formatValue(value: number | null, unit: FigureUnit): string {
  if (value === null) return '—'
  switch (unit) {
    case 'duration':
      return formatDuration(value)
    case 'ratio':
      return formatRatio(value)
    case 'count':
      return String(value)
  }
}

export function formatCell(cell: ReportCell, column: ReportColumn, timeZone: string): string {
  if (cell === null) return '—'
  if (column.unit === 'text') return String(cell)
  if (column.unit === 'instant') return formatInstantIn(String(cell), timeZone)
  return formatValue(Number(cell), column.unit)
}

/**
 * A table as CSV: durations in minutes and shares in percent (numbers a spreadsheet can sum),
 * instants as ISO 8601, which spreadsheets read back reliably. The header says the unit.
 */
export function csvOfTable(columns: readonly ReportColumn[], rows: ReadonlyArray<readonly ReportCell[]>): { header: string[]; rows: (string | number | null)[][] } {
  const header = columns.map((column) => (column.unit === 'duration' ? `${column.label} (min)` : column.unit === 'ratio' ? `${column.label} (%)` : column.label))
  const csvRows = rows.map((row) =>
    row.map((cell, index) => {
      const unit = columns[index]!.unit
      if (cell === null || typeof cell === 'string') return cell
      if (unit === 'duration') return Math.round((cell / MINUTE) * 100) / 100
      if (unit === 'ratio') return Math.round(cell * 10_000) / 100
      return cell
    }),
  )
  return { header, rows: csvRows }
}
