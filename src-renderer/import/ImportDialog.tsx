import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from 'react'
import { IMPORT_FIELDS, type ColumnMapping, type ImportFieldId } from '../../src-shared/csv/importFields'
import { planImport, type ImportPlan } from '../../src-shared/csv/importRows'
import { isValidTimeZone } from '../../src-shared/csv/timestamps'
import { parseCsvText, type ParsedCsv } from '../../src-shared/csv/parse'
import { detectDateFormats, type ImportDateFormat } from '../../src-shared/csv/dateFormats'
import type { CsvDelimiter } from '../../src-shared/csv/dialect'
import { ImportReadingOptions } from './ImportReadingOptions'
import { originKeyOf } from '../store/records'
import { guessPreset, IMPORT_PRESETS, mappingForHeader, type ImportPresetId } from '../../src-shared/csv/presets'
import { saveTaxonomy, useTaxonomy } from '../config/deskConfig'
import { validateTaxonomy } from '../../src-shared/config/taxonomy'
import type { ValueChoice, ValueChoices } from '../../src-shared/csv/importValues'
import { ImportUnknownValues } from './ImportUnknownValues'
import { useDesk } from '../desk/deskContext'
import { ModalDialog } from '../ui/ModalDialog'
import { commitImport } from './commitImport'
import { ImportPreview } from './ImportPreview'
import { SavedMappingsPicker } from './SavedMappingsPicker'
import { activeTranslator, t, wordedText } from '../i18n/activeLanguage'
import { formatBytes } from '../attachments/attachmentStore'
import { Rich } from '../i18n/Rich'
import './import.css'

/** Big enough for any real export; beyond it the file is surely not what the person meant. */
export const MAX_IMPORT_FILE_BYTES = 50 * 1024 * 1024
const SHOWN_ERRORS = 200
const NOTHING_IMPORTED: ReadonlySet<string> = new Set()

interface LoadedFile {
  name: string
  /** Kept to read it again with another separator. */
  text: string
  parsed: ParsedCsv
}

