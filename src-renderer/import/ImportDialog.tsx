import { startTransition, useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from 'react'
import { validateTaxonomy } from '../../src-shared/config/taxonomy'
import type { ImportDateFormat } from '../../src-shared/csv/dateFormats'
import type { CsvRowError } from '../../src-shared/csv/parse'
import type { CsvDelimiter } from '../../src-shared/csv/dialect'
import { IMPORT_FIELDS, type ColumnMapping, type ImportFieldId } from '../../src-shared/csv/importFields'
import type { ValueChoice, ValueChoices } from '../../src-shared/csv/importValues'
import { IMPORT_PRESETS, mappingForHeader, type ImportPresetId } from '../../src-shared/csv/presets'
import { isValidTimeZone } from '../../src-shared/csv/timestamps'
import type { ImportCommitOutcome, ImportFileRead, ImportPlanRequest, ImportPlanView, ImportReadProgress } from '../../src-shared/data/importContract'
import { refusal } from '../../src-shared/incident/refusal'
import { formatBytes } from '../attachments/attachmentStore'
import { useTaxonomy } from '../config/deskConfig'
import { useConfigSaver } from '../config/useConfigSaver'
import { withProgress } from '../data-worker/connectDeskData'
import { useDesk } from '../desk/deskContext'
import { activeTranslator, refusalText, t, wordedText } from '../i18n/activeLanguage'
import { worded } from '../../src-shared/i18n/worded'
import { Rich } from '../i18n/Rich'
import { ModalDialog } from '../ui/ModalDialog'
import { ImportPreview } from './ImportPreview'
import { ImportReadingOptions } from './ImportReadingOptions'
import { ImportUnknownValues } from './ImportUnknownValues'
import { SavedMappingsPicker } from './SavedMappingsPicker'
import './import.css'

/** Big enough for any real export; beyond it the file is surely not what the person meant. */
export const MAX_IMPORT_FILE_BYTES = 50 * 1024 * 1024

/** A file the worker read: what the dialog knows of it (the rows stay in the worker). */
type LoadedFile = Extract<ImportFileRead, { ok: true }> & { name: string }

type CommitState = { status: 'idle' } | { status: 'running'; done: number } | { status: 'done'; count: number; updated: number | null } | { status: 'failed'; message: string }

const NO_CHOICES: ValueChoices = {}

interface Props {
  onClose: () => void
  /** After a successful import, with how many incidents were logged. */
  onImported?: (count: number) => void
}

/**
 * Import incidents from another tool's CSV export: choose the file and where it comes from
 * (ServiceNow, GLPI, an Incident Desk export, or map by hand), check the column mapping and a
 * preview, settle the values the desk does not know (map, add, or leave empty), fix every row
 * the desk refuses (each listed with its line), then import all rows in one transaction written
 * in batches, with progress and a Stop that leaves nothing behind. Imported incidents keep their
 * past: opened, resolved and closed when the source says (store/importIncidents.ts).
 */
export function ImportDialog({ onClose, onImported }: Props) {
  const mappingId = useId()
  const ids = { file: useId(), preset: useId(), zone: useId(), errors: useId(), progress: useId(), reading: useId() }
  const { data, session } = useDesk()
  const saveConfig = useConfigSaver()
  const taxonomy = useTaxonomy()
  const localZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', [])

  const [file, setFile] = useState<LoadedFile | null>(null)
  const [reading, setReading] = useState<ImportReadProgress | null>(null)
  const [fileProblem, setFileProblem] = useState<string | null>(null)
  const [presetId, setPresetId] = useState<ImportPresetId>('servicenow')
  const [mapping, setMapping] = useState<ColumnMapping>({})
  const [timeZone, setTimeZone] = useState(localZone)
  const [dateFormat, setDateFormat] = useState<ImportDateFormat>('iso')
  const [eventLog, setEventLog] = useState(false)
  const [choices, setChoices] = useState<ValueChoices>(NO_CHOICES)
  const [existing, setExisting] = useState<ImportPlanRequest['existing']>('skip')
  const [commit, setCommit] = useState<CommitState>({ status: 'idle' })
  const runId = useRef<string | null>(null)
  const running = commit.status === 'running'
  const zoneValid = isValidTimeZone(timeZone)
  const importer = useMemo(() => ({ userId: session.actor.userId, displayName: session.actor.displayName }), [session.actor.userId, session.actor.displayName])

  // What the worker plans from: every choice the person made. The file stays in the worker.
  const request: ImportPlanRequest | null = useMemo(
    () => (file && zoneValid ? { fileId: file.fileId, presetId, mapping, timeZone, dateFormat, eventLog, choices, taxonomy, locale: activeTranslator().locale, existing, importer } : null),
    [file, zoneValid, presetId, mapping, timeZone, dateFormat, eventLog, choices, taxonomy, existing, importer],
  )
  const [planned, setPlanned] = useState<{ request: ImportPlanRequest; view: ImportPlanView } | null>(null)
  const [planProblem, setPlanProblem] = useState<string | null>(null)
  useEffect(() => {
    if (!request) return
    let current = true
    data.planImportFile(request).then(
      (view) => {
        // A transition: the preview's tables (thousands of cells for a real export) render in
        // slices between frames instead of one task of 100-300 ms that freezes the dialog.
        if (current) startTransition(() => setPlanned({ request, view }))
      },
      (error: unknown) => {
        if (current) setPlanProblem(error instanceof Error ? error.message : String(error))
      },
    )
    return () => {
      current = false
    }
  }, [data, request])
  // A plan for another request (the person changed something since) is shown while the new one is worked out, marked as such.
  const view = planned && file && planned.request.fileId === file.fileId ? planned.view : null
  const checking = request !== null && planned?.request !== request

  // The worker lets the file go when the dialog does.
  const openFileId = file?.fileId
  useEffect(() => {
    if (!openFileId) return
    return () => void data.closeImportFile(openFileId).catch(() => undefined)
  }, [data, openFileId])

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0]
    setCommit({ status: 'idle' })
    if (!chosen) return
    if (chosen.size > MAX_IMPORT_FILE_BYTES) {
      setFile(null)
      setFileProblem(t('import.fileTooBig', { name: chosen.name, size: formatBytes(chosen.size), max: formatBytes(MAX_IMPORT_FILE_BYTES) }))
      return
    }
    setFile(null)
    setFileProblem(null)
    setReading({ done: 0, total: chosen.size })
    const read = await withProgress<ImportReadProgress, ImportFileRead>((listener) => data.readImportFile(chosen, listener), setReading).catch(
      (error: unknown): ImportFileRead => ({ ok: false, problem: { line: 1, ...worded('csv.problem.unreadable', { reason: error instanceof Error ? error.message : String(error) }) } }),
    )
    setReading(null)
    if (!read.ok) {
      // A file that cannot be read says why, with the line: it is "empty" only when it is.
      setFileProblem(unreadableMessage(chosen.name, read.problem))
      return
    }
    // The first look at the file (mapping table, reading options) renders in slices too.
    startTransition(() => {
      setChoices(NO_CHOICES)
      setFile({ ...read, name: chosen.name })
      setPresetId(read.presetId)
      setMapping(read.mapping)
      setDateFormat(read.dateFormat)
      setEventLog(read.eventLog)
    })
  }

  async function chooseDelimiter(delimiter: CsvDelimiter) {
    if (!file) return
    const read = await data.rereadImportFile(file.fileId, delimiter)
    setCommit({ status: 'idle' })
    if (!read.ok) {
      // Read with this separator, the file has no columns: say why, and let another be chosen.
      setFile({ ...file, delimiter, header: [], recordCount: 0 })
      setMapping({})
      setFileProblem(unreadableMessage(file.name, read.problem))
      return
    }
    setFileProblem(null)
    setFile({ ...read, name: file.name })
    setMapping(mappingForHeader(IMPORT_PRESETS[presetId], read.header))
  }

  function choosePreset(id: ImportPresetId) {
    setPresetId(id)
    if (file) setMapping(mappingForHeader(IMPORT_PRESETS[id], file.header))
    setCommit({ status: 'idle' })
  }

  function mapField(field: ImportFieldId, header: string) {
    setMapping((current) => {
      const next = { ...current }
      if (header === '') delete next[field]
      else next[field] = header
      return next
    })
    setCommit({ status: 'idle' })
  }

  function choose(key: string, choice: ValueChoice | null) {
    setChoices((current) => {
      const next = { ...current }
      if (choice) next[key] = choice
      else delete next[key]
      return next
    })
  }

  function addEveryNewEntry() {
    setChoices((current) => {
      const next = { ...current }
      for (const value of view?.unknown ?? []) if (value.kind !== 'channel' && !next[value.key]) next[value.key] = { kind: 'add' }
      return next
    })
  }

  const newCount = view ? view.rowCount - view.alreadyCount : 0
  const updateCount = view && existing === 'update' ? view.changedCount : 0
  const workCount = newCount + updateCount

  async function runImport() {
    if (!request || !view || checking || view.errorCount > 0 || view.unknown.length > 0 || workCount === 0 || running) return
    // Entries this import adds are checked before anything is written, and saved once it is.
    const withAdditions = view.added > 0 ? validateTaxonomy(view.taxonomy, activeTranslator()) : null
    if (withAdditions && !withAdditions.ok) {
      setCommit({ status: 'failed', message: t('import.taxonomyRefused', { reason: withAdditions.errors[0] ?? '' }) })
      return
    }
    const id = crypto.randomUUID()
    runId.current = id
    setCommit({ status: 'running', done: 0 })
    const context = { actor: session.actor, nowMs: Date.now() }
    const result = await withProgress<number, ImportCommitOutcome>(
      (listener) => data.commitImportFile({ ...request, runId: id }, context, listener),
      (done) => setCommit({ status: 'running', done }),
    ).catch((error: unknown): ImportCommitOutcome => ({ ok: false, canceled: false, index: 0, line: 0, refusal: refusal('storage_failed', 'storageFailed', { detail: error instanceof Error ? error.message : String(error) }) }))
    runId.current = null
    if (!result.ok) {
      if (result.canceled) setCommit({ status: 'failed', message: t('import.canceled') })
      else setCommit({ status: 'failed', message: t('import.lineRefused', { line: 'line' in result ? result.line : 0, reason: refusalText(result.refusal) }) })
      return
    }
    if (withAdditions?.ok) {
      const saved = await saveConfig('taxonomy', withAdditions.value)
      if (!saved.ok) setFileProblem(t('import.taxonomyRefused', { reason: saved.errors[0] ?? '' }))
    }
    startTransition(() => setCommit({ status: 'done', count: result.count, updated: result.updated ?? null }))
    onImported?.(result.count + (result.updated ?? 0))
  }

  function stop() {
    if (runId.current) void data.cancelImport(runId.current)
  }

  const errors = view?.errors ?? []
  const errorCount = view?.errorCount ?? 0
  const unknown = view?.unknown ?? []
  const canImport = view !== null && !checking && errorCount === 0 && unknown.length === 0 && workCount > 0 && commit.status !== 'running' && commit.status !== 'done'
  const header = file?.header ?? []

  return (
    <ModalDialog
      className="dialog import-dialog"
      title={t('import.title')}
      onCancel={(event) => {
        // Escape while importing stops the import (all or nothing) rather than hiding it.
        if (running) {
          event.preventDefault()
          stop()
        }
      }}
      onClosed={onClose}
    >
      <div className="form">
        <div className="form__row">
          <div className="form__field">
            <label htmlFor={ids.file}>{t('import.file')}</label>
            <input id={ids.file} type="file" accept=".csv,text/csv" disabled={running || reading !== null} onChange={(event) => void chooseFile(event)} />
          </div>
          <div className="form__field">
            <label htmlFor={ids.preset}>{t('import.from')}</label>
            <select id={ids.preset} value={presetId} disabled={running} onChange={(event) => choosePreset(event.target.value as ImportPresetId)}>
              {Object.values(IMPORT_PRESETS).map((preset) => (
                <option key={preset.id} value={preset.id}>
                  {t(`import.preset.${preset.id}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="form__error" role="alert" data-empty={fileProblem || planProblem ? 'false' : 'true'}>
          {fileProblem ?? planProblem}
        </p>
        {reading ? (
          <div className="import-dialog__progress">
            <label htmlFor={ids.reading}>{t('import.reading')}</label>
            <progress id={ids.reading} max={reading.total} value={reading.done} />
          </div>
        ) : null}

        {file ? (
          <>
            <div className="form__row">
              <div className="form__field">
                <label htmlFor={ids.zone}>{t('import.zone')}</label>
                <input
                  id={ids.zone}
                  value={timeZone}
                  disabled={running}
                  aria-invalid={zoneValid ? undefined : true}
                  aria-describedby={`${ids.zone}-hint`}
                  onChange={(event) => setTimeZone(event.target.value)}
                />
                <p id={`${ids.zone}-hint`} className="import-dialog__hint">
                  {zoneValid ? t('import.zone.hint') : t('import.zone.invalid')}
                </p>
              </div>
              <ImportReadingOptions
                delimiter={file.delimiter}
                onDelimiter={(delimiter) => void chooseDelimiter(delimiter)}
                dateFormat={dateFormat}
                onDateFormat={setDateFormat}
                fitting={view?.fittingFormats ?? []}
                firstDate={view?.firstDate ?? null}
                timeZone={zoneValid ? timeZone : 'utc'}
                disabled={running}
              />
            </div>
            <div className="form__row">
              <SavedMappingsPicker
                presetId={presetId}
                mapping={mapping}
                disabled={running}
                onApply={(saved) => {
                  setPresetId(saved.presetId)
                  setMapping(saved.mapping)
                }}
              />
            </div>

            {(view?.repeats ?? 0) > 0 || eventLog ? (
              <div className="form__field form__field--checkbox">
                <label>
                  <input type="checkbox" checked={eventLog} disabled={running} onChange={(event) => setEventLog(event.target.checked)} />{' '}
                  {t('import.eventLog')}
                </label>
                <p className="import-dialog__hint">
                  {t('import.eventLog.repeats', { count: view?.repeats ?? 0 })}
                  {view && eventLog ? ` ${t('import.eventLog.folded', { count: view.updatesFolded })}` : null}
                </p>
              </div>
            ) : null}

            <fieldset className="import-dialog__mapping" disabled={running}>
              <legend>
                {t('import.columnsOf', { name: file.name, count: file.recordCount })}
              </legend>
              <div className="import-dialog__mapping-grid">
                {IMPORT_FIELDS.map((field) => {
                  const selectId = `${mappingId}-map-${field.id}`
                  const value = mapping[field.id] ?? ''
                  return (
                    <div key={field.id} className="import-dialog__mapping-row">
                      <label htmlFor={selectId}>
                        {t(`import.field.${field.id}`)}
                        {field.required ? <span className="form__required">{t('import.required')}</span> : null}
                      </label>
                      <select id={selectId} value={header.includes(value) ? value : ''} onChange={(event) => mapField(field.id, event.target.value)}>
                        <option value="">{t('import.notImported')}</option>
                        {header.map((name, index) => (
                          <option key={`${index}-${name}`} value={name} translate={name ? 'no' : undefined}>
                            {name || t('import.noHeader', { index: index + 1 })}
                          </option>
                        ))}
                      </select>
                    </div>
                  )
                })}
              </div>
            </fieldset>

            {checking ? (
              <p className="import-dialog__hint" role="status">
                {t('import.checking')}
              </p>
            ) : null}
            {view && unknown.length > 0 ? (
              <ImportUnknownValues
                unknown={unknown}
                waiting={view.waiting}
                taxonomy={view.taxonomy}
                choices={choices}
                disabled={running}
                onChoose={choose}
                onAddAll={addEveryNewEntry}
              />
            ) : null}
            {view && view.added > 0 && commit.status !== 'done' ? (
              <p className="import-dialog__hint" role="status">
                {t('import.added', { count: view.added })}
              </p>
            ) : null}
            {view ? <ImportPreview rows={view.preview} total={view.rowCount} /> : null}
            {view && view.alreadyCount > 0 && commit.status !== 'done' ? (
              <fieldset className="import-dialog__existing" disabled={running}>
                <legend>{t('import.existing')}</legend>
                <p className="import-dialog__hint" role="status">
                  {t('import.existing.summary', { count: view.alreadyCount, changed: view.changedCount })}
                </p>
                <label>
                  <input type="radio" name={`${ids.file}-existing`} checked={existing === 'skip'} onChange={() => setExisting('skip')} /> {t('import.existing.skip')}
                </label>
                <label>
                  <input type="radio" name={`${ids.file}-existing`} checked={existing === 'update'} disabled={view.changedCount === 0} onChange={() => setExisting('update')} />{' '}
                  {t('import.existing.update', { changed: view.changedCount })}
                </label>
              </fieldset>
            ) : null}

            {errorCount > 0 ? (
              <section className="import-dialog__errors" aria-labelledby={ids.errors}>
                <h3 id={ids.errors}>
                  {t('import.problems', { count: errorCount })}
                </h3>
                <ul>
                  {errors.map((error, index) => (
                    <li key={`${error.line}-${index}`}>
                      <Rich id="import.line" values={{ line: error.line, message: wordedText(error) }} />
                    </li>
                  ))}
                </ul>
                {errorCount > errors.length ? <p>{t('import.more', { count: activeTranslator().number(errorCount - errors.length) })}</p> : null}
              </section>
            ) : null}
          </>
        ) : null}

        {commit.status === 'running' ? (
          <div className="import-dialog__progress">
            <label htmlFor={ids.progress}>{t('import.progress')}</label>
            <progress id={ids.progress} max={workCount} value={commit.done} />
          </div>
        ) : null}
        {commit.status === 'done' ? (
          <p className="import-dialog__result" role="status">
            {commit.updated === null ? t('import.imported', { count: commit.count }) : t('import.importedUpdated', { count: commit.count, updated: commit.updated })}
          </p>
        ) : null}
        {commit.status === 'failed' ? (
          <p className="form__error" role="alert">
            {commit.message}
          </p>
        ) : null}

        <div className="form__actions">
          {running ? (
            <button type="button" className="button" onClick={stop}>
              {t('import.stop')}
            </button>
          ) : (
            <button type="button" className="button" onClick={onClose}>
              {commit.status === 'done' ? t('import.close') : t('import.cancel')}
            </button>
          )}
          <button type="button" className="button button--primary" disabled={!canImport} onClick={() => void runImport()}>
            {workCount > 0 && errorCount === 0 ? (updateCount > 0 ? t('import.goUpdate', { count: newCount, updated: updateCount }) : t('import.go', { count: newCount })) : t('import.goPlain')}
          </button>
        </div>
      </div>
    </ModalDialog>
  )
}

/** Why a file gives no columns: the reader's own problem with its line, or, only when it is, "empty". */
function unreadableMessage(name: string, problem: CsvRowError | null): string {
  return problem ? t('import.unreadable', { name, line: problem.line, reason: wordedText(problem) }) : t('import.empty', { name })
}
