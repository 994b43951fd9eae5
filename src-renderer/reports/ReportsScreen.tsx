import { useEffect, useId, useState } from 'react'
import type { ReportProgress } from '../../src-shared/data/deskDataContract'
import { useDomainConfig } from '../config/useOrgConfig'
import { rangeDates, rangeForPreset, reportTimeZone, type RangePreset, type ReportRange } from '../../src-shared/reports/range'
import type { Report } from '../../src-shared/reports/report'
import { withProgress } from '../data-worker/connectDeskData'
import { useDesk } from '../desk/deskContext'
import type { Actor } from '../../src-shared/incident/roles'
import { useConnection, useUiActions } from '../ui/uiHooks'
import { mayViewReports } from './reportAccess'
import { RangePicker } from './RangePicker'
import { ReportBody } from './ReportBody'
import { activeTranslator, t } from '../i18n/activeLanguage'
import './reports.css'

type Run =
  | { status: 'running'; progress: ReportProgress | null }
  | { status: 'done'; report: Report }
  | { status: 'failed'; message: string }

/**
 * Reports over a date range, computed on this desk from the events it holds, so they work
 * offline and show what any desk with the same events shows. The configuration is the domain
 * default until desk configuration syncs (the SLA policy and calendars the clocks use).
 */
export function ReportsScreen() {
  const { session } = useDesk()
  // The viewer changes when an account signs in; the connection changing re-renders this.
  useConnection()
  if (!mayViewReports(session.actor.role)) return <ReportsNotOffered />
  return <Reports viewer={session.actor} />
}

/** Reached only if the account changed while the screen was open: the header no longer offers it. */
function ReportsNotOffered() {
  const { screenChosen } = useUiActions()
  return (
    <section className="reports" aria-labelledby="reports-not-offered">
      <h1 id="reports-not-offered">{t('reports.title')}</h1>
      <p>{t('reports.notOffered')}</p>
      <button type="button" className="button" onClick={() => screenChosen('queue')}>
        {t('reports.back')}
      </button>
    </section>
  )
}

function Reports({ viewer }: { viewer: Actor }) {
  const headingId = useId()
  // Names this screen's runs apart from another tab's in the shared worker.
  const [reportRunPrefix] = useState(() => crypto.randomUUID())
  const { data } = useDesk()
  const config = useDomainConfig()
  const timeZone = reportTimeZone(config)
  const [choice, setChoice] = useState<{ preset: RangePreset; range: ReportRange; nonce: number }>(() => ({
    preset: 'last30',
    range: rangeForPreset('last30', new Date().toISOString(), timeZone),
    nonce: 0,
  }))
  // Each outcome remembers which choice it answers, so a new choice shows as running at once
  // without resetting state inside the effect.
  const [outcome, setOutcome] = useState<{ nonce: number; run: Run } | null>(null)
  const run: Run = outcome?.nonce === choice.nonce ? outcome.run : { status: 'running', progress: null }

  useEffect(() => {
    // The report is computed in the data worker; a newer choice cancels the run in flight.
    const nonce = choice.nonce
    const runId = `${reportRunPrefix}-${nonce}`
    let canceled = false
    withProgress(
      (onProgress) => data.runReport({ runId, range: choice.range, nowIso: new Date().toISOString(), viewer, locale: activeTranslator().locale }, onProgress),
      (progress: ReportProgress) => {
        if (!canceled) setOutcome({ nonce, run: { status: 'running', progress } })
      },
    ).then(
        (report) => {
          if (!canceled) setOutcome({ nonce, run: { status: 'done', report } })
        },
        (error: unknown) => {
          if (canceled) return
          setOutcome({ nonce, run: { status: 'failed', message: error instanceof Error ? error.message : String(error) } })
        },
      )
    return () => {
      canceled = true
      void data.cancelReport(runId)
    }
  }, [data, choice, viewer, reportRunPrefix])

  const dates = rangeDates(choice.range, timeZone)

  return (
    <section className="reports" aria-labelledby={headingId}>
      <div className="queue__toolbar reports__toolbar">
        <div className="queue__title">
          <h1 id={headingId} tabIndex={-1}>
            {t('reports.title')}
          </h1>
          <p className="queue__count">
            {dates.fromDate === dates.toDate ? dates.fromDate : t('reports.dates', { from: dates.fromDate, to: dates.toDate })} <span translate="no">({timeZone})</span>
          </p>
        </div>
        <button type="button" className="button button--small" onClick={() => setChoice((current) => ({ ...current, nonce: current.nonce + 1 }))} disabled={run.status === 'running'}>
          {t('reports.refresh')}
        </button>
      </div>
      <RangePicker preset={choice.preset} range={choice.range} dates={dates} timeZone={timeZone} onChange={(preset, range) => setChoice((current) => ({ preset, range, nonce: current.nonce + 1 }))} />
      {run.status === 'running' ? <ReportProgressBar progress={run.progress} /> : null}
      {run.status === 'failed' ? (
        <div className="form__error" role="alert">
          {t('reports.failed', { reason: run.message })}
        </div>
      ) : null}
      {run.status === 'done' ? <ReportBody report={run.report} /> : null}
    </section>
  )
}

function ReportProgressBar({ progress }: { progress: ReportProgress | null }) {
  const label = progress && progress.total > 0 ? t('reports.reading', { done: progress.done, total: progress.total }) : t('reports.readingStart')
  return (
    <div className="report-progress" role="status">
      <span>{label}</span>
      <progress aria-label={t('reports.progress')} max={progress?.total || undefined} value={progress && progress.total > 0 ? progress.done : undefined} />
    </div>
  )
}
