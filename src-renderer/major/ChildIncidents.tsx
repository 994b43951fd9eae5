import { useId, useState } from 'react'
import type { Incident } from '../../src-shared/incident/incident'
import { checkPermission } from '../../src-shared/incident/lifecycle'
import { useDesk } from '../desk/deskContext'
import { IncidentNumber } from '../incident/IncidentNumber'
import { PriorityBadge } from '../incident/PriorityBadge'
import { StateBadge } from '../incident/StateBadge'
import { useChildIncidents, useLinkableOpenIncidents } from './majorData'
import { parseIncidentNumbers, summarizeLinkOutcomes, type LinkOutcome } from './majorViewModel'
import { refusalText, t } from '../i18n/activeLanguage'

/**
 * The incidents people reported about the same outage, linked under the major incident so one
 * resolve restores them all. Link many at once: type or paste their numbers, or tick them in the
 * list of open incidents; each is linked on its own and each refusal is reported.
 */
export function ChildIncidents({ incident }: { incident: Incident }) {
  const headingId = useId()
  const { store, session } = useDesk()
  const held = useChildIncidents(incident)
  const refusal = checkPermission(incident, 'link', session.actor)
  const childCount = incident.links.filter((link) => link.kind === 'child').length

  return (
    <section className="major-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="major-section__title">
        {t('major.children.title')} <span className="major-section__count">({childCount})</span>
      </h2>
      {held && held.children.length > 0 ? (
        <table className="major-children" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{t('column.number')}</th>
              <th scope="col">{t('column.priority')}</th>
              <th scope="col">{t('column.state')}</th>
              <th scope="col">{t('column.shortDescription')}</th>
              <th scope="col">{t('major.resolve.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {held.children.map((child) => (
              <tr key={child.id}>
                <th scope="row">
                  <IncidentNumber number={child.number} provisional={child.numberIsProvisional} />
                </th>
                <td>
                  <PriorityBadge priority={child.priority} />
                </td>
                <td>
                  <StateBadge state={child.state} />
                </td>
                <td translate="no">{child.shortDescription}</td>
                <td className="major-children__notes" translate="no">
                  {child.resolutionNotes ?? '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : held && held.missing.length === 0 ? (
        <p className="major__empty">{t('major.children.none')}</p>
      ) : null}
      {held && held.missing.length > 0 ? (
        <p className="form__hint">
          {t('major.children.missing', { count: held.missing.length })}
        </p>
      ) : null}
      {refusal ? <p className="form__hint">{refusalText(refusal)}</p> : <LinkChildrenForm key={incident.id} parent={incident} execute={store.execute} />}
    </section>
  )
}

function LinkChildrenForm({ parent, execute }: { parent: Incident; execute: ReturnType<typeof useDesk>['store']['execute'] }) {
  const ids = { numbers: useId(), filter: useId(), checklist: useId(), hint: useId() }
  const { data, session } = useDesk()
  const actor = session.actor
  const [numbersText, setNumbersText] = useState('')
  const [filter, setFilter] = useState('')
  const [picked, setPicked] = useState<Set<string>>(() => new Set())
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<ReturnType<typeof summarizeLinkOutcomes> | null>(null)
  const [inputError, setInputError] = useState<string | null>(null)
  const candidates = useLinkableOpenIncidents(parent)
  const needle = filter.trim().toLowerCase()
  const shown = (candidates ?? []).filter(
    (candidate) => needle === '' || candidate.number.toLowerCase().includes(needle) || candidate.shortDescription.toLowerCase().includes(needle),
  )

  async function linkAll() {
    setOutcome(null)
    setInputError(null)
    const parsed = parseIncidentNumbers(numbersText)
    if (parsed.invalid.length > 0) {
      setInputError(t('major.notNumbers', { tokens: parsed.invalid.join(', ') }))
      return
    }
    const byNumber = new Map((candidates ?? []).filter((candidate) => picked.has(candidate.id)).map((candidate) => [candidate.number, candidate.id]))
    for (const number of parsed.numbers) if (!byNumber.has(number)) byNumber.set(number, '')
    if (byNumber.size === 0) {
      setInputError(t('major.nothingTyped'))
      return
    }
    setBusy(true)
    const outcomes: LinkOutcome[] = []
    try {
      for (const [number, knownId] of byNumber) {
        const targetId = knownId || (await data.incidentByNumber(number, actor))?.id
        if (!targetId) {
          outcomes.push({ number, ok: false, reason: t('major.notOnDesk', { number }) })
          continue
        }
        const result = await execute({ action: 'link', incidentId: parent.id, kind: 'child', targetIncidentId: targetId })
        outcomes.push(result.ok ? { number, ok: true } : { number, ok: false, reason: refusalText(result.refusal) })
      }
    } finally {
      setBusy(false)
    }
    const summary = summarizeLinkOutcomes(outcomes)
    setOutcome(summary)
    if (summary.linked.length > 0) {
      setPicked(new Set())
      setNumbersText(parseIncidentNumbers(numbersText).numbers.filter((number) => !summary.linked.includes(number)).join(' '))
    }
  }

  return (
    <form
      className="form major-link"
      aria-label={t('major.link.form')}
      onSubmit={(event) => {
        event.preventDefault()
        void linkAll()
      }}
    >
      <div className="major-link__columns">
        <div className="form__field">
          <label htmlFor={ids.numbers}>{t('major.link.numbers')}</label>
          <textarea
            id={ids.numbers}
            rows={4}
            value={numbersText}
            onChange={(event) => setNumbersText(event.target.value)}
            placeholder="INC0000012, INC0000015"
            translate="no"
            aria-describedby={ids.hint}
          />
          <span id={ids.hint} className="form__hint">
            {t('major.link.hint')}
          </span>
        </div>
        <fieldset className="form__fieldset major-link__pick">
          <legend>{t('major.link.tick')}</legend>
          <label htmlFor={ids.filter} className="visually-hidden">
            {t('major.link.filter')}
          </label>
          <input id={ids.filter} type="search" placeholder={t('major.link.filterPlaceholder')} value={filter} onChange={(event) => setFilter(event.target.value)} />
          <ul className="major-link__list" id={ids.checklist} aria-label={t('major.link.open')}>
            {shown.length === 0 ? <li className="major__empty">{candidates ? t('major.link.noneOpen') : t('major.loading')}</li> : null}
            {shown.map((candidate) => (
              <li key={candidate.id}>
                <label className="form__check">
                  <input
                    type="checkbox"
                    checked={picked.has(candidate.id)}
                    onChange={(event) =>
                      setPicked((previous) => {
                        const next = new Set(previous)
                        if (event.target.checked) next.add(candidate.id)
                        else next.delete(candidate.id)
                        return next
                      })
                    }
                  />
                  <span>
                    <span translate="no">
                      {candidate.number} · {candidate.shortDescription}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      </div>
      <button type="submit" className="button button--small" disabled={busy}>
        {t('major.link.submit')}
      </button>
      <div role="status" className="major__confirmation">
        {outcome ? (
          <>
            <p>{outcome.text}</p>
            {outcome.refused.length > 0 ? (
              <ul className="major-link__refusals">
                {outcome.refused.map((refusal) => (
                  <li key={refusal.number}>
                    <strong>{refusal.number}</strong>: {refusal.reason}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : null}
      </div>
      <p role="alert" className="form__error" data-empty={inputError === null}>
        {inputError}
      </p>
    </form>
  )
}
