import { useId, useState } from 'react'
import { LIMITS } from '../../src-shared/events/limits'
import type { Incident } from '../../src-shared/incident/incident'
import { useIncidentCommand } from './useIncidentCommand'
import { t } from '../i18n/activeLanguage'

interface Props {
  incident: Incident
  canAddWorkNote: boolean
  canCommentToCaller: boolean
  /** Why notes cannot be added, when they cannot (the lifecycle's words). */
  refusal: string | null
}

/** One text box, two destinations: an internal work note, or a comment the caller reads. */
export function NoteComposer({ incident, canAddWorkNote, canCommentToCaller, refusal }: Props) {
  const ids = { note: useId(), error: useId() }
  const [note, setNote] = useState('')
  const { run, error } = useIncidentCommand()
  const blank = note.trim() === ''
  const message = error

  async function add(kind: 'work' | 'caller'): Promise<void> {
    if (blank) return
    const text = note.trim()
    // Cleared at once (the note shows in the timeline while it is saved); given back if the store refuses it.
    setNote('')
    const ok = await run(
      kind === 'work'
        ? { action: 'addWorkNote', incidentId: incident.id, text }
        : { action: 'addCallerComment', incidentId: incident.id, text, direction: 'to_caller' },
    ).catch(() => false)
    if (!ok) setNote((typed) => (typed === '' ? note : typed))
  }

  // A closed or canceled incident takes no notes: say so quietly instead of an empty box and an error.
  if (!canAddWorkNote && !canCommentToCaller) {
    return (
      <section className="quick-actions__note" aria-label={t('note.notes')}>
        <p className="side-panel__note">{t('note.none', { reason: refusal ? `: ${refusal}` : '.' })}</p>
      </section>
    )
  }

  return (
    <form
      className="form quick-actions__note"
      aria-label={t('note.notes')}
      onSubmit={(event) => {
        event.preventDefault()
        void add('work')
      }}
    >
      <div className="form__field">
        <label htmlFor={ids.note}>{t('note.label')}</label>
        <textarea
          id={ids.note}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          maxLength={LIMITS.note}
          rows={2}
          aria-describedby={message ? ids.error : undefined}
        />
      </div>
      <p id={ids.error} role="alert" className="form__error quick-actions__error" data-empty={message === null}>
        {message}
      </p>
      <div className="form__actions">
        <button type="button" className="button button--small" disabled={blank || !canCommentToCaller} onClick={() => void add('caller')}>
          {t('note.toCaller')}
        </button>
        <button type="submit" className="button button--small button--primary" disabled={blank || !canAddWorkNote}>
          {t('note.workNote')}
        </button>
      </div>
    </form>
  )
}
