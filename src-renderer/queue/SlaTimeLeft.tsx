import type { QueueRow } from '../../src-shared/queue/queueRow'
import { slaStatus } from '../../src-shared/queue/queueView'

/** "2h 05m", "45m", "3d 4h": the largest two units, so the column stays narrow. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000)
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const rest = minutes % 60
  // Past ten days the hours are noise, and the column stays readable.
  if (days >= 10) return `${days}d`
  if (days > 0) return `${days}d ${hours}h`
  if (hours > 0) return `${hours}h ${String(rest).padStart(2, '0')}m`
  return `${rest}m`
}

/** What the SLA cell says, in words (colour only repeats it). */
export function describeSlaTimeLeft(row: Pick<QueueRow, 'slaDueMs' | 'slaWarningMs' | 'state' | 'slaClock'>, nowMs: number): string {
  const status = slaStatus(row, nowMs)
  if (status === 'none') return row.state === 'on_hold' ? 'Paused' : '—'
  const left = row.slaDueMs! - nowMs
  return status === 'breached' ? `${formatDuration(left)} over` : `${formatDuration(left)} left`
}

/** The SLA time left, relative to the queue's one ticking clock. */
export function SlaTimeLeft({ row, nowMs }: { row: QueueRow; nowMs: number }) {
  const status = slaStatus(row, nowMs)
  const text = describeSlaTimeLeft(row, nowMs)
  const clock = row.slaClock === 'response' ? 'Response' : 'Resolution'
  const title =
    status === 'none'
      ? row.state === 'on_hold'
        ? 'The SLA clock is paused while the incident is on hold.'
        : 'No SLA clock is running.'
      : `${clock} target ${new Date(row.slaDueMs!).toLocaleString()}`
  return (
    <span className="sla-left" data-sla={status} title={title}>
      {status === 'warning' || status === 'breached' ? (
        <span className="sla-left__marker" aria-hidden="true">
          {status === 'breached' ? '●' : '▲'}
        </span>
      ) : null}
      {text}
      {status === 'warning' ? <span className="visually-hidden"> (SLA warning)</span> : null}
      {status === 'breached' ? <span className="visually-hidden"> (SLA breached)</span> : null}
    </span>
  )
}
