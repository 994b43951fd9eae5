import type { QueueRow } from '../../src-shared/queue/queueRow'
import { slaStatus } from '../../src-shared/queue/queueView'
import { activeTranslator, t } from '../i18n/activeLanguage'
import { compactDuration } from '../../src-shared/i18n/durations'

/** "2h 05m", "45m", "3d 4h": the largest two units, so the column stays narrow. */
export function formatDuration(ms: number): string {
  return compactDuration(ms, activeTranslator())
}

/** What the SLA cell says, in words (colour only repeats it). */
export function describeSlaTimeLeft(row: Pick<QueueRow, 'slaDueMs' | 'slaWarningMs' | 'state' | 'slaClock'>, nowMs: number): string {
  const status = slaStatus(row, nowMs)
  if (status === 'none') return row.state === 'on_hold' ? t('sla.paused') : '—'
  const left = row.slaDueMs! - nowMs
  return status === 'breached' ? t('sla.over', { duration: formatDuration(left) }) : t('sla.left', { duration: formatDuration(left) })
}

/** The SLA time left, relative to the queue's one ticking clock. */
export function SlaTimeLeft({ row, nowMs }: { row: QueueRow; nowMs: number }) {
  const status = slaStatus(row, nowMs)
  const text = describeSlaTimeLeft(row, nowMs)
  const clock = row.slaClock === 'response' ? t('sla.response') : t('sla.resolution')
  const title =
    status === 'none'
      ? row.state === 'on_hold'
        ? t('sla.pausedTitle')
        : t('sla.noneTitle')
      : t('sla.targetTitle', { clock, at: activeTranslator().date(row.slaDueMs!, { dateStyle: 'medium', timeStyle: 'short' }) })
  return (
    <span className="sla-left" data-sla={status} title={title}>
      {status === 'warning' || status === 'breached' ? (
        <span className="sla-left__marker" aria-hidden="true">
          {status === 'breached' ? '●' : '▲'}
        </span>
      ) : null}
      {text}
      {status === 'warning' ? <span className="visually-hidden"> {t('sla.hidden.warning')}</span> : null}
      {status === 'breached' ? <span className="visually-hidden"> {t('sla.hidden.breached')}</span> : null}
    </span>
  )
}
