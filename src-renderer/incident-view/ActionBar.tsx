import { useId, useRef, useState, memo } from 'react'
import type { IncidentAction } from '../../src-shared/incident/commands'
import type { Incident } from '../../src-shared/incident/incident'
import type { ActionAvailability } from '../../src-shared/incident/lifecycle'
import { ACCEPTED_FILE_TYPES } from '../attachments/attachmentStore'
import { keepAttachments } from '../attachments/keepAttachments'
import { useDesk } from '../desk/deskContext'
import { SHORTCUTS } from '../keyboard/shortcuts'
import { BAR_ACTIONS, ONE_CLICK_ACTIONS, type BarAction, type DialogAction } from './actionForms'
import { activeTranslator, refusalOrNull, refusalText, t } from '../i18n/activeLanguage'
import { Rich } from '../i18n/Rich'

interface Props {
  incident: Incident
  availability: ReadonlyMap<IncidentAction, ActionAvailability>
  onOpenDialog: (action: DialogAction) => void
  /** Runs a one-click step; resolves to the refusal, or null. */
  onOneClick: (action: 'acknowledge' | 'resume') => Promise<string | null>
  /** A line for the screen reader and the eye ("Attached photo.jpg."). */
  onDone: (message: string) => void
}

const KEYS: Partial<Record<BarAction, string>> = {
  acknowledge: SHORTCUTS['incident.assignToMe'].ariaKeyShortcuts,
  escalate: SHORTCUTS['incident.escalate'].ariaKeyShortcuts,
  resolve: SHORTCUTS['incident.resolve'].ariaKeyShortcuts,
}

/**
 * Every workflow step the lifecycle knows, as a button. The ones not allowed now stay on screen,
 * greyed, with the lifecycle's reason as their description (and shown under the bar when one is
 * pointed at or focused), so nobody has to guess why Resolve is not there.
 */
function ActionBarView({ incident, availability, onOpenDialog, onOneClick, onDone }: Props) {
  const { data, store } = useDesk()
  const baseId = useId()
  const fileInput = useRef<HTMLInputElement>(null)
  const [explained, setExplained] = useState<BarAction | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function attach(files: FileList | null): Promise<void> {
    if (!files || files.length === 0) return
    setBusy(true)
    setError(null)
    try {
      const stored = await keepAttachments(data, Array.from(files), incident.attachments)
      if (!stored.ok) {
        setError(stored.errors.join(' '))
        return
      }
      for (const attachment of stored.attachments) {
        const result = await store.execute({ action: 'attach', incidentId: incident.id, attachment })
        if (!result.ok) {
          setError(`${attachment.name}: ${refusalText(result.refusal)}`)
          return
        }
      }
      onDone(t('bar.attached', { names: activeTranslator().list(stored.attachments.map((attachment) => attachment.name)) }))
    } finally {
      setBusy(false)
    }
  }

  async function press(action: BarAction): Promise<void> {
    // Never `disabled` while busy: that would drop the keyboard focus out of the view.
    if (busy) return
    const state = availability.get(action)
    if (!state?.allowed) {
      setExplained(action)
      return
    }
    setError(null)
    if (action === 'attach') {
      fileInput.current?.click()
      return
    }
    if (action === 'acknowledge' || action === 'resume') {
      setBusy(true)
      const refused = await onOneClick(action)
      setBusy(false)
      if (refused) setError(refused)
      return
    }
    onOpenDialog(action)
  }

  const explanation = explained ? refusalOrNull(availability.get(explained)?.refusal) : null

  return (
    <section className="action-bar" aria-label={t('bar.actions')}>
      <div className="action-bar__buttons" role="toolbar" aria-label={t('bar.steps')}>
        {BAR_ACTIONS.map((action) => {
          const state = availability.get(action)
          const allowed = state?.allowed === true
          const reasonId = `${baseId}-${action}`
          return (
            <span key={action} className="action-bar__item">
              <button
                type="button"
                className={`button button--small${allowed && (action === 'acknowledge' || action === 'resolve') ? ' button--primary' : ''}`}
                aria-disabled={allowed ? undefined : true}
                aria-describedby={allowed ? undefined : reasonId}
                aria-keyshortcuts={KEYS[action]}
                title={allowed ? (ONE_CLICK_ACTIONS.includes(action) ? t('bar.oneClick') : undefined) : (refusalOrNull(state?.refusal) ?? undefined)}
                data-allowed={allowed}
                onClick={() => void press(action)}
                onMouseEnter={() => (allowed ? null : setExplained(action))}
                onFocus={() => setExplained(allowed ? null : action)}
              >
                {t(`bar.${action}`)}
              </button>
              {allowed ? null : (
                <span id={reasonId} className="visually-hidden">
                  {t('bar.notAvailable', { reason: refusalOrNull(state?.refusal) })}
                </span>
              )}
            </span>
          )
        })}
      </div>
      <input
        ref={fileInput}
        className="visually-hidden"
        type="file"
        multiple
        accept={ACCEPTED_FILE_TYPES}
        tabIndex={-1}
        aria-label={t('bar.files')}
        onChange={(event) => {
          void attach(event.target.files)
          event.target.value = ''
        }}
      />
      <p className="action-bar__why" aria-live="polite" data-empty={!explanation}>
        {explanation ? (
          <>
            <Rich id="bar.why" values={{ step: t(`bar.${explained!}`).replace('…', ''), reason: explanation }} />
          </>
        ) : (
          t('bar.hint')
        )}
      </p>
      {error ? (
        <p role="alert" className="form__error">
          {error}
        </p>
      ) : null}
    </section>
  )
}

/** Drawn again only when its props change: the incident view re-renders with every step taken in it. */
export const ActionBar = memo(ActionBarView)
