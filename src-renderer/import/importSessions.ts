import { detectDateFormats } from '../../src-shared/csv/dateFormats'
import type { CsvDelimiter } from '../../src-shared/csv/dialect'
import { planImport, type ImportPlan } from '../../src-shared/csv/importRows'
import { parseCsvText, type ParsedCsv } from '../../src-shared/csv/parse'
import { guessPreset, IMPORT_PRESETS, mappingForHeader } from '../../src-shared/csv/presets'
import type { ImportCommitOutcome, ImportFileRead, ImportPlanRequest, ImportPlanView, ImportReadProgress } from '../../src-shared/data/importContract'
import { translatorFor } from '../../src-shared/i18n/translator'
import type { IncidentDeskDatabase } from '../store/database'
import type { ImportIncidentsOptions } from '../store/importIncidents'
import type { IncidentStore } from '../store/incidentStore'
import { originKeyOf } from '../store/records'

/** Rows shown in the preview, and problems listed (the rest are counted). */
export const PREVIEW_ROWS = 20
export const SHOWN_PROBLEMS = 200
/** Files kept at once: a dialog closed without saying so (a tab closed) cannot pile them up. */
const KEPT_FILES = 2

interface ReadFile {
  text: string
  parsed: ParsedCsv
  /** The last plan and the request it answers: re-asked when only the page's view moved. */
  last: { key: string; plan: ImportPlan; already: ReadonlySet<string> } | null
}

export interface ImportSessions {
  /** Reads a file's text and keeps it (the separator detected unless given). */
  read(text: string, delimiter: CsvDelimiter | undefined, onProgress?: (progress: ImportReadProgress) => void, fileId?: string): ImportFileRead
  /** Reads a kept file again with another separator. */
  reread(fileId: string, delimiter: CsvDelimiter, onProgress?: (progress: ImportReadProgress) => void): ImportFileRead
  plan(request: ImportPlanRequest): Promise<ImportPlanView>
  /** A refusal names the file line of the row refused. */
  commit(request: ImportPlanRequest, options: ImportIncidentsOptions): Promise<ImportCommitOutcome>
  close(fileId: string): void
}

/**
 * The files being imported, held by the data worker next to the store (importContract.ts): read
 * once, planned again at every change of the person's choices, committed from the plan. The
 * page never holds the file's rows, so a 45 MB export does not freeze it.
 */
export function createImportSessions(db: IncidentDeskDatabase, store: IncidentStore): ImportSessions {
  const files = new Map<string, ReadFile>()

  async function planned(request: ImportPlanRequest): Promise<{ file: ReadFile; plan: ImportPlan; already: ReadonlySet<string> }> {
    const file = files.get(request.fileId)
    if (!file) throw new Error('This file is no longer open; choose it again.')
    const key = JSON.stringify({ ...request, fileId: undefined })
    if (file.last?.key === key) return { file, plan: file.last.plan, already: file.last.already }
    const plan = planImport(file.parsed, {
      preset: IMPORT_PRESETS[request.presetId],
      mapping: request.mapping,
      taxonomy: request.taxonomy,
      timeZone: request.timeZone,
      dateFormat: request.dateFormat,
      eventLog: request.eventLog,
      choices: request.choices,
      translator: translatorFor(request.locale),
    })
    // Incidents an earlier import already brought in (same tool, same number): skipped, not doubled.
    const keys = plan.rows.map((row) => originKeyOf(row.incident.origin!.system, row.incident.origin!.number))
    const already = new Set(keys.length === 0 ? [] : (await db.incidents.where('originKey').anyOf(keys).keys()).map(String))
    file.last = { key, plan, already }
    return { file, plan, already }
  }

  return {
    read(text, delimiter, onProgress, fileId = crypto.randomUUID()) {
      const parsed = parseCsvText(text, { delimiter, onProgress: onProgress ? (done) => onProgress({ done, total: text.length }) : undefined })
      const rereading = files.has(fileId)
      files.delete(fileId)
      // A file read again with the wrong separator is kept, to be read right with the next one.
      if (parsed.header.length === 0 && !rereading) return { ok: false, problem: parsed.errors[0] ?? null }
      files.set(fileId, { text, parsed, last: null })
      if (parsed.header.length === 0) return { ok: false, problem: parsed.errors[0] ?? null }
      while (files.size > KEPT_FILES) files.delete(files.keys().next().value!)
      const presetId = guessPreset(parsed.header)
      const mapping = mappingForHeader(IMPORT_PRESETS[presetId], parsed.header)
      return {
        ok: true,
        fileId,
        header: parsed.header,
        recordCount: parsed.records.length,
        delimiter: parsed.delimiter,
        presetId,
        mapping,
        dateFormat: detectDateFormats(columnCells(parsed, mapping.openedAt))[0] ?? 'iso',
        // Numbers that repeat are an event log's updates far more often than mistakes: offer to fold them.
        eventLog: repeatedCount(columnCells(parsed, mapping.originNumber)) > 0,
      }
    },

    reread(fileId, delimiter, onProgress) {
      const file = files.get(fileId)
      if (!file) return { ok: false, problem: null }
      return this.read(file.text, delimiter, onProgress, fileId)
    },

    async plan(request) {
      const { file, plan, already } = await planned(request)
      const openedDates = columnCells(file.parsed, request.mapping.openedAt)
      return {
        preview: plan.rows.slice(0, PREVIEW_ROWS),
        rowCount: plan.rows.length,
        alreadyCount: already.size,
        errors: plan.errors.slice(0, SHOWN_PROBLEMS),
        errorCount: plan.errors.length,
        unknown: plan.unknown,
        waiting: plan.waiting,
        updatesFolded: plan.updatesFolded,
        taxonomy: plan.taxonomy,
        added: plan.added,
        fittingFormats: detectDateFormats(openedDates),
        firstDate: openedDates.find((date) => date.trim() !== '') ?? null,
        repeats: repeatedCount(columnCells(file.parsed, request.mapping.originNumber)),
      }
    },

    async commit(request, options) {
      const { plan, already } = await planned(request)
      const fresh = plan.rows.filter((row) => !already.has(originKeyOf(row.incident.origin!.system, row.incident.origin!.number)))
      const result = await store.importIncidents(fresh, options)
      if (result.ok) files.delete(request.fileId)
      if (!result.ok && !result.canceled) return { ...result, line: fresh[result.index]?.line ?? 0 }
      return result
    },

    close(fileId) {
      files.delete(fileId)
    },
  }
}

/** The cells of the column mapped to a field (its header), in file order; none when unmapped. */
function columnCells(parsed: ParsedCsv, header: string | undefined): string[] {
  const at = header === undefined ? -1 : parsed.header.indexOf(header)
  return at < 0 ? [] : parsed.records.map((record) => record.cells[at] ?? '')
}

/** How many cells repeat a value an earlier cell has (blank cells aside). */
function repeatedCount(cells: readonly string[]): number {
  const values = cells.map((cell) => cell.trim()).filter((cell) => cell !== '')
  return values.length - new Set(values).size
}
