import { useId, useState, type FormEvent } from 'react'
import { createPortal } from 'react-dom'
import type { Incident } from '../../src-shared/incident/incident'
import type { Actor } from '../../src-shared/incident/roles'
import { useDesk } from '../desk/deskContext'
import { IncidentNumber } from '../incident/IncidentNumber'
import { useModalDialogRef } from '../ui/useModalDialogRef'
import { commandFor, dialogFields, initialValues, normalizeIncidentNumber, type DialogAction, type FieldSpec, type FormValues } from './actionForms'
import { refusalText, t } from '../i18n/activeLanguage'

interface Props {
  action: DialogAction
  incident: Incident
  actor: Actor
  onDone: (message: string) => void
  onDismiss: () => void
}

/**
 * One workflow step's dialog: exactly the fields its command needs (actionForms.ts). A missing
 * field or the lifecycle's refusal is shown here, word for word, and the dialog stays open with
 * everything typed; only a step the store accepted closes it.
 */
export function ActionDialog({ action, incident, actor, onDone, onDismiss }: Props) {
  const { data, store } = useDesk()
  const ids = { title: useId(), error: useId(), base: useId() }
  const showModal = useModalDialogRef()
  const [values, setValues] = useState<FormValues>(() => initialValues(action, incident, actor))
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const fields = dialogFields(action, incident, actor).filter((spec) => spec.shown(values))
  const title = t(`dialog.${action}`)

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    try {
      let targetIncidentId: string | undefined
      if (action === 'link' && values.target?.trim()) {
        const number = normalizeIncidentNumber(values.target)
        // Only an incident this person may see can be named: a security incident's number finds nothing for others.
        const target = await data.incidentByNumber(number, actor)
        targetIncidentId = target?.id
        if (!target) {
          setError({ field: 'target', message: t('dialog.noSuchNumber', { number }) })
          return
        }
      }
      const built = commandFor(action, incident, actor, values, { targetIncidentId })
      if (!built.ok) {
        setError({ field: built.field, message: built.message })
        return
      }
      const result = await store.execute(built.command)
      if (!result.ok) {
        setError({ field: null, message: refusalText(result.refusal) })
        return
      }
      onDone(t('dialog.done', { title, number: incident.number }))
    } finally {
      setBusy(false)
    }
  }

  // Beside the incident view in the page, not inside it: a <dialog> nested in the view's scrolling
  // panel is laid out under the panel's own content in Chromium. Portalled, it is a top-layer
  // modal of its own over the view, as the log form is over the queue.
  return createPortal(
    <dialog
      ref={showModal}
      className="dialog dialog--narrow action-dialog"
      aria-labelledby={ids.title}
      onCancel={(event) => {
        // Escape closes this dialog only, never the incident view under it.
        event.stopPropagation()
      }}
      onClose={(event) => {
        event.stopPropagation()
        if (!event.currentTarget.open) onDismiss()
      }}
    >
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <h2 id={ids.title} className="dialog__title">
          {title}
        </h2>
        <p className="action-dialog__subject" translate="no">
          <IncidentNumber number={incident.number} provisional={incident.numberIsProvisional} /> {incident.shortDescription}
        </p>
        {fields.map((spec) => (
          <FieldControl
            key={spec.name}
            id={`${ids.base}-${spec.name}`}
            spec={spec}
            values={values}
            invalid={error?.field === spec.name}
            errorId={ids.error}
            onChange={(value) => {
              setValues((current) => ({ ...current, [spec.name]: value }))
              if (error?.field === spec.name) setError(null)
            }}
          />
        ))}
        <p id={ids.error} role="alert" className="form__error" data-empty={error === null}>
          {error?.message}
        </p>
        <div className="form__actions">
          <button type="button" className="button" onClick={onDismiss}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t(`submit.${action}`)}
          </button>
        </div>
      </form>
    </dialog>,
    document.body,
  )
}


interface FieldProps {
  id: string
  spec: FieldSpec
  values: FormValues
  invalid: boolean
  errorId: string
  onChange: (value: string) => void
}

function FieldControl({ id, spec, values, invalid, errorId, onChange }: FieldProps) {
  const value = values[spec.name] ?? ''
  const required = spec.required(values)
  const hintId = `${id}-hint`
  const describedBy = [invalid ? errorId : null, spec.hint ? hintId : null].filter(Boolean).join(' ') || undefined
  const hint = spec.hint ? (
    <p id={hintId} className="form__hint">
      {spec.hint}
    </p>
  ) : null

  if (spec.control === 'radio') {
    return (
      <fieldset className="form__fieldset action-dialog__choice">
        <legend>{spec.label}</legend>
        {spec.options?.map((option) => (
          <label key={option.value} className="action-dialog__radio">
            <input type="radio" name={id} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} />
            {option.label}
          </label>
        ))}
      </fieldset>
    )
  }
  if (spec.control === 'checkbox') {
    return (
      <div className="form__field action-dialog__check">
        <label>
          <input
            id={id}
            type="checkbox"
            checked={value === 'yes'}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => onChange(event.target.checked ? 'yes' : '')}
          />{' '}
          {spec.label}
        </label>
      </div>
    )
  }
  const common = {
    id,
    value,
    required,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    autoFocus: undefined as boolean | undefined,
  }
  return (
    <div className="form__field">
      <label htmlFor={id}>
        {spec.label}
        {required ? null : <span className="form__optional">{t('dialog.optional')}</span>}
      </label>
      {spec.control === 'select' ? (
        <select {...common} onChange={(event) => onChange(event.target.value)}>
          {spec.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : spec.control === 'textarea' ? (
        <textarea {...common} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} type="text" onChange={(event) => onChange(event.target.value)} />
      )}
      {hint}
    </div>
  )
}
