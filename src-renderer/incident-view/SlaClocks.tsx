import { useEffect, useId, useState, memo } from 'react'
import { useDomainConfig } from '../config/useOrgConfig'
import type { IncidentEvent } from '../../src-shared/events/events'
import { formatFullTimestamp, formatShortTimestamp } from '../incident/formatTimestamp'
import type { IncidentDetail } from '../../src-shared/data/deskDataContract'
import { describeClock, incidentSlaClocks } from './slaView'
import { t } from '../i18n/activeLanguage'
import { Rich } from '../i18n/Rich'
import type { ReactNode } from 'react'

/** How often the clocks re-read the time: they show minutes, so a few seconds is plenty. */
const TICK_MS = 5_000

/**
 * The current time, advanced by one interval for the whole view, and read afresh whenever
 * `refreshOn` changes (the incident's events): the clock function ignores events stamped after
 * `now`, so a step just taken (a resume) would otherwise show the old state until the next tick.
 */
export function useNow(refreshOn?: unknown, intervalMs = TICK_MS): string {
  const [now, setNow] = useState(() => new Date().toISOString())
  const [seen, setSeen] = useState(refreshOn)
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date().toISOString()), intervalMs)
    return () => window.clearInterval(timer)
  }, [intervalMs])
  if (seen !== refreshOn) {
    setSeen(refreshOn)
    setNow(new Date().toISOString())
  }
  return now
}

interface Props {
  events: readonly IncidentEvent[]
  /** The running clock's deadlines as stored. */
  deadlines: IncidentDetail['deadlines']
  now: string
}

/**
 * The response and resolution clocks: time left, breached, or paused while On Hold, computed
 * from the incident's own events with the shared SLA module (DESIGN §1 SLA).
 */
function SlaClocksView({ events, deadlines, now }: Props) {
  const headingId = useId()
  const config = useDomainConfig()
  const clocks = incidentSlaClocks(events, config, now)
  return (
    <section className="incident-view__section sla-clocks" aria-labelledby={headingId}>
      <h3 id={headingId} className="side-panel__section-title">
        {t('clocks.title')}
      </h3>
      {clocks ? (
        <ul className="sla-clocks__list">
          {[clocks.response, clocks.resolution].map((clock) => {
            const view = describeClock(clock)
            return (
              <li key={clock.target} className="sla-clock" data-tone={view.tone}>
                <div className="sla-clock__head">
                  <span className="sla-clock__title">{view.title}</span>
                  <span className="sla-clock__status">
                    <span aria-hidden="true">{TONE_ICONS[view.tone]} </span>
                    {view.status}
                  </span>
                </div>
                <p className="sla-clock__text">{view.text}</p>
                <div className="sla-clock__bar" aria-hidden="true">
                  <span style={{ width: `${view.percent}%` }} />
                </div>
                {clock.dueAt ? (
                  <p className="sla-clock__due">
                    <Rich
                      id="clocks.due"
                      values={{
                        at: formatShortTimestamp(clock.dueAt),
                        time: (chunks: ReactNode[]) => (
                          <time dateTime={clock.dueAt!} title={formatFullTimestamp(clock.dueAt!)}>
                            {chunks}
                          </time>
                        ),
                      }}
                    />
                  </p>
                ) : null}
              </li>
            )
          })}
        </ul>
      ) : deadlines.dueAt ? (
        <p className="side-panel__note">
          <Rich
            id="clocks.dueOnly"
            values={{
              clock: deadlines.clock ? t(`sla.${deadlines.clock}`) : t('clocks.running'),
              at: formatShortTimestamp(deadlines.dueAt),
              time: (chunks: ReactNode[]) => (
                <time dateTime={deadlines.dueAt!} title={formatFullTimestamp(deadlines.dueAt!)}>
                  {chunks}
                </time>
              ),
            }}
          />
        </p>
      ) : (
        <p className="side-panel__note">{t('sla.noneTitle')}</p>
      )}
    </section>
  )
}

const TONE_ICONS: Record<ReturnType<typeof describeClock>['tone'], string> = {
  on_track: '●',
  warning: '▲',
  breached: '✖',
  met: '✔',
  missed: '✖',
  canceled: '–',
  paused: '‖',
}

/** Drawn again only when its props change: the incident view re-renders with every step taken in it. */
export const SlaClocks = memo(SlaClocksView)
