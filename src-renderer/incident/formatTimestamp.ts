import { activeTranslator } from '../i18n/activeLanguage'

/**
 * Compact for a table cell: the time alone for today, else the day and time, in the desk's
 * language and the user's time zone. Absolute rather than "5 min ago", so a row never needs a
 * ticking re-render to stay true. Formatters are cached per locale inside the translator.
 */
export function formatShortTimestamp(iso: string, now: Date = new Date()): string {
  const date = new Date(iso)
  const options: Intl.DateTimeFormatOptions =
    date.toDateString() === now.toDateString() ? { hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }
  return activeTranslator().date(date, options)
}

/** Unambiguous, for a tooltip. */
export function formatFullTimestamp(iso: string): string {
  return activeTranslator().date(iso, { dateStyle: 'full', timeStyle: 'long' })
}
