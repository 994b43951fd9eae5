import { detectDateFormats } from '../../src-shared/csv/dateFormats'
import type { CsvDelimiter } from '../../src-shared/csv/dialect'
import { planImport, type ImportPlan, type ImportRow } from '../../src-shared/csv/importRows'
import { readOrgConfig } from '../config/orgConfigStore'
import { parseCsvText, type ParsedCsv } from '../../src-shared/csv/parse'
import { guessPreset, IMPORT_PRESETS, mappingForHeader } from '../../src-shared/csv/presets'
import type { ImportCommitOutcome, ImportFileRead, ImportPlanRequest, ImportPlanView, ImportReadProgress } from '../../src-shared/data/importContract'
import { translatorFor } from '../../src-shared/i18n/translator'
import type { IncidentDeskDatabase } from '../store/database'
import { nowOf, type ImportIncidentsOptions, type ImportUpdate } from '../store/importIncidents'
import type { LocalIncidentStore } from '../store/incidentStore'
import { fromRecord, originKeyOf, type IncidentRecord } from '../store/records'
import { importedPerson, updateSteps } from '../../src-shared/csv/importHistory'

/** Rows shown in the preview, and problems listed (the rest are counted). */
export const PREVIEW_ROWS = 20
export const SHOWN_PROBLEMS = 200
/** Files kept at once: a dialog closed without saying so (a tab closed) cannot pile them up. */
const KEPT_FILES = 2

interface ReadFile {
  /**
   * The file as the person chose it, read again for another separator. Not its text: a Blob's
   * bytes live outside the worker's heap, and the text of a 28 MB export was the largest thing
   * the worker held between the choice and the commit (issue #9: memory below 2× the file).
   */
  source: Blob
  parsed: ParsedCsv
  /** The view of the last plan and the request it answers: re-asked when only the page's view moved. */
  last: { key: string; view: PlanSummary } | null
  /** What the Opened and Original number columns say, for the columns last asked about (they change only with the mapping). */
  columns: { key: string; facts: ColumnFacts } | null
}

interface ColumnFacts {
  fittingFormats: ImportPlanView['fittingFormats']
  firstDate: string | null
  repeats: number
}

/** A plan as the dialog shows it, without the rows (the commit works them out again). */
type PlanSummary = Omit<ImportPlanView, keyof ColumnFacts>

interface Planned {
  plan: ImportPlan
  /** Rows no earlier import brought in. */
  fresh: ImportRow[]
  /** Incidents an earlier import brought in that the file now describes otherwise. */
  changed: ImportUpdate[]
  alreadyCount: number
  reopenReason: string
}

