import { useOutboxCounts } from '../sync-status/useOutboxCounts'
import { useUiActions } from '../ui/uiHooks'
import { t } from '../i18n/activeLanguage'

/** Appears only when the server refused changes: they wait for a person, so say how many and where. */
export function OutboxProblemsButton() {
  const { outboxPanelOpened } = useUiActions()
  const refused = useOutboxCounts()?.refused
  if (!refused) return null
  return (
    <button
      type="button"
      className="button button--small button--warning"
      onClick={outboxPanelOpened}
      aria-haspopup="dialog"
      aria-label={t('outbox.button.label', { count: refused })}
    >
      <span className="button__badge" aria-hidden="true">
        {refused}
      </span>
      {t('outbox.button')}
    </button>
  )
}
