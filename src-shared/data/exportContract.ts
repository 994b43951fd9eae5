/**
 * The CSV export as the page asks the data worker for it (issue #13: "import/export run in a
 * dedicated Worker"). The page opens the file (a save picker needs the click's user activation)
 * and lends it to the worker as a sink; the worker reads the store a page of rows at a time,
 * encodes each page and writes it, waiting for the page to take it before reading the next.
 *
 * Pure types: no DOM, Dexie or worker.
 */
import type { CsvTimeZone } from '../csv/timestamps'
import type { DeskLocale } from '../i18n/locales'
import type { Actor } from '../incident/roles'
import type { QueueContext, QueueViewDefinition } from '../queue/queueView'

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

/** One export as the worker runs it. */
export interface ExportJob {
  /** Names the run, so `cancelExport` can stop it. */
  runId: string
  request: ExportRequest
  settings: ExportSettings
  /** Who exports: only the incidents and events they may see are written. */
  actor: Actor
}

/** How far an export is: rows written, out of `total` when known. */
export interface ExportProgress {
  rows: number
  total: number | null
}

/** `finding`: a view's incidents are being looked up, before any row is written. */
export type ExportPhase = { phase: 'finding' } | ({ phase: 'writing' } & ExportProgress)

export type CsvStreamResult = { status: 'done'; rows: number } | { status: 'canceled'; rows: number } | { status: 'failed'; rows: number; message: string }

/** A file being written by an export (the platform's; on the web a download, on the desktop a file main writes). */
export interface CsvSink {
  /** Appends text; resolves when the platform took it (backpressure). */
  write(chunk: string): Promise<void>
  /** Finishes the file (on the web, starts the download). */
  close(): Promise<void>
  /** Stops and removes what was written so far; never leaves a partial file behind. */
  abort(): Promise<void>
}