type CommitState = { status: 'idle' } | { status: 'running'; done: number } | { status: 'done'; count: number } | { status: 'failed'; message: string }

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
  const ids = { file: useId(), preset: useId(), zone: useId(), errors: useId(), progress: useId() }
  const { db, store } = useDesk()
  const taxonomy = useTaxonomy()
  const localZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', [])

  const [file, setFile] = useState<LoadedFile | null>(null)
  const [fileProblem, setFileProblem] = useState<string | null>(null)
  const [presetId, setPresetId] = useState<ImportPresetId>('servicenow')
  const [mapping, setMapping] = useState<ColumnMapping>({})
  const [timeZone, setTimeZone] = useState(localZone)
  const [dateFormat, setDateFormat] = useState<ImportDateFormat>('iso')
  const [eventLog, setEventLog] = useState(false)
  const [choices, setChoices] = useState<ValueChoices>(NO_CHOICES)
  const [commit, setCommit] = useState<CommitState>({ status: 'idle' })
  const stopping = useRef<AbortController | null>(null)
  const running = commit.status === 'running'
  const zoneValid = isValidTimeZone(timeZone)

  const plan: ImportPlan | null = useMemo(() => {
    if (!file || !zoneValid) return null
    return planImport(file.parsed, { preset: IMPORT_PRESETS[presetId], mapping, taxonomy, timeZone, dateFormat, eventLog, choices, translator: activeTranslator() })
  }, [file, presetId, mapping, taxonomy, timeZone, zoneValid, dateFormat, eventLog, choices])

  // The Opened column's dates decide which formats fit; the person confirms one.
  const openedDates = useMemo(() => (file ? columnCells(file.parsed, mapping.openedAt) : []), [file, mapping.openedAt])
  const fittingFormats = useMemo(() => detectDateFormats(openedDates), [openedDates])
  // Incidents an earlier import already brought in (same tool, same number): skipped, not doubled.
  const originKeys = useMemo(() => (plan?.rows ?? []).map((row) => originKeyOf(row.incident.origin!.system, row.incident.origin!.number)), [plan])
  const [found, setFound] = useState<{ keys: readonly string[]; present: ReadonlySet<string> } | null>(null)
  useEffect(() => {
    if (originKeys.length === 0) return
    let current = true
    void db.incidents
      .where('originKey')
      .anyOf([...originKeys])
      .keys()
      .then((present) => {
        if (current) setFound({ keys: originKeys, present: new Set(present.map(String)) })
      })
    return () => {
      current = false
    }
  }, [db, originKeys])
  // An answer for another plan (the file or mapping changed since) counts for nothing.
  const already: ReadonlySet<string> = found && found.keys === originKeys ? found.present : NOTHING_IMPORTED
  const newRows = useMemo(
    () => (plan ? plan.rows.filter((_, index) => !already.has(originKeys[index]!)) : []),
    [plan, originKeys, already],
  )
  const repeats = useMemo(() => (file ? repeatedCount(columnCells(file.parsed, mapping.originNumber)) : 0), [file, mapping.originNumber])

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0]
    setCommit({ status: 'idle' })
    if (!chosen) return
    if (chosen.size > MAX_IMPORT_FILE_BYTES) {
      setFile(null)
      setFileProblem(t('import.fileTooBig', { name: chosen.name, size: formatBytes(chosen.size), max: formatBytes(MAX_IMPORT_FILE_BYTES) }))
      return
    }
    const text = await chosen.text()
    const parsed = parseCsvText(text)
    if (parsed.header.length === 0) {
      setFile(null)
      // A file that cannot be read says why, with the line: it is "empty" only when it is.
      const unreadable = parsed.errors[0]
      setFileProblem(unreadable ? t('import.unreadable', { name: chosen.name, line: unreadable.line, reason: wordedText(unreadable) }) : t('import.empty', { name: chosen.name }))
      return
    }
    const guessed = guessPreset(parsed.header)
    const guessedMapping = mappingForHeader(IMPORT_PRESETS[guessed], parsed.header)
    setFileProblem(null)
    setChoices(NO_CHOICES)
    setFile({ name: chosen.name, text, parsed })
    setPresetId(guessed)
    setMapping(guessedMapping)
    setDateFormat(detectDateFormats(columnCells(parsed, guessedMapping.openedAt))[0] ?? 'iso')
    // Numbers that repeat are an event log's updates far more often than mistakes: offer to fold them.
    setEventLog(repeatedCount(columnCells(parsed, guessedMapping.originNumber)) > 0)
  }

  function chooseDelimiter(delimiter: CsvDelimiter) {
    if (!file) return
    const parsed = parseCsvText(file.text, { delimiter })
    setFile({ ...file, parsed })
    setMapping(mappingForHeader(IMPORT_PRESETS[presetId], parsed.header))
    setCommit({ status: 'idle' })
  }

  function choosePreset(id: ImportPresetId) {
    setPresetId(id)
    if (file) setMapping(mappingForHeader(IMPORT_PRESETS[id], file.parsed.header))
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
      for (const value of plan?.unknown ?? []) if (value.kind !== 'channel' && !next[value.key]) next[value.key] = { kind: 'add' }
      return next
    })
  }

  async function runImport() {
    if (!plan || plan.errors.length > 0 || plan.unknown.length > 0 || newRows.length === 0 || running) return
    // Entries this import adds are checked before anything is written, and saved once it is.
    const withAdditions = plan.added > 0 ? validateTaxonomy(plan.taxonomy, activeTranslator()) : null
    if (withAdditions && !withAdditions.ok) {
      setCommit({ status: 'failed', message: t('import.taxonomyRefused', { reason: withAdditions.errors[0] ?? '' }) })
      return
    }
    const controller = new AbortController()
    stopping.current = controller
    setCommit({ status: 'running', done: 0 })
    const result = await commitImport(store, newRows, { onProgress: (done) => setCommit({ status: 'running', done }), signal: controller.signal })
    stopping.current = null
    if (!result.ok) {
      setCommit({ status: 'failed', message: result.message })
      return
    }
    if (withAdditions?.ok) {
      const saved = await saveTaxonomy(db, withAdditions.value)
      if (!saved.ok) setFileProblem(t('import.taxonomyRefused', { reason: saved.errors[0] ?? '' }))
    }
    setCommit({ status: 'done', count: result.count })
    onImported?.(result.count)
  }

  const errors = plan?.errors ?? []
  const unknown = plan?.unknown ?? []
  const canImport = plan !== null && errors.length === 0 && unknown.length === 0 && newRows.length > 0 && commit.status !== 'running' && commit.status !== 'done'
  const header = file?.parsed.header ?? []

  return (
    <ModalDialog
      className="dialog import-dialog"
      title={t('import.title')}
      onCancel={(event) => {
        // Escape while importing stops the import (all or nothing) rather than hiding it.
        if (running) {
          event.preventDefault()
          stopping.current?.abort()
        }
      }}
      onClosed={onClose}
    >
      <div className="form">
        <div className="form__row">
          <div className="form__field">
            <label htmlFor={ids.file}>{t('import.file')}</label>
            <input id={ids.file} type="file" accept=".csv,text/csv" disabled={running} onChange={(event) => void chooseFile(event)} />
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
        <p className="form__error" role="alert" data-empty={fileProblem ? 'false' : 'true'}>
          {fileProblem}
        </p>

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
                delimiter={file.parsed.delimiter}
                onDelimiter={chooseDelimiter}
                dateFormat={dateFormat}
                onDateFormat={setDateFormat}
                fitting={fittingFormats}
                firstDate={openedDates.find((date) => date.trim() !== '') ?? null}
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

            {repeats > 0 || eventLog ? (
              <div className="form__field form__field--checkbox">
                <label>
                  <input type="checkbox" checked={eventLog} disabled={running} onChange={(event) => setEventLog(event.target.checked)} />{' '}
                  {t('import.eventLog')}
                </label>
                <p className="import-dialog__hint">
                  {t('import.eventLog.repeats', { count: repeats })}
                  {plan && eventLog ? ` ${t('import.eventLog.folded', { count: plan.updatesFolded })}` : null}
                </p>
              </div>
            ) : null}

            <fieldset className="import-dialog__mapping" disabled={running}>
              <legend>
                {t('import.columnsOf', { name: file.name, count: file.parsed.records.length })}
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

            {plan && unknown.length > 0 ? (
              <ImportUnknownValues
                unknown={unknown}
                waiting={plan.waiting}
                taxonomy={plan.taxonomy}
                choices={choices}
                disabled={running}
                onChoose={choose}
                onAddAll={addEveryNewEntry}
              />
            ) : null}
            {plan && plan.added > 0 && commit.status !== 'done' ? (
              <p className="import-dialog__hint" role="status">
                {t('import.added', { count: plan.added })}
              </p>
            ) : null}
            {plan ? <ImportPreview rows={plan.rows.slice(0, 20)} total={plan.rows.length} /> : null}
            {plan && already.size > 0 && commit.status !== 'done' ? (
              <p className="import-dialog__hint" role="status">
                {t('import.already', { count: already.size, fresh: newRows.length })}
              </p>
            ) : null}

            {errors.length > 0 ? (
              <section className="import-dialog__errors" aria-labelledby={ids.errors}>
                <h3 id={ids.errors}>
                  {t('import.problems', { count: errors.length })}
                </h3>
                <ul>
                  {errors.slice(0, SHOWN_ERRORS).map((error, index) => (
                    <li key={`${error.line}-${index}`}>
                      <Rich id="import.line" values={{ line: error.line, message: wordedText(error) }} />
                    </li>
                  ))}
                </ul>
                {errors.length > SHOWN_ERRORS ? <p>{t('import.more', { count: activeTranslator().number(errors.length - SHOWN_ERRORS) })}</p> : null}
              </section>
            ) : null}
          </>
        ) : null}

        {commit.status === 'running' && plan ? (
          <div className="import-dialog__progress">
            <label htmlFor={ids.progress}>{t('import.progress')}</label>
            <progress id={ids.progress} max={newRows.length} value={commit.done} />
          </div>
        ) : null}
        {commit.status === 'done' ? (
          <p className="import-dialog__result" role="status">
            {t('import.imported', { count: commit.count })}
          </p>
        ) : null}
        {commit.status === 'failed' ? (
          <p className="form__error" role="alert">
            {commit.message}
          </p>
        ) : null}

        <div className="form__actions">
          {running ? (
            <button type="button" className="button" onClick={() => stopping.current?.abort()}>
              {t('import.stop')}
            </button>
          ) : (
            <button type="button" className="button" onClick={onClose}>
              {commit.status === 'done' ? t('import.close') : t('import.cancel')}
            </button>
          )}
          <button type="button" className="button button--primary" disabled={!canImport} onClick={() => void runImport()}>
            {newRows.length > 0 && errors.length === 0 ? t('import.go', { count: newRows.length }) : t('import.goPlain')}
          </button>
        </div>
      </div>
    </ModalDialog>
  )
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
