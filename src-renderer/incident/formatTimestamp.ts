const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })
const dayAndTime = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' })

/**
 * Compact for a table cell: the time alone for today, else the day and time, in the user's
 * locale and time zone. Absolute rather than "5 min ago", so a row never needs a ticking
 * re-render to stay true.
 */
export function formatShortTimestamp(iso: string, now: Date = new Date()): string {
  const date = new Date(iso)
  return date.toDateString() === now.toDateString() ? timeOfDay.format(date) : dayAndTime.format(date)
}

/** Unambiguous, for a tooltip. */
export function formatFullTimestamp(iso: string): string {
  return full.format(new Date(iso))
}
