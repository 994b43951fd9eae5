import * as Comlink from 'comlink'
import type { CsvStreamResult, ExportPhase, ExportRequest, ExportSettings } from '../../src-shared/data/exportContract'
import { newId } from '../../src-shared/events/ids'
import type { Actor } from '../../src-shared/incident/roles'
import type { DeskData } from '../data-worker/connectDeskData'
import { withProgress } from '../data-worker/connectDeskData'
import type { Platform } from '../platform/platform'

export type { ExportPhase, ExportRequest, ExportSettings }

export type ExportOutcome = CsvStreamResult | { status: 'dismissed'; rows: 0 }

export interface ExportRun {
  platform: Platform
  data: DeskData
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
 * activation, so nothing is awaited before it), then lends it to the data worker, which reads the
 * store and writes the rows (writeExport.ts). The page only passes the chunks on to the file.
 */
export async function runExport(run: ExportRun): Promise<ExportOutcome> {
  const { data, request, settings, signal } = run
  const sink = await run.platform.openCsvSink(suggestedFileName(request, run.today))
  if (!sink) return { status: 'dismissed', rows: 0 }
  const runId = newId()
  const cancel = () => void data.cancelExport(runId)
  signal.addEventListener('abort', cancel)
  try {
    const job = { runId, request, settings, actor: run.actor }
    return await withProgress<ExportPhase, CsvStreamResult>((onPhase) => data.exportCsv(job, Comlink.proxy(sink), onPhase), run.onPhase)
  } catch (error) {
    // The worker went away mid-export: the file is not whole.
    await sink.abort().catch(() => undefined)
    return { status: 'failed', rows: 0, message: error instanceof Error ? error.message : String(error) }
  } finally {
    signal.removeEventListener('abort', cancel)
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
