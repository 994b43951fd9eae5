import { AUDIT_COLUMNS, DEFAULT_INCIDENT_COLUMN_IDS, INCIDENT_COLUMNS, pickColumns, type CsvColumn } from '../../src-shared/csv/columns'
import type { CsvTimeZone } from '../../src-shared/csv/timestamps'
import type { Actor } from '../../src-shared/incident/roles'
import type { Platform } from '../platform/platform'
import type { IncidentDeskDatabase } from '../store/database'
import type { QueueContext, QueueViewDefinition } from '../../src-shared/queue/queueView'
import { auditRangePages, incidentAuditPages } from './auditPages'
import { streamCsv, type CsvStreamResult, type ExportProgress } from './csvStream'
import { allIncidentPages, countIncidents, incidentPagesByIds, viewIncidentIds } from './incidentPages'
import type { DeskLocale } from '../../src-shared/i18n/locales'
import { localizedHeaders } from '../../src-shared/csv/headers'

/**
 * What to export.
 * - `incidents`: every incident (`view` null) or a queue view's, with the chosen columns.
 * - `audit`: the audit trail (events) of one incident, or of every incident within a time range.
 */
export type ExportRequest =
  | { kind: 'incidents'; view: { definition: QueueViewDefinition; context: QueueContext; name: string } | null; columnIds: readonly string[] }
  | { kind: 'audit'; incidentId: string; incidentNumber: string }
  | { kind: 'audit-range'; from: string | null; to: string | null }

export interface ExportSettings {
  bom: boolean
  timeZone: CsvTimeZone
  /** Incident columns' headers in this language instead of English (the import reads both); null for English. */
  headerLocale?: DeskLocale | null
}

/** `finding`: a view's incidents are being looked up, before any row is written. */
export type ExportPhase = { phase: 'finding' } | ({ phase: 'writing' } & ExportProgress)

export type ExportOutcome = CsvStreamResult | { status: 'dismissed'; rows: 0 }

export interface ExportRun {
  platform: Platform
  db: IncidentDeskDatabase
  actor: Actor
  request: ExportRequest
  settings: ExportSettings
  signal: AbortSignal
  onPhase: (phase: ExportPhase) => void
  /** The day, for the file name: 2026-03-02. */
  today: string
}

export function suggestedFileName(request: ExportRequest, today: string): string {
  switch (request.kind) {
    case 'incidents':
      return request.view ? `incidents-${slug(request.view.name)}-${today}.csv` : `incidents-${today}.csv`
    case 'audit':
      return `audit-trail-${request.incidentNumber}-${today}.csv`
    case 'audit-range':
      return `audit-trail-${(request.from ?? 'start').slice(0, 10)}_${(request.to ?? 'now').slice(0, 10)}.csv`
  }
}

/**
 * Runs one export: asks the platform for the file first (the save picker needs the click's user
 * activation, so nothing is awaited before it), then streams the rows page by page.
 */
export async function runExport(run: ExportRun): Promise<ExportOutcome> {
  const { db, actor, request, settings, signal, onPhase } = run
  const sink = await run.platform.openCsvSink(suggestedFileName(request, run.today))
  if (!sink) return { status: 'dismissed', rows: 0 }
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
          pages: incidentAuditPages(db, request.incidentId),
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

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'view'
  )
}

/** The columns with their headers in `locale`, or as they are (English) when none is asked for. */
function withHeadersIn<Row>(locale: DeskLocale | null, columns: readonly CsvColumn<Row>[]): CsvColumn<Row>[] {
  return locale ? localizedHeaders(columns, locale) : [...columns]
}
