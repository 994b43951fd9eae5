import { useId, useState } from 'react'
import type { Incident } from '../../src-shared/incident/incident'
import { checkPermission } from '../../src-shared/incident/lifecycle'
import type { ResolutionCode } from '../../src-shared/incident/vocabulary'
import { useResolutionCodeChoice } from '../config/resolutionCodeNames'
import { useDesk } from '../desk/deskContext'
import { useStoreCommand } from './majorData'
import { cascadeSummary } from './majorViewModel'
import { t, refusalText } from '../i18n/activeLanguage'

/**
 * Resolve the major incident. The lifecycle resolves every open child with the same code and
 * notes in the same transaction (decideResolve); the outcome names them.
 */
export function ResolveMajorForm({ incident, onResolved }: { incident: Incident; onResolved: (summary: string) => void }) {
  const ids = { code: useId(), notes: useId(), heading: useId(), error: useId() }
  const { session } = useDesk()
  const { codes, code, setCode } = useResolutionCodeChoice()
  const [notes, setNotes] = useState('')
  const { run, busy, error } = useStoreCommand()
  const refusal = checkPermission(incident, 'resolve', session.actor)
  const openChildren = incident.links.filter((link) => link.kind === 'child').length

  if (refusal && refusal.code === 'wrong_state') return null

  async function resolve() {
    const result = await run({ action: 'resolve', incidentId: incident.id, resolutionCode: code, resolutionNotes: notes })
    if (!result.ok) return
    const children = result.incidents.filter((changed) => changed.id !== incident.id && changed.state === 'resolved').map((changed) => changed.number)
    onResolved(cascadeSummary(incident.number, children))
  }

  return (
    <section className="major-section" aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="major-section__title">
        {t('major.resolve.title')}
      </h2>
      {refusal ? (
        <p className="form__hint">{refusalText(refusal)}</p>
      ) : (
        <form
          className="form major-resolve"
          aria-labelledby={ids.heading}
          onSubmit={(event) => {
            event.preventDefault()
            void resolve()
          }}
        >
          <p className="form__hint">
            {openChildren > 0
              ? t('major.resolve.children', { count: openChildren })
              : t('major.resolve.noChildren')}
          </p>
          <div className="form__field">
            <label htmlFor={ids.code}>{t('major.resolve.code')}</label>
            <select id={ids.code} value={code} onChange={(event) => setCode(event.target.value as ResolutionCode)}>
              {codes.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          </div>
          <div className="form__field">
            <label htmlFor={ids.notes}>{t('major.resolve.notes')}</label>
            <textarea
              id={ids.notes}
              rows={3}
              value={notes}
              onChange={(event) => setNotes(event.target.value)}
              aria-describedby={error ? ids.error : undefined}
              aria-invalid={error ? true : undefined}
            />
          </div>
          <button type="submit" className="button button--primary button--small" disabled={busy}>
            {openChildren > 0 ? t('major.resolve.withChildren') : t('major.resolve.submit')}
          </button>
          <p id={ids.error} role="alert" className="form__error" data-empty={error === null}>
            {error}
          </p>
        </form>
      )}
    </section>
  )
}
