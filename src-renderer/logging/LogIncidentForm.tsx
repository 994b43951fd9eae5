import { useId, useRef, useState, type FormEvent } from 'react'
import { LIMITS } from '../../src-shared/events/limits'
import type { Incident } from '../../src-shared/incident/incident'
import { priorityFor, type Impact, type Urgency } from '../../src-shared/incident/priority'
import { CHANNEL_LABELS, CHANNELS, type Channel } from '../../src-shared/incident/vocabulary'
import { useDesk } from '../desk/deskContext'
import { PriorityBadge } from '../incident/PriorityBadge'
import { ImpactUrgencyFields } from '../incident/ImpactUrgencyFields'

interface Props {
  onCancel: () => void
  onLogged: (incident: Incident) => void
}

type RequiredField = 'shortDescription' | 'caller'

/**
 * The logging step of the workflow: what happened, who called, how urgent. The store and the
 * shared lifecycle decide what is valid; this form shows their refusal word for word, so the
 * desk and the sync server never disagree about a rule. (No HTML `required`: the browser's own
 * bubble would pre-empt that message, and "   " passes it anyway.)
 */
export function LogIncidentForm({ onCancel, onLogged }: Props) {
  const { store } = useDesk()
  const ids = {
    shortDescription: useId(),
    caller: useId(),
    channel: useId(),
    impact: useId(),
    urgency: useId(),
    priority: useId(),
    description: useId(),
    error: useId(),
  }
  const [shortDescription, setShortDescription] = useState('')
  const [callerName, setCallerName] = useState('')
  const [channel, setChannel] = useState<Channel>('phone')
  const [impact, setImpact] = useState<Impact>(3)
  const [urgency, setUrgency] = useState<Urgency>(3)
  const [description, setDescription] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [invalid, setInvalid] = useState<ReadonlySet<RequiredField>>(new Set())
  const saving = useRef(false)
  const shortDescriptionInput = useRef<HTMLInputElement>(null)
  const callerInput = useRef<HTMLInputElement>(null)

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    if (saving.current) return
    saving.current = true
    try {
      const result = await store.logIncident({
        shortDescription: shortDescription.trim(),
        description: description.trim(),
        caller: { name: callerName.trim() },
        channel,
        impact,
        urgency,
      })
      if (result.ok) {
        onLogged(result.incident)
        return
      }
      setError(result.refusal.message)
      // The refusal names one problem; point at every blank required field so one fix is enough.
      const blank = new Set<RequiredField>()
      if (shortDescription.trim() === '') blank.add('shortDescription')
      if (callerName.trim() === '') blank.add('caller')
      setInvalid(blank)
      const first = blank.has('shortDescription') ? shortDescriptionInput : blank.has('caller') ? callerInput : null
      first?.current?.focus()
    } catch (cause) {
      setError(`The incident could not be saved: ${cause instanceof Error ? cause.message : String(cause)}`)
    } finally {
      saving.current = false
    }
  }

  const describedBy = (field: RequiredField): string | undefined => (invalid.has(field) && error ? ids.error : undefined)

  return (
    <form className="form" onSubmit={save} noValidate aria-describedby={error ? ids.error : undefined}>
      <div className="form__field">
        <label htmlFor={ids.shortDescription}>
          Short description <span className="form__required" aria-hidden="true">required</span>
        </label>
        <input
          ref={shortDescriptionInput}
          id={ids.shortDescription}
          type="text"
          value={shortDescription}
          onChange={(event) => setShortDescription(event.target.value)}
          maxLength={LIMITS.shortDescription}
          aria-required="true"
          aria-invalid={invalid.has('shortDescription') || undefined}
          aria-describedby={describedBy('shortDescription')}
          autoComplete="off"
        />
      </div>

      <div className="form__row">
        <div className="form__field">
          <label htmlFor={ids.caller}>
            Caller <span className="form__required" aria-hidden="true">required</span>
          </label>
          <input
            ref={callerInput}
            id={ids.caller}
            type="text"
            value={callerName}
            onChange={(event) => setCallerName(event.target.value)}
            maxLength={LIMITS.name}
            aria-required="true"
            aria-invalid={invalid.has('caller') || undefined}
            aria-describedby={describedBy('caller')}
            autoComplete="off"
          />
        </div>
        <div className="form__field">
          <label htmlFor={ids.channel}>Channel</label>
          <select id={ids.channel} value={channel} onChange={(event) => setChannel(event.target.value as Channel)}>
            {CHANNELS.map((value) => (
              <option key={value} value={value}>
                {CHANNEL_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="form__row form__row--priority">
        <ImpactUrgencyFields
        impactId={ids.impact}
        urgencyId={ids.urgency}
        impact={impact}
        urgency={urgency}
        onImpactChange={setImpact}
        onUrgencyChange={setUrgency}
      />
        <div className="form__field">
          <label htmlFor={ids.priority}>Priority</label>
          {/* Derived, never typed in (DESIGN §1): the same matrix the store applies. */}
          <output id={ids.priority} htmlFor={`${ids.impact} ${ids.urgency}`} className="form__output">
            <PriorityBadge priority={priorityFor(impact, urgency)} />
          </output>
        </div>
      </div>

      <div className="form__field">
        <label htmlFor={ids.description}>Description</label>
        <textarea
          id={ids.description}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          maxLength={LIMITS.description}
          rows={4}
        />
      </div>

      <p id={ids.error} role="alert" className="form__error" data-empty={error === null}>
        {error}
      </p>

      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary">
          Save
        </button>
      </div>
    </form>
  )
}
