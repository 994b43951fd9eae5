import type { DomainConfig } from '../../src-shared/config/domainConfig'
import type { IncidentEvent } from '../../src-shared/events/events'
import { computeSlaClocks, type SlaClock, type SlaClocks } from '../../src-shared/sla/clock'
import { t } from '../i18n/activeLanguage'

/**
 * The incident view's SLA clocks: the shared clock function over the incident's own events, so
 * the view, the queue and the reports agree to the millisecond. Null when this desk does not hold
 * the incident's start (a desk that began from the server's snapshot, before the older events
 * arrive): then the queue's stored deadline is all there is.
 */
export function incidentSlaClocks(events: readonly IncidentEvent[], config: DomainConfig, nowIso: string): SlaClocks | null {
  return computeSlaClocks(events, config.slaPolicy, config.calendars, nowIso)
}

/** "2 d 4 h", "3 h 05 min", "12 min", "under a minute": business time, to the minute. */
export function formatDuration(millis: number): string {
  const minutes = Math.floor(Math.abs(millis) / 60_000)
  if (minutes < 1) return 'under a minute'
  const days = Math.floor(minutes / (24 * 60))
  const hours = Math.floor((minutes % (24 * 60)) / 60)
  const rest = minutes % 60
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`
  if (hours > 0) return `${hours} h ${String(rest).padStart(2, '0')} min`
  return `${rest} min`
}

export interface ClockView {
  /** "Response", "Resolution". */
  title: string
  /** on_track | warning | breached | met | missed | canceled, plus paused (On Hold). */
  tone: SlaClock['status'] | 'paused'
  /** The status in words ("Breached", "Paused: On Hold"). */
  status: string
  /** What a person acts on: "2 h 10 min left", "breached 25 min ago", "met". */
  text: string
  /** 0–100, for the bar. */
  percent: number
}

const TITLES = { response: 'Response', resolution: 'Resolution' } as const

/** One clock, in words a desk agent reads at a glance; the colour only repeats them. */
export function describeClock(clock: SlaClock): ClockView {
  const title = TITLES[clock.target]
  const percent = Math.max(0, Math.min(100, clock.percent))
  const left = clock.remainingMillis
  if (clock.paused) {
    const share = clock.status === 'breached' ? `breached, ${formatDuration(left)} over` : `${formatDuration(left)} left`
    return { title, tone: 'paused', status: 'Paused: On Hold', text: `${share} when it resumes`, percent }
  }
  switch (clock.status) {
    case 'on_track':
    case 'warning':
      return { title, tone: clock.status, status: t(`slaStatus.${clock.status}`), text: `${formatDuration(left)} left`, percent }
    case 'breached':
      return { title, tone: 'breached', status: 'Breached', text: `${formatDuration(left)} over target`, percent }
    case 'met':
      return { title, tone: 'met', status: 'Met', text: `met with ${formatDuration(left)} to spare`, percent }
    case 'missed':
      return { title, tone: 'missed', status: 'Missed', text: `missed by ${formatDuration(left)}`, percent }
    case 'canceled':
      return { title, tone: 'canceled', status: 'Canceled', text: 'the incident was canceled', percent }
  }
}
