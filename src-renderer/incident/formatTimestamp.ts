import type { Translator } from '../../src-shared/i18n/translator'
import { activeTranslator } from '../i18n/activeLanguage'

const TIME_ONLY: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' }
const DAY_AND_TIME: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }
const FULL: Intl.DateTimeFormatOptions = { dateStyle: 'full', timeStyle: 'long' }

/**
 * Timestamps already written out, per translator and form. Every render of the queue's rows and
 * of an incident's timeline writes the same few dozen instants again; formatting one through the
 * translator (its formatter cache keys each call on the options, serialized) took ~1 ms of page
 * time per local commit in a CPU profile of the Chromium bench's commits at 100k incidents, whose
 * p50 is ~3 ms.
 * A new language is a new translator, so a switch never shows the old one's words.
 */
let written: { translator: Translator; byKey: Map<string, string> } | null = null
/** Enough for every timestamp on screen many times over; past it the cache starts again. */
const MAX_WRITTEN = 5_000

function writtenOut(form: string, iso: string, options: Intl.DateTimeFormatOptions): string {
  const translator = activeTranslator()
  if (written?.translator !== translator || written.byKey.size >= MAX_WRITTEN) written = { translator, byKey: new Map() }
  const key = `${form}${iso}`
  let text = written.byKey.get(key)
  if (text === undefined) written.byKey.set(key, (text = translator.date(iso, options)))
  return text
}

/**
 * Compact for a table cell: the time alone for today, else the day and time, in the desk's
 * language and the user's time zone. Absolute rather than "5 min ago", so a row never needs a
 * ticking re-render to stay true.
 */
export function formatShortTimestamp(iso: string, now: Date = new Date()): string {
  return new Date(iso).toDateString() === now.toDateString() ? writtenOut('t', iso, TIME_ONLY) : writtenOut('d', iso, DAY_AND_TIME)
}

/** Unambiguous, for a tooltip. */
export function formatFullTimestamp(iso: string): string {
  return writtenOut('f', iso, FULL)
}