export interface ImportSessions {
  /** Reads a file and keeps its records (the separator detected unless given). */
  read(source: Blob, delimiter: CsvDelimiter | undefined, onProgress?: (progress: ImportReadProgress) => void, fileId?: string): Promise<ImportFileRead>
  /** Reads a kept file again with another separator. */
  reread(fileId: string, delimiter: CsvDelimiter, onProgress?: (progress: ImportReadProgress) => void): Promise<ImportFileRead>
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
export function createImportSessions(db: IncidentDeskDatabase, store: Pick<LocalIncidentStore, 'importIncidents'>): ImportSessions {
  const files = new Map<string, ReadFile>()

  function openFile(fileId: string): ReadFile {
    const file = files.get(fileId)
    if (!file) throw new Error('This file is no longer open; choose it again.')
    return file
  }

  /**
   * The rows of the person's current choices, and which of them an earlier import already
   * brought in. Worked out for each new choice, and again at the commit rather than kept in
   * between: 100k planned rows held ~30 MB of the worker's heap, twice a GLPI export's size,
   * and working them out again takes a few seconds of a commit that takes a minute. The desk
   * may also have changed since (another import, a sync).
   */
  async function planned(file: ReadFile, request: ImportPlanRequest): Promise<Planned> {
    const translator = translatorFor(request.locale)
    const plan = planImport(file.parsed, {
      preset: IMPORT_PRESETS[request.presetId],
      mapping: request.mapping,
      taxonomy: request.taxonomy,
      timeZone: request.timeZone,
      dateFormat: request.dateFormat,
      eventLog: request.eventLog,
      choices: request.choices,
      translator,
      priorityMatrix: (await readOrgConfig(db)).priorityMatrix,
    })
    // Incidents an earlier import already brought in (same tool, same number): never doubled;
    // skipped, or brought up to what the file says now.
    const system = IMPORT_PRESETS[request.presetId].system
    const present = await importedBefore(db, plan.rows)
    const fresh: ImportRow[] = []
    const changed: ImportUpdate[] = []
    const reopenReason = translator.t('import.reopenedInSource', { system })
    for (const row of plan.rows) {
      const existing = present.get(originKeyOfRow(row))
      if (!existing) fresh.push(row)
      else if (updateSteps(fromRecord(existing), nowOf(row), row.past, (name) => importedPerson(name, request.importer), reopenReason).length > 0) {
        changed.push({ incidentId: existing.id, row })
      }
    }
    return { plan, fresh, changed, alreadyCount: plan.rows.length - fresh.length, reopenReason }
  }

  return {
    async read(source, delimiter, onProgress, fileId = crypto.randomUUID()) {
      const text = await source.text()
      const parsed = parseCsvText(text, { delimiter, onProgress: onProgress ? (done) => onProgress({ done, total: text.length }) : undefined })
      const rereading = files.has(fileId)
      files.delete(fileId)
      // A file read again with the wrong separator is kept, to be read right with the next one.
      if (parsed.header.length === 0 && !rereading) return { ok: false, problem: parsed.errors[0] ?? null }
      const file: ReadFile = { source, parsed, last: null, columns: null }
      files.set(fileId, file)
      if (parsed.header.length === 0) return { ok: false, problem: parsed.errors[0] ?? null }
      while (files.size > KEPT_FILES) files.delete(files.keys().next().value!)
      const presetId = guessPreset(parsed.header)
      const mapping = mappingForHeader(IMPORT_PRESETS[presetId], parsed.header)
      const facts = columnFacts(file, mapping.openedAt, mapping.originNumber)
      return {
        ok: true,
        fileId,
        header: parsed.header,
        recordCount: parsed.records.length,
        delimiter: parsed.delimiter,
        presetId,
        mapping,
        dateFormat: facts.fittingFormats[0] ?? 'iso',
        // Numbers that repeat are an event log's updates far more often than mistakes: offer to fold them.
        eventLog: facts.repeats > 0,
      }
    },

    async reread(fileId, delimiter, onProgress) {
      const file = files.get(fileId)
      if (!file) return { ok: false, problem: null }
      return this.read(file.source, delimiter, onProgress, fileId)
    },

    async plan(request) {
      const file = openFile(request.fileId)
      const key = JSON.stringify({ ...request, fileId: undefined })
      if (file.last?.key !== key) {
        const { plan, alreadyCount, changed } = await planned(file, request)
        const view: PlanSummary = {
          preview: plan.rows.slice(0, PREVIEW_ROWS),
          rowCount: plan.rows.length,
          alreadyCount,
          changedCount: changed.length,
          errors: plan.errors.slice(0, SHOWN_PROBLEMS),
          errorCount: plan.errors.length,
          unknown: plan.unknown,
          waiting: plan.waiting,
          updatesFolded: plan.updatesFolded,
          taxonomy: plan.taxonomy,
          added: plan.added,
        }
        file.last = { key, view }
      }
      return { ...file.last.view, ...columnFacts(file, request.mapping.openedAt, request.mapping.originNumber) }
    },

    async commit(request, options) {
      const { fresh, changed, reopenReason } = await planned(openFile(request.fileId), request)
      const updates = request.existing === 'update' ? changed : []
      const result = await store.importIncidents(fresh, { ...options, updates: { incidents: updates, reopenReason } })
      if (result.ok) files.delete(request.fileId)
      if (!result.ok && !result.canceled) return { ...result, line: (fresh[result.index] ?? updates[result.index - fresh.length]?.row)?.line ?? 0 }
      return result
    },

    close(fileId) {
      files.delete(fileId)
    },
  }
}

function originKeyOfRow(row: ImportRow): string {
  return originKeyOf(row.incident.origin!.system, row.incident.origin!.number)
}

/**
 * The desk's incidents that an earlier import brought in under the tools and numbers of `rows`,
 * by origin key. A desk with none from those tools (a first import, the usual migration)
 * answers from one count of the index. Otherwise one indexed read per key, all at once: Dexie's
 * anyOf seeks key by key with a cursor, which in Chromium is many times slower over a large index
 * (see eventsOfIncidents in store/refold.ts).
 */
async function importedBefore(db: IncidentDeskDatabase, rows: readonly ImportRow[]): Promise<Map<string, IncidentRecord>> {
  const present = new Map<string, IncidentRecord>()
  const systems = [...new Set(rows.map((row) => originKeyOf(row.incident.origin!.system, '')))]
  await db.transaction('r', db.incidents, async () => {
    const earlier = await Promise.all(systems.map((prefix) => db.incidents.where('originKey').startsWith(prefix).count()))
    if (earlier.every((count) => count === 0)) return
    const found = await Promise.all(rows.map((row) => db.incidents.where('originKey').equals(originKeyOfRow(row)).first()))
    for (const record of found) if (record) present.set(record.originKey!, record)
  })
  return present
}

/**
 * The date formats that read every Opened date, the first of them, and how many original numbers
 * repeat: read from every row, so worked out once per mapping of those two columns, not at every
 * choice the person makes.
 */
function columnFacts(file: ReadFile, openedHeader: string | undefined, numberHeader: string | undefined): ColumnFacts {
  const key = JSON.stringify([openedHeader, numberHeader])
  if (file.columns?.key === key) return file.columns.facts
  const openedDates = columnCells(file.parsed, openedHeader)
  const facts = {
    fittingFormats: detectDateFormats(openedDates),
    firstDate: openedDates.find((date) => date.trim() !== '') ?? null,
    repeats: repeatedCount(columnCells(file.parsed, numberHeader)),
  }
  file.columns = { key, facts }
  return facts
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
