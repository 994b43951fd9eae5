import { useId, useState } from 'react'
import type { Incident } from '../../src-shared/incident/incident'
import { checkPermission } from '../../src-shared/incident/lifecycle'
import {
  DISCLOSURE_REGIMES,
  DISCLOSURE_TRIGGERS,
  type DisclosureDeadline,
  type DisclosureRegime,
  type DisclosureTrigger,
} from '../../src-shared/security/disclosure'
import { useDesk } from '../desk/deskContext'
import { formatFullTimestamp, formatShortTimestamp } from '../incident/formatTimestamp'
import { countdownText, useNow } from '../major/countdown'
import { useStoreCommand } from '../major/majorData'
import { DisclosureTimelineExport } from './DisclosureTimelineExport'
import { deadlineLabel, deadlinesOf, isEstimate, triggerLabel, isoToLocalInput, localInputToIso } from './disclosureViewModel'
import './disclosure.css'
import { t, refusalText } from '../i18n/activeLanguage'

/**
 * A security incident's regulatory disclosure clocks (DESIGN §1): which regimes apply, when
 * each trigger happened, and every deadline those start, with its countdown, its legal basis,
 * and its submission. Counsel decides the regimes; this tracks them and never lets one slip by
 * unseen. Instants are typed in the user's zone and stored as UTC.
 */
export function DisclosurePanel({ incident }: { incident: Incident }) {
  const headingId = useId()
  const { session } = useDesk()
  const now = useNow()
  const refusal = checkPermission(incident, 'trackDisclosure', session.actor)
  const deadlines = deadlinesOf(incident, now)

  return (
    <section className="disclosure" aria-labelledby={headingId}>
      <div className="disclosure__header">
        <h3 id={headingId} className="disclosure__title">
          {t('disclosure.title')}
        </h3>
        <DisclosureTimelineExport incident={incident} />
      </div>
      <p className="disclosure__caveat">{t('disclosure.caveat')}</p>
      {refusal ? <p className="form__hint">{refusalText(refusal)}</p> : null}
      <RegimesForm key={`regimes-${incident.id}`} incident={incident} disabled={refusal !== undefined} />
      <TriggersSection key={`triggers-${incident.id}`} incident={incident} disabled={refusal !== undefined} now={now} />
      <DeadlinesTable incident={incident} deadlines={deadlines} disabled={refusal !== undefined} now={now} />
    </section>
  )
}

function RegimesForm({ incident, disabled }: { incident: Incident; disabled: boolean }) {
  const [chosen, setChosen] = useState<Set<DisclosureRegime>>(() => new Set(incident.disclosure.regimes))
  const [saved, setSaved] = useState<string | null>(null)
  // When the stored regimes change (this save, or another desk's), the boxes follow them. Not a
  // `key` on the form: a remount would also drop the confirmation of the save that changed them.
  const stored = incident.disclosure.regimes.join(',')
  const [shown, setShown] = useState(stored)
  if (shown !== stored) {
    setShown(stored)
    setChosen(new Set(incident.disclosure.regimes))
  }
  const { run, busy, error } = useStoreCommand()
  const errorId = useId()

  async function save() {
    setSaved(null)
    const regimes = DISCLOSURE_REGIMES.filter((regime) => chosen.has(regime))
    const result = await run({ action: 'trackDisclosure', incidentId: incident.id, step: { kind: 'regimes', regimes } })
    if (result.ok) setSaved(regimes.length > 0 ? t('disclosure.tracking', { regimes: regimes.map((regime) => t(`regime.${regime}`)).join(', ') }) : t('disclosure.noRegime'))
  }

  return (
    <form
      className="form disclosure__regimes"
      aria-label={t('disclosure.regimes')}
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      <fieldset className="form__fieldset disclosure__regime-list" disabled={disabled}>
        <legend>{t('disclosure.apply')}</legend>
        {DISCLOSURE_REGIMES.map((regime) => (
          <label key={regime} className="form__check">
            <input
              type="checkbox"
              checked={chosen.has(regime)}
              onChange={(event) =>
                setChosen((previous) => {
                  const next = new Set(previous)
                  if (event.target.checked) next.add(regime)
                  else next.delete(regime)
                  return next
                })
              }
            />
            {t(`regime.${regime}`)}
          </label>
        ))}
        <button type="submit" className="button button--small" disabled={busy}>
          {t('disclosure.saveRegimes')}
        </button>
      </fieldset>
      <p role="status" className="disclosure__confirmation">
        {saved}
      </p>
      <p id={errorId} role="alert" className="form__error" data-empty={error === null}>
        {error}
      </p>
    </form>
  )
}

