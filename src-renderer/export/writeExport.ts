import { AUDIT_COLUMNS, DEFAULT_INCIDENT_COLUMN_IDS, INCIDENT_COLUMNS, pickColumns, type CsvColumn } from '../../src-shared/csv/columns'
import { localizedHeaders } from '../../src-shared/csv/headers'
import type { CsvSink, CsvStreamResult, ExportJob, ExportPhase, ExportProgress } from '../../src-shared/data/exportContract'
import type { DeskLocale } from '../../src-shared/i18n/locales'
import type { IncidentDeskDatabase } from '../store/database'
import { auditRangePages, incidentAuditPages } from './auditPages'
import { streamCsv } from './csvStream'
import { allIncidentPages, countIncidents, incidentPagesByIds, viewIncidentIds } from './incidentPages'

/**
 * Writes one export into `sink`, in the data worker: the rows are read from the store a page at
 * a time, encoded and written, each page taken by the sink before the next is read. A cancel
 * (`signal`) or a failure aborts the sink, which removes the partial file.
 */
export async function writeExport(db: IncidentDeskDatabase, job: ExportJob, sink: CsvSink, signal: AbortSignal, onPhase: (phase: ExportPhase) => void): Promise<CsvStreamResult> {
  const { request, settings, actor } = job
  const format = { timeZone: settings.timeZone }
  const onProgress = (progress: ExportProgress) => onPhase({ phase: 'writing', ...progress })
  try {
    switch (request.kind) {
      case 'incidents': {
        const columns = withHeadersIn(settings.headerLocale ?? null, pickColumns(INCIDENT_COLUMNS, request.columnIds.length > 0 ? request.columnIds : DEFAULT_INCIDENT_COLUMN_IDS))
        if (request.view) {
          onPhase({ phase: 'finding' })
          const ids = await viewIncidentIds(db, request.view.definition, request.view.context)
          return await streamCsv(sink, { columns, format, bom: settings.bom, pages: incidentPagesByIds(db, actor, ids), total: ids.length, signal, onProgress })
        }
        const total = await countIncidents(db)
        return await streamCsv(sink, { columns, format, bom: settings.bom, pages: allIncidentPages(db, actor), total, signal, onProgress })
      }
      case 'audit':
        return await streamCsv(sink, {
          columns: AUDIT_COLUMNS,
          format,
          bom: settings.bom,
          pages: incidentAuditPages(db, actor, request.incidentId),
          total: null,
          signal,
          onProgress,
        })
      case 'audit-range':
        return await streamCsv(sink, {
          columns: AUDIT_COLUMNS,
          format,
          bom: settings.bom,
          pages: auditRangePages(db, actor, { from: request.from, to: request.to }),
          total: null,
          signal,
          onProgress,
        })
    }
  } catch (error) {
    // Reading the store failed before streaming began (streamCsv handles its own failures).
    await sink.abort().catch(() => undefined)
    return { status: 'failed', rows: 0, message: error instanceof Error ? error.message : String(error) }
  }
}

/** The columns with their headers in `locale`, or as they are (English) when none is asked for. */
function withHeadersIn<Row>(locale: DeskLocale | null, columns: readonly CsvColumn<Row>[]): CsvColumn<Row>[] {
  return locale ? localizedHeaders(columns, locale) : [...columns]
}
