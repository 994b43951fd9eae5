/**
 * The CSV import as the page asks the data worker for it (issue #9: "parsing, validation and
 * re-validation after a mapping change run off the page's main thread"). The worker reads the
 * file once and keeps it; the page sends the person's choices and gets back what the dialog
 * shows — counts, the first rows, the problems, the unknown values — never the whole file.
 *
 * Pure types: no DOM, Dexie or worker.
 */
import type { Taxonomy } from '../config/taxonomy'
import type { ImportDateFormat } from '../csv/dateFormats'
import type { CsvDelimiter } from '../csv/dialect'
import type { ColumnMapping } from '../csv/importFields'
import type { ImportRow } from '../csv/importRows'
import type { UnknownValue, ValueChoices } from '../csv/importValues'
import type { CsvRowError } from '../csv/parse'
import type { ImportPresetId } from '../csv/presets'
import type { AnyLocale } from '../i18n/locales'
import type { PersonRef } from '../incident/roles'
import type { ImportIncidentsResult } from './deskDataContract'

/** How far the worker has read a file: characters of its text. */
export interface ImportReadProgress {
  done: number
  total: number
}

/** A file read by the worker, with the first guesses the dialog starts from. */
export type ImportFileRead =
  | {
      ok: true
      /** Names the file in the later calls. */
      fileId: string
      header: string[]
      recordCount: number
      delimiter: CsvDelimiter
      presetId: ImportPresetId
      mapping: ColumnMapping
      dateFormat: ImportDateFormat
      /** Numbers repeat: offered as an event log. */
      eventLog: boolean
    }
  /** Nothing to read: an empty file, or one that cannot be read from its first line (`problem` says where and why). */
  | { ok: false; problem: CsvRowError | null }

export interface ImportPlanRequest {
  fileId: string
  presetId: ImportPresetId
  mapping: ColumnMapping
  timeZone: string
  dateFormat: ImportDateFormat
  eventLog: boolean
  choices: ValueChoices
  /** The desk's taxonomy as the page holds it (the admin's edits included). */
  taxonomy: Taxonomy
  /** The language the import writes generated text in, and its problems are read in. */
  locale: AnyLocale
  /** Incidents an earlier import brought in: skipped, or brought up to what the file says now. */
  existing: 'skip' | 'update'
  /** Who imports: a source naming them means them (importedPerson). */
  importer: PersonRef
}

/** What the dialog shows of a plan. */
export interface ImportPlanView {
  /** The first rows ready to import, for the preview. */
  preview: ImportRow[]
  /** Rows ready to import, and of those how many an earlier import already brought in (skipped). */
  rowCount: number
  alreadyCount: number
  /** Of those already here, how many the file now describes otherwise (what "update" would change). */
  changedCount: number
  /** The first problems in line order, and how many there are in all. */
  errors: CsvRowError[]
  errorCount: number
  unknown: UnknownValue[]
  waiting: number
  updatesFolded: number
  /** The taxonomy with this import's additions, and how many it adds. */
  taxonomy: Taxonomy
  added: number
  /** The date formats that read every date of the Opened column, and its first date. */
  fittingFormats: ImportDateFormat[]
  firstDate: string | null
  /** Cells of the Original number column that repeat an earlier one. */
  repeats: number
}

/** The store's answer, with the file line of a refused row. */
export type ImportCommitOutcome = ImportIncidentsResult | (Extract<ImportIncidentsResult, { canceled: false }> & { line: number })

export interface ImportCommitRequest extends ImportPlanRequest {
  /** Names the run, so `cancelImport(runId)` can stop it. */
  runId: string
}

/** A column mapping a person saved for the next file from the same tool. */
export interface SavedMapping {
  name: string
  presetId: ImportPresetId
  mapping: ColumnMapping
}

export type SaveMappingResult = { ok: true } | { ok: false; error: string }