function TriggersSection({ incident, disabled, now }: { incident: Incident; disabled: boolean; now: number }) {
  const ids = { heading: useId(), trigger: useId(), at: useId(), note: useId(), error: useId() }
  const [trigger, setTrigger] = useState<DisclosureTrigger>(() => DISCLOSURE_TRIGGERS.find((value) => !incident.disclosure.triggers[value]) ?? 'awareness')
  const [at, setAt] = useState(() => isoToLocalInput(Date.now()))
  const [note, setNote] = useState('')
  const [localError, setLocalError] = useState<string | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const { run, busy, error } = useStoreCommand()
  const recorded = incident.disclosure.triggers[trigger]

  async function record() {
    setSaved(null)
    setLocalError(null)
    const occurredAt = localInputToIso(at)
    if (!occurredAt) {
      setLocalError(t('disclosure.whenHappened'))
      return
    }
    const result = await run({ action: 'trackDisclosure', incidentId: incident.id, step: { kind: 'trigger', trigger, occurredAt, note: note.trim() || null } })
    if (result.ok) {
      setSaved(t('disclosure.recorded', { trigger: triggerLabel(trigger), at: formatShortTimestamp(occurredAt, new Date(now)) }))
      setNote('')
    }
  }

  const shownError = localError ?? error
  return (
    <div className="disclosure__triggers">
      <h4 id={ids.heading} className="disclosure__subtitle">
        {t('disclosure.triggers')}
      </h4>
      <ul className="disclosure__trigger-list" aria-labelledby={ids.heading}>
        {DISCLOSURE_TRIGGERS.map((value) => {
          const when = incident.disclosure.triggers[value]
          return (
            <li key={value}>
              <span className="disclosure__trigger-name">{triggerLabel(value)}</span>{' '}
              {when ? (
                <time dateTime={when} title={formatFullTimestamp(when)}>
                  {formatShortTimestamp(when, new Date(now))}
                </time>
              ) : (
                <span className="disclosure__muted">{t('disclosure.notRecorded')}</span>
              )}
            </li>
          )
        })}
      </ul>
      <form
        className="form disclosure__trigger-form"
        aria-label={t('disclosure.recordTrigger')}
        // The store's refusal says what is wrong in words, in the alert below; the browser's own
        // range check would stop the submit with a bubble instead (`max` still guides the picker).
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void record()
        }}
      >
        <fieldset className="disclosure__inline" disabled={disabled}>
          <div className="form__field">
            <label htmlFor={ids.trigger}>{t('disclosure.trigger')}</label>
            <select id={ids.trigger} value={trigger} onChange={(event) => setTrigger(event.target.value as DisclosureTrigger)}>
              {DISCLOSURE_TRIGGERS.map((value) => (
                <option key={value} value={value}>
                  {triggerLabel(value)}
                </option>
              ))}
            </select>
          </div>
          <div className="form__field">
            <label htmlFor={ids.at}>{t('disclosure.happenedAt')}</label>
            <input
              id={ids.at}
              type="datetime-local"
              value={at}
              max={isoToLocalInput(now)}
              onChange={(event) => setAt(event.target.value)}
              aria-invalid={shownError ? true : undefined}
              aria-describedby={shownError ? ids.error : undefined}
            />
          </div>
          <div className="form__field disclosure__grow">
            <label htmlFor={ids.note}>{t('disclosure.note')}</label>
            <input id={ids.note} value={note} onChange={(event) => setNote(event.target.value)} placeholder={t('disclosure.optional')} />
          </div>
          <button type="submit" className="button button--small" disabled={busy}>
            {t('disclosure.record')}
          </button>
        </fieldset>
        {recorded ? (
          <p className="form__hint">{t('disclosure.already', { at: formatFullTimestamp(recorded) })}</p>
        ) : null}
        <p role="status" className="disclosure__confirmation">
          {saved}
        </p>
        <p id={ids.error} role="alert" className="form__error" data-empty={shownError === null}>
          {shownError}
        </p>
      </form>
    </div>
  )
}

