import { useId, useMemo, useState, type FormEvent } from 'react'
import { DEFAULT_INCIDENT_COLUMN_IDS, INCIDENT_COLUMNS } from '../../src-shared/csv/columns'
import { canSeeSecurityIncidents } from '../../src-shared/incident/visibility'
import { useDesk } from '../desk/deskContext'
import { useSavedViews } from '../queue/useSavedViews'
import { useModalDialogRef } from '../ui/useModalDialogRef'
import { useCurrentQueueView } from './currentQueueView'
import type { ExportRequest } from './runExport'
import { describeOutcome, useExportRunner } from './useExportRunner'
import { activeTranslator, t } from '../i18n/activeLanguage'
import type { MessageId } from '../../src-shared/i18n/catalog'
import { LOCALE_NAMES } from '../../src-shared/i18n/locales'
import './export.css'

interface Props {
  onClose: () => void
  /** Opened from an incident: offer its audit trail first. */
  incident?: { id: string; number: string }
}

type What = 'incidents' | 'audit-incident' | 'audit-range'
const ALL_INCIDENTS = 'all'
const CURRENT_VIEW = 'current'

/**
 * Export to CSV: incidents (all, the queue's current view, or a saved view; chosen columns) or
 * the audit trail (one incident's, or every event in a date range). The file is written a page
 * at a time with a progress bar and Cancel, so 100k incidents never freeze the desk.
 */
