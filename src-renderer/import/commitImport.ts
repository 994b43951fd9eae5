import type { ImportRow } from '../../src-shared/csv/importRows'
import type { IncidentStore } from '../store/incidentStore'
import { refusalText, t } from '../i18n/activeLanguage'

export type ImportCommitResult = { ok: true; count: number } | { ok: false; line: number; message: string }

/**
 * Logs every planned row as one transaction (IncidentStore.logIncidents): all of them or none.
 * A refusal names the file line of the row the store refused.
 */
export async function commitImport(store: IncidentStore, rows: readonly ImportRow[], onProgress?: (done: number) => void): Promise<ImportCommitResult> {
  if (rows.length === 0) return { ok: false, line: 0, message: t('import.nothing') }
  const result = await store.logIncidents(
    rows.map((row) => row.incident),
    onProgress,
  )
  if (result.ok) return { ok: true, count: result.incidents.length }
  const line = rows[result.index]?.line ?? 0
  return { ok: false, line, message: t('import.lineRefused', { line, reason: refusalText(result.refusal) }) }
}
