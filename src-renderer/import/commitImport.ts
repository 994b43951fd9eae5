import type { ImportRow } from '../../src-shared/csv/importRows'
import type { IncidentStore } from '../store/incidentStore'
import { refusalText, t } from '../i18n/activeLanguage'

export type ImportCommitResult = { ok: true; count: number } | { ok: false; canceled: boolean; line: number; message: string }

/**
 * Logs every planned row with its past (IncidentStore.importIncidents): all of them or none,
 * written in batches so progress moves and Cancel works. A refusal names the file line of the
 * row the store refused.
 */
export async function commitImport(
  store: IncidentStore,
  rows: readonly ImportRow[],
  options: { onProgress?: (done: number) => void; signal?: AbortSignal } = {},
): Promise<ImportCommitResult> {
  if (rows.length === 0) return { ok: false, canceled: false, line: 0, message: t('import.nothing') }
  const result = await store.importIncidents(rows, options)
  if (result.ok) return { ok: true, count: result.count }
  if (result.canceled) return { ok: false, canceled: true, line: 0, message: t('import.canceled') }
  const line = rows[result.index]?.line ?? 0
  return { ok: false, canceled: false, line, message: t('import.lineRefused', { line, reason: refusalText(result.refusal) }) }
}
