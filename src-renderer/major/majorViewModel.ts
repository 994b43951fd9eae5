import type { Incident } from '../../src-shared/incident/incident'
import type { Actor, PersonRef } from '../../src-shared/incident/roles'
import { countdownText } from './countdown'
import { t } from '../i18n/activeLanguage'

/**
 * What the major-incident view computes from the projection, kept apart from React so the
 * rules (when an update is due soon, how typed incident numbers are read, what a cascade
 * resolved) are tested on their own.
 */

/** An update is due soon in its last quarter of the cadence, or its last ten minutes, whichever is longer. */
export const UPDATE_DUE_SOON_SHARE = 0.25
export const UPDATE_DUE_SOON_MIN_MILLIS = 10 * 60_000

/**
 * - `none`: no update is promised (no cadence, or the last update promised none).
 * - `on_track`: the next update is due later.
 * - `due_soon`: the next update is due shortly: time to write it.
 * - `overdue`: the promised time has passed with no update.
 */
export type UpdateDueStatus = 'none' | 'on_track' | 'due_soon' | 'overdue'

export interface NextUpdateView {
  status: UpdateDueStatus
  dueAt: string | null
  remainingMillis: number | null
  /** "Next update due in 42 min", "Next update overdue by 5 min", "No update scheduled". */
  text: string
}

export function nextUpdateView(
  incident: Pick<Incident, 'nextMajorUpdateDueAt' | 'majorUpdateCadenceMinutes'>,
  nowMillis: number,
): NextUpdateView {
  const dueAt = incident.nextMajorUpdateDueAt
  if (!dueAt) return { status: 'none', dueAt: null, remainingMillis: null, text: t('major.next.none') }
  const remainingMillis = Date.parse(dueAt) - nowMillis
  const cadenceMillis = (incident.majorUpdateCadenceMinutes ?? 0) * 60_000
  const soonWindow = Math.max(cadenceMillis * UPDATE_DUE_SOON_SHARE, UPDATE_DUE_SOON_MIN_MILLIS)
  const status: UpdateDueStatus = remainingMillis <= 0 ? 'overdue' : remainingMillis <= soonWindow ? 'due_soon' : 'on_track'
  return { status, dueAt, remainingMillis, text: t('major.next', { countdown: countdownText(dueAt, nowMillis) }) }
}

export function updateDueLabel(status: UpdateDueStatus): string {
  return t(`major.due.${status}`)
}

export interface ParsedNumbers {
  /** Incident numbers as the desk stores them (INC0001234, NEW-ABC123-4), first occurrence only. */
  numbers: string[]
  /** Tokens that are not an incident number. */
  invalid: string[]
}

const NUMBER_PATTERN = /^(INC\d{1,12}|NEW-[A-Z0-9]{1,12}-\d{1,9})$/

/**
 * Reads a list of incident numbers as a person types or pastes it: separated by spaces, commas,
 * semicolons or new lines; case ignored; a bare number means INC and seven digits ("42" →
 * INC0000042), as the desk numbers them.
 */
export function parseIncidentNumbers(text: string): ParsedNumbers {
  const numbers: string[] = []
  const invalid: string[] = []
  for (const raw of text.split(/[\s,;]+/)) {
    const token = raw.trim().toUpperCase()
    if (token.length === 0) continue
    const number = /^\d{1,7}$/.test(token) ? `INC${token.padStart(7, '0')}` : /^INC\d{1,6}$/.test(token) ? `INC${token.slice(3).padStart(7, '0')}` : token
    if (!NUMBER_PATTERN.test(number)) {
      invalid.push(raw.trim())
      continue
    }
    if (!numbers.includes(number)) numbers.push(number)
  }
  return { numbers, invalid }
}

/** A comma- or line-separated list (affected services), trimmed, blanks and repeats dropped. */
export function splitList(text: string): string[] {
  return unique(text.split(/[,\n]/))
}

/** One item per line (follow-up actions, which may contain commas). */
export function splitLines(text: string): string[] {
  return unique(text.split('\n'))
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items.map((item) => item.trim()).filter((item) => item.length > 0))]
}

/** One incident's outcome when linking several as children at once. */
export type LinkOutcome =
  | { number: string; ok: true }
  | { number: string; ok: false; reason: string }

/** "Linked 2 child incidents: INC…, INC…." plus one sentence per refusal, so nothing fails silently. */
export function summarizeLinkOutcomes(outcomes: readonly LinkOutcome[]): { linked: string[]; refused: { number: string; reason: string }[]; text: string } {
  const linked = outcomes.filter((outcome) => outcome.ok).map((outcome) => outcome.number)
  const refused = outcomes.flatMap((outcome) => (outcome.ok ? [] : [{ number: outcome.number, reason: outcome.reason }]))
  const parts: string[] = []
  if (linked.length > 0) parts.push(t('major.linked', { count: linked.length, numbers: linked.join(', ') }))
  if (refused.length > 0) parts.push(t('major.notLinked', { count: refused.length }))
  if (parts.length === 0) parts.push(t('major.nothingToLink'))
  return { linked, refused, text: parts.join(' ') }
}

/** "Resolved INC0000001 and 3 child incidents." (children already resolved or closed are not counted). */
export function cascadeSummary(parentNumber: string, resolvedChildNumbers: readonly string[]): string {
  if (resolvedChildNumbers.length === 0) return t('major.cascade.alone', { number: parentNumber })
  return t('major.cascade', { number: parentNumber, count: resolvedChildNumbers.length, numbers: resolvedChildNumbers.join(', ') })
}

/**
 * People who can run this major incident, as far as this desk knows them: the person at the
 * desk, the current incident manager, and every incident manager (or admin) who has acted on
 * the incident. The desk has no directory of accounts; these are the people its log names.
 */
export function incidentManagerCandidates(
  actor: Actor,
  current: PersonRef | null,
  actorsSeen: readonly Actor[],
): PersonRef[] {
  const people = new Map<string, PersonRef>()
  const add = (person: PersonRef) => {
    if (!people.has(person.userId)) people.set(person.userId, { userId: person.userId, displayName: person.displayName })
  }
  if (current) add(current)
  add(actor)
  for (const seen of actorsSeen) if (seen.role === 'incident_manager' || seen.role === 'admin') add(seen)
  return [...people.values()]
}

/** Cadence choices (minutes) offered in the forms; the domain accepts any whole number. */
export const CADENCE_CHOICES = [15, 30, 60, 120, 240] as const

export function cadenceLabel(minutes: number): string {
  if (minutes < 60) return t('major.cadence.minutes', { minutes })
  if (minutes % 60 === 0) return t('major.cadence.hours', { hours: minutes / 60 })
  return t('major.cadence.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') })
}

/** Audiences an incident manager usually writes to; free text is allowed too. */
export function audienceSuggestions(): string[] {
  return [t('major.audience.all'), t('major.audience.executives'), t('major.audience.serviceDesk'), t('major.audience.customers'), t('major.audience.specialists')]
}