function DeadlinesTable({ incident, deadlines, disabled, now }: { incident: Incident; deadlines: DisclosureDeadline[]; disabled: boolean; now: number }) {
  const headingId = useId()
  if (incident.disclosure.regimes.length === 0) {
    return <p className="disclosure__muted">{t('disclosure.choose')}</p>
  }
  return (
    <div className="disclosure__deadlines">
      <h4 id={headingId} className="disclosure__subtitle">
        {t('disclosure.deadlines')}
      </h4>
      <table className="disclosure__table" aria-labelledby={headingId}>
        <thead>
          <tr>
            <th scope="col">{t('disclosure.col.deadline')}</th>
            <th scope="col">{t('disclosure.col.due')}</th>
            <th scope="col">{t('disclosure.col.submission')}</th>
          </tr>
        </thead>
        <tbody>
          {deadlines.map((deadline) => (
            <DeadlineRow key={deadline.definition.id} incident={incident} deadline={deadline} disabled={disabled} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  )
}

function DeadlineRow({ incident, deadline, disabled, now }: { incident: Incident; deadline: DisclosureDeadline; disabled: boolean; now: number }) {
  const { definition } = deadline
  const estimate = isEstimate(deadline)
  const reference = incident.disclosure.references?.[definition.id]
  return (
    <tr data-status={deadline.status}>
      <th scope="row">
        <span className="disclosure__regime">{t(`regime.${definition.regime}`)}</span> {deadlineLabel(definition)}
        {/* A citation of the law, as written in it. */}
        <span className="disclosure__basis" translate="no">
          {definition.legalBasis}
        </span>
        <span className="disclosure__basis">
          {t('disclosure.countsFrom', { trigger: triggerLabel(deadline.startedBy ?? definition.trigger) })}
          {estimate ? (
            <span className="disclosure__estimate" title={t('disclosure.estimateTitle', { trigger: triggerLabel(definition.trigger) })}>
              {' '}
              {t('disclosure.estimate')}
            </span>
          ) : null}
        </span>
      </th>
      <td>
        <span className="disclosure__status" data-status={deadline.status}>
          {deadline.status === 'overdue' ? <span aria-hidden="true">⚠ </span> : null}
          {t(`disclosureStatus.${deadline.status}`)}
        </span>
        {deadline.remainingMillis !== null && deadline.dueAt ? (
          <span className="disclosure__countdown" role="timer" aria-label={t('disclosure.timeLeft', { label: deadlineLabel(definition) })}>
            {countdownText(deadline.dueAt, now)}
          </span>
        ) : null}
        {deadline.dueAt ? (
          <time className="disclosure__due" dateTime={deadline.dueAt} title={formatFullTimestamp(deadline.dueAt)}>
            {formatShortTimestamp(deadline.dueAt, new Date(now))}
          </time>
        ) : null}
      </td>
      <td>
        {deadline.submittedAt ? (
          <span>
            <time dateTime={deadline.submittedAt} title={formatFullTimestamp(deadline.submittedAt)}>
              {formatShortTimestamp(deadline.submittedAt, new Date(now))}
            </time>
            {reference ? <span className="disclosure__basis">{t('disclosure.ref', { reference })}</span> : null}
          </span>
        ) : disabled ? (
          '—'
        ) : (
          <MarkSubmitted incident={incident} deadline={deadline} now={now} />
        )}
      </td>
    </tr>
  )
}

function MarkSubmitted({ incident, deadline, now }: { incident: Incident; deadline: DisclosureDeadline; now: number }) {
  const ids = { at: useId(), reference: useId(), error: useId() }
  const [open, setOpen] = useState(false)
  const [at, setAt] = useState('')
  const [reference, setReference] = useState('')
  const [localError, setLocalError] = useState<string | null>(null)
  const { run, busy, error } = useStoreCommand()
  const label = deadlineLabel(deadline.definition)

  if (!open) {
    return (
      <button
        type="button"
        className="button button--small"
        aria-label={t('disclosure.markLabel', { label })}
        onClick={() => {
          setAt(isoToLocalInput(Date.now()))
          setOpen(true)
        }}
      >
        {t('disclosure.mark')}
      </button>
    )
  }

  async function submit() {
    setLocalError(null)
    const submittedAt = localInputToIso(at)
    if (!submittedAt) {
      setLocalError(t('disclosure.whenSubmitted'))
      return
    }
    const result = await run({
      action: 'trackDisclosure',
      incidentId: incident.id,
      step: { kind: 'submitted', deadlineId: deadline.definition.id, submittedAt, reference: reference.trim() || null },
    })
    if (result.ok) setOpen(false)
  }

  const shownError = localError ?? error
  return (
    <form
      className="form disclosure__submit"
      aria-label={t('disclosure.submissionLabel', { label })}
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      <div className="form__field">
        <label htmlFor={ids.at}>{t('disclosure.submittedAt')}</label>
        <input id={ids.at} type="datetime-local" value={at} max={isoToLocalInput(now)} onChange={(event) => setAt(event.target.value)} />
      </div>
      <div className="form__field">
        <label htmlFor={ids.reference}>{t('disclosure.reference')}</label>
        <input id={ids.reference} value={reference} onChange={(event) => setReference(event.target.value)} placeholder={t('disclosure.referencePlaceholder')} />
      </div>
      <div className="disclosure__inline">
        <button type="submit" className="button button--primary button--small" disabled={busy}>
          {t('disclosure.saveSubmission')}
        </button>
        <button type="button" className="button button--quiet button--small" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
      <p id={ids.error} role="alert" className="form__error" data-empty={shownError === null}>
        {shownError}
      </p>
    </form>
  )
}