export function ExportDialog({ onClose, incident }: Props) {
  const titleId = useId()
  const ids = { what: useId(), scope: useId(), columns: useId(), from: useId(), to: useId(), zone: useId(), progress: useId() }
  const showModal = useModalDialogRef()
  const { session } = useDesk()
  const currentView = useCurrentQueueView()
  const savedViews = useSavedViews()
  const localZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', [])

  const [what, setWhat] = useState<What>(incident ? 'audit-incident' : 'incidents')
  const [scope, setScope] = useState<string>(currentView ? CURRENT_VIEW : ALL_INCIDENTS)
  const [columnIds, setColumnIds] = useState<readonly string[]>(DEFAULT_INCIDENT_COLUMN_IDS)
  const [bom, setBom] = useState(true)
  // Another language's headers only on request: English headers are what other tools and older desks read.
  const language = activeTranslator().locale === 'fr' ? 'fr' : 'en'
  const [localizedHeaders, setLocalizedHeaders] = useState(false)
  const [zone, setZone] = useState<'utc' | 'local'>('utc')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const { state, start, cancel } = useExportRunner()
  const running = state.status === 'running'

  function request(): ExportRequest | string {
    switch (what) {
      case 'incidents': {
        if (columnIds.length === 0) return t('export.chooseColumn')
        const context = { userId: session.actor.userId, nowMs: Date.now(), hideSecurity: !canSeeSecurityIncidents(session.actor.role) }
        if (scope === ALL_INCIDENTS) return { kind: 'incidents', view: null, columnIds }
        if (scope === CURRENT_VIEW && currentView) return { kind: 'incidents', view: { ...currentView, context }, columnIds }
        const saved = savedViews?.find((view) => view.id === scope)
        if (!saved) return t('export.viewGone')
        return { kind: 'incidents', view: { definition: saved.view, context, name: saved.name }, columnIds }
      }
      case 'audit-incident':
        return incident ? { kind: 'audit', incidentId: incident.id, incidentNumber: incident.number } : t('export.openFirst')
      case 'audit-range': {
        const fromIso = from ? new Date(`${from}T00:00:00`).toISOString() : null
        const toIso = to ? new Date(new Date(`${to}T00:00:00`).getTime() + 86_400_000).toISOString() : null
        if (fromIso && toIso && fromIso >= toIso) return t('export.endBeforeStart')
        return { kind: 'audit-range', from: fromIso, to: toIso }
      }
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (running) return
    const built = request()
    if (typeof built === 'string') {
      setProblem(built)
      return
    }
    setProblem(null)
    void start(built, { bom, timeZone: zone === 'utc' ? 'utc' : localZone, headerLocale: localizedHeaders && language !== 'en' ? language : null })
  }

  function toggleColumn(id: string, checked: boolean) {
    setColumnIds((current) => (checked ? [...current, id] : current.filter((candidate) => candidate !== id)))
  }

  const phase = state.status === 'running' ? state.phase : null
  const progressText =
    phase === null
      ? t('export.waitingFile')
      : phase.phase === 'finding'
        ? t('export.finding')
        : phase.total !== null
          ? t('export.rowsOf', { rows: activeTranslator().number(phase.rows), total: activeTranslator().number(phase.total) })
          : t('export.rows', { rows: activeTranslator().number(phase.rows) })

  return (
    <dialog
      ref={showModal}
      className="dialog export-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape while writing cancels the export first; the dialog stays to say so.
        if (running) {
          event.preventDefault()
          cancel()
        }
      }}
      onClose={(event) => {
        if (!event.currentTarget.open) onClose()
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {t('export.title')}
      </h2>
      <form className="form" onSubmit={submit} aria-describedby={problem ? `${titleId}-problem` : undefined}>
        <fieldset className="export-dialog__group" disabled={running}>
          <legend>{t('export.what')}</legend>
          <label className="export-dialog__choice">
            <input type="radio" name="what" value="incidents" checked={what === 'incidents'} onChange={() => setWhat('incidents')} />
            {t('export.incidents')}
          </label>
          {incident ? (
            <label className="export-dialog__choice">
              <input type="radio" name="what" value="audit-incident" checked={what === 'audit-incident'} onChange={() => setWhat('audit-incident')} />
              {t('export.auditOf', { number: incident.number })}
            </label>
          ) : null}
          <label className="export-dialog__choice">
            <input type="radio" name="what" value="audit-range" checked={what === 'audit-range'} onChange={() => setWhat('audit-range')} />
            {t('export.auditAll')}
          </label>
        </fieldset>

        {what === 'incidents' ? (
          <>
            <div className="form__field">
              <label htmlFor={ids.scope}>{t('export.which')}</label>
              <select id={ids.scope} value={scope} disabled={running} onChange={(event) => setScope(event.target.value)}>
                {currentView ? <option value={CURRENT_VIEW}>{t('export.currentView', { name: currentView.name })}</option> : null}
                <option value={ALL_INCIDENTS}>{t('export.all')}</option>
                {(savedViews ?? []).map((view) => (
                  <option key={view.id} value={view.id}>
                    {t('export.view', { name: view.name })}
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="export-dialog__group" disabled={running} aria-describedby={ids.columns}>
              <legend>{t('export.columns')}</legend>
              <p id={ids.columns} className="export-dialog__hint">
                {t('export.columnCount', { chosen: columnIds.length, total: INCIDENT_COLUMNS.length })}
                <button type="button" className="button button--quiet button--small" aria-label={t('export.selectAll')} onClick={() => setColumnIds(INCIDENT_COLUMNS.map((column) => column.id))}>
                  {t('export.allShort')}
                </button>
                <button type="button" className="button button--quiet button--small" aria-label={t('export.selectDefault')} onClick={() => setColumnIds(DEFAULT_INCIDENT_COLUMN_IDS)}>
                  {t('export.defaultShort')}
                </button>
                <button type="button" className="button button--quiet button--small" aria-label={t('export.clear')} onClick={() => setColumnIds([])}>
                  {t('export.noneShort')}
                </button>
              </p>
              <div className="export-dialog__columns">
                {INCIDENT_COLUMNS.map((column) => (
                  <label key={column.id} className="export-dialog__choice">
                    <input type="checkbox" checked={columnIds.includes(column.id)} onChange={(event) => toggleColumn(column.id, event.target.checked)} />
                    {t(`csv.header.${column.id}` as MessageId)}
                  </label>
                ))}
              </div>
            </fieldset>
          </>
        ) : null}

        {what === 'audit-range' ? (
          <div className="form__row">
            <div className="form__field">
              <label htmlFor={ids.from}>{t('export.from')}</label>
              <input id={ids.from} type="date" value={from} disabled={running} onChange={(event) => setFrom(event.target.value)} />
            </div>
            <div className="form__field">
              <label htmlFor={ids.to}>{t('export.to')}</label>
              <input id={ids.to} type="date" value={to} disabled={running} onChange={(event) => setTo(event.target.value)} />
            </div>
          </div>
        ) : null}

        <fieldset className="export-dialog__group" disabled={running}>
          <legend>{t('export.format')}</legend>
          <label className="export-dialog__choice">
            <input type="radio" name="zone" checked={zone === 'utc'} onChange={() => setZone('utc')} />
            {t('export.utc')}
          </label>
          <label className="export-dialog__choice">
            <input type="radio" name="zone" checked={zone === 'local'} onChange={() => setZone('local')} />
            {t('export.local', { zone: localZone })}
          </label>
          <label className="export-dialog__choice">
            <input type="checkbox" checked={bom} onChange={(event) => setBom(event.target.checked)} />
            {t('export.bom')}
          </label>
          {language === 'en' || what !== 'incidents' ? null : (
            <label className="export-dialog__choice">
              <input type="checkbox" checked={localizedHeaders} onChange={(event) => setLocalizedHeaders(event.target.checked)} />
              {t('export.localizedHeaders', { language: LOCALE_NAMES[language] })}
            </label>
          )}
        </fieldset>

        {running ? (
          <div className="export-dialog__progress">
            <label htmlFor={ids.progress}>{t('export.progress')}</label>
            {phase?.phase === 'writing' && phase.total ? (
              <progress id={ids.progress} max={phase.total} value={phase.rows} aria-valuetext={progressText} />
            ) : (
              <progress id={ids.progress} aria-valuetext={progressText} />
            )}
            <p className="export-dialog__hint" aria-live="polite">
              {progressText}
            </p>
          </div>
        ) : null}

        <p className="form__error" id={`${titleId}-problem`} role="alert" data-empty={problem ? 'false' : 'true'}>
          {problem}
        </p>
        {state.status === 'finished' ? (
          <p className="export-dialog__result" role="status" data-status={state.outcome.status}>
            {describeOutcome(state.outcome)}
          </p>
        ) : null}

        <div className="form__actions">
          {running ? (
            <button type="button" className="button" onClick={cancel}>
              {t('export.cancel')}
            </button>
          ) : (
            <button type="button" className="button" onClick={onClose}>
              {t('export.close')}
            </button>
          )}
          <button type="submit" className="button button--primary" disabled={running}>
            {t('export.go')}
          </button>
        </div>
      </form>
    </dialog>
  )
}
