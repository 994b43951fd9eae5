import { useEffect, useState } from 'react'
import { activeTranslator, t } from '../i18n/activeLanguage'
import { countdownDuration } from '../../src-shared/i18n/durations'

/**
 * Countdowns for the clocks an incident manager and a security analyst watch: the next
 * stakeholder update, the regulators' deadlines. Pure formatting plus one ticking hook, so a
 * panel re-renders once a second from one interval, not one timer per row.
 */

/**
 * A span of time in whole units a person reads at a glance: "less than a minute", "42 min",
 * "3 h 05 min", "4 d 6 h". Rounded down, so a countdown never promises more time than is left.
 */
export function formatDuration(millis: number): string {
  return countdownDuration(millis, activeTranslator())
}

/** "due in 42 min", or "overdue by 5 min" from the due instant on (as an SLA is breached at 100 %). */
export function countdownText(dueAtIso: string, nowMillis: number): string {
  const remaining = Date.parse(dueAtIso) - nowMillis
  return remaining > 0 ? t('countdown.dueIn', { duration: formatDuration(remaining) }) : t('countdown.overdueBy', { duration: formatDuration(remaining) })
}

/**
 * The current time, updated every `intervalMillis` while the component is mounted: one interval
 * per panel, shared by every countdown in it.
 */
export function useNow(intervalMillis = 1_000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMillis)
    return () => window.clearInterval(timer)
  }, [intervalMillis])
  return now
}
