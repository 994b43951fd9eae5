import { useId, useState } from 'react'
import { describeEvent } from '../incident/describeEvent'
import { formatFullTimestamp, formatShortTimestamp } from '../incident/formatTimestamp'
import type { RefusedEvent } from '../sync/outboxProblems'
import { useSyncController } from '../sync-status/syncControllerContext'
import { useUiActions } from '../ui/uiHooks'
import { DiscardChangeDialog } from './DiscardChangeDialog'
import { t } from '../i18n/activeLanguage'

/** One refused change: which incident, what the change was, the server's reason, and what to do. */
export function RefusedChangeItem({ change }: { change: RefusedEvent }) {
  const headingId = useId()
  const controller = useSyncController()
  const { announced } = useUiActions()
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const number = change.incidentNumber ?? t('outbox.gone')
  const what = describeEvent(change.event)

  async function act(action: 'retry' | 'discard'): Promise<void> {
    setBusy(true)
    setError(null)
    const result = action === 'retry' ? await controller.retryRefused(change.eventId) : await controller.discardRefused(change.eventId)
    setBusy(false)
    setConfirming(false)
    if (!result.ok) {
      setError(t(`outbox.failure.${result.failure.kind}`, { reason: result.failure.message }))
      return
    }
    announced(action === 'retry' ? t('outbox.willResend', { what, number }) : t('outbox.discarded', { what, number }))
  }

  return (
    <li className="outbox__item" aria-labelledby={headingId}>
      <div className="outbox__summary">
        <h3 id={headingId} className="outbox__incident">
          <span className="outbox__number">{number}</span>
          {change.shortDescription ? <span className="outbox__title">{change.shortDescription}</span> : null}
        </h3>
        <p className="outbox__change">{what}</p>
        <p className="outbox__meta">
          {t('outbox.by', { name: change.event.actor.displayName, role: t(`role.${change.event.actor.role}`) })}{' '}
          <time dateTime={change.event.occurredAt} title={formatFullTimestamp(change.event.occurredAt)}>
            {formatShortTimestamp(change.event.occurredAt)}
          </time>
        </p>
        <p className="outbox__reason">
          <span className="outbox__reason-label">{t('outbox.said')}</span>
          {change.refusal.reason}
        </p>
        {error ? (
          <p className="form__error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div className="outbox__actions">
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() => void act('retry')}
          aria-describedby={headingId}
        >
          {t('common.retry')}
        </button>
        <button
          type="button"
          className="button button--small button--danger"
          disabled={busy}
          onClick={() => setConfirming(true)}
          aria-describedby={headingId}
        >
          {t('outbox.discardEllipsis')}
        </button>
      </div>
      {confirming ? (
        <DiscardChangeDialog
          number={number}
          what={what}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void act('discard')}
          busy={busy}
        />
      ) : null}
    </li>
  )
}
