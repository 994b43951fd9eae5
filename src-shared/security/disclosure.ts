import { DateTime } from 'luxon'
import { formatInstant, parseInstant } from '../sla/calendar'
import { addUsFederalBusinessDays } from './usFederalCalendar'

/**
 * Regulatory disclosure clocks for security incidents (DESIGN §1 Security incidents), as data
 * plus one pure function. Each deadline starts from its own trigger, an instant recorded on the
 * incident; the events that record triggers belong to the lifecycle, so this module only reads a
 * trigger map.
 *
 * The figures below are the law's outer limits. Most of these texts also say "without undue
 * delay": a deadline shown as running is not permission to wait. This is a tracking aid, not
 * legal advice; counsel decides which regimes apply to an incident.
 */

/**
 * - `gdpr`: a personal data breach under the EU General Data Protection Regulation.
 * - `nis2`: a significant incident at an essential or important entity (EU Directive 2022/2555).
 * - `dora`: a major ICT-related incident at an EU financial entity (Regulation 2022/2554). A
 *   financial entity reports under DORA instead of NIS2 (lex specialis), so one incident rarely
 *   runs both.
 * - `sec`: a material cybersecurity incident at an SEC registrant (Form 8-K Item 1.05).
 * - `hipaa`: a breach of unsecured protected health information (US HIPAA Breach Notification Rule).
 */
export const DISCLOSURE_REGIMES = ['gdpr', 'nis2', 'dora', 'sec', 'hipaa'] as const
export type DisclosureRegime = (typeof DISCLOSURE_REGIMES)[number]

export const DISCLOSURE_REGIME_LABELS: Record<DisclosureRegime, string> = {
  gdpr: 'GDPR',
  nis2: 'NIS2',
  dora: 'DORA',
  sec: 'SEC Form 8-K',
  hipaa: 'HIPAA',
}

/**
 * The moments that start disclosure clocks; record each when it happens, with the instant it
 * happened (not when it was typed in).
 * - `awareness`: the organisation became aware of the incident with reasonable certainty
 *   (GDPR "became aware", NIS2 "becoming aware", DORA's outer 24 h limit).
 * - `classified_major`: the incident was classified as major under DORA's criteria.
 * - `materiality_determined`: the registrant determined the incident is material (SEC).
 * - `discovery`: the breach was discovered, or would have been with reasonable diligence (HIPAA).
 * - `initial_notification_submitted`: the first formal notification went to the authority: under
 *   DORA the initial notification, under NIS2 the incident notification of Art. 23(4)(b).
 */
export const DISCLOSURE_TRIGGERS = [
  'awareness',
  'classified_major',
  'materiality_determined',
  'discovery',
  'initial_notification_submitted',
] as const
export type DisclosureTrigger = (typeof DISCLOSURE_TRIGGERS)[number]

/**
 * How long after its trigger a deadline falls.
 * - `hours`: wall-clock hours; nights, weekends and holidays all count.
 * - `days` / `months`: calendar days and months, counted in UTC; a month from 31 January ends on
 *   the last day of February (the earlier reading, so never late).
 * - `businessDays`: the end of the n-th business day after the trigger's day on the named calendar.
 */
export type DisclosureDuration = { hours: number } | { days: number } | { months: number } | { businessDays: number; calendar: 'us_federal' }

export interface DisclosureLimit {
  trigger: DisclosureTrigger
  duration: DisclosureDuration
}

export interface DisclosureDeadlineDefinition {
  id: string
  regime: DisclosureRegime
  /** What has to be done, for the person doing it. */
  label: string
  /** Where the deadline comes from, for the person checking it. */
  legalBasis: string
  trigger: DisclosureTrigger
  /**
   * Counted from this trigger while `trigger` has not happened yet. Used only where the real
   * deadline can only be later than this estimate, so the estimate is never late.
   */
  fallbackTrigger?: DisclosureTrigger
  duration: DisclosureDuration
  /** A second limit; the deadline is whichever of the two comes first. */
  alsoNoLaterThan?: DisclosureLimit
}

