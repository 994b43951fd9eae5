import { useId, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react'
import { t } from '../i18n/activeLanguage'

export interface FieldOption {
  value: string
  label: string
}

interface Props {
  label: string
  /** The value as stored, what the editor starts from. */
  value: string
  /** The value as read ("Phone", "none"). */
  display: ReactNode
  /** How the edit is typed; a select lists `options`. */
  control?: 'text' | 'textarea' | 'select'
  options?: readonly FieldOption[]
  maxLength?: number
  /** Why it cannot be edited now; null when it can. */
  refusal: string | null
  /** Saves; resolves to the refusal message, or null when saved. */
  onSave: (value: string) => Promise<string | null>
}

/**
 * A header field edited in place: click it or press Enter on it, type, Enter saves and Escape
 * cancels (Ctrl+Enter in a multi-line field). A refusal stays on screen under the input and the
 * edit stays open, so nothing typed is lost.
 */
export function EditableField({ label, value, display, control = 'text', options = [], maxLength, refusal, onSave }: Props) {
  const ids = { error: useId(), refusal: useId() }
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState(value)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const viewButton = useRef<HTMLButtonElement>(null)

  function start(): void {
    setDraft(value)
    setError(null)
    setEditing(true)
  }

  function stop(): void {
    setEditing(false)
    setError(null)
    // Back to the field, so the keyboard user carries on from where they were.
    requestAnimationFrame(() => viewButton.current?.focus())
  }

  async function save(): Promise<void> {
    if (busy) return
    if (draft === value) {
      stop()
      return
    }
    setBusy(true)
    const refused = await onSave(draft)
    setBusy(false)
    if (refused) setError(refused)
    else stop()
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>): void {
    if (event.key === 'Escape') {
      // Cancels the edit, not the incident view around it.
      event.preventDefault()
      event.stopPropagation()
      stop()
    } else if (event.key === 'Enter' && (control !== 'textarea' || event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      void save()
    }
  }

  if (!editing) {
    return <FieldReading label={label} display={display} spoken={textOf(display, value)} refusal={refusal} onEdit={start} buttonRef={viewButton} />
  }

  const common = {
    'aria-label': label,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? ids.error : undefined,
    autoFocus: true,
    disabled: busy,
    onKeyDown,
  } as const

  return (
    <div className="editable-field editable-field--editing">
      <dt className="editable-field__label">{label}</dt>
      <dd className="editable-field__value">
        {control === 'select' ? (
          <select {...common} value={draft} onChange={(event) => setDraft(event.target.value)}>
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        ) : control === 'textarea' ? (
          <textarea {...common} value={draft} rows={4} maxLength={maxLength} onChange={(event) => setDraft(event.target.value)} />
        ) : (
          <input {...common} type="text" value={draft} maxLength={maxLength} onChange={(event) => setDraft(event.target.value)} />
        )}
        <EditActions
          busy={busy}
          onSave={() => void save()}
          onDiscard={stop}
          error={error}
          errorId={ids.error}
          hint={control === 'textarea' ? t('details.saveHint.textarea') : t('details.saveHint')}
        />
      </dd>
    </div>
  )
}

function textOf(display: ReactNode, fallback: string): string {
  return typeof display === 'string' ? display : fallback || t('view.none')
}

/**
 * A header field as read: its value, and a button that starts editing it; or, when the
 * lifecycle does not allow editing now, the value alone with the reason on hover.
 */
export function FieldReading({
  label,
  display,
  spoken,
  refusal,
  onEdit,
  buttonRef,
}: {
  label: string
  display: ReactNode
  /** The value as a screen reader says it in the button's name. */
  spoken: string
  refusal: string | null | undefined
  onEdit: () => void
  buttonRef?: Ref<HTMLButtonElement>
}) {
  return (
    <div className="editable-field">
      <dt className="editable-field__label">{label}</dt>
      <dd className="editable-field__value">
        {refusal ? (
          // The value is the incident's data (or "none", worded by the caller): not words to translate.
          <span className="editable-field__static" title={refusal} translate="no">
            {display}
          </span>
        ) : (
          <button ref={buttonRef} type="button" className="editable-field__button" aria-label={t('details.editLabel', { label, value: spoken })} onClick={onEdit}>
            <span className="editable-field__text" translate="no">
              {display}
            </span>
            <span className="editable-field__pen" aria-hidden="true">
              ✎
            </span>
          </button>
        )}
      </dd>
    </div>
  )
}

/** The end of a field being edited: Save and Discard, and what the store refused, if it did. */
export function EditActions({
  busy,
  onSave,
  onDiscard,
  error,
  errorId,
  hint,
}: {
  busy?: boolean
  onSave: () => void
  onDiscard: () => void
  error: string | null
  errorId: string
  hint?: string
}) {
  return (
    <>
      <span className="editable-field__actions">
        <button type="button" className="button button--small button--primary" disabled={busy} onClick={onSave}>
          {t('common.save')}
        </button>
        <button type="button" className="button button--small button--quiet" onClick={onDiscard}>
          {t('details.discard')}
        </button>
        {hint ? <span className="form__hint">{hint}</span> : null}
      </span>
      {error ? (
        <p id={errorId} role="alert" className="form__error">
          {error}
        </p>
      ) : null}
    </>
  )
}
