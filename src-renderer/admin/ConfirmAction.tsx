import { useState } from 'react'
import { t } from '../i18n/activeLanguage'

/**
 * A button for a step that cannot be taken back (revoking a key or a token): the first press
 * asks, naming what will happen; only the second does it. Cancel puts the question away.
 */
export function ConfirmAction({ label, confirmLabel, busy, onConfirm }: { label: string; confirmLabel: string; busy: boolean; onConfirm: () => void }) {
  const [asking, setAsking] = useState(false)
  if (!asking) {
    return (
      <button type="button" className="button button--small button--quiet" disabled={busy} onClick={() => setAsking(true)}>
        {label}
      </button>
    )
  }
  return (
    <>
      <button
        type="button"
        className="button button--small button--danger"
        disabled={busy}
        onClick={() => {
          setAsking(false)
          onConfirm()
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button button--small button--quiet" onClick={() => setAsking(false)}>
        {t('common.cancel')}
      </button>
    </>
  )
}
