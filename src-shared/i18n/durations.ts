import type { Translator } from './translator'

/**
 * Spans of time in words, one function per way the desk shows them, all through the catalog so
 * each language has its own units ("2h 05m" / "2 h 05"). Rounded down where a countdown must never
 * promise more time than is left; rounded to the nearest where a report compares figures.
 */
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const pad = (value: number) => String(value).padStart(2, '0')

/** The queue's SLA cell: "2h 05m", "45m", "3d 4h", "12d" (past ten days the hours are noise). */
export function compactDuration(ms: number, tr: Translator): string {
  const minutes = Math.floor(Math.abs(ms) / MINUTE)
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const rest = minutes % 60
  if (days >= 10) return tr.t('duration.compact.days', { days })
  if (days > 0) return tr.t('duration.compact.daysHours', { days, hours })
  if (hours > 0) return tr.t('duration.compact.hoursMinutes', { hours, minutes: pad(rest) })
  return tr.t('duration.compact.minutes', { minutes: rest })
}

/** An SLA clock's business time, to the minute: "2 d 4 h", "3 h 05 min", "12 min", "under a minute". */
export function clockDuration(ms: number, tr: Translator): string {
  const minutes = Math.floor(Math.abs(ms) / MINUTE)
  if (minutes < 1) return tr.t('duration.span.underMinute')
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const rest = minutes % 60
  if (days > 0) return hours > 0 ? tr.t('duration.span.daysHours', { days, hours }) : tr.t('duration.span.days', { days })
  if (hours > 0) return tr.t('duration.span.hoursMinutes', { hours, minutes: pad(rest) })
  return tr.t('duration.span.minutes', { minutes: rest })
}

/** A countdown a manager watches: minutes matter up to two days ("47 h 05 min"), then "4 d 6 h". */
export function countdownDuration(ms: number, tr: Translator): string {
  const span = Math.abs(ms)
  if (span < MINUTE) return tr.t('duration.span.lessThanMinute')
  if (span < HOUR) return tr.t('duration.span.minutes', { minutes: Math.floor(span / MINUTE) })
  if (span < 2 * DAY) return tr.t('duration.span.hoursMinutes', { hours: Math.floor(span / HOUR), minutes: pad(Math.floor((span % HOUR) / MINUTE)) })
  const days = Math.floor(span / DAY)
  const hours = Math.floor((span % DAY) / HOUR)
  return hours === 0 ? tr.t('duration.span.days', { days }) : tr.t('duration.span.daysHours', { days, hours })
}

/** A report figure, rounded to the nearest unit: "45 s", "45 min", "3 h 20 min", "2 d 4 h". */
export function figureDuration(ms: number, tr: Translator): string {
  if (ms < MINUTE) return tr.t('duration.span.seconds', { seconds: Math.round(ms / 1000) })
  if (ms < HOUR) return tr.t('duration.span.minutes', { minutes: Math.round(ms / MINUTE) })
  if (ms < DAY) {
    const hours = Math.floor(ms / HOUR)
    const minutes = Math.round((ms - hours * HOUR) / MINUTE)
    if (minutes === 0) return tr.t('duration.span.hours', { hours })
    if (minutes === 60) return tr.t('duration.span.hours', { hours: hours + 1 })
    return tr.t('duration.span.hoursMinutes', { hours, minutes })
  }
  const days = Math.floor(ms / DAY)
  const hours = Math.round((ms - days * DAY) / HOUR)
  if (hours === 0) return tr.t('duration.span.days', { days })
  if (hours === 24) return tr.t('duration.span.days', { days: days + 1 })
  return tr.t('duration.span.daysHours', { days, hours })
}
