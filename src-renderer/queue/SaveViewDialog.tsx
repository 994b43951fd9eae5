import { useId, useState, type FormEvent } from 'react'
import { useDesk } from '../desk/deskContext'
import { MAX_VIEW_NAME_LENGTH } from '../store/savedViews'
import type { QueueViewDefinition } from '../../src-shared/queue/queueView'
import { useUiActions } from '../ui/uiHooks'
import { useModalDialogRef } from '../ui/useModalDialogRef'
import { t } from '../i18n/activeLanguage'

/** Names the queue's current filter and sort and keeps it as a view on this desk. */
export function SaveViewDialog({ view, onClose }: { view: QueueViewDefinition; onClose(): void }) {
  const { data } = useDesk()
  const { announced } = useUiActions()
  const dialogRef = useModalDialogRef()
  const id = useId()
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [replaceOffered, setReplaceOffered] = useState(false)

  async function submit(event: FormEvent, replace = false): Promise<void> {
    event.preventDefault()
    const result = await data.saveQueueView(name, view, replace)
    if (!result.ok) {
      setError(result.error)
      setReplaceOffered(result.reason === 'exists')
      return
    }
    announced(t('views.saved', { name: result.view.name }))
    onClose()
  }

  return (
    <dialog ref={dialogRef} className="dialog dialog--narrow" aria-labelledby={`${id}-title`} onClose={(event) => !event.currentTarget.open && onClose()}>
      <h2 id={`${id}-title`} className="dialog__title">
        {t('views.title')}
      </h2>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <div className="form__field">
          <label htmlFor={`${id}-name`}>{t('views.name')}</label>
          <input
            id={`${id}-name`}
            value={name}
            maxLength={MAX_VIEW_NAME_LENGTH}
            autoFocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => {
              setName(event.target.value)
              setError(null)
              setReplaceOffered(false)
            }}
          />
        </div>
        <p id={`${id}-error`} role="alert" className="form__error" data-empty={error === null}>
          {error}
        </p>
        <div className="form__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          {replaceOffered ? (
            <button type="button" className="button button--warning" onClick={(event) => void submit(event, true)}>
              {t('views.replace')}
            </button>
          ) : null}
          <button type="submit" className="button button--primary">
            {t('common.save')}
          </button>
        </div>
      </form>
    </dialog>
  )
}
