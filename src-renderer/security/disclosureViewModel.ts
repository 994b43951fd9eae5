import type { ReminderIncident } from '../../src-shared/data/deskDataContract'
import type { Incident } from '../../src-shared/incident/incident'
import type { Actor } from '../../src-shared/incident/roles'
import { canSee } from '../../src-shared/incident/visibility'
import {
  computeDisclosureDeadlines,
  isBuiltInDeadline,
  type DisclosureDeadline,
  type DisclosureDeadlineDefinition,
  type DisclosureTrigger,
} from '../../src-shared/security/disclosure'
import { t } from '../i18n/activeLanguage'

/**
 * What the disclosure panel, the reminders and the exported timeline read from a security
 * incident, kept apart from React so the rules are tested on their own.
 */

export function triggerLabel(trigger: DisclosureTrigger): string {
  return t(`disclosureTrigger.${trigger}`)
}

/** What a deadline asks for, in the desk's language (a deadline defined elsewhere keeps its own label). */
export function deadlineLabel(definition: Pick<DisclosureDeadlineDefinition, 'id' | 'label'>): string {
  return isBuiltInDeadline(definition.id) ? t(`deadline.${definition.id}`) : definition.label
}

export type DisclosureFields = Pick<Incident, 'disclosure'>

/** The incident's deadlines at `nowMillis`, for the regimes it tracks. */
export function deadlinesOf(incident: DisclosureFields, nowMillis: number): DisclosureDeadline[] {
  const { triggers, regimes, submissions } = incident.disclosure
  return computeDisclosureDeadlines(triggers, regimes, new Date(nowMillis).toISOString(), { submissions })
}

/**
 * True when the deadline counts from its fallback trigger: an estimate that can only move
 * later once the real trigger is recorded (see DisclosureDeadlineDefinition.fallbackTrigger).
 */
export function isEstimate(deadline: DisclosureDeadline): boolean {
  return deadline.startedBy !== null && deadline.startedBy !== deadline.definition.trigger
}

/**
 * A `datetime-local` value ("2025-03-04T09:30"), read in the user's time zone, as an ISO
 * instant; null when it is not a complete, real date and time.
 */
export function localInputToIso(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim())
  if (!match) return null
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)))
  const date = new Date(year!, month! - 1, day!, hour!, minute!, second!)
  // Rejects 31 February and the like, which Date would roll into March.
  if (date.getFullYear() !== year || date.getMonth() !== month! - 1 || date.getDate() !== day) return null
  // A wall time skipped by a daylight-saving jump lands an hour later; the person meant the hour they typed.
  if (date.getHours() !== hour || date.getMinutes() !== minute) return null
  return date.toISOString()
}

/** The other way, for a default value: the instant in the user's zone, to the minute. */
export function isoToLocalInput(iso: string | number): string {
  const date = new Date(iso)
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** A deadline that needs someone now. */
export interface DisclosureReminder {
  incidentId: string
  incidentNumber: string
  shortDescription: string
  deadline: DisclosureDeadline
}

export type { ReminderIncident }

/**
 * Deadlines due soon or overdue across the security incidents `actor` may see, most urgent
 * (earliest due) first. Submitted and not-yet-started deadlines need nobody, so they are left out.
 */
export function selectReminders(incidents: readonly ReminderIncident[], actor: Actor, nowMillis: number): DisclosureReminder[] {
  const reminders: DisclosureReminder[] = []
  for (const incident of incidents) {
    if (!incident.isSecurity || !canSee(actor, incident) || incident.disclosure.regimes.length === 0) continue
    for (const deadline of deadlinesOf(incident, nowMillis)) {
      if (deadline.status !== 'due_soon' && deadline.status !== 'overdue') continue
      reminders.push({ incidentId: incident.id, incidentNumber: incident.number, shortDescription: incident.shortDescription, deadline })
    }
  }
  return reminders.sort((a, b) => Date.parse(a.deadline.dueAt!) - Date.parse(b.deadline.dueAt!))
}

/** The timeline's columns, in the desk's language (a document to read or file, not to import). */
export function timelineHeader(): string[] {
  return (['incident', 'entry', 'what', 'regime', 'basis', 'at', 'due', 'status', 'reference'] as const).map((column) => t(`disclosure.timeline.${column}`))
}

export type TimelineRow = [string, string, string, string, string, string, string, string, string]

/**
 * The disclosure timeline as table rows, in the order things happened: each trigger when it
 * happened, each deadline when its clock started (with its due time and where it stands), each
 * submission when it was made. Times are UTC ISO 8601, which spreadsheets and regulators read
 * without guessing a zone.
 */
export function timelineRows(incident: Pick<Incident, 'number' | 'disclosure'>, nowMillis: number): TimelineRow[] {
  const dated: { at: string; order: number; row: TimelineRow }[] = []
  const { triggers, references } = incident.disclosure
  for (const [trigger, at] of Object.entries(triggers) as [DisclosureTrigger, string | undefined][]) {
    if (!at) continue
    dated.push({ at, order: 0, row: [incident.number, t('disclosure.entry.trigger'), triggerLabel(trigger), '', '', at, '', '', ''] })
  }
  for (const deadline of deadlinesOf(incident, nowMillis)) {
    const { definition } = deadline
    const regime = t(`regime.${definition.regime}`)
    const status = t(`disclosureStatus.${deadline.status}`) + (isEstimate(deadline) ? t('disclosure.estimateSuffix') : '')
    dated.push({
      at: deadline.startedAt ?? '',
      order: 1,
      row: [incident.number, t('disclosure.entry.deadline'), deadlineLabel(definition), regime, definition.legalBasis, deadline.startedAt ?? '', deadline.dueAt ?? '', status, ''],
    })
    if (deadline.submittedAt) {
      dated.push({
        at: deadline.submittedAt,
        order: 2,
        row: [
          incident.number,
          t('disclosure.entry.submission'),
          deadlineLabel(definition),
          regime,
          definition.legalBasis,
          deadline.submittedAt,
          deadline.dueAt ?? '',
          t(`disclosureStatus.${deadline.status}`),
          references[definition.id] ?? '',
        ],
      })
    }
  }
  // Not-started deadlines (no instant) go last; ties keep triggers before what they start.
  return dated
    .sort((a, b) => (a.at === '' ? 1 : 0) - (b.at === '' ? 1 : 0) || a.at.localeCompare(b.at) || a.order - b.order)
    .map((entry) => entry.row)
}
