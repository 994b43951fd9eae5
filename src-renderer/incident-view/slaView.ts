import type { DomainConfig } from '../../src-shared/config/domainConfig'
import type { IncidentEvent } from '../../src-shared/events/events'
import { computeSlaClocks, type SlaClock, type SlaClocks } from '../../src-shared/sla/clock'
import { activeTranslator, t } from '../i18n/activeLanguage'
import { clockDuration } from '../../src-shared/i18n/durations'

/**
 * The incident view's SLA clocks: the shared clock function over the incident's own events, so
 * the view, the queue and the reports agree to the millisecond. Null when this desk does not hold
 * the incident's start (a desk that began from the server's snapshot, before the older events
 * arrive): then the queue's stored deadline is all there is.
 */
export function incidentSlaClocks(events: readonly IncidentEvent[], config: DomainConfig, nowIso: string): SlaClocks | null {
  return computeSlaClocks(events, config, nowIso)
}

/** "2 d 4 h", "3 h 05 min", "12 min", "under a minute": business time, to the minute. */
export function formatDuration(millis: number): string {
  return clockDuration(millis, activeTranslator())
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


/** One clock, in words a desk agent reads at a glance; the colour only repeats them. */
export function describeClock(clock: SlaClock): ClockView {
  const title = t(`sla.${clock.target}`)
  const percent = Math.max(0, Math.min(100, clock.percent))
  const left = clock.remainingMillis
  if (clock.paused) {
    const duration = formatDuration(left)
    const share = clock.status === 'breached' ? t('clock.pausedBreached', { duration }) : t('sla.left', { duration })
    return { title, tone: 'paused', status: t('clock.pausedStatus'), text: t('clock.whenResumes', { share }), percent }
  }
  switch (clock.status) {
    case 'on_track':
    case 'warning':
      return { title, tone: clock.status, status: t(`slaStatus.${clock.status}`), text: t('sla.left', { duration: formatDuration(left) }), percent }
    case 'breached':
      return { title, tone: 'breached', status: t('slaStatus.breached'), text: t('clock.overTarget', { duration: formatDuration(left) }), percent }
    case 'met':
      return { title, tone: 'met', status: t('slaStatus.met'), text: t('clock.metWith', { duration: formatDuration(left) }), percent }
    case 'missed':
      return { title, tone: 'missed', status: t('slaStatus.missed'), text: t('clock.missedBy', { duration: formatDuration(left) }), percent }
    case 'canceled':
      return { title, tone: 'canceled', status: t('slaStatus.canceled'), text: t('clock.canceled'), percent }
  }
}