const BUILT_IN_DEADLINES = [
  {
    id: 'gdpr_supervisory_authority',
    regime: 'gdpr',
    label: 'Notify the supervisory authority of the personal data breach',
    legalBasis: 'GDPR Art. 33(1)',
    trigger: 'awareness',
    duration: { hours: 72 },
  },
  {
    id: 'nis2_early_warning',
    regime: 'nis2',
    label: 'Send the early warning to the CSIRT or competent authority',
    legalBasis: 'NIS2 Art. 23(4)(a)',
    trigger: 'awareness',
    duration: { hours: 24 },
  },
  {
    id: 'nis2_incident_notification',
    regime: 'nis2',
    label: 'Send the incident notification with an initial assessment',
    legalBasis: 'NIS2 Art. 23(4)(b)',
    trigger: 'awareness',
    duration: { hours: 72 },
  },
  {
    // The law counts a month from the incident notification's submission; until it is recorded,
    // a month from awareness is the earliest that date could be.
    id: 'nis2_final_report',
    regime: 'nis2',
    label: 'Send the final report',
    legalBasis: 'NIS2 Art. 23(4)(d)',
    trigger: 'initial_notification_submitted',
    fallbackTrigger: 'awareness',
    duration: { months: 1 },
  },
  {
    id: 'dora_initial_notification',
    regime: 'dora',
    label: 'Submit the initial notification of the major ICT-related incident',
    legalBasis: 'DORA Art. 19(4); Delegated Regulation (EU) 2025/301 Art. 5',
    trigger: 'classified_major',
    duration: { hours: 4 },
    alsoNoLaterThan: { trigger: 'awareness', duration: { hours: 24 } },
  },
  {
    // 72 h from the initial notification's submission; until it is recorded, from the
    // classification, which the submission can only follow.
    id: 'dora_intermediate_report',
    regime: 'dora',
    label: 'Submit the intermediate report',
    legalBasis: 'DORA Art. 19(4); Delegated Regulation (EU) 2025/301 Art. 5',
    trigger: 'initial_notification_submitted',
    fallbackTrigger: 'classified_major',
    duration: { hours: 72 },
  },
  {
    // The law counts a month from the latest updated intermediate report, which we do not record
    // yet; a month from the initial notification (or the classification) can only be earlier.
    id: 'dora_final_report',
    regime: 'dora',
    label: 'Submit the final report',
    legalBasis: 'DORA Art. 19(4); Delegated Regulation (EU) 2025/301 Art. 5',
    trigger: 'initial_notification_submitted',
    fallbackTrigger: 'classified_major',
    duration: { months: 1 },
  },
  {
    // The US Attorney General can delay this filing on national-security grounds; that decision
    // is recorded by hand, not modelled.
    id: 'sec_form_8k_item_1_05',
    regime: 'sec',
    label: 'File Form 8-K Item 1.05 for the material cybersecurity incident',
    legalBasis: 'Form 8-K Item 1.05 and General Instruction B.1',
    trigger: 'materiality_determined',
    duration: { businessDays: 4, calendar: 'us_federal' },
  },
  {
    id: 'hipaa_breach_notification',
    regime: 'hipaa',
    label: 'Notify affected individuals (and HHS and the media when 500 or more are affected)',
    legalBasis: '45 CFR 164.404(b), 164.406(b), 164.408(b)',
    trigger: 'discovery',
    duration: { days: 60 },
  },
] as const satisfies readonly DisclosureDeadlineDefinition[]

export const DISCLOSURE_DEADLINES: readonly DisclosureDeadlineDefinition[] = BUILT_IN_DEADLINES

export type DisclosureDeadlineId = (typeof BUILT_IN_DEADLINES)[number]['id']

/** The built-in deadlines' labels by id, the English the catalog words in other languages. */
export const DISCLOSURE_DEADLINE_LABELS = Object.fromEntries(BUILT_IN_DEADLINES.map((definition) => [definition.id, definition.label])) as Record<
  DisclosureDeadlineId,
  string
>

export function isBuiltInDeadline(id: string): id is DisclosureDeadlineId {
  return Object.hasOwn(DISCLOSURE_DEADLINE_LABELS, id)
}

/** A running deadline becomes due soon when less than this share of its window is left. */
export const DISCLOSURE_DUE_SOON_SHARE = 0.25

/**
 * - `not_started`: its trigger has not happened (or not been recorded).
 * - `running`: started, a quarter or more of the window left.
 * - `due_soon`: less than a quarter of the window left.
 * - `overdue`: the deadline has passed with nothing submitted.
 * - `submitted`: submitted by the deadline (or before any deadline started).
 * - `submitted_late`: submitted after the deadline.
 */
export const DISCLOSURE_STATUSES = ['not_started', 'running', 'due_soon', 'overdue', 'submitted', 'submitted_late'] as const
export type DisclosureStatus = (typeof DISCLOSURE_STATUSES)[number]

export const DISCLOSURE_STATUS_LABELS: Record<DisclosureStatus, string> = {
  not_started: 'Not started',
  running: 'Running',
  due_soon: 'Due soon',
  overdue: 'Overdue',
  submitted: 'Submitted',
  submitted_late: 'Submitted late',
}

export interface DisclosureDeadline {
  definition: DisclosureDeadlineDefinition
  /** The instant the deadline counts from; null until its trigger (or fallback) happens. */
  startedAt: string | null
  /** Which trigger it counts from: the fallback one marks an estimate that can only move later. */
  startedBy: DisclosureTrigger | null
  dueAt: string | null
  /** Wall-clock time to `dueAt`, negative once overdue; null when not started or submitted. */
  remainingMillis: number | null
  status: DisclosureStatus
  submittedAt: string | null
}

export type DisclosureTriggers = Partial<Record<DisclosureTrigger, string>>

export interface DisclosureOptions {
  /** When each deadline's report was submitted, by definition id. */
  submissions?: Readonly<Partial<Record<string, string>>>
  /** The deadlines to track; the built-in ones unless an admin configured others. */
  definitions?: readonly DisclosureDeadlineDefinition[]
}

/** The instant a duration after `fromIso` ends. */
export function addDisclosureDuration(fromIso: string, duration: DisclosureDuration): string {
  if ('businessDays' in duration) return addUsFederalBusinessDays(fromIso, duration.businessDays)
  const from = DateTime.fromMillis(parseInstant(fromIso), { zone: 'utc' })
  if ('hours' in duration) return formatInstant(from.plus({ hours: duration.hours }).toMillis())
  if ('days' in duration) return formatInstant(from.plus({ days: duration.days }).toMillis())
  return formatInstant(from.plus({ months: duration.months }).toMillis())
}

function startOf(definition: DisclosureDeadlineDefinition, triggers: DisclosureTriggers): DisclosureTrigger | null {
  if (triggers[definition.trigger] !== undefined) return definition.trigger
  if (definition.fallbackTrigger !== undefined && triggers[definition.fallbackTrigger] !== undefined) return definition.fallbackTrigger
  return null
}

function dueOf(definition: DisclosureDeadlineDefinition, triggers: DisclosureTriggers, startedAt: string): number {
  const due = parseInstant(addDisclosureDuration(startedAt, definition.duration))
  const limit = definition.alsoNoLaterThan
  const limitStart = limit ? triggers[limit.trigger] : undefined
  if (!limit || limitStart === undefined) return due
  return Math.min(due, parseInstant(addDisclosureDuration(limitStart, limit.duration)))
}

function runningStatus(remainingMillis: number, windowMillis: number): DisclosureStatus {
  if (remainingMillis <= 0) return 'overdue'
  return remainingMillis < windowMillis * DISCLOSURE_DUE_SOON_SHARE ? 'due_soon' : 'running'
}

function deadlineOf(definition: DisclosureDeadlineDefinition, triggers: DisclosureTriggers, now: number, submittedIso: string | undefined): DisclosureDeadline {
  const submittedAt = submittedIso === undefined ? null : formatInstant(parseInstant(submittedIso))
  const startedBy = startOf(definition, triggers)
  if (startedBy === null) {
    return { definition, startedAt: null, startedBy, dueAt: null, remainingMillis: null, status: submittedAt ? 'submitted' : 'not_started', submittedAt }
  }
  const started = parseInstant(triggers[startedBy]!)
  const due = dueOf(definition, triggers, formatInstant(started))
  const base = { definition, startedAt: formatInstant(started), startedBy, dueAt: formatInstant(due), submittedAt }
  if (submittedAt !== null) {
    return { ...base, remainingMillis: null, status: parseInstant(submittedAt) <= due ? 'submitted' : 'submitted_late' }
  }
  const remainingMillis = due - now
  return { ...base, remainingMillis, status: runningStatus(remainingMillis, due - started) }
}

/**
 * Every disclosure deadline of the given regimes at `nowIso`, in definition order. A deadline is
 * overdue from its due instant on, as an SLA is breached at 100 %.
 */
export function computeDisclosureDeadlines(
  triggers: DisclosureTriggers,
  regimes: readonly DisclosureRegime[],
  nowIso: string,
  options: DisclosureOptions = {},
): DisclosureDeadline[] {
  const now = parseInstant(nowIso)
  const definitions = options.definitions ?? DISCLOSURE_DEADLINES
  const submissions = options.submissions ?? {}
  return definitions
    .filter((definition) => regimes.includes(definition.regime))
    .map((definition) => deadlineOf(definition, triggers, now, submissions[definition.id]))
}
